import { InvalidArgumentError, SizeMismatchError } from '../errors';
import { coerceLabelMap } from '../toLabelMap';
import type { FnRule, LabelMap, LabelMapInput } from '../types';
import { indexObjects, type IndexedObjects } from './indexObjects';
import { matchObjects, type Matching } from './matchObjects';
import { hausdorffLowerBoundSquared, pairHausdorffSquared } from './pairHausdorff';

/**
 * A validated (segmentation, ground truth) pair of the same size, with the names its errors use.
 * Signed storage is not yet checked for negative labels: the indexer or the overlap table does that
 * in its own pass (`sName`, `gName`).
 */
export interface CoercedPair {
  readonly s: LabelMap;
  readonly g: LabelMap;
  readonly sName: string;
  readonly gName: string;
}

/** Validates a (segmentation, ground truth) pair (the input rules of `toLabelMap`, equal sizes). */
export function coercePair(segmentation: LabelMapInput, groundTruth: LabelMapInput, what = ''): CoercedPair {
  const prefix = what ? `${what}: ` : '';
  const sName = `${prefix}segmentation`;
  const gName = `${prefix}groundTruth`;
  const s = coerceLabelMap(segmentation, sName, false);
  const g = coerceLabelMap(groundTruth, gName, false);
  if (s.width !== g.width || s.height !== g.height) {
    throw new SizeMismatchError(`${prefix}segmentation and groundTruth`, s, g);
  }
  return { s, g, sName, gName };
}

/** Indexes both maps of a validated pair and matches their objects. */
export function matchPair(pair: CoercedPair): Matching {
  return matchObjects(indexObjects(pair.s, pair.sName), indexObjects(pair.g, pair.gName));
}

/** Validates a (segmentation, ground truth) pair, indexes both maps and matches their objects. */
export function prepare(segmentation: LabelMapInput, groundTruth: LabelMapInput, what = ''): Matching {
  return matchPair(coercePair(segmentation, groundTruth, what));
}

export function resolveFnRule(rule: unknown): FnRule {
  if (rule === undefined) return 'official';
  if (rule === 'official' || rule === 'unmatched') return rule;
  throw new InvalidArgumentError('fnRule', `expected 'official' or 'unmatched', got ${String(rule)}`);
}

import type { EmptyDistance } from '../types';

export type { EmptyDistance };

export function resolveEmptyDistance(option: unknown, width: number, height: number): number {
  if (option === undefined || option === 'diagonal') return Math.sqrt(width * width + height * height);
  if (typeof option === 'number' && option >= 0 && !Number.isNaN(option)) return option;
  throw new InvalidArgumentError(
    'emptyDistance',
    `expected 'diagonal' or a number >= 0 (Infinity allowed), got ${String(option)}`,
  );
}

/** Detection counts of one image. `fn` follows `rule`. */
export interface DetectionCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/**
 * TP = segmented objects whose matched ground-truth object is covered by them to strictly more than
 * 50% of its area; FP = all other segmented objects. FN: `official` = ground-truth objects that are
 * the match of no segmented object; `unmatched` = numG − TP.
 */
export function detectionCounts(m: Matching, rule: FnRule): DetectionCounts {
  const { s, g, sMatch, sOverlap } = m;
  let tp = 0;
  const claimed = new Uint8Array(g.count + 1);
  let matchedG = 0;
  for (let i = 1; i <= s.count; i++) {
    const j = sMatch[i]!;
    if (j === 0) continue;
    if (2 * sOverlap[i]! > g.area[j]!) tp++;
    if (!claimed[j]) {
      claimed[j] = 1;
      matchedG++;
    }
  }
  const fp = s.count - tp;
  const fn = rule === 'official' ? g.count - matchedG : g.count - tp;
  return { tp, fp, fn };
}

/** Precision, recall and F1 from counts; all 1 when there is nothing to detect and nothing detected. */
export function scoresFromCounts(
  tp: number,
  fp: number,
  fn: number,
): { f1: number; precision: number; recall: number } {
  if (tp + fp + fn === 0) return { f1: 1, precision: 1, recall: 1 };
  return {
    f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn),
    precision: tp + fp > 0 ? tp / (tp + fp) : 0,
    recall: tp + fn > 0 ? tp / (tp + fn) : 0,
  };
}

/** Area-weighted sums of one image: Σ_i |S_i|·v(S_i), Σ|S|, Σ_j |G_j|·v(G_j), Σ|G|. */
export interface WeightedSums {
  readonly sumS: number;
  readonly areaS: number;
  readonly sumG: number;
  readonly areaG: number;
}

