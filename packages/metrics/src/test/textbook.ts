import type { LabelMap } from '../types';
import { labelMapFromRows } from './rows';

/** A hand-computed example: two 5x5 maps and their GlaS scores, worked out in `explanation`. */
export interface TextbookCase {
  readonly name: string;
  readonly segmentation: LabelMap;
  readonly groundTruth: LabelMap;
  readonly expected: {
    readonly official: { readonly tp: number; readonly fp: number; readonly fn: number; readonly f1: number };
    readonly unmatched: { readonly tp: number; readonly fp: number; readonly fn: number; readonly f1: number };
    readonly objectDice: number;
    readonly objectHausdorff: number;
  };
  readonly explanation: string;
}

/**
 * Small 5x5 examples with scores computed by hand (the arithmetic is in each `explanation`), for
 * checking an implementation of the GlaS metrics or for users' own tests. Pixel (x, y) is column x,
 * row y; distances are between pixel centres.
 */
export const textbookCases: readonly TextbookCase[] = [
  {
    name: 'one gland shifted right by one pixel (exactly 50% covered)',
    groundTruth: labelMapFromRows(['0 0 0 0 0', '0 1 1 0 0', '0 1 1 0 0', '0 0 0 0 0', '0 0 0 0 0']),
    segmentation: labelMapFromRows(['0 0 0 0 0', '0 0 1 1 0', '0 0 1 1 0', '0 0 0 0 0', '0 0 0 0 0']),
    expected: {
      official: { tp: 0, fp: 1, fn: 0, f1: 0 },
      unmatched: { tp: 0, fp: 1, fn: 1, f1: 0 },
      objectDice: 0.5,
      objectHausdorff: 1,
    },
    explanation:
      'S1 matches G1 with overlap 2 of |G1| = 4: exactly 50% is not more than 50%, so S1 is FP. ' +
      'G1 is the match of S1, so official FN = 0; numG - TP = 1. Dice = 2*2/(4+4) = 0.5 on both sides. ' +
      'Every pixel of each square is at most 1 px from the other square: H = 1.',
  },
  {
    name: 'two touching glands merged into one segment',
    groundTruth: labelMapFromRows(['1 1 2 2 0', '1 1 2 2 0', '1 1 2 2 0', '0 0 0 0 0', '0 0 0 0 0']),
    segmentation: labelMapFromRows(['5 5 5 5 0', '5 5 5 5 0', '5 5 5 5 0', '0 0 0 0 0', '0 0 0 0 0']),
    expected: {
      official: { tp: 1, fp: 0, fn: 1, f1: 2 / 3 },
      unmatched: { tp: 1, fp: 0, fn: 1, f1: 2 / 3 },
      objectDice: 2 / 3,
      objectHausdorff: 2,
    },
    explanation:
      'S5 overlaps G1 and G2 by 6 px each: the tie goes to the smaller label, G1, covered 6/6 -> TP. ' +
      'G2 is the match of no segment -> FN = 1; F1 = 2*1/(2*1+0+1) = 2/3. ' +
      'Dice(S5, G1) = Dice(S5, G2) = 2*6/(12+6) = 2/3, so every weighted sum is 2/3. ' +
      'Column 3 of S5 is 2 px from G1 (columns 0-1) and column 0 is 2 px from G2: H = 2 for both pairs.',
  },
  {
    name: 'second gland only half covered',
    groundTruth: labelMapFromRows(['1 1 0 2 2', '1 1 0 2 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']),
    segmentation: labelMapFromRows(['1 1 0 0 2', '1 1 0 0 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']),
    expected: {
      official: { tp: 1, fp: 1, fn: 0, f1: 2 / 3 },
      unmatched: { tp: 1, fp: 1, fn: 1, f1: 1 / 2 },
      objectDice: 31 / 36,
      objectHausdorff: 5 / 12,
    },
    explanation:
      'S1 = G1 -> TP. S2 covers 2 of the 4 px of G2 (50%) -> FP, but G2 is its match: official FN = 0, ' +
      'F1 = 2/(2+1+0) = 2/3; numG - TP = 1, F1 = 2/(2+1+1) = 1/2. ' +
      'Dice: S side 4/6*1 + 2/6*(2*2/6) = 8/9; G side 1/2*1 + 1/2*(2/3) = 5/6; mean 31/36. ' +
      'H(S2, G2) = 1 (column 3 of G2 to column 4): S side 2/6*1 = 1/3, G side 1/2*1 = 1/2; mean 5/12.',
  },
  {
    name: 'false positive and missed gland paired by Hausdorff distance',
    groundTruth: labelMapFromRows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 2']),
    segmentation: labelMapFromRows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 3 0', '0 0 0 0 0']),
    expected: {
      official: { tp: 1, fp: 1, fn: 1, f1: 1 / 2 },
      unmatched: { tp: 1, fp: 1, fn: 1, f1: 1 / 2 },
      objectDice: 0.8,
      objectHausdorff: Math.SQRT2 / 5,
    },
    explanation:
      'S1 = G1 -> TP; S3 overlaps nothing -> FP; G2 is matched by nothing -> FN. F1 = 2/(2+1+1) = 1/2. ' +
      'Dice: unmatched objects score 0, so each side is 4/5*1 + 1/5*0 = 0.8. ' +
      'S3 at (3,3) is nearest to G2 at (4,4): H = sqrt(2) (to G1 it is sqrt(18), from (0,0)); likewise ' +
      'G2 pairs with S3. Each side is 4/5*0 + 1/5*sqrt(2), so the score is sqrt(2)/5.',
  },
  {
    name: 'background-dominant segment still covering most of its gland',
    groundTruth: labelMapFromRows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']),
    segmentation: labelMapFromRows(['0 1 1 1 1', '1 1 1 1 1', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']),
    expected: {
      official: { tp: 1, fp: 0, fn: 0, f1: 1 },
      unmatched: { tp: 1, fp: 0, fn: 0, f1: 1 },
      objectDice: 6 / 13,
      objectHausdorff: 3,
    },
    explanation:
      'S1 has 9 px, 6 of them background; background never counts, so it matches G1 and covers 3 of its ' +
      '4 px (75%) -> TP, F1 = 1. Dice = 2*3/(9+4) = 6/13. Pixel (4,0) is 3 px from G1; every G1 pixel ' +
      'is within 1 px of S1: H = 3.',
  },
  {
    name: 'both maps empty',
    groundTruth: labelMapFromRows(['0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']),
    segmentation: labelMapFromRows(['0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']),
    expected: {
      official: { tp: 0, fp: 0, fn: 0, f1: 1 },
      unmatched: { tp: 0, fp: 0, fn: 0, f1: 1 },
      objectDice: 1,
      objectHausdorff: 0,
    },
    explanation: 'Nothing to find and nothing found: F1 1, object Dice 1, object Hausdorff 0 (official code).',
  },
  {
    name: 'empty segmentation of one gland',
    groundTruth: labelMapFromRows(['0 0 0 0 0', '0 1 1 0 0', '0 1 1 0 0', '0 0 0 0 0', '0 0 0 0 0']),
    segmentation: labelMapFromRows(['0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']),
    expected: {
      official: { tp: 0, fp: 0, fn: 1, f1: 0 },
      unmatched: { tp: 0, fp: 0, fn: 1, f1: 0 },
      objectDice: 0,
      objectHausdorff: Math.sqrt(50),
    },
    explanation:
      'Exactly one map empty: F1 0 and object Dice 0 (official code). Hausdorff is undefined there ' +
      '(the official code fails); @qfcn/metrics uses the image diagonal sqrt(5^2 + 5^2) = sqrt(50).',
  },
];
