/**
 * Error base shared by every qfcn package that builds on the contract.
 *
 * Errors carry a stable `code` and a `Symbol.for('qfcn.error')` marker, so `QfcnError.isInstance`
 * works across duplicated package copies and across the ESM/CJS boundary, where `instanceof` fails.
 *
 * @example
 * try { await train(...) } catch (e) { if (QfcnError.isInstance(e)) console.error(e.code, e.message) }
 */
const marker = Symbol.for('qfcn.error');

export class QfcnError extends Error {
  private readonly [marker] = true;
  /** Stable, machine-readable identifier such as `'INVALID_ARGUMENT'` or `'MISSING_KERNEL'`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QfcnError';
    this.code = code;
  }

  /** True for any error thrown by a qfcn package (any copy, ESM or CJS). */
  static isInstance(error: unknown): error is QfcnError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** An argument has the wrong shape, type, range or value. */
export class InvalidArgumentError extends QfcnError {
  readonly argument: string;
  constructor(argument: string, message: string, options?: { cause?: unknown }) {
    super('INVALID_ARGUMENT', `Invalid argument '${argument}': ${message}`, options);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
  }
}

/** A file could not be read, decoded or verified. */
export class DataError extends QfcnError {
  readonly path: string | undefined;
  constructor(message: string, options?: { path?: string; cause?: unknown }) {
    super('DATA_ERROR', options?.path ? `${options.path}: ${message}` : message, options);
    this.name = 'DataError';
    this.path = options?.path;
  }
}

/** A saved file (checkpoint, packed model, log) is truncated, foreign or of an unknown version. */
export class CorruptFileError extends QfcnError {
  readonly path: string | undefined;
  constructor(message: string, options?: { path?: string; cause?: unknown }) {
    super('CORRUPT_FILE', options?.path ? `${options.path}: ${message}` : message, options);
    this.name = 'CorruptFileError';
    this.path = options?.path;
  }
}
