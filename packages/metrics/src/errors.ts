import { InvalidArgumentError, QfcnError } from '@qfcn/contract';
import { hasErrorMarker } from '@qfcn/internal';

/**
 * Errors thrown by @qfcn/metrics: the qfcn error family of @qfcn/contract.
 *
 * Every error is a `QfcnError` (`QfcnError.isInstance(e)`, a stable `code`). Bad options and
 * arguments throw the family's `InvalidArgumentError`, re-exported here; what is particular to
 * label maps throws a `MetricsError` subclass. Each class has its own `Symbol.for` marker
 * (`qfcn.error.metrics` for `MetricsError`, `qfcn.error.metrics.<ClassName>` for the others) and
 * its own `isInstance`, so checks work across duplicated package copies and the ESM/CJS boundary
 * where `instanceof` fails, and `ShapeError.isInstance(e)` accepts only shape errors.
 *
 * | class | code | thrown when |
 * |---|---|---|
 * | `InvalidArgumentError` (@qfcn/contract) | `INVALID_ARGUMENT` | an option or argument has the wrong type or range |
 * | `ShapeError` | `WRONG_SHAPE` | a label map is not 2-D, has a non-positive or non-integer size, or `data.length ≠ width·height` |
 * | `SizeMismatchError` | `SIZE_MISMATCH` | a segmentation and its ground truth differ in width or height |
 * | `LabelValueError` | `INVALID_LABELS` | label data is not integer (fractional, NaN, negative, above 2^32−1, or a non-numeric array) |
 *
 * @example
 * try { objectDice(seg, gt) }
 * catch (e) { if (MetricsError.isInstance(e) && e.code === 'SIZE_MISMATCH') console.error(e.message) }
 */
export { InvalidArgumentError };

const metricsMarker = Symbol.for('qfcn.error.metrics');

/** Base class of the label-map errors of @qfcn/metrics (shape, size, label values). */
export class MetricsError extends QfcnError {
  protected readonly [metricsMarker] = true;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'MetricsError';
  }

  /**
   * True for a `MetricsError` or an error of a subclass (any copy, ESM or CJS); false for the other
   * errors of the family, `InvalidArgumentError` included (`QfcnError.isInstance` accepts them all).
   */
  static override isInstance(error: unknown): error is MetricsError {
    return hasErrorMarker(error, metricsMarker);
  }
}

const shapeMarker = Symbol.for('qfcn.error.metrics.ShapeError');

/** A label map or mask has the wrong shape: not 2-D, a bad width/height, or a data length that does not fit. */
export class ShapeError extends MetricsError {
  protected readonly [shapeMarker] = true;
  readonly argument: string;
  constructor(argument: string, message: string) {
    super('WRONG_SHAPE', `Wrong shape of '${argument}': ${message}`);
    this.name = 'ShapeError';
    this.argument = argument;
  }

  /** True for a `ShapeError` of @qfcn/metrics or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is ShapeError {
    return hasErrorMarker(error, shapeMarker);
  }
}

const sizeMismatchMarker = Symbol.for('qfcn.error.metrics.SizeMismatchError');

/** Two maps that must cover the same pixels (segmentation and ground truth) differ in size. */
export class SizeMismatchError extends MetricsError {
  protected readonly [sizeMismatchMarker] = true;
  readonly first: { readonly width: number; readonly height: number };
  readonly second: { readonly width: number; readonly height: number };
  constructor(what: string, first: { width: number; height: number }, second: { width: number; height: number }) {
    super(
      'SIZE_MISMATCH',
      `${what}: sizes differ, ${first.width}x${first.height} vs ${second.width}x${second.height} (width x height)`,
    );
    this.name = 'SizeMismatchError';
    this.first = { width: first.width, height: first.height };
    this.second = { width: second.width, height: second.height };
  }

  /** True for a `SizeMismatchError` of @qfcn/metrics or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is SizeMismatchError {
    return hasErrorMarker(error, sizeMismatchMarker);
  }
}

const labelValueMarker = Symbol.for('qfcn.error.metrics.LabelValueError');

/**
 * Label data is not a map of non-negative integers: a fractional, NaN, negative or too large
 * (> 2^32 − 1) value, or an array type that cannot hold labels (BigInt arrays, strings, ...).
 * `index` is the flat index of the first offending element, or -1 when the array type is the problem.
 */
export class LabelValueError extends MetricsError {
  protected readonly [labelValueMarker] = true;
  readonly argument: string;
  readonly index: number;
  constructor(argument: string, index: number, message: string) {
    super('INVALID_LABELS', `Invalid labels in '${argument}': ${message}`);
    this.name = 'LabelValueError';
    this.argument = argument;
    this.index = index;
  }

  /** True for a `LabelValueError` of @qfcn/metrics or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is LabelValueError {
    return hasErrorMarker(error, labelValueMarker);
  }
}
