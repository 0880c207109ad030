import { CorruptFileError, InvalidArgumentError, QfcnError } from '@qfcn/contract';
import { hasErrorMarker } from '@qfcn/internal';

/**
 * Errors thrown by @qfcn/quantize: the qfcn error family of @qfcn/contract.
 *
 * Every error is a `QfcnError` (`QfcnError.isInstance(e)`, a stable `code`). Bad arguments throw the
 * family's `InvalidArgumentError` or, for what is particular to quantization, one of its subclasses
 * below; unreadable packed files throw the family's `CorruptFileError` (both re-exported here). The
 * errors particular to quantization carry the package marker `Symbol.for('qfcn.error.quantize')`
 * (`QuantizeError.isInstance`) and a marker of their own (`qfcn.error.quantize.<ClassName>`), with
 * their own `isInstance`, so checks work across duplicated package copies and the ESM/CJS boundary
 * where `instanceof` fails.
 *
 * | class | code | thrown when |
 * |---|---|---|
 * | `InvalidArgumentError` (@qfcn/contract) | `INVALID_ARGUMENT` | an option or argument has the wrong type, range or shape |
 * | `BitsOutOfRangeError` | `BITS_OUT_OF_RANGE` | a bit width outside what the quantizer supports |
 * | `NonFiniteValueError` | `NON_FINITE_VALUE` | a weight is NaN or ±Infinity |
 * | `EmptyTensorError` | `EMPTY_TENSOR` | a tensor has no elements |
 * | `InvalidScheduleError` | `INVALID_SCHEDULE` | an INQ schedule is not increasing in (0, 1] ending at 1 |
 * | `NothingToQuantizeError` | `NOTHING_TO_QUANTIZE` | no weight of a model matches the quantize patterns |
 * | `NotOnLevelError` | `NOT_ON_LEVEL` | packing a value that is not a level of its quantizer |
 * | `CorruptFileError` (@qfcn/contract) | `CORRUPT_FILE` | a packed file is truncated, foreign, altered or of an unknown version |
 *
 * All but `NothingToQuantizeError` of the quantization-specific classes are `InvalidArgumentError`s.
 *
 * @example
 * try { quantizePowerOfTwo(w, { bits: 9 }) }
 * catch (e) { if (BitsOutOfRangeError.isInstance(e)) console.error(e.message) }
 */
export { CorruptFileError, InvalidArgumentError };

const quantizeMarker = Symbol.for('qfcn.error.quantize');

/**
 * Base class of the quantization-specific errors that are not argument errors
 * (`NothingToQuantizeError`); `QuantizeError.isInstance` also accepts the quantization-specific
 * `InvalidArgumentError` subclasses, which carry the same package marker.
 */
export class QuantizeError extends QfcnError {
  protected readonly [quantizeMarker] = true;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'QuantizeError';
  }

  /**
   * True for the errors particular to @qfcn/quantize (any copy, ESM or CJS): `QuantizeError`, the
   * classes of the table but `InvalidArgumentError` and `CorruptFileError`, and their subclasses.
   */
  static override isInstance(error: unknown): error is QuantizeError {
    return hasErrorMarker(error, quantizeMarker);
  }
}

const bitsOutOfRangeMarker = Symbol.for('qfcn.error.quantize.BitsOutOfRangeError');

/** A bit width outside the range a quantizer supports (power-of-two: 2–8). */
export class BitsOutOfRangeError extends InvalidArgumentError {
  protected readonly [quantizeMarker] = true;
  protected readonly [bitsOutOfRangeMarker] = true;
  readonly bits: unknown;
  readonly min: number;
  readonly max: number;
  constructor(bits: unknown, min: number, max: number, what: string) {
    super('bits', `${what} supports integer bit widths ${min}–${max}, got ${String(bits)}`, {
      code: 'BITS_OUT_OF_RANGE',
    });
    this.name = 'BitsOutOfRangeError';
    this.bits = bits;
    this.min = min;
    this.max = max;
  }

