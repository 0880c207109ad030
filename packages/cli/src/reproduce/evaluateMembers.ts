import { join } from 'node:path';
import type { LabelMap, Sample, SegmentationOutput } from '@qfcn/contract';
import {
  loadModel,
  predictImage,
  selectInstances,
  toInstances,
  type SelectedInstances,
  type ToInstancesOptions,
} from '@qfcn/fcn';
import { evaluate, type ObjectScores, type PooledEvaluation } from '@qfcn/metrics';
import { writeLabelMapPng } from '@qfcn/data';
import type { MemberRecord } from './trainMembers';

/** Scores of one ensemble size on one test part. */
export interface PartScores {
  readonly pooled: PooledEvaluation;
  readonly perImageMean: ObjectScores;
  /** Post-processing used: chosen on the validation split by `selectInstances`, or the defaults without one. */
  readonly postprocessing?: ToInstancesOptions;
  /** How it was chosen: whether tuning beat the defaults in cross-validation on the validation split, and their AJIs there. */
  readonly selection?: Pick<SelectedInstances, 'tuned' | 'crossValidated' | 'folds'>;
}

/** Scores of the first `m` members, for each requested m, by test part. */
export type EnsembleScores = Record<number, Record<string, PartScores>>;

/**
 * Predicts every test image with each member once, then scores the ensembles made of the first `m`
 * members (mean object and contour probabilities → instances, docs/algorithms.md §3) for every `m` in `sizes`.
 * With `validation` images, each ensemble's post-processing (thresholds, minimum area) is chosen on
 * them by `selectInstances` (tuned settings only where they beat the defaults in cross-validation
 * over the validation images) — never on test images.
 * Instance maps of the largest ensemble are written as 16-bit PNGs under `predictionsDir`.
 */
export async function evaluateMembers(
  members: readonly MemberRecord[],
  test: Readonly<Record<string, readonly Sample[]>>,
  sizes: readonly number[],
  options: { tile: number; predictionsDir?: string; onImage?: () => void; validation?: readonly Sample[] },
): Promise<{ scores: EnsembleScores; instances: Record<string, LabelMap> }> {
  const VALIDATION = '\u0000validation';
  const images = [
    ...Object.entries(test).flatMap(([part, samples]) => samples.map((s) => ({ part, s }))),
    ...(options.validation ?? []).map((s) => ({ part: VALIDATION, s })),
  ];
  // Running sums of member outputs per image; snapshot a mean after member m for each size m.
  const sums = images.map(({ s }) => ({
    object: new Float32Array(s.image.width * s.image.height),
    contour: new Float32Array(s.image.width * s.image.height),
  }));
  const means = new Map<number, SegmentationOutput[]>();
  const largest = Math.max(...sizes);
  for (let i = 0; i < largest; i++) {
    const model = await loadModel(members[i]!.dir);
    try {
      for (let j = 0; j < images.length; j++) {
        const out = await predictImage(model, images[j]!.s.image, { tile: options.tile });
        const sum = sums[j]!;
        for (let p = 0; p < sum.object.length; p++) {
          sum.object[p]! += out.object.data[p]!;
          sum.contour[p]! += out.contour.data[p]!;
        }
        options.onImage?.();
      }
    } finally {
      model.dispose();
    }
    const m = i + 1;
    if (sizes.includes(m)) {
      means.set(
        m,
        images.map(({ s }, j) => {
          const { width, height } = s.image;
          const object = sums[j]!.object.map((v) => v / m);
          const contour = sums[j]!.contour.map((v) => v / m);
          return { object: { width, height, data: object }, contour: { width, height, data: contour } };
        }),
      );
    }
  }
  const scores: EnsembleScores = {};
  const instances: Record<string, LabelMap> = {};
  for (const m of sizes) {
    const outputs = means.get(m)!;
    const tuningPairs = images.flatMap(({ part, s }, j) =>
      part === VALIDATION && s.label ? [{ output: outputs[j]!, groundTruth: s.label as LabelMap }] : [],
    );
    const selected = tuningPairs.length > 0 ? selectInstances(tuningPairs) : undefined;
    const postprocessing = selected?.options;
    const labelled = outputs.map((o, j) =>
      images[j]!.part === VALIDATION ? (undefined as unknown as LabelMap) : toInstances(o, postprocessing ?? {}),
    );
    scores[m] = {};
    for (const part of Object.keys(test)) {
      const pairs = images
        .map(({ part: p, s }, j) => ({ p, id: s.id, segmentation: labelled[j]!, groundTruth: s.label as LabelMap }))
        .filter((x) => x.p === part);
      if (pairs.length === 0) continue;
      const e = evaluate(pairs);
      scores[m]![part] = {
        pooled: e.pooled,
        perImageMean: e.perImageMean,
        ...(selected
          ? {
              postprocessing: selected.options,
              selection: { tuned: selected.tuned, crossValidated: selected.crossValidated, folds: selected.folds },
            }
          : {}),
      };
    }
    if (m === largest) {
      images.forEach(({ part, s }, j) => {
        if (part === VALIDATION) return;
        instances[s.id] = labelled[j]!;
        if (options.predictionsDir) writeLabelMapPng(join(options.predictionsDir, `${s.id}_pred.png`), labelled[j]!);
      });
    }
  }
  return { scores, instances };
}
