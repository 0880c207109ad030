import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRedisServer, startRedis, type TestRedis } from '@qfcn/queue/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import { builtDistIsFresh } from '../../../../test-support/builtDist';
import { capture, folderDataset } from '../testing';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const server = findRedisServer();
// workers run the built CLI (and the built packages it uses)
const built = builtDistIsFresh('cli', 'queueProcessor.js', ['cli', 'queue', 'fcn']);
const recipe = ['--preset', 'tiny', '--members', '3', '--epochs', '10', '--crop', '32', '--backend', 'wasm', '--quiet'];

/** ensemble.json without the run times (they differ from run to run; everything else must not). */
const withoutTimes = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8'), (key, value: unknown) =>
    key === 'seconds' || key === 'imagesPerSecond' ? undefined : value,
  );

describe('qfcn worker / train --queue: refusals before any work', () => {
  it('bad queue options exit 2 naming the problem, and never print a password', async () => {
    const data = folderDataset(3, 5, 'qfcn-queue-bad-');
    const out = join(mkdtempSync(join(tmpdir(), 'qfcn-queue-bad-out-')), 'm');
    const cases: [string[], RegExp][] = [
      [['train', '--data', data, '--out', out, '--queue', 'redis://127.0.0.1:1'], /--queue and --store go together/],
      [
        ['train', '--data', data, '--out', out, '--queue', 'http://:pw@h', '--store', data],
        /scheme must be redis:\/\/ or rediss:\/\//,
      ],
      [
        ['train', '--data', data, '--out', out, '--queue', 'redis://h', '--store', join(data, 'nope')],
        /--store .*nope is not a folder/,
      ],
      [['worker', '--store', data], /missing required option --queue/],
      [['worker', '--queue', 'redis://:pw@h/x', '--store', data], /database number/],
      [
        ['worker', '--queue', 'redis://h', '--store', data, '--concurrency', '0'],
        /--concurrency must be a positive integer/,
      ],
      [
        ['worker', '--queue', 'redis://h', '--store', data, '--threads', '0'],
        /--threads must be an integer in 1\.\.64/,
      ],
      [['queue', 'stats', '--queue', 'redis://h'], /unknown sub-command 'stats'/],
      [['reproduce', '--queue', 'redis://h', '--store', data, '--fresh'], /--fresh does nothing with --queue/],
      [
        ['reproduce', '--queue', 'redis://h', '--store', data, '--out', join(data, 'img0.png')],
        /--out .*img0\.png is a file/,
      ],
    ];
    for (const [args, message] of cases) {
      const io = capture();
      expect(await main([...args, ...(args[0] === 'train' ? ['--preset', 'tiny', '--quiet'] : [])], io)).toBe(2);
      expect(io.stderr).toMatch(message);
      expect(io.stderr).not.toContain(':pw@');
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe.skipIf(!server || !built)(
  'qfcn train --queue with worker processes on a real Redis (skipped unless redis-server is on PATH — apt-get install redis-server — and packages/cli/dist is built and fresh: workers run it)',
  () => {
    let redis: TestRedis;
    const workers: ChildProcess[] = [];
    const logs: string[] = [];
    beforeAll(async () => {
      redis = await startRedis(server!, { password: 'queue-test-pw' });
    });
    afterAll(async () => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
      await redis?.stop();
    });

    it('3 members on 3 worker processes, one SIGKILLed mid-member: the job resumes elsewhere from its checkpoint and the ensemble equals the local one bit for bit', async () => {
      const store = mkdtempSync(join(tmpdir(), 'qfcn-store-'));
      const work = mkdtempSync(join(tmpdir(), 'qfcn-queue-run-'));
      const data = join(store, 'data');
      mkdirSync(data);
      const source = folderDataset(5, 60, 'qfcn-queue-data-');
      for (const f of readdirSync(source)) copyFileSync(join(source, f), join(data, f));

      const local = capture();
      expect(await main(['train', '--data', data, '--out', join(work, 'local'), ...recipe], local)).toBe(0);

      for (let i = 0; i < 3; i++) {
        const w = spawn(
          process.execPath,
          [
            bin,
            'worker',
            '--queue',
            redis.url,
            '--store',
            store,
            '--threads',
            '1',
            '--backend',
            'wasm',
            '--lock-seconds',
            '2',
          ],
          {
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        logs[i] = '';
        w.stderr!.on('data', (chunk: Buffer) => (logs[i] += chunk.toString()));
        workers.push(w);
      }
      const submitter = capture();
      let settled = false;
      const submitted = main(
        [
          'train',
          '--data',
          data,
          '--out',
          join(work, 'queued'),
          ...recipe.filter((a) => a !== '--quiet'),
          '--queue',
          redis.url,
          '--store',
          store,
        ],
        submitter,
      ).finally(() => (settled = true));

      // kill the worker of the first member that has a checkpoint but has not finished
      let killed: { worker: number; member: number } | undefined;
      const deadline = Date.now() + 120_000;
      while (!killed && !settled && Date.now() < deadline) {
        const run = existsSync(join(store, 'train')) ? readdirSync(join(store, 'train'))[0] : undefined;
        for (let m = 0; run && m < 3 && !killed; m++) {
          const dir = join(store, 'train', run);
          if (!existsSync(join(dir, `member-${m}.ckpt`)) || existsSync(join(dir, `member-${m}.done.json`))) continue;
          const w = logs.findIndex(
            (l) =>
              l.includes(`member ${m + 1}/3 (attempt`) &&
              !l.includes(`finished train ${run.slice(0, 8)} member ${m + 1}/3`),
          );
          if (w < 0) continue;
          workers[w]!.kill('SIGKILL');
          killed = { worker: w, member: m };
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(killed).toBeDefined();
      expect(await submitted).toBe(0);

      // another worker took the job over and resumed it from the member's checkpoint
      const title = `member ${killed!.member + 1}/3`;
      const others = logs.filter((_, i) => i !== killed!.worker).join('');
      expect(others).toMatch(new RegExp(`finished train \\w+ ${title} in [\\d.]+ s \\(resumed\\)`));
      expect(logs[killed!.worker]).not.toMatch(new RegExp(`finished train \\w+ ${title}`));
      // the submitter showed which worker ran what, and never the password
      expect(submitter.stderr).toMatch(/running {2}train \w+ member \d\/3 on \S+#\d+/);
      expect(submitter.stderr).toMatch(/jobs: 3 — 0 queued, 0 running, 3 done, 0 failed/);
      expect(submitter.stderr + logs.join('')).not.toContain('queue-test-pw');

      for (let m = 0; m < 3; m++) {
        const file = `member-${m}/weights.bin`;
        expect(readFileSync(join(work, 'queued', file)).equals(readFileSync(join(work, 'local', file)))).toBe(true);
      }
      expect(withoutTimes(join(work, 'queued', 'ensemble.json'))).toEqual(
        withoutTimes(join(work, 'local', 'ensemble.json')),
      );

      const status = capture();
      expect(await main(['queue', 'status', '--queue', redis.url], status)).toBe(0);
      expect(status.stdout).toContain('redis://:***@127.0.0.1');
      expect(status.stdout).toMatch(/jobs: 3 — 0 queued, 0 running, 3 done, 0 failed/);
      expect(status.stdout).not.toContain('queue-test-pw');
    }, 240_000);
  },
);
