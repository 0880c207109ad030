import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A redis-server of a test's own, on a free loopback port. */
export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` (no password) or with `password`, `redis://:<password>@127.0.0.1:<port>`. */
  readonly url: string;
  /** Kills the server (SIGKILL: nothing saved; it starts empty again). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  /** Kills it and removes its folder. */
  stop(): Promise<void>;
}

/** The `redis-server` executable: `QFCN_REDIS_SERVER`, else the first on PATH; null when there is none. */
export function findRedisServer(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const candidates = env.QFCN_REDIS_SERVER
    ? [env.QFCN_REDIS_SERVER]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, 'redis-server'));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts `redis-server` on a free loopback port in a fresh temporary folder, without persistence.
 *
 * When to use: tests of queue code against a real Redis; skip the suite when
 * {@link findRedisServer} returns null (Debian: `apt-get install redis-server`).
 *
 * Details: binds 127.0.0.1 only; `password` sets `requirepass`. Resolves once the port accepts
 * connections (at most 10 s).
 *
 * @example
 * const redis = await startRedis(findRedisServer()!);
 * try { ... redis.url ... } finally { await redis.stop(); }
 */
export async function startRedis(executable: string, options: { password?: string } = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-redis-'));
  let proc: ChildProcess | undefined;
  const launch = async () => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--protected-mode',
      'no',
    ];
    if (options.password) args.push('--requirepass', options.password);
    proc = spawn(executable, args, { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!(await accepts(port))) {
      if (Date.now() > deadline || proc.exitCode !== null)
        throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = async () => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  };
  await launch();
  return {
    port,
    url: options.password ? `redis://:${options.password}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`,
    kill,
    restart: launch,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
