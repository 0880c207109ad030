import { InvalidArgumentError } from '@qfcn/contract';

export interface MostUncertainOptions {
  /** How many indices to return. Default: all (a full ranking). Larger than the pool → the whole pool. */
  readonly count?: number;
}

/**
 * Indices of the most uncertain images, most uncertain first; equal uncertainty → lower index first.
 *
 * **When to use**: the first step of a suggestive-annotation round (the K candidates), or the whole
 * choice of the uncertainty-only baseline.
 *
 * **Details**: a stable O(N log N) ranking. Throws `InvalidArgumentError` for NaN/infinite scores or a
 * negative/fractional count.
 *
 * @example
 * mostUncertain([0.1, 0.3, 0.2, 0.3], { count: 3 }); // [1, 3, 2]
 */
export function mostUncertain(uncertainty: ArrayLike<number>, options: MostUncertainOptions = {}): number[] {
  if (uncertainty == null || typeof uncertainty.length !== 'number') {
    throw new InvalidArgumentError('uncertainty', 'expected an array with one score per image');
  }
  const n = uncertainty.length;
  const { count = n } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new InvalidArgumentError('count', `${count} must be a non-negative integer`);
  for (let i = 0; i < n; i++) {
    if (typeof uncertainty[i] !== 'number' || !Number.isFinite(uncertainty[i])) {
      throw new InvalidArgumentError(
        'uncertainty',
        `image ${i} has uncertainty ${uncertainty[i]} (must be a finite number)`,
      );
    }
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => uncertainty[b]! - uncertainty[a]! || a - b);
  return order.slice(0, Math.min(count, n));
}
