import { InvalidArgumentError } from '../errors';
import type { LabelMapInput } from '../types';
import { coercePair } from './imageScores';
import { overlapTable, type OverlapTable } from './overlapTable';

/** Validates a (segmentation, ground truth) pair as `f1Score` does and builds its overlap table. */
export function prepareTable(segmentation: LabelMapInput, groundTruth: LabelMapInput, what = ''): OverlapTable {
  const pair = coercePair(segmentation, groundTruth, what);
  return overlapTable(pair.s, pair.g, pair.sName, pair.gName);
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Sign of a/b − c/d for non-negative integers with b, d > 0, exactly (integer cross products; BigInt
 * when they leave the exactly representable range, i.e. only for images above ~2^26 pixels).
 */
export function compareRatios(a: number, b: number, c: number, d: number): number {
  const x = a * d;
  const y = c * b;
  if (x <= MAX_SAFE && y <= MAX_SAFE) return x === y ? 0 : x > y ? 1 : -1;
  const diff = BigInt(a) * BigInt(d) - BigInt(c) * BigInt(b);
  return diff === 0n ? 0 : diff > 0n ? 1 : -1;
}

/** Union (pixels) of every overlapping pair of the table. */
function pairUnions(t: OverlapTable): Float64Array {
  const union = new Float64Array(t.numPairs);
  for (let k = 0; k < t.numPairs; k++) union[k] = t.s.area[t.pairS[k]!]! + t.g.area[t.pairG[k]!]! - t.overlap[k]!;
  return union;
}

/**
 * AJI of Kumar et al. (2017) from the overlap table: each ground-truth object takes the overlapping
 * segmented object of largest IoU (ties → smallest label; an object may serve several), C and U sum
 * their intersections and unions; a ground-truth object overlapping nothing adds its area to U; every
 * segmented object never taken adds its area to U. Both maps empty → 1.
 */
export function ajiFromTable(t: OverlapTable): number {
  const { s, g, pairS, pairG, overlap } = t;
  if (s.count === 0 && g.count === 0) return 1;
  const union = pairUnions(t);
  const best = new Int32Array(g.count + 1).fill(-1); // pair index of each ground-truth object's choice
  for (let k = 0; k < t.numPairs; k++) {
    const j = pairG[k]!;
    const b = best[j]!;
    if (b < 0) {
      best[j] = k;
      continue;
    }
    const c = compareRatios(overlap[k]!, union[k]!, overlap[b]!, union[b]!);
    if (c > 0 || (c === 0 && pairS[k]! < pairS[b]!)) best[j] = k;
  }
  const used = new Uint8Array(s.count + 1);
  let inter = 0;
  let uni = 0;
  for (let j = 1; j <= g.count; j++) {
    const k = best[j]!;
    if (k < 0) {
      uni += g.area[j]!;
    } else {
      inter += overlap[k]!;
      uni += union[k]!;
      used[pairS[k]!] = 1;
    }
  }
  for (let i = 1; i <= s.count; i++) if (!used[i]) uni += s.area[i]!;
  return inter / uni;
}

/**
 * AJI+ of Graham et al. (2019) with a greedy unique pairing: overlapping pairs by IoU descending
 * (ties → smaller ground-truth label, then smaller segmented label), each taken when neither object
 * is paired yet; unpaired objects of both maps add their areas to U. Both maps empty → 1.
 */
export function ajiPlusFromTable(t: OverlapTable): number {
  const { s, g, pairS, pairG, overlap } = t;
  if (s.count === 0 && g.count === 0) return 1;
  const union = pairUnions(t);
  const order = new Int32Array(t.numPairs);
  for (let k = 0; k < t.numPairs; k++) order[k] = k;
  order.sort(
    (p, q) =>
      compareRatios(overlap[q]!, union[q]!, overlap[p]!, union[p]!) || pairG[p]! - pairG[q]! || pairS[p]! - pairS[q]!,
  );
  const usedS = new Uint8Array(s.count + 1);
  const usedG = new Uint8Array(g.count + 1);
  let inter = 0;
  let uni = 0;
  for (let n = 0; n < order.length; n++) {
    const k = order[n]!;
    const i = pairS[k]!;
    const j = pairG[k]!;
    if (usedS[i] || usedG[j]) continue;
    usedS[i] = 1;
    usedG[j] = 1;
    inter += overlap[k]!;
    uni += union[k]!;
  }
  for (let i = 1; i <= s.count; i++) if (!usedS[i]) uni += s.area[i]!;
  for (let j = 1; j <= g.count; j++) if (!usedG[j]) uni += g.area[j]!;
  return inter / uni;
}

/** Panoptic quality and its factors with the matched/unmatched counts. */
export interface PanopticCounts {
  readonly pq: number;
  readonly dq: number;
  readonly sq: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/**
 * PQ of Kirillov et al. (2019) from the overlap table: pairs with IoU > `threshold` (≥ 0.5, so each
 * object has at most one) are TP; DQ = TP / (TP + ½FP + ½FN), SQ = mean IoU of the TPs (0 without
 * any), PQ = DQ·SQ. Both maps empty → 1, 1, 1.
 */
export function panopticFromTable(t: OverlapTable, threshold: number): PanopticCounts {
  const { s, g, pairS, pairG, overlap } = t;
  if (s.count === 0 && g.count === 0) return { pq: 1, dq: 1, sq: 1, tp: 0, fp: 0, fn: 0 };
  let tp = 0;
  let sum = 0;
  for (let k = 0; k < t.numPairs; k++) {
    const iou = overlap[k]! / (s.area[pairS[k]!]! + g.area[pairG[k]!]! - overlap[k]!);
    if (iou > threshold) {
      tp++;
      sum += iou;
    }
  }
  const fp = s.count - tp;
  const fn = g.count - tp;
  const dq = tp / (tp + 0.5 * fp + 0.5 * fn);
  const sq = tp > 0 ? sum / tp : 0;
  return { pq: dq * sq, dq, sq, tp, fp, fn };
}

/** The PQ matching threshold: default 0.5; numbers in [0.5, 1) only (where matches are unique). */
export function resolveIouThreshold(option: unknown): number {
  if (option === undefined) return 0.5;
  if (typeof option === 'number' && option >= 0.5 && option < 1) return option;
  throw new InvalidArgumentError(
    'iouThreshold',
    `expected a number in [0.5, 1), got ${String(option)}: only above IoU 0.5 can no object match two others, ` +
      'so matches are unique (below 0.5 panoptic quality would need an assignment step it does not define)',
  );
}
