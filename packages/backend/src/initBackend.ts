import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { BackendChoice, BackendInfo } from '@qfcn/contract';
import { type BackendOutcome, checkBackendOptions, chooseBackend } from './chooseBackend';
import { assertKernels } from './assertKernels';
import { BackendUnavailableError, MissingKernelError } from './errors';
import { importOptional, isModuleNotFound } from './internal/importOptional';
import { patchCpuKernels } from './patchCpuKernels';
import { registerFusedKernels } from './fused/registerFusedKernels';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels';
import { resolveWasmDir } from './resolveWasmDir';
import { MAX_WASM_THREADS, registerThreadedWasm } from './wasm/registerThreadedWasm';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * What the chosen backend must be able to run, checked up front with the kernel registry:
   * `'training'` (default: `requiredTrainingKernels`, and that gradients are registered),
   * `'inference'` (`requiredInferenceKernels`) or `'none'`.
   */
  readonly check?: 'training' | 'inference' | 'none';
  /** Register qfcn's training kernels when wasm is used. Default `true`. */
  readonly wasmKernels?: boolean;
  /** Folder of the `.wasm` binaries. Default: `resolveWasmDir()`, the installed package's `dist/`. */
  readonly wasmDir?: string;
  /**
   * XNNPACK threads of the wasm backend (1 to 8), through tfjs' threaded SIMD build
   * (`registerThreadedWasm`). Default: every core (`availableParallelism()`, at most 8) in the main
   * thread, and 1 in worker threads (where `runInWorkers` already runs one model per core). 1 uses
   * the single-threaded build. Applies when wasm is first initialized in this thread; when the
   * threaded build cannot start, wasm runs on one thread and the report says why.
   */
  readonly wasmThreads?: number;
  /**
   * Receives one line saying which backend was chosen and why (including why faster ones were
   * skipped). Default `console.info`; `false` for silence. The same text is `BackendInfo.reason`.
   */
  readonly log?: ((line: string) => void) | false;
  /**
   * Loads the optional packages (`@tensorflow/tfjs-node-gpu`, `@tensorflow/tfjs-node`,
   * `@qfcn/backend-native`). Default: dynamic `import()`, then resolution from `process.cwd()`.
   * Rejects with `code` `'ERR_MODULE_NOT_FOUND'` / `'MODULE_NOT_FOUND'` when not installed.
   */
  readonly importModule?: (specifier: string) => Promise<unknown>;
}

type Outcome = BackendOutcome;

const NATIVE = '@qfcn/backend-native';
const NATIVE_BACKEND = 'qfcn-native';
const TF_NODE = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/**
 * Selects and initializes the tfjs backend everything else computes on, makes sure it can run the
 * FCN, and reports what it chose and why.
 *
 * When to use: once at start-up, before creating models (`await initBackend()`), in the main thread
 * and in every worker thread.
 *
 * Details: `'auto'` (default) tries, in order: tfjs-node-gpu, tfjs-node (backend `'tensorflow'`,
 * when the user installed them; optional peers, loaded dynamically), `@qfcn/backend-native` (backend
 * `'qfcn-native'`, oneDNN, when installed and its addon loads), wasm with qfcn's training kernels
 * (`Conv2DBackpropFilter`, a faster `Conv2DBackpropInput`), and cpu; each skipped candidate adds
 * its reason to the report. `'tensorflow'`, `'qfcn-native'`, `'wasm'`, `'cpu'` or any registered
 * backend name selects that backend or throws `BackendUnavailableError`. The chosen backend's
 * kernels are checked up front (`options.check`): a backend lacking any throws `MissingKernelError`
 * naming them (in `'auto'`, the next candidate is tried instead); missing gradients throw
 * `MissingGradientError`. The cpu backend's broken `ResizeBilinearGrad` shape is fixed first
 * (`patchCpuKernels`). wasm binaries are located with `resolveWasmDir()`, so an installed package
 * works from any folder. wasm runs XNNPACK on every core of the main thread (`wasmThreads`, through
 * tfjs' threaded build, which tfjs itself leaves off in Node); `runInWorkers` runs one model per core.
 *
 * @example
 * import '@tensorflow/tfjs';
 * const info = await initBackend();          // e.g. { name: 'wasm', threads: 1, addedKernels: [...], reason: '...' }
 * await initBackend('cpu', { log: false });  // the reference backend, quietly
 */
export async function initBackend(
  choice: BackendChoice = 'auto',
  options: InitBackendOptions = {},
): Promise<BackendInfo> {
  const kernels = checkBackendOptions(choice, options, {
    check: 'training',
    choices: "'auto', 'tensorflow', 'wasm', 'cpu'",
    maxThreads: MAX_WASM_THREADS,
  });
  patchCpuKernels();
  const importModule = options.importModule ?? importOptional;
  return chooseBackend(
    choice,
    ['tensorflow', NATIVE_BACKEND, 'wasm', 'cpu'],
    (name) => tryBackend(name, options, importModule, kernels),
    options.log,
  );
}

