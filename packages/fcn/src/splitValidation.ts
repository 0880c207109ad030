import { InvalidArgumentError } from '@qfcn/contract';
import { createRng } from '@qfcn/data';

/** Options of {@link splitValidation}. */
export interface SplitValidationOptions {
  /** Share of the items held out for validation. Default 0.15. */
  fraction?: number;
  /** Seed of the draw. Default 0. */
  seed?: number;
  /** With fewer items than this, nothing is held out (all train). Default 4. */
  minItems?: number;
}

/**
 * Carves a validation split out of the training items, seeded.
 *
 * When to use: to select checkpoints and fit post-processing (thresholds, minimum area) on images
 * the network did not train on, without ever touching test data — `qfcn train` does this by default.
 *
 * Details: `max(1, round(fraction · n))` items, drawn without replacement by a seeded shuffle
 * (`createRng(seed)` of `@qfcn/data`), go to `validation`; the rest keep their order in `train`.
 * With fewer than `minItems` items (default 4) or `fraction` 0, `validation` is empty. A fraction
 * outside [0, 1) throws {@link InvalidArgumentError}.
 *
 * @example
 * const { train, validation } = splitValidation(samples, { seed: 1 }); // 13 tiles → 11 + 2
 */
export function splitValidation<T>(
  items: readonly T[],
  options: SplitValidationOptions = {},
): { train: T[]; validation: T[] } {
  const fraction = options.fraction ?? 0.15;
  const minItems = options.minItems ?? 4;
  if (!(fraction >= 0 && fraction < 1))
    throw new InvalidArgumentError('fraction', `must be in [0, 1), got ${fraction}`);
  if (!Number.isInteger(minItems) || minItems < 2)
    throw new InvalidArgumentError('minItems', `must be an integer ≥ 2, got ${minItems}`);
  const n = items.length;
  if (n < minItems || fraction === 0) return { train: [...items], validation: [] };
  const count = Math.max(1, Math.round(fraction * n));
  const picked = new Set(
    createRng(options.seed ?? 0)
      .shuffle(Array.from({ length: n }, (_, i) => i))
      .slice(0, count),
  );
  return {
    train: items.filter((_, i) => !picked.has(i)),
    validation: [...picked].sort((a, b) => a - b).map((i) => items[i]!),
  };
}
