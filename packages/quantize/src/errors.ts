import { hasErrorMarker } from '@qfcn/internal';

/**
 * Errors thrown by @qfcn/quantize.
 *
 * The package depends on nothing else of qfcn, so it defines its own classes. They carry the same
 * `Symbol.for('qfcn.error')` marker and a stable `code` as the errors of @qfcn/contract, so code
 * that handles "any qfcn error" (`QfcnError.isInstance(e)`) handles these too, across duplicated
 * package copies and the ESM/CJS boundary where `instanceof` fails. Each class also has a marker of
 * its own (`Symbol.for('qfcn.error.quantize')` for `QuantizeError`,
 * `Symbol.for('qfcn.error.quantize.<ClassName>')` for the others), so `QuantizeError.isInstance(e)`
 * accepts only errors of this package and, e.g., `InvalidArgumentError.isInstance(e)` only its own
 * invalid-argument errors and their subclasses (`BitsOutOfRangeError`, ...).
 *
 * | class | code | thrown when |
 * |---|---|---|
 * | `InvalidArgumentError` | `INVALID_ARGUMENT` | an option or argument has the wrong type, range or shape |
 * | `BitsOutOfRangeError` | `BITS_OUT_OF_RANGE` | a bit width outside what the quantizer supports |
 * | `NonFiniteValueError` | `NON_FINITE_VALUE` | a weight is NaN or ±Infinity |
 * | `EmptyTensorError` | `EMPTY_TENSOR` | a tensor has no elements |
 * | `InvalidScheduleError` | `INVALID_SCHEDULE` | an INQ schedule is not increasing in (0, 1] ending at 1 |
 * | `NothingToQuantizeError` | `NOTHING_TO_QUANTIZE` | no weight of a model matches the quantize patterns |
 * | `NotOnLevelError` | `NOT_ON_LEVEL` | packing a value that is not a level of its quantizer |
 * | `CorruptFileError` | `CORRUPT_FILE` | a packed file is truncated, foreign, altered or of an unknown version |
 *
 * @example
 * try { quantizePowerOfTwo(w, { bits: 9 }) }
 * catch (e) { if (QuantizeError.isInstance(e) && e.code === 'BITS_OUT_OF_RANGE') console.error(e.message) }
 */
const marker = Symbol.for('qfcn.error');
const quantizeMarker = Symbol.for('qfcn.error.quantize');

/** Base class of every error thrown by @qfcn/quantize. */
export class QuantizeError extends Error {
  protected readonly [marker] = true;
  protected readonly [quantizeMarker] = true;
  /** Stable, machine-readable identifier such as `'BITS_OUT_OF_RANGE'`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QuantizeError';
    this.code = code;
  }

  /**
   * True for any error of @qfcn/quantize (any copy, ESM or CJS); false for the errors of other qfcn
   * packages, which `QfcnError.isInstance` of @qfcn/contract accepts.
   */
  static isInstance(error: unknown): error is QuantizeError {
    return hasErrorMarker(error, quantizeMarker);
  }
}

const invalidArgumentMarker = Symbol.for('qfcn.error.quantize.InvalidArgumentError');

/** An argument has the wrong type, range, shape or value. `argument` names it. */
export class InvalidArgumentError extends QuantizeError {
  protected readonly [invalidArgumentMarker] = true;
  readonly argument: string;
  constructor(argument: string, message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'INVALID_ARGUMENT', `Invalid argument '${argument}': ${message}`, options);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
  }

  /** True for an `InvalidArgumentError` of @qfcn/quantize or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is InvalidArgumentError {
    return hasErrorMarker(error, invalidArgumentMarker);
  }
}

const bitsOutOfRangeMarker = Symbol.for('qfcn.error.quantize.BitsOutOfRangeError');

/** A bit width outside the range a quantizer supports (power-of-two: 2–8). */
export class BitsOutOfRangeError extends InvalidArgumentError {
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

const corruptFileMarker = Symbol.for('qfcn.error.quantize.CorruptFileError');

/** A packed weights file is truncated, foreign, altered (checksum mismatch) or of an unknown version. */
export class CorruptFileError extends QuantizeError {
  protected readonly [corruptFileMarker] = true;
  readonly path: string | undefined;
  constructor(message: string, options?: { path?: string; cause?: unknown }) {
    super('CORRUPT_FILE', options?.path ? `${options.path}: ${message}` : message, options);
    this.name = 'CorruptFileError';
    this.path = options?.path;
  }

  /** True for a `CorruptFileError` of @qfcn/quantize or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is CorruptFileError {
    return hasErrorMarker(error, corruptFileMarker);
  }
}
