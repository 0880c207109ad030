import { prepareTable, resolveIouThreshold } from './internal/instanceScores';
import type { LabelMapInput } from './types';

/** Options of {@link instanceErrors}. */
export interface InstanceErrorsOptions {
  /**
   * A (segmented, ground-truth) pair matches when its IoU is strictly greater than this, as in
   * `panopticQuality`. Default 0.5; must be in [0.5, 1).
   */
  readonly iouThreshold?: number;
}

/** What became of each ground-truth object (the counts add up to `total`). */
export interface GroundTruthFates {
  /** Ground-truth objects. */
  readonly total: number;
  /** Matched by a segmented object with IoU above the threshold (panoptic quality's TP). */
  readonly matched: number;
  /** Unmatched; its main segmented object also covers most of another ground-truth object. */
  readonly merged: number;
  /** Unmatched; one segmented object covers most of it and of no other object, yet IoU ≤ the threshold. */
  readonly misshapen: number;
  /** Unmatched; no single segmented object covers most of it, but several together do. */
  readonly split: number;
  /** Unmatched; segmented objects cover at most half of it. */
  readonly missed: number;
}

/** What each segmented object is (the counts add up to `total`). */
export interface SegmentedFates {
  /** Segmented objects. */
  readonly total: number;
  /** Matched to a ground-truth object (panoptic quality's TP). */
  readonly matched: number;
  /** Unmatched, covering most of two or more ground-truth objects. */
  readonly merges: number;
  /** Unmatched, more than half of it on ground-truth objects (a piece, or an object with a wrong outline). */
  readonly fragments: number;
  /** Unmatched, at most half of it on ground-truth objects (a detection in the background). */
  readonly spurious: number;
}

/** Result of {@link instanceErrors}. */
export interface InstanceErrors {
  readonly groundTruth: GroundTruthFates;
  readonly segmented: SegmentedFates;
}

/**
 * Sorts the errors of an instance segmentation by kind: which ground-truth objects were merged with a
 * neighbour, split, missed or outlined wrongly, and which segmented objects are merges, fragments or
 * background detections.
 *
 * **When to use**: to see *where* an AJI or panoptic quality is lost — are touching nuclei merged
 * (separation), nuclei missed (detection), or found with poor outlines (boundaries)? Sum the counts
 * over the images of a test set.
 *
 * **Details**: matches are those of `panopticQuality` (IoU > `iouThreshold`, default 0.5, so each
 * object has at most one). "Covers most of" means more than half of the pixels (`2·|g ∩ s| > |g|`,
 * exact integer arithmetic). Each unmatched ground-truth object g is, in this order: **merged** when
 * its main segmented object s (largest overlap; ties → smallest label) covers most of g and most of
 * another ground-truth object; **misshapen** when s covers most of g and of no other; **split** when
 * no single segmented object covers most of g but all of them together do; **missed** otherwise.
 * Each unmatched segmented object is a **merge** when it covers most of two or more ground-truth
 * objects, a **fragment** when more than half of its pixels lie on ground-truth objects, and
 * **spurious** otherwise (a background detection, or an outline far too large). Labels as for `panopticQuality` (0 background, a label in several pieces is
 * one object, any non-negative integer labels). Throws `InvalidArgumentError` for a threshold outside
 * [0.5, 1), `SizeMismatchError` when the maps differ in size, `ShapeError`/`LabelValueError` for bad
 * maps.
 *
 * @example
 * const gt = { width: 8, height: 1, data: new Uint8Array([1, 1, 1, 2, 2, 2, 0, 3]) };
 * const seg = { width: 8, height: 1, data: new Uint8Array([5, 5, 5, 5, 5, 5, 0, 0]) };
 * // S5 covers all of G1 and G2 (IoU 1/2 each: no match); G3 is not segmented
 * instanceErrors(seg, gt);
 * // { groundTruth: { total: 3, matched: 0, merged: 2, misshapen: 0, split: 0, missed: 1 },
 * //   segmented: { total: 1, matched: 0, merges: 1, fragments: 0, spurious: 0 } }
 */
export function instanceErrors(
  segmentation: LabelMapInput,
  groundTruth: LabelMapInput,
  options: InstanceErrorsOptions = {},
): InstanceErrors {
  const threshold = resolveIouThreshold(options.iouThreshold);
  const t = prepareTable(segmentation, groundTruth);
  const { s, g, pairS, pairG, overlap } = t;
  const sMatched = new Uint8Array(s.count + 1);
  const gMatched = new Uint8Array(g.count + 1);
  // per segmented object: ground-truth objects it covers most of, and its pixels on ground truth
  const sMajorities = new Int32Array(s.count + 1);
  const sOnObjects = new Float64Array(s.count + 1);
  // per ground-truth object: pixels under any segmented object, and its main segmented object's pair
  const gCovered = new Float64Array(g.count + 1);
  const gMain = new Int32Array(g.count + 1).fill(-1);
  for (let k = 0; k < t.numPairs; k++) {
    const i = pairS[k]!;
    const j = pairG[k]!;
    const o = overlap[k]!;
    if (o / (s.area[i]! + g.area[j]! - o) > threshold) {
      sMatched[i] = 1;
      gMatched[j] = 1;
    }
    if (2 * o > g.area[j]!) sMajorities[i]!++;
    sOnObjects[i]! += o;
    gCovered[j]! += o;
    const m = gMain[j]!;
    // pairs come sorted by segmented id, so a strictly larger overlap keeps the smallest label on ties
    if (m < 0 || o > overlap[m]!) gMain[j] = k;
  }

  let matched = 0;
  let merged = 0;
  let misshapen = 0;
  let split = 0;
  let missed = 0;
  for (let j = 1; j <= g.count; j++) {
    if (gMatched[j]) {
      matched++;
      continue;
    }
    const m = gMain[j]!;
    if (m >= 0 && 2 * overlap[m]! > g.area[j]!) {
      if (sMajorities[pairS[m]!]! >= 2) merged++;
      else misshapen++;
    } else if (2 * gCovered[j]! > g.area[j]!) {
      split++;
    } else {
      missed++;
    }
  }

  let sMatchedCount = 0;
  let merges = 0;
  let fragments = 0;
  let spurious = 0;
  for (let i = 1; i <= s.count; i++) {
    if (sMatched[i]) sMatchedCount++;
    else if (sMajorities[i]! >= 2) merges++;
    else if (2 * sOnObjects[i]! > s.area[i]!) fragments++;
    else spurious++;
  }
  return {
    groundTruth: { total: g.count, matched, merged, misshapen, split, missed },
    segmented: { total: s.count, matched: sMatchedCount, merges, fragments, spurious },
  };
}
