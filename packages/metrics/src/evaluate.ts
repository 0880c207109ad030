import { InvalidArgumentError } from './errors';
import {
  coercePair,
  combineHalves,
  detectionCounts,
  diceSums,
  hausdorffSums,
  matchPair,
  resolveEmptyDistance,
  resolveFnRule,
  scoresFromCounts,
  type EmptyDistance,
  type WeightedSums,
} from './internal/imageScores';
import { ajiFromTable, ajiPlusFromTable, panopticFromTable, resolveIouThreshold } from './internal/instanceScores';
import { overlapTable } from './internal/overlapTable';
import type { FnRule, LabelMapInput } from './types';

/** One image to score: a segmentation and its ground truth, of the same size. */
export interface EvaluatePair {
  /** Names the image in the per-image rows and in error messages. */
  readonly id: string;
  readonly segmentation: LabelMapInput;
  readonly groundTruth: LabelMapInput;
}

/**
 * Which metric families `evaluate` computes: `'glas'` (default: detection F1, object Dice, object
 * Hausdorff, pooled and per-image-mean), `'nuclei'` (AJI, AJI+, PQ/DQ/SQ per image and their mean
 * over images) or `'all'` (both).
 */
export type MetricFamily = 'glas' | 'nuclei' | 'all';

export interface EvaluateOptions<M extends MetricFamily = 'glas'> {
  /** Metric families to compute; default `'glas'`. The result's type follows it (see `EvaluationOf`). */
  readonly metrics?: M;
  /** FN counting rule, `'official'` (default) or `'unmatched'`; see `f1Score`. GlaS family only (validated always). */
  readonly fnRule?: FnRule;
  /** Distance of an object from "nothing" when the other map of its image is empty; see `objectHausdorff`. Default `'diagonal'` (of that image). GlaS family only (validated always). */
  readonly emptyDistance?: EmptyDistance;
  /** PQ matching threshold, IoU strictly above it, in [0.5, 1); default 0.5; see `panopticQuality`. Nuclei family only (validated always). */
  readonly iouThreshold?: number;
  /** Called after each image is scored, in input order (progress display, streaming output). */
  readonly onImage?: (image: ImageEvaluationOf<M>, index: number) => void;
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

/** GlaS result (`metrics: 'glas'`, the default): exactly the shape of earlier versions. */
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

/** The nuclei instance scores of an image, or their means over a set. */
export interface NucleiScores {
  /** Aggregated Jaccard Index (Kumar et al. 2017); see `aggregatedJaccardIndex`. */
  readonly aji: number;
  /** AJI+ (Graham et al. 2019), one-to-one pairing; see `aggregatedJaccardIndexPlus`. */
  readonly ajiPlus: number;
  /** Panoptic quality = dq · sq; see `panopticQuality`. */
  readonly pq: number;
  /** Detection quality of the PQ matching. */
  readonly dq: number;
  /** Segmentation quality: mean IoU of the PQ matches (0 without any). */
  readonly sq: number;
}

/** Nuclei scores of one image, exactly as `aggregatedJaccardIndex`, `…Plus` and `panopticQuality` give them. */
export interface NucleiImageEvaluation extends NucleiScores {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** PQ matches (IoU > `iouThreshold`); named apart from the F1 counts `tp`/`fp`/`fn` of the GlaS family. */
  readonly pqTp: number;
  /** Segmented objects without a PQ match. */
  readonly pqFp: number;
  /** Ground-truth objects without a PQ match. */
  readonly pqFn: number;
  /** Number of segmented objects (distinct non-zero labels). */
  readonly numSegmented: number;
  /** Number of ground-truth objects. */
  readonly numGroundTruth: number;
}

/** One image with both families (`metrics: 'all'`): the GlaS row followed by the nuclei fields. */
export interface FullImageEvaluation extends ImageEvaluation, NucleiImageEvaluation {}

/** Nuclei result (`metrics: 'nuclei'`): no GlaS fields (`pooled`, `fnRule`) at all. */
export interface NucleiEvaluation {
  /**
   * Mean over images of each image's AJI, AJI+, PQ, DQ and SQ — what nuclei papers report (an image
   * with both maps empty counts as 1 for each).
   */
  readonly perImageMean: NucleiScores;
  /** One row per pair, in input order. */
  readonly images: readonly NucleiImageEvaluation[];
  readonly numImages: number;
  /** The PQ threshold used. */
  readonly iouThreshold: number;
}

/** Both families (`metrics: 'all'`): the GlaS result, with nuclei means and fields added. */
export interface FullEvaluation {
  readonly pooled: PooledEvaluation;
  /** Means over images of the GlaS scores and of the nuclei scores. */
  readonly perImageMean: ObjectScores & NucleiScores;
  readonly images: readonly FullImageEvaluation[];
  readonly numImages: number;
  readonly fnRule: FnRule;
  readonly iouThreshold: number;
}

/**
 * The result type of `evaluate` for metric families `M`. With `M` a union (an option chosen at run
 * time) it is the union of the shapes; tell them apart by their fields: `'pooled' in r` (GlaS part
 * present), `'iouThreshold' in r` (nuclei part present).
 */
export type EvaluationOf<M extends MetricFamily> = M extends 'nuclei'
  ? NucleiEvaluation
  : M extends 'all'
    ? FullEvaluation
    : Evaluation;

/** The per-image row type of `evaluate` for metric families `M` (see `EvaluationOf`). */
export type ImageEvaluationOf<M extends MetricFamily> = M extends 'nuclei'
  ? NucleiImageEvaluation
  : M extends 'all'
    ? FullImageEvaluation
    : ImageEvaluation;

function resolveMetrics(option: unknown): MetricFamily {
  if (option === undefined) return 'glas';
  if (option === 'glas' || option === 'nuclei' || option === 'all') return option;
  throw new InvalidArgumentError('metrics', `expected 'glas', 'nuclei' or 'all', got ${String(option)}`);
}

function addSums(total: { sumS: number; areaS: number; sumG: number; areaG: number }, s: WeightedSums): void {
  total.sumS += s.sumS;
  total.areaS += s.areaS;
  total.sumG += s.sumG;
  total.areaG += s.areaG;
}

/**
 * Scores a set of segmentations (a GlaS test part, a nuclei test set) against their ground truths:
 * with the default `metrics: 'glas'` pooled scores over all objects of the set, per-image-mean
 * scores and one row per image; with `'nuclei'` AJI, AJI+ and PQ/DQ/SQ per image and their means
 * over images; with `'all'` both.
 *
 * **When to use**: reporting results on a test set. `pooled` is the GlaS challenge's definition
 * (compare with published challenge tables); `perImageMean` is what many later papers report, and
 * for nuclei (`metrics: 'nuclei'`) the mean over images of AJI/AJI+/PQ is what nuclei papers report.
 *
 * **Details (GlaS family)**: matching is per image, exactly as in `f1Score`/`objectDice`/`objectHausdorff` (objects
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
 * `perImageMean` averages each image's own scores (f1, precision, recall, objectDice,
 * objectHausdorff); there an image with both maps empty counts as F1 1, Dice 1, Hausdorff 0.
 *
 * **Details (nuclei family)**: each row gets `aji`, `ajiPlus`, `pq`, `dq`, `sq` exactly as
 * `aggregatedJaccardIndex`, `aggregatedJaccardIndexPlus` and `panopticQuality` (with `iouThreshold`)
 * give them, and the PQ counts as `pqTp`, `pqFp`, `pqFn`; `perImageMean` holds their means over images
 * (an image with both maps empty counts as 1). One pass over each image's pixels builds its overlap table.
 *
 * **Result shape**: follows `metrics` (`EvaluationOf<M>`): `'glas'` → `Evaluation` (unchanged from
 * earlier versions), `'nuclei'` → `NucleiEvaluation` (no `pooled`/`fnRule`), `'all'` →
 * `FullEvaluation`. Throws `InvalidArgumentError` for an empty list or a bad option (`metrics`,
 * `fnRule`, `emptyDistance`, `iouThreshold`, all checked whatever the families), `SizeMismatchError`
 * (naming the pair's id) when a pair's maps differ in size. Pairs of different image sizes may be mixed.
 *
 * @example
 * const r = evaluate([{ id: 'testA_1', segmentation: seg1, groundTruth: gt1 }, { id: 'testA_2', segmentation: seg2, groundTruth: gt2 }]);
 * console.log(r.pooled.f1, r.pooled.objectDice, r.pooled.objectHausdorff, r.images[0].tp);
 * const n = evaluate(nucleiPairs, { metrics: 'nuclei' });
 * console.log(n.perImageMean.aji, n.perImageMean.pq, n.images[0].ajiPlus, n.images[0].pqTp);
 */
export function evaluate<M extends MetricFamily = 'glas'>(
  pairs: readonly EvaluatePair[],
  options: EvaluateOptions<M> = {},
): EvaluationOf<M> {
  const metrics = resolveMetrics(options.metrics);
  const fnRule = resolveFnRule(options.fnRule);
  const iouThreshold = resolveIouThreshold(options.iouThreshold);
  if (!Array.isArray(pairs))
    throw new InvalidArgumentError('pairs', 'expected an array of { id, segmentation, groundTruth }');
  if (pairs.length === 0) throw new InvalidArgumentError('pairs', 'no pairs to evaluate');
  resolveEmptyDistance(options.emptyDistance, 1, 1); // validate once, up front
  const glas = metrics !== 'nuclei';
  const nuclei = metrics !== 'glas';
  const onImage = options.onImage as ((image: ImageRow, index: number) => void) | undefined;
  const images: ImageRow[] = [];
  const dice = { sumS: 0, areaS: 0, sumG: 0, areaG: 0 };
  const haus = { sumS: 0, areaS: 0, sumG: 0, areaG: 0 };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let numSegmented = 0;
  let numGroundTruth = 0;
  const glasMean = { f1: 0, precision: 0, recall: 0, objectDice: 0, objectHausdorff: 0 };
  const nucleiMean = { aji: 0, ajiPlus: 0, pq: 0, dq: 0, sq: 0 };
  pairs.forEach((pair, index) => {
    if (typeof pair !== 'object' || pair === null || typeof pair.id !== 'string') {
      throw new InvalidArgumentError(`pairs[${index}]`, 'expected { id: string, segmentation, groundTruth }');
    }
    const coerced = coercePair(pair.segmentation, pair.groundTruth, pair.id);
    let row: ImageRow = { id: pair.id, width: coerced.s.width, height: coerced.s.height };
    if (glas) {
      const m = matchPair(coerced);
      const counts = detectionCounts(m, fnRule);
      const d = diceSums(m);
      const h = hausdorffSums(m, resolveEmptyDistance(options.emptyDistance, m.s.width, m.s.height));
      const scores = {
        ...scoresFromCounts(counts.tp, counts.fp, counts.fn),
        objectDice: combineHalves(d, 1),
        objectHausdorff: combineHalves(h, 0),
      };
      row = { ...row, ...scores, ...counts, numSegmented: m.s.count, numGroundTruth: m.g.count };
      tp += counts.tp;
      fp += counts.fp;
      fn += counts.fn;
      numSegmented += m.s.count;
      numGroundTruth += m.g.count;
      addSums(dice, d);
      addSums(haus, h);
      for (const key of Object.keys(glasMean) as (keyof typeof glasMean)[]) glasMean[key] += scores[key];
    }
    if (nuclei) {
      const t = overlapTable(coerced.s, coerced.g, coerced.sName, coerced.gName);
      const p = panopticFromTable(t, iouThreshold);
      const scores = { aji: ajiFromTable(t), ajiPlus: ajiPlusFromTable(t), pq: p.pq, dq: p.dq, sq: p.sq };
      row = { ...row, ...scores, pqTp: p.tp, pqFp: p.fp, pqFn: p.fn };
      if (!glas) row = { ...row, numSegmented: t.s.count, numGroundTruth: t.g.count };
      for (const key of Object.keys(nucleiMean) as (keyof typeof nucleiMean)[]) nucleiMean[key] += scores[key];
    }
    images.push(row);
    onImage?.(row, index);
  });
  const mean = <T extends Record<string, number>>(sums: T): T => {
    for (const key of Object.keys(sums) as (keyof T)[]) (sums[key] as number) /= images.length;
    return sums;
  };
  const numImages = images.length;
  let result: Evaluation | NucleiEvaluation | FullEvaluation;
  if (!nuclei) {
    result = {
      pooled: pooledScores(),
      perImageMean: mean(glasMean),
      images: images as ImageEvaluation[],
      numImages,
      fnRule,
    };
  } else if (!glas) {
    result = { perImageMean: mean(nucleiMean), images: images as NucleiImageEvaluation[], numImages, iouThreshold };
  } else {
    result = {
      pooled: pooledScores(),
      perImageMean: { ...mean(glasMean), ...mean(nucleiMean) },
      images: images as FullImageEvaluation[],
      numImages,
      fnRule,
      iouThreshold,
    };
  }
  return result as EvaluationOf<M>;

  function pooledScores(): PooledEvaluation {
    return {
      ...scoresFromCounts(tp, fp, fn),
      objectDice: combineHalves(dice, 1),
      objectHausdorff: combineHalves(haus, 0),
      tp,
      fp,
      fn,
      numSegmented,
      numGroundTruth,
    };
  }
}

/** A per-image row while it is being built (its final type depends on the families). */
type ImageRow = Partial<FullImageEvaluation> & Pick<FullImageEvaluation, 'id' | 'width' | 'height'>;
