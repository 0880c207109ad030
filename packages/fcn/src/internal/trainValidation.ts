// The validation pass of trainFcn: tiled prediction, instances, GlaS scores, AJI and PQ.
import type * as tf from '@tensorflow/tfjs';
import type { LabelMap, Sample } from '@qfcn/contract';
import { aggregatedJaccardIndex, evaluate, panopticQuality } from '@qfcn/metrics';
import { inspectFcn } from '../inspectFcn';
import { toInstances } from '../toInstances';
import type { TrainFcnOptions } from '../trainFcnOptions';
import { predictTiled } from './predictTiled';

/** Validation scores of one epoch. */
export interface ValidationScores {
  readonly f1: number;
  readonly objectDice: number;
  readonly objectHausdorff: number;
  readonly aji: number;
  readonly pq: number;
}

/**
 * Scores `model` on the validation samples (pooled GlaS scores, mean AJI and PQ), with
 * `options.instances`; a network with a distance head seeds at `distanceThreshold` 0.5, one with an hv
 * head at `hvThreshold` 0.3, unless those name others.
 */
export function scoreValidation(
  model: tf.LayersModel,
  samples: readonly Sample[],
  options: TrainFcnOptions,
  crop: number,
): ValidationScores {
  const tile = options.validationTile?.tile ?? Math.max(256, crop);
  const info = inspectFcn(model);
  const instances = {
    ...(info.distanceHead ? { distanceThreshold: 0.5 } : {}),
    ...(info.hvHead ? { hvThreshold: 0.3 } : {}),
    ...options.instances,
  };
  const pairs = samples.map((s) => {
    const out = predictTiled(model, s.image, { tile, overlap: options.validationTile?.overlap }, { maps: true });
    return { id: s.id, segmentation: toInstances(out, instances), groundTruth: s.label as LabelMap };
  });
  const { pooled } = evaluate(pairs);
  let aji = 0;
  let pq = 0;
  for (const p of pairs) {
    aji += aggregatedJaccardIndex(p.segmentation, p.groundTruth) / pairs.length;
    pq += panopticQuality(p.segmentation, p.groundTruth).pq / pairs.length;
  }
  return { f1: pooled.f1, objectDice: pooled.objectDice, objectHausdorff: pooled.objectHausdorff, aji, pq };
}
