import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../initBackend';
import { resolveWasmDir } from '../resolveWasmDir';
import { runInWorkers } from '../runInWorkers';
import { MAX_WASM_THREADS, registerThreadedWasm } from './registerThreadedWasm';
// @ts-expect-error plain .mjs fixture without types
import { seededProblem } from '../__fixtures__/threadedProblem.mjs';

const expectedThreads = Math.min(MAX_WASM_THREADS, availableParallelism());

describe('registerThreadedWasm', () => {
  it('bad thread counts (0, 9, 1.5): InvalidArgumentError', () => {
    for (const bad of [0, 9, 1.5]) {
      expect(() => registerThreadedWasm(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it(`initBackend('wasm') in the main thread runs XNNPACK on ${expectedThreads} thread(s); conv2d 2x48x48x16 -> 24 and matMul 96x200x72 equal stock single-threaded wasm bit for bit`, async () => {
    const info = await initBackend('wasm', { log: false });
    expect(info.threads).toBe(expectedThreads);
    expect(info.reason).toContain(`${expectedThreads} thread`);
    const mine = tf.tidy(() => {
      const { x, w, a, b } = seededProblem(tf);
      return {
        conv: Array.from(tf.conv2d(x, w, 1, 'same').dataSync()),
        matMul: Array.from(tf.matMul(a, b).dataSync()),
      };
    });
    const [stock] = await runInWorkers<unknown, { backend: string; threads: number; conv: number[]; matMul: number[] }>(
      new URL('../__fixtures__/stockWasmWorker.mjs', import.meta.url),
      [{}],
      { workers: 1, workerData: { wasmDir: resolveWasmDir() } },
    );
    expect(stock!.backend).toBe('wasm');
    expect(stock!.threads).toBe(1);
    expect(mine.conv).toEqual(stock!.conv);
    expect(mine.matMul).toEqual(stock!.matMul);
    // once wasm is up, the factory cannot be swapped
    expect(registerThreadedWasm(2)).toEqual({ ok: false, reason: 'the wasm backend is already initialized' });
    await tf.setBackend('cpu');
  });
});

const built = new URL('../../dist/index.js', import.meta.url);

/** Runs an ES module script in a fresh Node process from this folder (20 s limit). */
function runNode(lines: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', lines.join('\n')], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    encoding: 'utf8',
    timeout: 20_000,
    env,
  });
}
describe.skipIf(!existsSync(built))(
  'threaded wasm in a separate Node process (uses dist/: skipped until `pnpm build`)',
  () => {
    it('temp folder not writable (TMPDIR=/nonexistent/…): initBackend falls back to one thread and says why', () => {
      const run = runNode(
        [
          "await import('@tensorflow/tfjs');",
          `const { initBackend } = await import(${JSON.stringify(built.href)});`,
          "const info = await initBackend('wasm', { log: false, wasmThreads: 2 });",
          'console.log(JSON.stringify({ threads: info.threads, reason: info.reason }));',
        ],
        { ...process.env, TMPDIR: '/nonexistent/qfcn-tmp' },
      );
      expect(run.status).toBe(0);
      const info = JSON.parse(run.stdout.trim());
      expect(info.threads).toBe(1);
      expect(info.reason).toMatch(/threaded build unavailable \(cannot set up its worker script/);
    });

    it('a corrupt threaded binary: initBackend falls back to one thread (no hang) and says the threaded build failed to start', () => {
      const dir = mkdtempSync(join(tmpdir(), 'qfcn-wasm-bad-'));
      for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'])
        copyFileSync(join(resolveWasmDir(), name), join(dir, name));
      writeFileSync(join(dir, 'tfjs-backend-wasm-threaded-simd.wasm'), 'not a wasm module');
      const run = runNode([
        "await import('@tensorflow/tfjs');",
        `const { initBackend } = await import(${JSON.stringify(built.href)});`,
        `const info = await initBackend('wasm', { log: false, wasmThreads: 2, wasmDir: ${JSON.stringify(`${dir}/`)} });`,
        'console.log(JSON.stringify({ threads: info.threads, reason: info.reason }));',
      ]);
      expect(run.signal).toBeNull();
      expect(run.status).toBe(0);
      const info = JSON.parse(run.stdout.trim().split('\n').pop()!);
      expect(info.threads).toBe(1);
      expect(info.reason).toMatch(/threaded build failed to start/);
    });

    it('an uncaught error after threaded wasm started is reported by Node as usual: exit code 1, its message, no glue source', () => {
      const run = runNode([
        `const { initBackend } = await import(${JSON.stringify(built.href)});`,
        "await import('@tensorflow/tfjs');",
        "await initBackend('wasm', { log: false, wasmThreads: 2 });",
        "setTimeout(() => { throw new Error('boom from the program'); }, 0);",
      ]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('boom from the program');
      expect(run.stderr.length).toBeLessThan(5000); // not the 100 kB line of Emscripten's glue
    });

    it("a program that used threaded wasm exits by itself (pool workers unref'd) with exit code 0", () => {
      const run = runNode([
        "import * as tf from '@tensorflow/tfjs';",
        `const { initBackend } = await import(${JSON.stringify(built.href)});`,
        "const info = await initBackend('wasm', { log: false, wasmThreads: 2 });",
        "const s = tf.conv2d(tf.ones([1, 32, 32, 4]), tf.ones([3, 3, 4, 4]), 1, 'same').sum().dataSync()[0];",
        'console.log(JSON.stringify({ threads: info.threads, s }));',
      ]);
      expect(run.signal).toBeNull(); // not killed by the timeout
      expect(run.status).toBe(0);
      // ones * ones over a 3x3x4 window: 36 inside, 24 on edges, 16 at corners
      expect(JSON.parse(run.stdout.trim())).toEqual({ threads: 2, s: 4 * (30 * 30 * 36 + 4 * 30 * 24 + 4 * 16) });
    });
  },
);
