import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtDistIsFresh } from '../../../../test-support/builtDist';
import { experimentSettings } from './experimentSettings';
import { resolveOptions, type ReproduceOptions } from './options';
import { prepareDataset } from './prepareDataset';
import { runCellsInParallel } from './runCellsInParallel';
import { runReproduction } from './runReproduction';
import { StepStore } from './stepStore';

// The children run the built CLI (dist/reproduceCellsWorker.js), which bundles cli and fcn.
const built = builtDistIsFresh('cli', 'reproduceCellsWorker.js', [
  'cli',
  'fcn',
  'data',
  'metrics',
  'quantize',
  'suggestive',
]);
const workerModule = resolve(import.meta.dirname, '..', '..', 'dist', 'reproduceCellsWorker.js');

// the miniature experiment of runReproduction.test.ts, one seed, on wasm
const tiny: ReproduceOptions = {
  preset: 'tiny',
  bits: [5],
  qsaBits: [5],
  members: [1],
  suggestMembers: 2,
  seeds: 1,
  steps: 8,
  inqSteps: 4,
  crop: 32,
  backend: 'wasm',
  synthetic: { train: 6, testA: 2, testB: 1, size: 64 },
};

describe.skipIf(!built)(
  `runCellsInParallel${built ? '' : ' (skipped: build the CLI first, pnpm build — its dist is missing or older than the sources)'}`,
  () => {
    it('5 cells of 1 seed on 2 processes: the same rows, bit for bit, as the sequential run; the report step only assembles', async () => {
      const sequential = await runReproduction({ ...tiny, out: mkdtempSync(join(tmpdir(), 'qfcn-seq-')) });
      const out = mkdtempSync(join(tmpdir(), 'qfcn-par-'));
      const o = resolveOptions({ ...tiny, out });
      const store = new StepStore(o.out, experimentSettings(o));
      await prepareDataset(o);
      const lines: string[] = [];
      await runCellsInParallel(o, { ...tiny, out }, store, { workers: 2, workerModule, log: (l) => lines.push(l) });
      expect(lines[0]).toMatch(/^5 cells on 2 worker processes, \d+ thread\(s\) each$/);
      expect(lines.filter((l) => / finished \(\d\/5 cells done\)$/.test(l))).toHaveLength(5);
      expect(
        new Set(
          lines
            .filter((l) => / started /.test(l))
            .map((l) => l.replace(/^\[worker \d\] /, '').replace(/ started.*/, '')),
        ),
      ).toEqual(new Set(['seed 1 random', 'seed 1 fg-random', 'seed 1 SA', 'seed 1 QSA-5', 'seed 1 all']));
      expect(readdirSync(out)).not.toContain('.claims');
      const parallel = await runReproduction({ ...tiny, out });
      expect(parallel.rows).toEqual(sequential.rows);
    }, 600_000);

    it('a worker that dies: the error names the worker and its exit code, and no claim files stay behind', async () => {
      const out = mkdtempSync(join(tmpdir(), 'qfcn-par-fail-'));
      const bad = join(out, 'dies.mjs');
      writeFileSync(bad, "process.stderr.write('out of memory\\n'); process.exit(3);\n");
      const o = resolveOptions({ ...tiny, out });
      const store = new StepStore(o.out, experimentSettings(o));
      await expect(runCellsInParallel(o, { ...tiny, out }, store, { workers: 2, workerModule: bad })).rejects.toThrow(
        /reproduce worker \d failed \(exit 3\): out of memory/,
      );
      expect(readdirSync(out)).not.toContain('.claims');
    });

    it('one worker, or fewer than 2 unfinished cells: does nothing (the caller runs the cells itself)', async () => {
      const out = mkdtempSync(join(tmpdir(), 'qfcn-par-one-'));
      const o = resolveOptions({ ...tiny, out });
      const store = new StepStore(o.out, experimentSettings(o));
      const lines: string[] = [];
      await runCellsInParallel(o, { ...tiny, out }, store, {
        workers: 1,
        workerModule: '/nonexistent.mjs',
        log: (l) => lines.push(l),
      });
      expect(lines).toEqual([]);
    });
  },
);
