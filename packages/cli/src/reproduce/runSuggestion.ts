import { join } from 'node:path';
import type { Ensemble, EnsembleTrainer, LabelMap, Sample } from '@qfcn/contract';
import { toInstances, trainEnsemble } from '@qfcn/fcn';
import { evaluate } from '@qfcn/metrics';
import { inqHook } from '@qfcn/quantize/tfjs';
import { runSuggestiveAnnotation, type RoundRecord } from '@qfcn/suggestive';
import { foregroundAwareRandom } from './baselines';
import { deriveSeed } from '@qfcn/internal';
import type { ResolvedOptions } from './options';
import { memberTrainOptions, trainingPlan, type TrainMembersContext } from './trainMembers';

/**
 * How the annotated subset was chosen: `random`, `fg-random` (foreground-aware random), `SA` (float
 * ensemble) or `QSA-<b>` (INQ ensemble at b bits).
 */
export interface SuggestionPlan {
  readonly name: string;
  readonly strategy: 'random' | 'fg-random' | 'suggestive';
  readonly bits?: number;
}

export interface SuggestionResult {
  readonly name: string;
  readonly seed: number;
  readonly annotated: readonly string[];
  /** Per round: annotated count before the round and the round ensemble's object Dice / F1 on the validation split. */
  readonly curve: readonly { annotated: number; objectDice: number; f1: number }[];
  readonly rounds: readonly Pick<RoundRecord, 'round' | 'chosen' | 'uncertainty' | 'representativeness' | 'seconds'>[];
  /** fg-random: pool images judged likely to hold foreground. */
  readonly eligible?: number;
}

/**
 * The step budget of a suggesting ensemble trained on `annotated` images: the final FCNs' `steps`
 * (and `inqSteps`) scaled by annotated / budget, so each image gets as many crops as in a final FCN
 * of the whole annotated set (one round from half the budget: half the steps). At least 4 INQ steps
 * and 4 float steps. `suggestSteps` (`--suggest-steps`), when set, is the budget instead (a quarter
 * of it INQ).
 */
export function suggestingBudget(
  o: Pick<ResolvedOptions, 'steps' | 'inqSteps'> & { readonly suggestSteps?: number | undefined },
  annotated: number,
  budget: number,
): { steps: number; inqSteps: number } {
  if (o.suggestSteps !== undefined)
    return { steps: o.suggestSteps, inqSteps: Math.max(4, Math.round(o.suggestSteps / 4)) };
  const f = Math.min(1, annotated / Math.max(1, budget));
  const inqSteps = Math.max(4, Math.round(o.inqSteps * f));
  return { steps: Math.max(inqSteps + 4, Math.round(o.steps * f)), inqSteps };
}

/**
 * The suggesting ensembles' trainer: `suggestMembers` FCNs on bootstrap resamples of the annotated
 * set (bootstrap only here, never for the final FCNs), each with the experiment's budget scaled to
 * the annotated set ({@link suggestingBudget}, {@link trainingPlan}); QSA members run INQ during the
 * last 4 epochs (same steps and learning-rate policy as float SA and as QNT).
 */
function suggestingTrainer(
  ctx: TrainMembersContext,
  seed: number,
  plan: SuggestionPlan,
  budget: number,
): EnsembleTrainer {
  return {
    train(annotated: readonly Sample[], info: { seed: number; round: number; signal?: AbortSignal }) {
      const n = annotated.length;
      const o = { ...ctx.o, ...suggestingBudget(ctx.o, n, budget) };
      const { floatEpochs } = trainingPlan(o, n);
      return trainEnsemble(annotated, {
        members: o.suggestMembers,
        bootstrap: true,
        seed: deriveSeed(seed, 5, info.round),
        model: { preset: o.preset },
        train: memberTrainOptions(o, n, 'all'),
        ...(plan.bits === undefined
          ? {}
          : { hooks: () => [inqHook({ bits: plan.bits!, epochsPerStep: 1, startEpoch: floatEpochs })] }),
        checkpointDir: join(o.out, 'checkpoints', `seed-${seed}`, 'suggest', plan.name, `round-${info.round}`),
        signal: info.signal,
        onProgress: (e) => ctx.onProgress({ ...e, stage: `seed ${seed} suggest ${plan.name} ${e.stage}` }),
      });
    },
  };
}

/**
 * Chooses the annotated subset of the pool with one plan, from the shared `initial` set, resuming
 * from its round log. Each round's ensemble is scored on the validation split (never on test data).
 */
export async function runSuggestion(
  ctx: TrainMembersContext,
  seed: number,
  plan: SuggestionPlan,
  train: readonly Sample[],
  validation: readonly Sample[],
  sizes: { candidates: number; picks: number; initial: readonly string[]; budget: number },
): Promise<SuggestionResult> {
  const { o, store } = ctx;
  return store.run(`seed-${seed}/suggest/${plan.name}`, async () => {
    if (plan.strategy === 'fg-random') {
      const { picked, eligible } = foregroundAwareRandom(
        train,
        sizes.initial,
        sizes.budget - sizes.initial.length,
        deriveSeed(seed, 9),
      );
      return { name: plan.name, seed, annotated: [...sizes.initial, ...picked], curve: [], rounds: [], eligible };
    }
    const byId = new Map(train.map((s) => [s.id, s]));
    const validate =
      plan.strategy === 'random' || validation.length === 0
        ? undefined
        : async (ensemble: Ensemble) => {
            const pairs = [];
            for (const s of validation) {
              const out = await ensemble.predict(s.image);
              pairs.push({ id: s.id, segmentation: toInstances(out), groundTruth: s.label as LabelMap });
            }
            const e = evaluate(pairs);
            return { objectDice: e.pooled.objectDice, f1: e.pooled.f1 };
          };
    const result = await runSuggestiveAnnotation({
      pool: { ids: () => train.map((s) => s.id), image: (id) => byId.get(id)!.image },
      oracle: { annotate: (id) => byId.get(id)!.label as LabelMap },
      trainer: suggestingTrainer(ctx, seed, plan, sizes.budget),
      strategy: plan.strategy,
      initial: sizes.initial,
      candidates: sizes.candidates,
      picks: sizes.picks,
      budget: sizes.budget,
      seed: deriveSeed(seed, 6),
      log: join(o.out, 'suggestion', `seed-${seed}`, `${plan.name}.json`),
      ...(validate ? { validate } : {}),
      finalValidation: false,
      signal: ctx.signal,
      onProgress: (e) => ctx.onProgress({ ...e, stage: `seed ${seed} suggest ${plan.name} ${e.stage}` }),
    });
    return {
      name: plan.name,
      seed,
      annotated: result.annotated,
      curve: result.rounds.map((r) => {
        const v = r.validation as { objectDice: number; f1: number } | null;
        return { annotated: r.annotatedBefore, objectDice: v?.objectDice ?? NaN, f1: v?.f1 ?? NaN };
      }),
      rounds: result.rounds.map(({ round, chosen, uncertainty, representativeness, seconds }) => ({
        round,
        chosen,
        uncertainty,
        representativeness,
        seconds,
      })),
    };
  });
}
