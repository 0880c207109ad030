import { InvalidArgumentError } from './errors';
import {
  combineHalves,
  detectionCounts,
  diceSums,
  hausdorffSums,
  prepare,
  resolveEmptyDistance,
  resolveFnRule,
  scoresFromCounts,
  type EmptyDistance,
  type WeightedSums,
} from './internal/imageScores';
import type { FnRule, LabelMapInput } from './types';

/** One image to score: a segmentation and its ground truth, of the same size. */
export interface EvaluatePair {
  /** Names the image in the per-image rows and in error messages. */
  readonly id: string;
  readonly segmentation: LabelMapInput;
  readonly groundTruth: LabelMapInput;
}

export interface EvaluateOptions {
  /** FN counting rule, `'official'` (default) or `'unmatched'`; see `f1Score`. */
  readonly fnRule?: FnRule;
  /** Distance of an object from "nothing" when the other map of its image is empty; see `objectHausdorff`. Default `'diagonal'` (of that image). */
  readonly emptyDistance?: EmptyDistance;
  /** Called after each image is scored, in input order (progress display, streaming output). */
  readonly onImage?: (image: ImageEvaluation, index: number) => void;
}

/** The three GlaS scores plus precision and recall. */
export interface ObjectScores {
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  readonly objectDice: number;
  readonly objectHausdorff: number;
}

/** Scores of one image, exactly as `f1Score`, `objectDice` and `objectHausdorff` give them. */
export interface ImageEvaluation extends ObjectScores {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** Number of segmented objects (distinct non-zero labels). */
  readonly numSegmented: number;
  /** Number of ground-truth objects. */
  readonly numGroundTruth: number;
}

/** Scores over all objects of the set, as the GlaS challenge defines them. */
export interface PooledEvaluation extends ObjectScores {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly numSegmented: number;
  readonly numGroundTruth: number;
}

export interface Evaluation {
  /** Challenge definition: F1 from summed TP/FP/FN; Dice and Hausdorff weighted over all objects of all images. */
  readonly pooled: PooledEvaluation;
  /** Mean over images of each image's own scores (what many papers report instead). */
  readonly perImageMean: ObjectScores;
  /** One row per pair, in input order. */
  readonly images: readonly ImageEvaluation[];
  readonly numImages: number;
  readonly fnRule: FnRule;
}

function addSums(total: { sumS: number; areaS: number; sumG: number; areaG: number }, s: WeightedSums): void {
  total.sumS += s.sumS;
  total.areaS += s.areaS;
  total.sumG += s.sumG;
  total.areaG += s.areaG;
}

/**
 * Scores a set of segmentations (a GlaS test part) against their ground truths: pooled scores over
 * all objects of the set, per-image-mean scores, and one row per image.
 *
 * **When to use**: reporting results on a test set. `pooled` is the GlaS challenge's definition
 * (compare with published challenge tables); `perImageMean` is what many later papers report.
 *
 * **Details**: matching is per image, exactly as in `f1Score`/`objectDice`/`objectHausdorff` (objects
 * of different images never match; an object overlapping nothing is paired with the nearest object
 * of its own image). Pooling then:
 * - F1, precision, recall from TP, FP, FN summed over images;
 * - Object Dice = ½[Σ_i |S_i| Dice_i / Σ|S| + Σ_j |G_j| Dice_j / Σ|G|] with both sums and both
 *   normalisers over **all objects of all images**, so an object weighs by its area relative to all
 *   segmented (resp. ground-truth) pixels of the set and images with more gland area weigh more;
 * - Object Hausdorff likewise, each object with the Hausdorff distance to its in-image partner.
 * An image where one map is empty adds its objects with Dice 0 and Hausdorff = `emptyDistance`
 * (default: that image's diagonal) and adds its counts (FP = numS or FN = numG) to the sums; an image
 * where both are empty adds nothing to the pooled scores. If the whole set has no object in one map
 * the pooled half of that map is undefined and the other half is the score; no object in either map
 * → F1 1, Dice 1, Hausdorff 0, as for a single image. With one image, pooled = that image's scores.
 *
 * `perImageMean` averages each image's own scores (f1, precision, recall, objectDice,
 * objectHausdorff); there an image with both maps empty counts as F1 1, Dice 1, Hausdorff 0.
 * Throws `InvalidArgumentError` for an empty list, `SizeMismatchError` (naming the pair's id) when a
 * pair's maps differ in size. Pairs of different image sizes may be mixed.
 *
 * @example
 * const r = evaluate([{ id: 'testA_1', segmentation: seg1, groundTruth: gt1 }, { id: 'testA_2', segmentation: seg2, groundTruth: gt2 }]);
 * console.log(r.pooled.f1, r.pooled.objectDice, r.pooled.objectHausdorff, r.images[0].tp);
 */
export function evaluate(pairs: readonly EvaluatePair[], options: EvaluateOptions = {}): Evaluation {
  const fnRule = resolveFnRule(options.fnRule);
  if (!Array.isArray(pairs)) throw new InvalidArgumentError('pairs', 'expected an array of { id, segmentation, groundTruth }');
  if (pairs.length === 0) throw new InvalidArgumentError('pairs', 'no pairs to evaluate');
  resolveEmptyDistance(options.emptyDistance, 1, 1); // validate once, up front
  const images: ImageEvaluation[] = [];
  const dice = { sumS: 0, areaS: 0, sumG: 0, areaG: 0 };
  const haus = { sumS: 0, areaS: 0, sumG: 0, areaG: 0 };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let numSegmented = 0;
  let numGroundTruth = 0;
  const mean = { f1: 0, precision: 0, recall: 0, objectDice: 0, objectHausdorff: 0 };
  pairs.forEach((pair, index) => {
    if (typeof pair !== 'object' || pair === null || typeof pair.id !== 'string') {
      throw new InvalidArgumentError(`pairs[${index}]`, 'expected { id: string, segmentation, groundTruth }');
    }
    const m = prepare(pair.segmentation, pair.groundTruth, pair.id);
    const counts = detectionCounts(m, fnRule);
    const d = diceSums(m);
    const h = hausdorffSums(m, resolveEmptyDistance(options.emptyDistance, m.s.width, m.s.height));
    const row: ImageEvaluation = {
      id: pair.id,
      width: m.s.width,
      height: m.s.height,
      ...scoresFromCounts(counts.tp, counts.fp, counts.fn),
      objectDice: combineHalves(d, 1),
      objectHausdorff: combineHalves(h, 0),
      ...counts,
      numSegmented: m.s.count,
      numGroundTruth: m.g.count,
    };
    images.push(row);
    tp += counts.tp;
    fp += counts.fp;
    fn += counts.fn;
    numSegmented += m.s.count;
    numGroundTruth += m.g.count;
    addSums(dice, d);
    addSums(haus, h);
    for (const key of Object.keys(mean) as (keyof typeof mean)[]) mean[key] += row[key];
    options.onImage?.(row, index);
  });
  for (const key of Object.keys(mean) as (keyof typeof mean)[]) mean[key] /= images.length;
  return {
    pooled: {
      ...scoresFromCounts(tp, fp, fn),
      objectDice: combineHalves(dice, 1),
      objectHausdorff: combineHalves(haus, 0),
      tp,
      fp,
      fn,
      numSegmented,
      numGroundTruth,
    },
    perImageMean: mean,
    images,
    numImages: images.length,
    fnRule,
  };
}
