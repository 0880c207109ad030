import { hasErrorMarker, QfcnError } from '@qfcn/contract';

const missingKernelMarker = Symbol.for('qfcn.error.MissingKernelError');

/**
 * A backend lacks kernels that the requested work (e.g. FCN training) runs.
 *
 * Thrown up front by `assertKernels` / `initBackend`, so a run fails before training starts rather
 * than minutes into it.
 *
 * @example
 * try { assertKernels('wasm') } catch (e) { if (MissingKernelError.isInstance(e)) console.error(e.kernels) }
 */
export class MissingKernelError extends QfcnError {
  protected readonly [missingKernelMarker] = true;
  /** Backend that was checked. */
  readonly backend: string;
  /** Kernel names it lacks, sorted. */
  readonly kernels: readonly string[];
  constructor(backend: string, kernels: readonly string[], hint = '') {
    super(
      'MISSING_KERNEL',
      `Backend '${backend}' has no kernel for ${kernels.map((k) => `'${k}'`).join(', ')}` + (hint ? `. ${hint}` : ''),
    );
    this.name = 'MissingKernelError';
    this.backend = backend;
    this.kernels = Object.freeze([...kernels]);
  }

  /** True for a `MissingKernelError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is MissingKernelError {
    return hasErrorMarker(error, missingKernelMarker);
  }
}

const missingGradientMarker = Symbol.for('qfcn.error.MissingGradientError');

/**
 * tfjs has no gradient function registered for kernels that training differentiates through.
 *
 * tfjs-core alone registers no gradients; importing `@tensorflow/tfjs` (or
 * `@tensorflow/tfjs-core/dist/register_all_gradients`) does.
 */
export class MissingGradientError extends QfcnError {
  protected readonly [missingGradientMarker] = true;
  /** Kernel names without a registered gradient, sorted. */
  readonly kernels: readonly string[];
  constructor(kernels: readonly string[]) {
    super(
      'MISSING_GRADIENT',
      `No gradient registered for ${kernels.map((k) => `'${k}'`).join(', ')}. ` +
        `Import '@tensorflow/tfjs' (or '@tensorflow/tfjs-core/dist/register_all_gradients') before training.`,
    );
    this.name = 'MissingGradientError';
    this.kernels = Object.freeze([...kernels]);
  }

  /** True for a `MissingGradientError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is MissingGradientError {
    return hasErrorMarker(error, missingGradientMarker);
  }
}

const unsupportedKernelCaseMarker = Symbol.for('qfcn.error.UnsupportedKernelCaseError');

/**
 * A kernel that qfcn registered was called with parameters it does not implement (e.g. `NCHW` data
 * format, or explicit padding larger than the filter). The message names the kernel and the case.
 */
export class UnsupportedKernelCaseError extends QfcnError {
  protected readonly [unsupportedKernelCaseMarker] = true;
  readonly kernel: string;
  constructor(kernel: string, detail: string) {
    super('UNSUPPORTED_KERNEL_CASE', `${kernel} (qfcn wasm kernel): ${detail}`);
    this.name = 'UnsupportedKernelCaseError';
    this.kernel = kernel;
  }

  /** True for an `UnsupportedKernelCaseError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is UnsupportedKernelCaseError {
    return hasErrorMarker(error, unsupportedKernelCaseMarker);
  }
}

const backendUnavailableMarker = Symbol.for('qfcn.error.BackendUnavailableError');

/** A requested backend cannot be used: not installed, not registered, or it failed to initialize. */
export class BackendUnavailableError extends QfcnError {
  protected readonly [backendUnavailableMarker] = true;
  readonly backend: string;
  constructor(backend: string, reason: string, options?: { cause?: unknown }) {
    super('BACKEND_UNAVAILABLE', `Backend '${backend}' is unavailable: ${reason}`, options);
    this.name = 'BackendUnavailableError';
    this.backend = backend;
  }

  /** True for a `BackendUnavailableError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is BackendUnavailableError {
    return hasErrorMarker(error, backendUnavailableMarker);
  }
}

const workerTaskMarker = Symbol.for('qfcn.error.WorkerTaskError');

/** A task run by `runInWorkers` threw, or its worker died. Carries the task index. */
export class WorkerTaskError extends QfcnError {
  protected readonly [workerTaskMarker] = true;
  readonly taskIndex: number;
  constructor(taskIndex: number, message: string, options?: { cause?: unknown }) {
    super('WORKER_TASK_FAILED', `Task ${taskIndex} failed in its worker: ${message}`, options);
    this.name = 'WorkerTaskError';
    this.taskIndex = taskIndex;
  }

  /** True for a `WorkerTaskError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is WorkerTaskError {
    return hasErrorMarker(error, workerTaskMarker);
  }
}
