import { hasErrorMarker, QfcnError } from '@qfcn/contract';

const roundLogMismatchMarker = Symbol.for('qfcn.error.RoundLogMismatchError');

/**
 * A round log exists at the given path but was written by a run with different settings
 * (strategy, candidates, picks, budget, initial set, seed or pool). Resuming from it would mix two experiments,
 * so `runSuggestiveAnnotation` refuses; delete the log or point `log` at a new path.
 *
 * Detection works across package copies: `RoundLogMismatchError.isInstance(e)`, or
 * `QfcnError.isInstance(e) && e.code === 'LOG_MISMATCH'`.
 */
export class RoundLogMismatchError extends QfcnError {
  protected readonly [roundLogMismatchMarker] = true;
  readonly path: string;
  /** The settings field that differs, e.g. `'strategy'`. */
  readonly field: string;
  constructor(path: string, field: string, logged: unknown, requested: unknown) {
    super(
      'LOG_MISMATCH',
      `${path}: the round log was written with ${field} = ${JSON.stringify(logged)}, this run asks for ${JSON.stringify(
        requested,
      )}; use another log path or the logged settings`,
    );
    this.name = 'RoundLogMismatchError';
    this.path = path;
    this.field = field;
  }

  /** True for a `RoundLogMismatchError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is RoundLogMismatchError {
    return hasErrorMarker(error, roundLogMismatchMarker);
  }
}
