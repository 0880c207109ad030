import { InvalidArgumentError } from '@qfcn/contract';
import { createRng } from '@qfcn/data';

/** Options of {@link bootstrapSample}. */
export interface BootstrapSampleOptions {
  /** Seed of the draws. Default 0. */
  seed?: number;
}

/**
 * A bootstrap resample: `items.length` draws with replacement, in draw order.
 *
 * When to use: to give each ensemble member its own training set ([Yang17], [Xu18]: each FCN of
 * the ensemble is trained on a bootstrap sample of the annotated images).
 *
 * Details: draws are `createRng(seed).int(n)` of `@qfcn/data` (xoshiro128**), so the same seed
 * always gives the same resample (default seed 0). About 1 − 1/e ≈ 63 % of the items appear at least once. An empty
 * input throws {@link InvalidArgumentError}.
 *
 * @example
 * bootstrapSample(['a', 'b', 'c'], { seed: 7 }); // e.g. ['c', 'a', 'c']
 */
export function bootstrapSample<T>(items: readonly T[], options: BootstrapSampleOptions = {}): T[] {
  if (items.length === 0) throw new InvalidArgumentError('items', 'cannot resample an empty set');
  const rng = createRng(options.seed ?? 0);
  return Array.from({ length: items.length }, () => items[rng.int(items.length)]!);
}
