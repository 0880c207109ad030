import { hasErrorMarker as hasMarker } from '@qfcn/internal';

/**
 * Error base shared by every qfcn package that builds on the contract.
 *
 * Errors carry a stable `code` and `Symbol.for` markers, so the `isInstance` checks work across
 * duplicated package copies and across the ESM/CJS boundary, where `instanceof` fails. Every error
 * carries the family marker `Symbol.for('qfcn.error')`, which `QfcnError.isInstance` checks; each
 * subclass also carries a marker of its own (`Symbol.for('qfcn.error.<ClassName>')`), which its own
 * `isInstance` checks, so `InvalidArgumentError.isInstance(e)` is true only for invalid-argument
 * errors (and their subclasses), not for every qfcn error.
 *
 * @example
 * try { await train(...) } catch (e) { if (QfcnError.isInstance(e)) console.error(e.code, e.message) }
 */
const marker = Symbol.for('qfcn.error');

/**
 * True when `error` is an object that carries `marker` (a `Symbol.for` key set to `true`).
 *
 * When to use: to write the `isInstance` of an error class of your own, so it recognises its
 * instances from any copy of the package (ESM or CJS) where `instanceof` fails. The qfcn error classes
 * use it for theirs.
 *
 * Details: never throws; `null`, `undefined`, strings and other primitives give `false`. An object
 * passes only when its `marker` property is exactly `true` (an own or inherited property), so a
 * plain object that copies an error's `message` and `code` does not pass. Use a `Symbol.for` key
 * named after the class (e.g. `Symbol.for('qfcn.error.InvalidArgumentError')`) so that every copy of
 * the package shares it.
 *
 * @example
 * const marker = Symbol.for('my-app.error.QuotaError');
 * class QuotaError extends QfcnError {
 *   protected readonly [marker] = true;
 *   constructor(message: string) { super('QUOTA', message); }
 *   static override isInstance(error: unknown): error is QuotaError { return hasErrorMarker(error, marker); }
 * }
 */
export function hasErrorMarker(error: unknown, marker: symbol): boolean {
  return hasMarker(error, marker);
}

export class QfcnError extends Error {
  protected readonly [marker] = true;
  /** Stable, machine-readable identifier such as `'INVALID_ARGUMENT'` or `'MISSING_KERNEL'`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QfcnError';
    this.code = code;
  }

  /**
   * True for any error thrown by a qfcn package (any copy, ESM or CJS): every package's errors are
   * of this family (`MetricsError`, `QuantizeError`, `MissingKernelError`… extend this class).
   */
  static isInstance(error: unknown): error is QfcnError {
    return hasErrorMarker(error, marker);
  }
}

const invalidArgumentMarker = Symbol.for('qfcn.error.InvalidArgumentError');

/**
 * An argument has the wrong shape, type, range or value. `argument` names it; `code` is
 * `'INVALID_ARGUMENT'` unless a subclass names a narrower one (e.g. `'BITS_OUT_OF_RANGE'` of
 * `@qfcn/quantize`).
 */
export class InvalidArgumentError extends QfcnError {
  protected readonly [invalidArgumentMarker] = true;
  readonly argument: string;
  constructor(argument: string, message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'INVALID_ARGUMENT', `Invalid argument '${argument}': ${message}`, options);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
  }

  /** True for an `InvalidArgumentError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is InvalidArgumentError {
    return hasErrorMarker(error, invalidArgumentMarker);
  }
}

const dataMarker = Symbol.for('qfcn.error.DataError');

/** A file could not be read, decoded or verified. */
export class DataError extends QfcnError {
  protected readonly [dataMarker] = true;
  readonly path: string | undefined;
  constructor(message: string, options?: { path?: string; cause?: unknown }) {
    super('DATA_ERROR', options?.path ? `${options.path}: ${message}` : message, options);
    this.name = 'DataError';
    this.path = options?.path;
  }

  /** True for a `DataError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is DataError {
    return hasErrorMarker(error, dataMarker);
  }
}

const corruptFileMarker = Symbol.for('qfcn.error.CorruptFileError');

/** A saved file (checkpoint, packed model, log) is truncated, foreign or of an unknown version. */
export class CorruptFileError extends QfcnError {
  protected readonly [corruptFileMarker] = true;
  readonly path: string | undefined;
  constructor(message: string, options?: { path?: string; cause?: unknown }) {
    super('CORRUPT_FILE', options?.path ? `${options.path}: ${message}` : message, options);
    this.name = 'CorruptFileError';
    this.path = options?.path;
  }

  /** True for a `CorruptFileError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is CorruptFileError {
    return hasErrorMarker(error, corruptFileMarker);
  }
}
