import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtDistIsFresh } from '../../../test-support/builtDist';

// The published example runs as a user runs it (`node main.mjs` against the built package).
const built = builtDistIsFresh('quantize');
const main = resolve(import.meta.dirname, '..', 'main.mjs');

describe.skipIf(!built)(
  `examples/quantize-any-model${built ? '' : ' (skipped: pnpm build first — the quantize dist is missing or older than its sources)'}`,
  () => {
    it('node main.mjs: INQ at 3 and 5..7 bits on a plain tfjs model, each reloaded from its packed bytes with identical predictions; 5 bits stores kernels 6.40× smaller; exit 0', () => {
      const run = spawnSync(process.execPath, [main], {
        cwd: resolve(import.meta.dirname, '..'),
        encoding: 'utf8',
        timeout: 280_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Float32 model \(8 epochs\): test accuracy [\d.]+ %/m);
      expect(run.stdout.match(/reloaded from \d+ bytes: identical predictions/g)?.length).toBeGreaterThanOrEqual(4);
      expect(run.stdout).toMatch(/^\| INQ 5 bit \| [\d.]+ % \| \d+ \| [\d.]+× \| 6\.40× \(32\/5 = 6\.40\) \|$/m);
    });
  },
);
