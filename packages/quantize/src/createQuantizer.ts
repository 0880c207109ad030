import type { QuantizerKind, Quantizer } from './contract';
import { InvalidArgumentError } from './errors';
import { dorefaQuantizer } from './dorefaQuantizer';
import { powerOfTwoQuantizer } from './powerOfTwoQuantizer';
import { ternaryQuantizer } from './ternaryQuantizer';
import { uniformQuantizer } from './uniformQuantizer';

/** The quantizer kinds, in the order of their ids in the packed format (id = index + 1). */
export const QUANTIZER_KINDS: readonly QuantizerKind[] = ['power-of-two', 'uniform', 'ternary', 'dorefa'];

/**
 * The quantizer for a kind and bit width, e.g. from a `QuantizationParams` read back from a file.
 *
 * **When to use**: when the quantizer is chosen by configuration (a CLI flag, a saved file);
 * otherwise call `powerOfTwoQuantizer` / `uniformQuantizer` / `ternaryQuantizer` /
 * `dorefaQuantizer` directly.
 *
 * **Details**: `{ kind, bits }` is enough; a full `QuantizationParams` object works too (its other
 * fields are ignored here). Unknown kinds throw `InvalidArgumentError`, bad bits
 * `BitsOutOfRangeError` (power-of-two 2–8, uniform 2–16, ternary 2, DoReFa 1–16).
 *
 * @example
 * const q = createQuantizer({ kind: 'power-of-two', bits: 7 });
 * q.quantize(weights);
 */
export function createQuantizer(spec: { kind: QuantizerKind; bits: number }): Quantizer {
  switch (spec?.kind) {
    case 'power-of-two':
      return powerOfTwoQuantizer({ bits: spec.bits });
    case 'uniform':
      return uniformQuantizer({ bits: spec.bits });
    case 'ternary':
      return ternaryQuantizer({ bits: spec.bits });
    case 'dorefa':
      return dorefaQuantizer({ bits: spec.bits });
    default:
      throw new InvalidArgumentError(
        'kind',
        `unknown quantizer kind ${JSON.stringify(spec?.kind)}; expected one of ${QUANTIZER_KINDS.join(', ')}`,
      );
  }
}
