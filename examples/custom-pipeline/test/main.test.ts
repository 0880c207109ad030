import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtDistIsFresh } from '../../../test-support/builtDist';

// The published example runs as a user runs it (`node main.mjs` against the built packages).
const built = ['backend', 'data', 'fcn', 'metrics', 'quantize', 'suggestive'].every((p) => builtDistIsFresh(p));
const main = resolve(import.meta.dirname, '..', 'main.mjs');

describe.skipIf(!built)(
  `examples/custom-pipeline${built ? '' : ' (skipped: pnpm build first — a package dist is missing or older than its sources)'}`,
  () => {
    it('node main.mjs: 2 suggestion rounds annotate 8 pool images, scores the test set, prints the packed 6-bit size table; exit 0', () => {
      const run = spawnSync(process.execPath, [main], {
        cwd: resolve(import.meta.dirname, '..'),
        encoding: 'utf8',
        timeout: 280_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^round 1\/2$/m);
      expect(run.stdout).toMatch(/^round 2\/2$/m);
      expect(run.stdout.match(/^annotated \(in order\): (.*)$/m)?.[1]?.split(', ')).toHaveLength(8);
      expect(run.stdout).toMatch(
        /^test \(pooled\): F1 [01]\.\d{3}, object Dice [01]\.\d{3}, object Hausdorff [\d.]+$/m,
      );
      expect(run.stdout).toMatch(
        /\| \*\*quantized tensors\*\* \(\d+\) \| \d+ weights \| codes \| \d+ \| \d+ \| 5\.33× \|/,
      );
    });
  },
);
