import { join } from 'node:path';
import type { Ensemble, LabelMap, Sample } from '@qfcn/contract';
import { createEnsembleTrainer, toInstances } from '@qfcn/fcn';
import { evaluate } from '@qfcn/metrics';
import { inqHook } from '@qfcn/quantize/tfjs';
import { runSuggestiveAnnotation, type RoundRecord } from '@qfcn/suggestive';
import type { TrainMembersContext } from './trainMembers';

/** How the annotated subset was chosen: `random`, `SA` (float ensemble) or `QSA-<b>` (INQ ensemble at b bits). */
export interface SuggestionPlan {
  readonly name: string;
  readonly strategy: 'random' | 'suggestive';
  readonly bits?: number;
}

export interface SuggestionResult {
  readonly name: string;
  readonly annotated: readonly string[];
  /** Per round: annotated count before the round and the round ensemble's object Dice / F1 on the validation part. */
  readonly curve: readonly { annotated: number; objectDice: number; f1: number }[];
  readonly rounds: readonly Pick<RoundRecord, 'round' | 'chosen' | 'uncertainty' | 'representativeness' | 'seconds'>[];
}

/**
 * Runs suggestive annotation over the training pool with one plan, resuming from its round log.
 * Each round's ensemble is scored on `validation` (pooled object Dice and F1) for the
 * accuracy-versus-budget plot.
 */
export async function runSuggestion(
  ctx: TrainMembersContext,
  plan: SuggestionPlan,
  train: readonly Sample[],
  validation: readonly Sample[],
  sizes: { K: number; k: number; initial: number },
): Promise<SuggestionResult> {
  const { o, store } = ctx;
  return store.run(`suggest/${plan.name}`, async () => {
    const byId = new Map(train.map((s) => [s.id, s]));
    const bits = plan.bits;
    const trainer = createEnsembleTrainer({
      members: o.suggestMembers,
      model: { preset: o.preset },
      train: { epochs: bits === undefined ? o.epochs : o.epochs + 4 * o.epochsPerStep, crop: o.crop, learningRate: o.learningRate },
      ...(bits === undefined ? {} : { hooks: () => [inqHook({ bits, epochsPerStep: o.epochsPerStep, startEpoch: o.epochs })] }),
      checkpointDir: join(o.out, 'checkpoints', 'suggest', plan.name),
      onProgress: (e) => ctx.onProgress({ ...e, stage: `suggest ${plan.name} ${e.stage}` }),
    });
    const validate = async (ensemble: Ensemble) => {
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
      trainer,
      strategy: plan.strategy,
      initial: sizes.initial,
      K: sizes.K,
      k: sizes.k,
      budget: o.budget,
      seed: o.seed,
      log: join(o.out, 'suggestion', `${plan.name}.json`),
      validate,
      finalValidation: false,
      signal: ctx.signal,
      onProgress: (e) => ctx.onProgress({ ...e, stage: `suggest ${plan.name} ${e.stage}` }),
    });
    return {
      name: plan.name,
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
