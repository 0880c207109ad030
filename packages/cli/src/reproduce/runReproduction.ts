import type { ProgressListener } from '@qfcn/contract';
import { splitValidation } from '@qfcn/fcn';
import { initCliBackend } from '../backend';
import { resolveOptions, type ReproduceOptions } from './options';
import { prepareDataset, type ExperimentData } from './prepareDataset';
import { experimentSettings } from './experimentSettings';
import { StepStore } from './stepStore';
import { runCellsInParallel } from './runCellsInParallel';
import { trainingPlan, type MemberRecord, type TrainMembersContext } from './trainMembers';
import type { ReproductionResult, ResultRow, SummaryRow } from './types';
import { runSuggestion, type SuggestionPlan, type SuggestionResult } from './runSuggestion';
import { deriveSeed } from '@qfcn/internal';
import { roundSizes, runSetCell, seedSetup, suggestionPlans } from './experimentCells';
import { evaluateClaims, meanInterval, rowKey } from './claims';
import { writeReport } from './writeReport';

export type { ReproductionResult, ResultRow, SummaryRow } from './types';

export interface RunReproductionHooks {
  readonly onProgress?: ProgressListener;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Start over even if `out` holds a run with other settings. */
  readonly fresh?: boolean;
  /** When the work began (`Date.now()`; default: this call), for the report's wall time — a queued run's began with its jobs. */
  readonly startedAt?: number;
  /**
   * Child processes that compute the experiment's independent cells at once (see
   * `runCellsInParallel`; needs the built CLI). Default 1: every cell in this process, in order.
   */
  readonly workers?: number;
}

export { roundSizes } from './experimentCells';

/** Groups per-seed rows by (set, training, members) and forms mean ± 95% intervals. */
export function summarize(rows: readonly ResultRow[]): SummaryRow[] {
  const groups = new Map<string, ResultRow[]>();
  for (const r of rows) {
    const key = rowKey(r.suggestion, r.training, r.members);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => {
    const first = g[0]!;
    const parts = Object.keys(first.scores);
    return {
      suggestion: first.suggestion,
      training: first.training,
      bits: first.bits,
      members: first.members,
      annotated: first.annotated,
      seeds: g.length,
      scores: Object.fromEntries(
        parts.map((p) => [
          p,
          {
            f1: meanInterval(g.map((r) => r.scores[p]!.pooled.f1)),
            objectDice: meanInterval(g.map((r) => r.scores[p]!.pooled.objectDice)),
            objectHausdorff: meanInterval(g.map((r) => r.scores[p]!.pooled.objectHausdorff)),
          },
        ]),
      ),
      weightBytes: first.weightBytes,
      memoryRatio: first.memoryRatio,
    };
  });
}

/**
 * The experiment of [Xu18] end to end, repeated over `seeds` seeds: per seed, a validation split of
 * the training images (the rest is the pool); annotated sets chosen by random, foreground-aware random,
 * SA and QSA-b from one shared initial set; final FCNs (no bootstrap, seeds per member) on each set
 * and on the whole pool, float and — on the whole pool — QNT at each bit width with the same step
 * budget; every ensemble size on every test part. Then per-row mean ± 95% CI, the claims table with
 * paired verdicts ({@link evaluateClaims}) and the report. Resumable: every finished step is stored
 * under `out`, so rerunning the same call continues where it stopped.
 *
 * @example
 * const result = await runReproduction({ seeds: 3, out: 'qfcn-out' });
 */