async function tryBackend(
  name: string,
  options: InitBackendOptions,
  importModule: (specifier: string) => Promise<unknown>,
  kernels: readonly string[],
): Promise<Outcome> {
  const fail = (reason: string, error?: Error): Outcome => ({
    ok: false,
    reason,
    error: error ?? new BackendUnavailableError(name, reason),
  });
  let addedKernels: string[] = [];
  let detail = '';
  let reportedThreads: number | undefined;
  let restoreStockWasm: (() => void) | undefined;

  if (name === 'tensorflow') {
    if (tf.findBackendFactory('tensorflow') == null) {
      const notes: string[] = [];
      for (const pkg of TF_NODE) {
        const loaded = await load(pkg, importModule);
        if (loaded.ok) break;
        notes.push(loaded.reason);
      }
      if (tf.findBackendFactory('tensorflow') == null) return fail(notes.join('; '));
    }
    detail = 'TensorFlow C library via tfjs-node';
  } else if (name === NATIVE_BACKEND) {
    if (tf.findBackendFactory(NATIVE_BACKEND) == null) {
      const loaded = await load(NATIVE, importModule);
      if (!loaded.ok) return fail(loaded.reason);
      const register = (loaded.module as { registerNativeBackend?: unknown }).registerNativeBackend;
      if (typeof register !== 'function') return fail(`${NATIVE} has no registerNativeBackend()`);
      let result: { ok: boolean; reason: string; threads?: unknown };
      try {
        result = await (register as () => Promise<{ ok: boolean; reason: string; threads?: unknown }>)();
      } catch (error) {
        return fail(`${NATIVE} failed to register: ${firstLine(error)}`);
      }
      if (!result?.ok || tf.findBackendFactory(NATIVE_BACKEND) == null) {
        return fail(`${NATIVE} unavailable: ${result?.reason ?? 'no reason given'}`);
      }
      detail = result.reason;
      if (typeof result.threads === 'number' && result.threads > 0) reportedThreads = result.threads;
    } else {
      detail = `${NATIVE} already registered`;
    }
  } else if (name === 'wasm') {
    if (tf.findBackend('wasm') == null) {
      // imported here, not at module load: importing tfjs-backend-wasm registers the 'wasm' backend
      // (priority 2, above cpu), and no import of @qfcn/backend may change tfjs' default backend
      let wasm: WasmModule;
      try {
        wasm = await loadWasmModule();
      } catch (error) {
        return fail(`wasm: @tensorflow/tfjs-backend-wasm failed to load: ${firstLine(error)}`);
      }
      try {
        wasm.setWasmPaths(options.wasmDir ?? resolveWasmDir());
      } catch (error) {
        return fail(`wasm: ${firstLine(error)}`, error as Error);
      }
      const threads = options.wasmThreads ?? (isMainThread ? Math.min(MAX_WASM_THREADS, availableParallelism()) : 1);
      if (threads > 1) {
        const threaded = registerThreadedWasm(threads, { wasmDir: options.wasmDir });
        if (threaded.ok) restoreStockWasm = threaded.restore;
        else detail = `threaded build unavailable (${threaded.reason})`;
      }
    }
    if (options.wasmKernels !== false) addedKernels = registerWasmTrainingKernels();
  } else if (tf.findBackendFactory(name) == null) {
    const known = Object.keys(tf.engine().registryFactory).sort().join(', ');
    return fail(`no backend named '${name}' is registered (registered: ${known})`);
  }

  let ready = false;
  let startError: unknown;
  try {
    ready = await tf.setBackend(name);
  } catch (error) {
    startError = error;
  }
  if (!ready && restoreStockWasm) {
    // the threaded build did not start: one thread, and say why
    detail = `threaded build failed to start (${startError ? firstLine(startError) : 'see the tfjs warning above'})`;
    restoreStockWasm();
    startError = undefined;
    try {
      ready = await tf.setBackend(name);
    } catch (error) {
      startError = error;
    }
  }
  if (startError) return fail(`${name} failed to initialize: ${firstLine(startError)}`);
  if (!ready) return fail(`${name} failed to initialize (see the tfjs warning above)`);

  try {
    assertKernels(name, kernels);
  } catch (error) {
    if (MissingKernelError.isInstance(error)) {
      return { ok: false, reason: `${name} lacks ${error.kernels.join(', ')}`, error };
    }
    throw error;
  }

  const fused = registerFusedKernels(name);
  addedKernels = [...addedKernels, ...fused];
  const threads = reportedThreads ?? countThreads(name);
  const parts = [`${name}`];
  if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    parts.push(`XNNPACK${simd ? ' SIMD' : ''}, ${threads} thread${threads === 1 ? '' : 's'}`);
    if (detail) parts.push(detail);
    if (addedKernels.length > 0) parts.push(`qfcn kernels ${addedKernels.join(', ')}`);
  } else if (name === 'cpu') {
    parts.push('plain JS reference kernels, slow');
  } else if (detail) {
    parts.push(detail);
  }
  if (name !== 'wasm' && fused.length > 0) parts.push(`qfcn fused kernels ${fused.join(', ')}`);
  return { ok: true, info: { name, reason: parts.join(', '), addedKernels, threads } };
}

async function load(
  specifier: string,
  importModule: (specifier: string) => Promise<unknown>,
): Promise<{ ok: true; module: unknown } | { ok: false; reason: string }> {
  try {
    return { ok: true, module: await importModule(specifier) };
  } catch (error) {
    if (isModuleNotFound(error, specifier)) return { ok: false, reason: `${specifier} not installed` };
    return { ok: false, reason: `${specifier} failed to load: ${firstLine(error)}` };
  }
}

function countThreads(name: string): number {
  if (name === 'wasm') {
    try {
      return Math.max(1, wasmModule?.getThreadsCount() ?? 1);
    } catch {
      return 1;
    }
  }
  if (name === 'cpu') return 1;
  const backend = tf.findBackend(name) as unknown as { threads?: unknown; numThreads?: unknown } | null;
  for (const value of [backend?.threads, backend?.numThreads]) {
    if (typeof value === 'number' && value > 0) return value;
  }
  return availableParallelism();
}

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');
let wasmModule: WasmModule | undefined;

async function loadWasmModule(): Promise<WasmModule> {
  wasmModule ??= await import('@tensorflow/tfjs-backend-wasm');
  return wasmModule;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!;
}
