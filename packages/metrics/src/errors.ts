/**
 * Errors thrown by @qfcn/metrics.
 *
 * The package depends on nothing else of qfcn, so it defines its own classes. They carry the same
 * `Symbol.for('qfcn.error')` marker and a stable `code` as the errors of @qfcn/contract, so code that
 * handles "any qfcn error" (`QfcnError.isInstance(e)` or `MetricsError.isInstance(e)`) handles these
 * too, across duplicated package copies and the ESM/CJS boundary where `instanceof` fails.
 *
 * | class | code | thrown when |
 * |---|---|---|
 * | `InvalidArgumentError` | `INVALID_ARGUMENT` | an option or argument has the wrong type or range |
 * | `ShapeError` | `WRONG_SHAPE` | a label map is not 2-D, has a non-positive or non-integer size, or `data.length ≠ width·height` |
 * | `SizeMismatchError` | `SIZE_MISMATCH` | a segmentation and its ground truth differ in width or height |
 * | `LabelValueError` | `INVALID_LABELS` | label data is not integer (fractional, NaN, negative, above 2^32−1, or a non-numeric array) |
 *
 * @example
 * try { objectDice(seg, gt) }
 * catch (e) { if (MetricsError.isInstance(e) && e.code === 'SIZE_MISMATCH') console.error(e.message) }
 */
const marker = Symbol.for('qfcn.error');

/** Base class of every error thrown by @qfcn/metrics. */
export class MetricsError extends Error {
  private readonly [marker] = true;
  /** Stable, machine-readable identifier such as `'SIZE_MISMATCH'`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetricsError';
    this.code = code;
  }

  /** True for any qfcn error (this package's or another qfcn package's, any copy, ESM or CJS). */
  static isInstance(error: unknown): error is MetricsError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** An option or argument has the wrong type or range. `argument` names it. */
export class InvalidArgumentError extends MetricsError {
  readonly argument: string;
  constructor(argument: string, message: string, options?: { cause?: unknown }) {
    super('INVALID_ARGUMENT', `Invalid argument '${argument}': ${message}`, options);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
  }
}

/** A label map or mask has the wrong shape: not 2-D, a bad width/height, or a data length that does not fit. */
export class ShapeError extends MetricsError {
  readonly argument: string;
  constructor(argument: string, message: string) {
    super('WRONG_SHAPE', `Wrong shape of '${argument}': ${message}`);
    this.name = 'ShapeError';
    this.argument = argument;
  }
}

/** Two maps that must cover the same pixels (segmentation and ground truth) differ in size. */
export class SizeMismatchError extends MetricsError {
  readonly first: { readonly width: number; readonly height: number };
  readonly second: { readonly width: number; readonly height: number };
  constructor(
    what: string,
    first: { width: number; height: number },
    second: { width: number; height: number },
  ) {
    super(
      'SIZE_MISMATCH',
      `${what}: sizes differ, ${first.width}x${first.height} vs ${second.width}x${second.height} (width x height)`,
    );
    this.name = 'SizeMismatchError';
    this.first = { width: first.width, height: first.height };
    this.second = { width: second.width, height: second.height };
  }
}

/**
 * Label data is not a map of non-negative integers: a fractional, NaN, negative or too large
 * (> 2^32 − 1) value, or an array type that cannot hold labels (BigInt arrays, strings, ...).
 * `index` is the flat index of the first offending element, or -1 when the array type is the problem.
 */
export class LabelValueError extends MetricsError {
  readonly argument: string;
  readonly index: number;
  constructor(argument: string, index: number, message: string) {
    super('INVALID_LABELS', `Invalid labels in '${argument}': ${message}`);
    this.name = 'LabelValueError';
    this.argument = argument;
    this.index = index;
  }
}
