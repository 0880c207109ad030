import { QfcnError } from '@qfcn/contract';

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
  /** Backend that was checked. */
  readonly backend: string;
  /** Kernel names it lacks, sorted. */
  readonly kernels: readonly string[];
  constructor(backend: string, kernels: readonly string[], hint = '') {
    super(
      'MISSING_KERNEL',
      `Backend '${backend}' has no kernel for ${kernels.map((k) => `'${k}'`).join(', ')}` +
        (hint ? `. ${hint}` : ''),
    );
    this.name = 'MissingKernelError';
    this.backend = backend;
    this.kernels = Object.freeze([...kernels]);
  }
}

/**
 * tfjs has no gradient function registered for kernels that training differentiates through.
 *
 * tfjs-core alone registers no gradients; importing `@tensorflow/tfjs` (or
 * `@tensorflow/tfjs-core/dist/register_all_gradients`) does.
 */
export class MissingGradientError extends QfcnError {
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
}

/**
 * A kernel that qfcn registered was called with parameters it does not implement (e.g. `NCHW` data
 * format, or explicit padding larger than the filter). The message names the kernel and the case.
 */
export class UnsupportedKernelCaseError extends QfcnError {
  readonly kernel: string;
  constructor(kernel: string, detail: string) {
    super('UNSUPPORTED_KERNEL_CASE', `${kernel} (qfcn wasm kernel): ${detail}`);
    this.name = 'UnsupportedKernelCaseError';
    this.kernel = kernel;
  }
}

/** A requested backend cannot be used: not installed, not registered, or it failed to initialize. */
export class BackendUnavailableError extends QfcnError {
  readonly backend: string;
  constructor(backend: string, reason: string, options?: { cause?: unknown }) {
    super('BACKEND_UNAVAILABLE', `Backend '${backend}' is unavailable: ${reason}`, options);
    this.name = 'BackendUnavailableError';
    this.backend = backend;
  }
}

/** A task run by `runInWorkers` threw, or its worker died. Carries the task index. */
export class WorkerTaskError extends QfcnError {
  readonly taskIndex: number;
  constructor(taskIndex: number, message: string, options?: { cause?: unknown }) {
    super('WORKER_TASK_FAILED', `Task ${taskIndex} failed in its worker: ${message}`, options);
    this.name = 'WorkerTaskError';
    this.taskIndex = taskIndex;
  }
}
