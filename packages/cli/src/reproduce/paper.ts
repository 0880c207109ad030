/**
 * Headline results on GlaS as published (docs/algorithms.md §1), printed beside ours when the dataset is GlaS.
 * Columns: F1, Object Dice, Object Hausdorff on test A and test B.
 */
export interface PaperRow {
  readonly method: string;
  readonly testA: { readonly f1: number; readonly objectDice: number; readonly objectHausdorff: number };
  readonly testB: { readonly f1: number; readonly objectDice: number; readonly objectHausdorff: number };
}

export const PAPER_ROWS: readonly PaperRow[] = Object.freeze([
  {
    method: '[Xu18] best (quantized SA, 7-bit INQ, 5 FCNs)',
    testA: { f1: 0.93, objectDice: 0.914, objectHausdorff: 41.78 },
    testB: { f1: 0.862, objectDice: 0.859, objectHausdorff: 97.39 },
  },
  {
    method: '[Yang17] suggestive annotation, all data',
    testA: { f1: 0.921, objectDice: 0.904, objectHausdorff: 44.736 },
    testB: { f1: 0.855, objectDice: 0.858, objectHausdorff: 96.976 },
  },
  {
    method: 'GlaS 2015 winner (CUMedVision2 / DCAN)',
    testA: { f1: 0.912, objectDice: 0.897, objectHausdorff: 45.418 },
    testB: { f1: 0.716, objectDice: 0.781, objectHausdorff: 160.347 },
  },
]);