export async function runReproduction(
  options: ReproduceOptions,
  hooks: RunReproductionHooks = {},
): Promise<ReproductionResult> {
  const started = hooks.startedAt ?? Date.now();
  const o = resolveOptions(options);
  const log = hooks.log ?? (() => {});
  const onProgress = hooks.onProgress ?? (() => {});
  const signal = hooks.signal ?? new AbortController().signal;
  const backend = await initCliBackend(o.backend, { log });
  const store = new StepStore(o.out, experimentSettings(o), { fresh: hooks.fresh });
  const data: ExperimentData = await prepareDataset(o);
  for (const note of data.notes) log(note);
  if (data.train.length < 3)
    throw new Error(`the training images need to be at least 3 (validation + pool), have ${data.train.length}`);
  const ctx: TrainMembersContext = { o, store, onProgress, signal };
  if ((hooks.workers ?? 1) > 1)
    await runCellsInParallel(o, options, store, { workers: hooks.workers!, log, onProgress, signal });
  const parts = Object.keys(data.test);
  const seeds = Array.from({ length: o.seeds }, (_, i) => o.seed + i);
  const split0 = splitValidation(data.train, {
    fraction: o.validationFraction,
    seed: deriveSeed(o.seed, 7),
    minItems: 3,
  });
  const sizes0 = roundSizes(o, split0.train.length);
  const plan = trainingPlan(o, split0.train.length);
  const plans: SuggestionPlan[] = suggestionPlans(o);
  const M = Math.max(...o.members);
  log(
    `experiment: ${o.seeds} seed(s) ${seeds.join(', ')}; ${data.train.length} training images → validation ${split0.validation.length}, pool ${split0.train.length}; ` +
      `budget ${sizes0.budget} (initial ${sizes0.initial}, ${sizes0.candidates} candidates, ${sizes0.picks} picks per round); suggestion by ${plans.map((p) => p.name).join(', ')} ` +
      `(ensembles of ${o.suggestMembers}); final FCNs: ${o.subsetMembers} per subset, ${M} float + ${o.qntMembers} QNT-{${o.bits.join(',')}} on all data; ` +
      `every FCN ${plan.totalSteps} steps on the pool (${plan.floatEpochs}+${plan.inqEpochs} epochs × ${plan.stepsPerEpoch} steps, batch ${o.batchSize} × ${o.crop}², lr ${o.learningRate}); test parts ${parts.join(', ')}`,
  );
  const perSeedUnits = plans.length + 1 + 1;
  let done = 0;
  const tick = (message: string) =>
    onProgress({ stage: 'experiment', current: ++done, total: perSeedUnits * seeds.length, message });

  const rows: ResultRow[] = [];
  const suggestions: SuggestionResult[] = [];
  const curves: Record<string, { epoch: number; loss: number }[]> = {};
  for (const seed of seeds) {
    const setup = seedSetup(o, data, seed);
    const forSeed: SuggestionResult[] = [];
    for (const p of plans) {
      forSeed.push(await runSuggestion(ctx, seed, p, setup.pool, setup.validation, setup.sizes));
      tick(`seed ${seed}: suggestion ${p.name} done`);
    }
    suggestions.push(...forSeed);
    const sets = [
      ...forSeed.map((s) => ({ name: s.name, ids: s.annotated })),
      { name: 'all', ids: setup.pool.map((s) => s.id) },
    ];
    for (const set of sets) {
      const cell = await runSetCell(ctx, data, seed, set, setup);
      curves[`seed ${seed} ${set.name}`] = cell.curve;
      rows.push(...cell.rows);
      if (set.name === 'all') tick(`seed ${seed}: all data done`);
    }
    tick(`seed ${seed}: subsets done`);
  }

  const first = parts[0]!;
  const scores: Record<string, number[]> = {};
  for (const r of rows) {
    const key = rowKey(r.suggestion, r.training, r.members);
    scores[key] ??= [];
    scores[key].push(r.scores[first]!.pooled.objectDice);
  }
  const memory: Record<number, { file: number; kernels: number }> = {};
  for (const bits of o.bits) {
    const rec = store.get<MemberRecord>(`seed-${o.seed}/final/all/qnt-${bits}/member-0`);
    if (rec?.packedBytes) memory[bits] = { file: rec.floatBytes / rec.packedBytes, kernels: rec.kernelRatio ?? NaN };
  }
  const claims = evaluateClaims({
    scores,
    bits: o.bits,
    qsaBits: o.qsaBits,
    members: o.members,
    memory,
    scoreName: `${first} object Dice`,
  });
  const result: ReproductionResult = {
    options: o,
    backend,
    dataset: {
      name: data.name,
      kind: data.kind,
      train: data.train.length,
      pool: split0.train.length,
      validation: split0.validation.length,
      test: Object.fromEntries(Object.entries(data.test).map(([k, v]) => [k, v.length])),
      notes: data.notes,
    },
    rows,
    summary: summarize(rows),
    claims,
    suggestions,
    curves,
    plan,
    seconds: (Date.now() - started) / 1000,
  };
  await writeReport(result, data, log);
  return result;
}
