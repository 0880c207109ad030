/**
 * The child process of a local parallel `qfcn reproduce` (built to `dist/reproduceCellsWorker.js`,
 * forked by {@link runCellsInParallel}). It opens the same step store as its parent, then takes
 * unfinished cells one at a time — a cell is taken by creating its claim file exclusively, so two
 * children never compute the same cell — longest first, and computes each with `runCell`, every
 * step stored as in a sequential run. Progress goes to the parent as IPC messages.
 */
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressEvent } from '@qfcn/contract';
import { initCliBackend } from '../backend';
import { exitWithParent } from '../queue/exitWithParent';
import { cellStep, experimentCells, runCell } from './experimentCells';
import { experimentSettings } from './experimentSettings';
import { resolveOptions, type ReproduceOptions } from './options';
import { prepareDataset } from './prepareDataset';
import { StepStore } from './stepStore';

/** What the parent hands a child (as JSON in `QFCN_REPRODUCE_CELLS`). */
export interface CellsWorkerJob {
  readonly options: ReproduceOptions;
  readonly claims: string;
  readonly worker: number;
  readonly wasmThreads?: number;
}

/** Messages a child sends its parent. */
export type CellsWorkerMessage =
  | { readonly kind: 'cell'; readonly seed: number; readonly cell: string; readonly state: 'started' | 'finished' }
  | { readonly kind: 'progress'; readonly event: ProgressEvent };

/** Takes the claim of a cell; false when another child holds it. */
function claim(dir: string, seed: number, cell: string): boolean {
  try {
    closeSync(openSync(join(dir, `seed-${seed}-${cell}`), 'wx'));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

async function main(): Promise<void> {
  exitWithParent();
  const job = JSON.parse(process.env.QFCN_REPRODUCE_CELLS ?? 'null') as CellsWorkerJob | null;
  if (!job) throw new Error('QFCN_REPRODUCE_CELLS is not set: this module is started by qfcn reproduce');
  const send = (m: CellsWorkerMessage) => process.send?.(m);
  const o = resolveOptions(job.options);
  await initCliBackend(o.backend, { log: false, ...(job.wasmThreads ? { wasmThreads: job.wasmThreads } : {}) });
  const store = new StepStore(o.out, experimentSettings(o));
  const data = await prepareDataset(o);
  mkdirSync(job.claims, { recursive: true });
  const signal = new AbortController().signal;
  // the longest cells first (all data: the most FCNs; then the suggesting ones), so the last cell to
  // finish is a short one and no worker idles long at the end
  const cost = (cell: string) => (cell === 'all' ? 3 : cell === 'SA' || cell.startsWith('QSA-') ? 2 : 1);
  const cells = experimentCells(o).sort((a, b) => cost(b.cell) - cost(a.cell));
  for (const { seed, cell } of cells) {
    if (store.has(cellStep(seed, cell)) || !claim(job.claims, seed, cell)) continue;
    send({ kind: 'cell', seed, cell, state: 'started' });
    await runCell({ o, store, signal, onProgress: (event) => send({ kind: 'progress', event }) }, data, seed, cell);
    send({ kind: 'cell', seed, cell, state: 'finished' });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
