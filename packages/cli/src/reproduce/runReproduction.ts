import { join } from 'node:path';
import type { BackendInfo, ProgressListener } from '@qfcn/contract';
import { initCliBackend } from '../backend';
import { resolveOptions, type ReproduceOptions, type ResolvedOptions } from './options';
import { prepareDataset, type ExperimentData } from './prepareDataset';
import { StepStore } from './stepStore';
import { trainFloatMember, trainQuantizedMember, type MemberRecord, type TrainMembersContext } from './trainMembers';
import { evaluateMembers, type PartScores } from './evaluateMembers';
import { runSuggestion, type SuggestionPlan, type SuggestionResult } from './runSuggestion';
import { writeReport } from './writeReport';

/** One row of the results table: how the data was chosen, how the FCNs were trained, how many. */
export interface ResultRow {
  /** `random`, `SA`, `QSA-<b>` or `all` (every training image). */
  readonly suggestion: string;
  /** `float` or `QNT-<b>`. */
  readonly training: string;
  readonly bits: number | null;
  readonly members: number;
  readonly annotated: number;
  readonly scores: Record<string, PartScores>;
  /** Weight memory of the ensemble (float32 bytes, or bit-packed bytes for QNT) and its reduction. */
  readonly weightBytes: number;
  readonly memoryRatio: number;
}

export interface ReproductionResult {
  readonly options: ResolvedOptions;
  readonly backend: BackendInfo;
  readonly dataset: { name: string; kind: string; train: number; test: Record<string, number>; notes: readonly string[] };
  readonly rows: readonly ResultRow[];
  readonly suggestions: readonly SuggestionResult[];
  /** Float members' loss per epoch, by annotated set (training curves). */
  readonly curves: Record<string, readonly (readonly { epoch: number; loss: number }[])[]>;
  readonly seconds: number;
}

export interface RunReproductionHooks {
  readonly onProgress?: ProgressListener;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Start over even if `out` holds a run with other settings. */
  readonly fresh?: boolean;
}

function roundSizes(o: ResolvedOptions, pool: number) {
  const k = o.k ?? Math.max(1, Math.round(pool / 8));
  const K = Math.max(k, o.K ?? 2 * k);
  const initial = Math.max(1, Math.min(k, Math.ceil(pool * o.budget) - 1));
  return { K, k, initial };
}

/**
 * The experiment of [Xu18] end to end: suggestion by {random, SA, QSA at each bit width}, final
 * training {float, QNT at each bit width} of max(members) FCNs on each chosen set and on all data,
 * evaluated for every ensemble size on every test part, then the report. Resumable: every finished
 * step is stored under `out`, so rerunning the same call continues where it stopped.
 *
 * @example
 * const result = await runReproduction({ preset: 'tiny', bits: [7], members: [1, 5], out: 'qfcn-out' });
 */