  /** True for a `BitsOutOfRangeError` of @qfcn/quantize or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is BitsOutOfRangeError {
    return hasErrorMarker(error, bitsOutOfRangeMarker);
  }
}

const nonFiniteValueMarker = Symbol.for('qfcn.error.quantize.NonFiniteValueError');

/** A weight is NaN or infinite. `index` is the flat index of the first such weight. */
export class NonFiniteValueError extends InvalidArgumentError {
  protected readonly [quantizeMarker] = true;
  protected readonly [nonFiniteValueMarker] = true;
  readonly index: number;
  readonly value: number;
  constructor(argument: string, index: number, value: number) {
    super(argument, `element ${index} is ${value}; weights must be finite`, { code: 'NON_FINITE_VALUE' });
    this.name = 'NonFiniteValueError';
    this.index = index;
    this.value = value;
  }

  /** True for a `NonFiniteValueError` of @qfcn/quantize or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is NonFiniteValueError {
    return hasErrorMarker(error, nonFiniteValueMarker);
  }
}

const emptyTensorMarker = Symbol.for('qfcn.error.quantize.EmptyTensorError');

/** A tensor with no elements was given where weights are needed. */
export class EmptyTensorError extends InvalidArgumentError {
  protected readonly [quantizeMarker] = true;
  protected readonly [emptyTensorMarker] = true;
  constructor(argument: string) {
    super(argument, 'tensor is empty (0 elements); there is nothing to quantize', { code: 'EMPTY_TENSOR' });
    this.name = 'EmptyTensorError';
  }

  /** True for an `EmptyTensorError` of @qfcn/quantize or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is EmptyTensorError {
    return hasErrorMarker(error, emptyTensorMarker);
  }
}

const invalidScheduleMarker = Symbol.for('qfcn.error.quantize.InvalidScheduleError');

/** An INQ schedule of accumulated portions is not strictly increasing in (0, 1] and ending at 1.0. */
export class InvalidScheduleError extends InvalidArgumentError {
  protected readonly [quantizeMarker] = true;
  protected readonly [invalidScheduleMarker] = true;
  readonly schedule: readonly unknown[];
  constructor(schedule: readonly unknown[], reason: string) {
    super('schedule', `[${schedule.join(', ')}]: ${reason}`, { code: 'INVALID_SCHEDULE' });
    this.name = 'InvalidScheduleError';
    this.schedule = schedule;
  }

  /** True for an `InvalidScheduleError` of @qfcn/quantize or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is InvalidScheduleError {
    return hasErrorMarker(error, invalidScheduleMarker);
  }
}

const nothingToQuantizeMarker = Symbol.for('qfcn.error.quantize.NothingToQuantizeError');

/** No weight of the model matched the patterns of weights to quantize. */
export class NothingToQuantizeError extends QuantizeError {
  protected readonly [nothingToQuantizeMarker] = true;
  readonly names: readonly string[];
  constructor(names: readonly string[], rule: string) {
    super(
      'NOTHING_TO_QUANTIZE',
      `No weight matches ${rule}; weights seen: ${names.length ? names.join(', ') : '(none)'}. ` +
        `Pass 'include' to choose the weights to quantize.`,
    );
    this.name = 'NothingToQuantizeError';
    this.names = names;
  }

  /** True for a `NothingToQuantizeError` of @qfcn/quantize or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is NothingToQuantizeError {
    return hasErrorMarker(error, nothingToQuantizeMarker);
  }
}

const notOnLevelMarker = Symbol.for('qfcn.error.quantize.NotOnLevelError');

/** A value to be stored as a code is not one of the quantizer's levels, so it would not round-trip. */
export class NotOnLevelError extends InvalidArgumentError {
  protected readonly [quantizeMarker] = true;
  protected readonly [notOnLevelMarker] = true;
  readonly index: number;
  readonly value: number;
  constructor(argument: string, index: number, value: number, quantizer: string) {
    super(
      argument,
      `element ${index} = ${value} is not a level of the ${quantizer} quantizer; quantize before packing`,
      { code: 'NOT_ON_LEVEL' },
    );
    this.name = 'NotOnLevelError';
    this.index = index;
    this.value = value;
  }

  /** True for a `NotOnLevelError` of @qfcn/quantize or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is NotOnLevelError {
    return hasErrorMarker(error, notOnLevelMarker);
  }
}
