import { cpSync, existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { ProgressEvent } from '@qfcn/contract';
import { contentKey, submitJobs, type JobSpec, type QueueConnection, type QueueSnapshot } from '@qfcn/queue';
import {
  cellStep,
  experimentCells,
  roundSizes,
  runCell,
  seedSetup,
  suggestionPlans,
} from '../reproduce/experimentCells';
import { resolveOptions, type ReproduceOptions, type ResolvedOptions } from '../reproduce/options';
import { prepareDataset } from '../reproduce/prepareDataset';
import { runReproduction, type ReproductionResult, type RunReproductionHooks } from '../reproduce/runReproduction';
import { experimentSettings } from '../reproduce/experimentSettings';
import { StepStore } from '../reproduce/stepStore';
import { fingerprintFolder } from './fingerprintFolder';

/** The data of a `reproduce-cell` job: the run's options (paths relative to the store), a seed and a cell. */
export interface ReproduceCellJobData {
  readonly title: string;
  readonly options: ReproduceOptions;
  readonly seed: number;
  readonly cell: string;
}

/**
 * Runs `fn` with the store as the working folder. A queued experiment names its folder, its data
 * (when inside the store) and every model by paths relative to the store, so that each machine may
 * mount the store where it likes and the results (which record those paths) read the same everywhere.
 */
async function inStore<T>(store: string, fn: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(store);
  try {
    return await fn();
  } finally {
    process.chdir(before);
  }
}

const stepsOf = (o: ResolvedOptions) => new StepStore(o.out, experimentSettings(o));

/**
 * `qfcn reproduce --queue`: the experiment's independent cells (per seed: each suggestion plan with
 * its final FCNs, and `all`) as jobs, then the report from the stored steps, exactly as the local run
 * writes it. The experiment lives in `<store>/reproduce/<key>` (key: every option and the data's
 * content), so a rerun or a second submitter finds finished cells; at the end it is copied to `out`.
 */
export async function reproduceOnQueue(
  options: ReproduceOptions,
  hooks: RunReproductionHooks & { readonly onStatus?: (s: QueueSnapshot) => void },
  queue: QueueConnection,
  store: string,
): Promise<ReproductionResult> {
  const startedAt = Date.now();
  const o = resolveOptions(options);
  const out = resolve(o.out);
  const data = o.data === undefined ? undefined : resolve(o.data);
  if (data !== undefined && !existsSync(data)) throw new Error(`--data ${o.data} does not exist`);
  const key = contentKey({
    kind: 'reproduce',
    options: { ...o, out: undefined, backend: undefined, data: undefined },
    data: data === undefined ? null : fingerprintFolder(data),
  });
  const inside = data === undefined ? undefined : relative(store, data);
  const runOptions: ReproduceOptions = {
    ...options,
    out: join('reproduce', key),
    ...(data === undefined ? {} : { data: inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : data }),
  };
  const result = await inStore(store, async () => {
    const ro = resolveOptions(runOptions);
    const steps = stepsOf(ro);
    await prepareDataset(ro); // the synthetic data is written once, before any worker reads it
    hooks.log?.(`experiment folder ${join(store, ro.out)}`);
    const jobs: JobSpec<ReproduceCellJobData>[] = experimentCells(ro).map(({ seed, cell }) => ({
      id: `reproduce-${key}-s${seed}-${cell}`,
      kind: 'reproduce-cell',
      data: { title: `reproduce ${key.slice(0, 8)} seed ${seed} ${cell}`, options: runOptions, seed, cell },
    }));
    await submitJobs(queue, jobs, {
      isDone: (j) => steps.has(cellStep(j.data.seed, j.data.cell)),
      ...(hooks.onStatus ? { onStatus: hooks.onStatus } : {}),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
    });
    return runReproduction(runOptions, { ...hooks, startedAt });
  });
  cpSync(join(store, 'reproduce', key), out, { recursive: true });
  hooks.log?.(`copied the experiment from the store to ${out}`);
  return result;
}

/** FCN trainings in a cell, to turn its trainings' progress into a fraction. */
function trainingsIn(o: ResolvedOptions, setup: ReturnType<typeof seedSetup>, cell: string): number {
  if (cell === 'all') return 2 * Math.max(...o.members) + o.bits.length * o.qntMembers;
  const plan = suggestionPlans(o).find((p) => p.name === cell);
  const sizes = roundSizes(o, setup.pool.length);
  const rounds = Math.max(1, Math.round((sizes.budget - sizes.initial) / sizes.picks));
  return 2 * o.subsetMembers + (plan?.strategy === 'suggestive' ? rounds * o.suggestMembers : 0);
}

/**
 * A worker's side of a `reproduce-cell` job: the same options, data and steps as the submitter's
 * (in the store), then the cell, resuming from whatever an earlier attempt stored and checkpointed.
 */
export async function runReproduceCellJob(
  job: ReproduceCellJobData,
  store: string,
  onFraction: (fraction: number) => void,
): Promise<{ outcome: string }> {
  return inStore(store, async () => {
    const o = resolveOptions(job.options);
    const steps = stepsOf(o);
    if (steps.has(cellStep(job.seed, job.cell))) return { outcome: 'finished' };
    const data = await prepareDataset(o);
    const total = trainingsIn(o, seedSetup(o, data, job.seed), job.cell);
    const seen = new Map<string, number>();
    const onProgress = (e: ProgressEvent) => {
      if (e.total <= 0) return;
      seen.set(e.stage, e.current / e.total);
      onFraction(Math.min(0.99, [...seen.values()].reduce((a, b) => a + b, 0) / total));
    };
    await runCell({ o, store: steps, onProgress, signal: new AbortController().signal }, data, job.seed, job.cell);
    return { outcome: 'computed' };
  });
}
