import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtDistIsFresh } from './__fixtures__/builtDist';
import { createTestFcn, discSamples } from './test';
import { trainFcn } from './trainFcn';

// The child runs built JavaScript: this suite needs a fresh `pnpm --filter @qfcn/fcn build`.
const child = fileURLToPath(new URL('./__fixtures__/killableTraining.mjs', import.meta.url));
const built = builtDistIsFresh();

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

describe.skipIf(!built)(
  'trainFcn killed by SIGKILL (skipped unless dist/ is built and newer than src/: the child process runs it)',
  () => {
    it('a process killed after step 4 of 12 and resumed here ends with bit-identical weights', async () => {
      const options = { epochs: 6, batchSize: 2, crop: 16, seed: 11 };
      const samples = discSamples(3, { seed: 4 });
      const reference = createTestFcn({ seed: 1 });
      await trainFcn(reference, samples, options);

      const path = join(mkdtempSync(join(tmpdir(), 'qfcn-kill-')), 'run.ckpt');
      const proc = spawn(process.execPath, [child, path, String(options.epochs)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      const killedAt = await new Promise<number>((resolve, reject) => {
        proc.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const steps = [...out.matchAll(/step (\d+)/g)].map((m) => Number(m[1]));
          if (steps.length > 0 && steps[steps.length - 1]! >= 4 && !proc.killed) {
            proc.kill('SIGKILL');
            resolve(steps[steps.length - 1]!);
          }
        });
        proc.on('exit', (code, signal) => {
          if (signal !== 'SIGKILL') reject(new Error(`child exited (${code}) before it was killed: ${out}`));
        });
      });
      await new Promise((r) => proc.on('close', r));
      expect(out).not.toContain('done');

      const resumed = createTestFcn({ seed: 99 });
      const result = await trainFcn(resumed, samples, { ...options, checkpoint: { path }, resume: true });
      // progress for step N is reported before step N's checkpoint is written: the kill may land
      // before, during (the atomic rename keeps the old file) or after that write
      expect(result.resumedFrom!.step).toBeGreaterThanOrEqual(killedAt - 1);
      expect(result.resumedFrom!.step).toBeLessThan(12);
      expect(resumed.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(
        reference.getWeights().map((w) => Array.from(w.dataSync())),
      );
      reference.dispose();
      resumed.dispose();
    });
  },
);