/** Σ |S_i|·Dice(S_i, G(S_i)) and Σ |G_j|·Dice(G_j, S(G_j)); an unmatched object contributes 0. */
export function diceSums(m: Matching): WeightedSums {
  const { s, g, sMatch, sOverlap, gMatch, gOverlap } = m;
  let sumS = 0;
  for (let i = 1; i <= s.count; i++) {
    const j = sMatch[i]!;
    if (j !== 0) sumS += (s.area[i]! * 2 * sOverlap[i]!) / (s.area[i]! + g.area[j]!);
  }
  let sumG = 0;
  for (let j = 1; j <= g.count; j++) {
    const i = gMatch[j]!;
    if (i !== 0) sumG += (g.area[j]! * 2 * gOverlap[j]!) / (g.area[j]! + s.area[i]!);
  }
  return { sumS, areaS: s.totalArea, sumG, areaG: g.totalArea };
}

/**
 * Id of the object of `other` at the smallest Hausdorff distance from object `a` of `own`
 * (ties → smallest label), exact. Candidates are visited in order of a bounding-box lower bound and
 * the search stops once no remaining candidate can beat (or tie with a smaller label) the best; each
 * candidate's distance computation is abandoned as soon as it exceeds the best so far.
 */
function nearestObject(
  own: IndexedObjects,
  a: number,
  other: IndexedObjects,
  distance: (b: number, cap: number) => number,
): number {
  const n = other.count;
  const bound = new Float64Array(n + 1);
  const order = new Int32Array(n);
  for (let b = 1; b <= n; b++) {
    bound[b] = hausdorffLowerBoundSquared(own, a, other, b);
    order[b - 1] = b;
  }
  const labels = other.labels;
  order.sort((p, q) => bound[p]! - bound[q]! || labels[p]! - labels[q]!);
  let best = Infinity;
  let bestIndex = 0;
  for (let k = 0; k < n; k++) {
    const b = order[k]!;
    if (bound[b]! > best || (bound[b] === best && labels[b]! > labels[bestIndex]!)) break;
    const d = distance(b, best);
    if (d < best || (d === best && labels[b]! < labels[bestIndex]!)) {
      best = d;
      bestIndex = b;
    }
  }
  return bestIndex;
}

/**
 * Σ |S_i|·H(S_i, partner) and Σ |G_j|·H(G_j, partner), where the partner is the overlap match or,
 * for an object overlapping nothing, the nearest object of the other map by Hausdorff distance.
 * When the other map has no object at all, every object is at `emptyDistance`.
 */
export function hausdorffSums(m: Matching, emptyDistance: number): WeightedSums {
  const { s, g, sMatch, gMatch } = m;
  const areaS = s.totalArea;
  const areaG = g.totalArea;
  if (s.count === 0 || g.count === 0) {
    return {
      sumS: areaS > 0 ? areaS * emptyDistance : 0,
      areaS,
      sumG: areaG > 0 ? areaG * emptyDistance : 0,
      areaG,
    };
  }
  const cache = new Map<number | string, number>();
  const stride = g.count + 1;
  const numericKeys = (s.count + 1) * stride <= Number.MAX_SAFE_INTEGER;
  // Exact squared distances by pair; a capped search result above its cap is not exact and not kept.
  const squared = (i: number, j: number, cap = Infinity): number => {
    const key = numericKeys ? i * stride + j : `${i},${j}`;
    let d = cache.get(key);
    if (d === undefined) {
      d = pairHausdorffSquared(s, i, g, j, cap);
      if (d <= cap) cache.set(key, d);
    }
    return d;
  };
  let sumS = 0;
  for (let i = 1; i <= s.count; i++) {
    const j = sMatch[i] !== 0 ? sMatch[i]! : nearestObject(s, i, g, (b, cap) => squared(i, b, cap));
    sumS += s.area[i]! * Math.sqrt(squared(i, j));
  }
  let sumG = 0;
  for (let j = 1; j <= g.count; j++) {
    const i = gMatch[j] !== 0 ? gMatch[j]! : nearestObject(g, j, s, (b, cap) => squared(b, j, cap));
    sumG += g.area[j]! * Math.sqrt(squared(i, j));
  }
  return { sumS, areaS, sumG, areaG };
}

/**
 * ½ (sumS / areaS + sumG / areaG). When one side has no object at all, its half is undefined and
 * the other half is the score (all of that side's objects are unpaired, so this is the worst value:
 * Dice 0, Hausdorff = emptyDistance); when both sides are empty the score is `bothEmpty`.
 */
export function combineHalves(sums: WeightedSums, bothEmpty: number): number {
  const { sumS, areaS, sumG, areaG } = sums;
  if (areaS === 0 && areaG === 0) return bothEmpty;
  if (areaS === 0) return sumG / areaG;
  if (areaG === 0) return sumS / areaS;
  return (sumS / areaS + sumG / areaG) / 2;
}