export async function runReproduction(options: ReproduceOptions, hooks: RunReproductionHooks = {}): Promise<ReproductionResult> {
  const started = Date.now();
  const o = resolveOptions(options);
  const log = hooks.log ?? (() => {});
  const onProgress = hooks.onProgress ?? (() => {});
  const signal = hooks.signal ?? new AbortController().signal;
  const backend = await initCliBackend(o.backend, { log });
  const store = new StepStore(o.out, { ...o, backend: undefined }, { fresh: hooks.fresh });
  const data: ExperimentData = await prepareDataset(o);
  for (const note of data.notes) log(note);
  if (data.train.length < 2) throw new Error(`the training pool needs at least 2 images, has ${data.train.length}`);
  const ctx: TrainMembersContext = { o, store, onProgress, signal };
  const parts = Object.keys(data.test);
  const validation = data.test[parts[0]!]!;
  const sizes = roundSizes(o, data.train.length);
  const plans: SuggestionPlan[] = [
    { name: 'random', strategy: 'random' },
    { name: 'SA', strategy: 'suggestive' },
    ...o.bits.map((bits) => ({ name: `QSA-${bits}`, strategy: 'suggestive' as const, bits })),
  ];
  const M = Math.max(...o.members);
  const trainings = 1 + o.bits.length;
  const totalSteps = plans.length + (plans.length + 1) * M * trainings;
  let doneSteps = 0;
  const tick = (message: string) => onProgress({ stage: 'experiment', current: ++doneSteps, total: totalSteps, message });
  log(
    `experiment: ${data.train.length} training images, budget ${Math.ceil(data.train.length * o.budget)} ` +
      `(initial ${sizes.initial}, K=${sizes.K}, k=${sizes.k} per round); suggestion by ${plans.map((p) => p.name).join(', ')}; ` +
      `final training float${o.bits.map((b) => `, QNT-${b}`).join('')} × ${M} FCNs (${o.preset}); test parts ${parts.join(', ')}`,
  );

  const suggestions: SuggestionResult[] = [];
  for (const plan of plans) {
    suggestions.push(await runSuggestion(ctx, plan, data.train, validation, sizes));
    tick(`suggestion ${plan.name} done`);
  }

  const sets: { name: string; ids: readonly string[] }[] = [
    ...suggestions.map((s) => ({ name: s.name, ids: s.annotated })),
    { name: 'all', ids: data.train.map((s) => s.id) },
  ];
  const byId = new Map(data.train.map((s) => [s.id, s]));
  const rows: ResultRow[] = [];
  const curves: Record<string, { epoch: number; loss: number }[][]> = {};
  const imagesPerEval = Object.values(data.test).reduce((n, s) => n + s.length, 0) * M;
  for (const set of sets) {
    const samples = set.ids.map((id) => byId.get(id)!);
    const float: MemberRecord[] = [];
    for (let i = 0; i < M; i++) {
      float.push(await trainFloatMember(ctx, set.name, samples, i));
      tick(`${set.name} float #${i + 1}`);
    }
    curves[set.name] = float.map((m) => m.history.map(({ epoch, loss }) => ({ epoch, loss })));
    const variants: { training: string; bits: number | null; members: MemberRecord[] }[] = [{ training: 'float', bits: null, members: float }];
    for (const bits of o.bits) {
      const q: MemberRecord[] = [];
      for (let i = 0; i < M; i++) {
        q.push(await trainQuantizedMember(ctx, set.name, samples, i, bits, float[i]!));
        tick(`${set.name} QNT-${bits} #${i + 1}`);
      }
      variants.push({ training: `QNT-${bits}`, bits, members: q });
    }
    for (const v of variants) {
      let done = 0;
      const evaluated = await store.run(`evaluate/${set.name}/${v.training}`, async () =>
        (
          await evaluateMembers(v.members, data.test, o.members, {
            tile: Math.max(o.crop, 128),
            predictionsDir: join(o.out, 'predictions', set.name, v.training),
            onImage: () => onProgress({ stage: `evaluate ${set.name} ${v.training}`, current: ++done, total: imagesPerEval }),
          })
        ).scores,
      );
      for (const m of o.members) {
        const perMember = v.bits === null ? v.members[0]!.floatBytes : v.members[0]!.packedBytes!;
        rows.push({
          suggestion: set.name,
          training: v.training,
          bits: v.bits,
          members: m,
          annotated: set.ids.length,
          scores: evaluated[m]!,
          weightBytes: perMember * m,
          memoryRatio: v.members[0]!.floatBytes / perMember,
        });
      }
    }
  }
  const result: ReproductionResult = {
    options: o,
    backend,
    dataset: {
      name: data.name,
      kind: data.kind,
      train: data.train.length,
      test: Object.fromEntries(Object.entries(data.test).map(([k, v]) => [k, v.length])),
      notes: data.notes,
    },
    rows,
    suggestions,
    curves,
    seconds: (Date.now() - started) / 1000,
  };
  await writeReport(result, data, log);
  return result;
}
