import { join } from 'node:path';
import type { Sample } from '@qfcn/contract';
import { splitValidation } from '@qfcn/fcn';
import { drawIds } from './baselines';
import { evaluateMembers } from './evaluateMembers';
import type { ResolvedOptions } from './options';
import type { ExperimentData } from './prepareDataset';
import { runSuggestion, type SuggestionPlan, type SuggestionResult } from './runSuggestion';
import type { ResultRow } from './types';
import { deriveSeed } from '@qfcn/internal';
import { trainFinalMember, type MemberRecord, type TrainMembersContext } from './trainMembers';

/**
 * Initial set, picks per round and total: by default one round from half the budget to the budget;
 * with `picks`, as many rounds of that many as fit below the budget, the initial set being the rest
 * (≥ 1); `candidates` 2 × picks by default, at most the pool left after the initial set.
 */
export function roundSizes(o: Pick<ResolvedOptions, 'budget' | 'picks' | 'candidates'>, pool: number) {
  const budget = Math.max(2, Math.min(pool, Math.ceil(pool * o.budget)));
  const picks = Math.min(o.picks ?? budget - Math.max(1, Math.floor(budget / 2)), budget - 1);
  const initial = budget - picks * Math.floor((budget - 1) / picks);
  const candidates = Math.max(picks, Math.min(pool - initial, o.candidates ?? 2 * picks));
  return { candidates, picks, initial, budget };
}

/** How the annotated sets are chosen: random, fg-random, SA and QSA-b for each of `qsaBits`. */
export function suggestionPlans(o: Pick<ResolvedOptions, 'qsaBits'>): SuggestionPlan[] {
  return [
    { name: 'random', strategy: 'random' },
    { name: 'fg-random', strategy: 'fg-random' },
    { name: 'SA', strategy: 'suggestive' },
    ...o.qsaBits.map((bits) => ({ name: `QSA-${bits}`, strategy: 'suggestive' as const, bits })),
  ];
}

/** What one seed starts from: its validation split, its pool, round sizes and the shared initial set. */
export interface SeedSetup {
  readonly pool: readonly Sample[];
  readonly validation: readonly Sample[];
  readonly sizes: Omit<ReturnType<typeof roundSizes>, 'initial'> & { readonly initial: readonly string[] };
}

/** The split, round sizes and initial set of seed `seed` (all seeded: the same everywhere). */
export function seedSetup(o: ResolvedOptions, data: ExperimentData, seed: number): SeedSetup {
  const { train: pool, validation } = splitValidation(data.train, {
    fraction: o.validationFraction,
    seed: deriveSeed(seed, 7),
    minItems: 3,
  });
  const sizes = roundSizes(o, pool.length);
  const initial = drawIds(
    pool.map((s) => s.id),
    sizes.initial,
    deriveSeed(seed, 8),
  );
  return { pool, validation, sizes: { ...sizes, initial } };
}

/**
 * The final FCNs of one annotated set of one seed, trained and evaluated (each step stored): float
 * members, and on all data QNT-b members; the result rows and float member #1's loss curve.
 */
export async function runSetCell(
  ctx: TrainMembersContext,
  data: ExperimentData,
  seed: number,
  set: { readonly name: string; readonly ids: readonly string[] },
  setup: SeedSetup,
): Promise<{ rows: ResultRow[]; curve: { epoch: number; loss: number }[] }> {
  const { o, store } = ctx;
  const byId = new Map(setup.pool.map((s) => [s.id, s]));
  const samples = set.ids.map((id) => byId.get(id)!);
  const isAll = set.name === 'all';
  const M = Math.max(...o.members);
  const nFloat = isAll ? M : o.subsetMembers;
  const sizesHere = isAll ? o.members : [...new Set([1, o.subsetMembers])].sort((a, b) => a - b);
  const variants: { training: string; bits: number | null; members: MemberRecord[]; sizes: number[] }[] = [];
  const float: MemberRecord[] = [];
  for (let i = 0; i < nFloat; i++) float.push(await trainFinalMember(ctx, seed, set.name, samples, i, null));
  const curve = float[0]!.history.map(({ epoch, loss }) => ({ epoch, loss }));
  variants.push({ training: 'float', bits: null, members: float, sizes: sizesHere.filter((m) => m <= nFloat) });
  if (isAll) {
    for (const bits of o.bits) {
      const q: MemberRecord[] = [];
      for (let i = 0; i < o.qntMembers; i++) q.push(await trainFinalMember(ctx, seed, set.name, samples, i, bits));
      variants.push({
        training: `QNT-${bits}`,
        bits,
        members: q,
        sizes: [...new Set([1, o.qntMembers])].filter((m) => o.members.includes(m) || m === o.qntMembers),
      });
    }
  }
  const rows: ResultRow[] = [];
  for (const v of variants) {
    const evaluated = await store.run(
      `seed-${seed}/evaluate/${set.name}/${v.training}`,
      async () =>
        (
          await evaluateMembers(v.members, data.test, v.sizes, {
            tile: Math.max(o.crop, 128),
            validation: setup.validation,
            predictionsDir: seed === o.seed ? join(o.out, 'predictions', set.name, v.training) : undefined,
          })
        ).scores,
    );
    for (const m of v.sizes) {
      const perMember = v.bits === null ? v.members[0]!.floatBytes : v.members[0]!.packedBytes!;
      rows.push({
        seed,
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
  return { rows, curve };
}

/** The independent cells of the experiment: per seed, one per suggestion plan (its suggestion and final FCNs) and `all`. */
export function experimentCells(o: ResolvedOptions): { seed: number; cell: string }[] {
  const names = [...suggestionPlans(o).map((p) => p.name), 'all'];
  return Array.from({ length: o.seeds }, (_, i) => o.seed + i).flatMap((seed) => names.map((cell) => ({ seed, cell })));
}

/** The step that marks cell `cell` of seed `seed` finished. */
export const cellStep = (seed: number, cell: string) => `seed-${seed}/cells/${cell}`;

/**
 * Computes one cell of the experiment with every step stored: for a plan, its suggestion, then the
 * final FCNs of its set and their evaluation; for `all`, the final FCNs on the whole pool (float and
 * QNT) and their evaluation. The same functions and keys as {@link runReproduction}'s loop, so a
 * run that finds all cells done only assembles the report.
 */
export async function runCell(
  ctx: TrainMembersContext,
  data: ExperimentData,
  seed: number,
  cell: string,
): Promise<SuggestionResult | null> {
  const setup = seedSetup(ctx.o, data, seed);
  return ctx.store.run(cellStep(seed, cell), async () => {
    if (cell === 'all') {
      await runSetCell(ctx, data, seed, { name: 'all', ids: setup.pool.map((s) => s.id) }, setup);
      return null;
    }
    const plan = suggestionPlans(ctx.o).find((p) => p.name === cell);
    if (!plan)
      throw new Error(
        `no experiment cell '${cell}' (cells: ${suggestionPlans(ctx.o)
          .map((p) => p.name)
          .join(', ')}, all)`,
      );
    const suggestion = await runSuggestion(ctx, seed, plan, setup.pool, setup.validation, setup.sizes);
    await runSetCell(ctx, data, seed, { name: suggestion.name, ids: suggestion.annotated }, setup);
    return suggestion;
  });
}
