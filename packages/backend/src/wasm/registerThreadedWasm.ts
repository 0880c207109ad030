import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '@qfcn/internal/node';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { InvalidArgumentError } from '@qfcn/contract';
import { resolveWasmDir } from '../resolveWasmDir';

/** Loads the CommonJS files of the installed tfjs-backend-wasm (its glue script, its worker source). */
const requireHere = createRequire(import.meta.url);

/** Largest thread count: tfjs' threaded build pre-creates a pool of 8 workers. */
export const MAX_WASM_THREADS = 8;

/** What {@link registerThreadedWasm} did. */
export type ThreadedWasmRegistration =
  | { readonly ok: true; readonly threads: number; readonly restore: () => void }
  | { readonly ok: false; readonly reason: string };

type EmscriptenModule = {
  cwrap: (name: string, ret: string | null, args: string[]) => (...args: number[]) => number;
  PThread?: unknown;
  tfjs?: unknown;
};
type Listener = (...args: unknown[]) => void;
/** What is used of a `worker_threads` Worker of Emscripten's pool. */
interface PoolWorker {
  unref?(): void;
  terminate?(): unknown;
}
/** The part of `process` used to find the listeners Emscripten's glue adds. */
interface Listeners {
  listeners(event: string): Listener[];
  removeListener(event: string, listener: Listener): void;
}
type Factory = (config: Record<string, unknown>) => Promise<EmscriptenModule>;

/** The part of the WebAssembly global used here (the TS libs of this repo declare no DOM/wasm types). */
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => unknown;
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: unknown; module: unknown }>;
}
const wasmApi = (): WasmApi => (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * Makes the `'wasm'` backend run XNNPACK on `threads` threads in Node, with the multi-threaded SIMD
 * build that `@tensorflow/tfjs-backend-wasm` ships but only enables in browsers.
 *
 * When to use: `initBackend('wasm' | 'auto')` calls it (option `wasmThreads`, default all cores in
 * the main thread); call it yourself before the wasm backend is first initialized when you set
 * backends up without `initBackend`.
 *
 * Details: tfjs turns threads off in Node for two reasons, both worked around here. (1) Its loader
 * hands Emscripten's pthread workers `blob:` URLs, which Node's `worker_threads` cannot load: the
 * worker script is written once to the OS temp folder (content-addressed, atomic rename) and the
 * main script is passed by path. (2) Its C++ caps the pool at half the logical cores (assuming
 * hyper-threads), i.e. 1 on a 2-core machine: the core count it asks Emscripten for is answered
 * with `2 × threads`. Kernels, tensors and results are those of the stock backend: only XNNPACK's
 * work is split (over output tiles, so results do not depend on the thread count). The pool's
 * workers are unref'd, so they never keep a finished program alive; a start that fails (e.g. a
 * corrupt binary) rejects instead of hanging, and terminates them. Re-registers the
 * `'wasm'` backend factory, so it must run before that backend is initialized; returns
 * `{ ok: false, reason }` (and changes nothing) when it already is, when `SharedArrayBuffer` or
 * shared wasm memory is missing, when the installed tfjs-backend-wasm lacks the threaded build, or
 * when the worker script cannot be written to the temp folder.
 * `restore()` puts the stock single-threaded factory back (for a fallback after a failed start).
 *
 * @example
 * const r = registerThreadedWasm(2);
 * if (r.ok) await tf.setBackend('wasm'); // XNNPACK on 2 threads
 */
export function registerThreadedWasm(threads: number, options: { wasmDir?: string } = {}): ThreadedWasmRegistration {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
    throw new InvalidArgumentError(
      'threads',
      `expected an integer from 1 to ${MAX_WASM_THREADS}, got ${String(threads)}`,
    );
  }
  if (tf.findBackend('wasm') != null) return { ok: false, reason: 'the wasm backend is already initialized' };
  if (typeof SharedArrayBuffer === 'undefined') return { ok: false, reason: 'SharedArrayBuffer is unavailable' };
  try {
    new (wasmApi().Memory)({ initial: 1, maximum: 1, shared: true });
  } catch {
    return { ok: false, reason: 'this Node has no shared WebAssembly memory' };
  }
  let files: { glue: string; worker: string; binary: string };
  try {
    files = threadedFiles(options.wasmDir);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const stock = tf.findBackendFactory('wasm');
  let factory: Factory;
  let workerScript: string;
  try {
    factory = requireHere(files.glue) as Factory;
    workerScript = writeWorkerScript(files.worker);
  } catch (error) {
    // e.g. a read-only temp folder: the caller stays on the single-threaded build
    return {
      ok: false,
      reason: `cannot set up its worker script (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    };
  }

  tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    async () => {
      const emitter = process as unknown as Listeners;
      const before = {
        uncaughtException: emitter.listeners('uncaughtException'),
        unhandledRejection: emitter.listeners('unhandledRejection'),
      };
      // Emscripten offers no way to fail from instantiateWasm: a failure there rejects `failed`, so
      // that setBackend fails (and initBackend falls back to one thread) instead of waiting forever.
      let fail!: (error: unknown) => void;
      const failed = new Promise<never>((_, reject) => {
        fail = reject;
      });
      const workers: PoolWorker[] = [];
      const globalWorker = (globalThis as { Worker?: unknown }).Worker;
      try {
        const module = await Promise.race([
          failed,
          factory({
            mainScriptUrlOrBlob: files.glue,
            locateFile: (path: string, prefix: string) => {
              if (!path.endsWith('.worker.js')) return path.endsWith('.wasm') ? files.binary : prefix + path;
              trackWorkers(workers); // the glue creates a pool worker right after asking for its script
              return workerScript;
            },
            instantiateWasm: (
              imports: { env: Record<string, unknown> },
              receive: (instance: unknown, module: unknown) => void,
            ) => {
              // tfjs' C++ uses min(requested, logical cores / 2) threads.
              imports.env.emscripten_num_logical_cores = () => 2 * threads;
              try {
                wasmApi()
                  .instantiate(readFileSync(files.binary), imports)
                  .then((r) => receive(r.instance, r.module), fail);
              } catch (error) {
                fail(error);
              }
              return {};
            },
            onAbort: (reason: unknown) => fail(new Error(`threaded wasm aborted: ${String(reason)}`)),
          }),
        ]);
        module.tfjs = {
          init: module.cwrap('init', null, []),
          initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
          getThreadsCount: module.cwrap('get_threads_count', 'number', []),
          registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
          disposeData: module.cwrap('dispose_data', null, ['number']),
          dispose: module.cwrap('dispose', null, []),
        };
        // loaded here, not at module load (importing it registers the stock 'wasm' backend)
        wasmModule = await import('@tensorflow/tfjs-backend-wasm');
        wasmModule.setThreadsCount(threads);
        const backend = new wasmModule.BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
        // Emscripten refs a pool worker while it runs a thread: the pool would keep Node alive.
        for (const worker of workers) worker.unref?.();
        return backend;
      } catch (error) {
        for (const worker of workers) worker.terminate?.();
        throw error;
      } finally {
        (globalThis as { Worker?: unknown }).Worker = globalWorker;
        // Emscripten's glue re-throws every uncaught error from its own (one 100 kB line) source, so
        // Node would print that line with any crash of the program: put Node's own handling back.
        for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
          for (const listener of emitter.listeners(event)) {
            if (!before[event].includes(listener)) emitter.removeListener(event, listener);
          }
        }
      }
    },
    2,
  );
  const restore = () => {
    tf.removeBackend('wasm'); // disposes a started instance, and its threads
    if (stock != null) tf.registerBackend('wasm', stock, 2);
    wasmModule?.setThreadsCount(-1); // tfjs' default
  };
  return { ok: true, threads, restore };
}

let wasmModule: typeof import('@tensorflow/tfjs-backend-wasm') | undefined;

const TRACKED = Symbol.for('qfcn.trackedWorker');

/**
 * Makes the global `Worker` (which Emscripten's glue has just set to `worker_threads.Worker`) record
 * every worker it creates in `into`, unref'd, so that an unused pool never keeps Node alive and a
 * failed start can terminate it. The caller restores the global afterwards.
 */
function trackWorkers(into: PoolWorker[]): void {
  const g = globalThis as { Worker?: (new (...args: unknown[]) => PoolWorker) & { [TRACKED]?: PoolWorker[] } };
  const Base = g.Worker;
  if (typeof Base !== 'function') return;
  if (Base[TRACKED] === into) return;
  const Tracked = class extends (Base as new (...args: unknown[]) => PoolWorker) {
    constructor(...args: unknown[]) {
      super(...args);
      into.push(this);
      this.unref?.();
    }
  };
  Object.defineProperty(Tracked, TRACKED, { value: into });
  g.Worker = Tracked as typeof Base;
}

/** The threaded build's glue script, worker source module and binary in the installed package. */
function threadedFiles(wasmDir?: string): { glue: string; worker: string; binary: string } {
  const dist = resolveWasmDir(); // the package's dist/ (throws when the binaries are missing)
  const out = join(dirname(dist), 'wasm-out');
  const glue = join(out, 'tfjs-backend-wasm-threaded-simd.js');
  const worker = join(out, 'tfjs-backend-wasm-threaded-simd.worker.js');
  const binary = join(wasmDir ?? dist, 'tfjs-backend-wasm-threaded-simd.wasm');
  const missing = [glue, worker, binary].filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`the threaded wasm build is missing (${missing.join(', ')})`);
  return { glue, worker, binary };
}

/**
 * The pthread worker script as a file Node can start. The package ships it as a module exporting
 * the source as a string (meant for a `blob:` URL), with its `\n` escapes unescaped: they are put
 * back, as tfjs' own browser loader does.
 */
function writeWorkerScript(sourceModule: string): string {
  const { wasmWorkerContents } = requireHere(sourceModule) as { wasmWorkerContents: string };
  const text = wasmWorkerContents.replace(/\n/g, '\\n');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `qfcn-tfjs-wasm-worker-${hash}.cjs`);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    // never create the temporary folder: a missing or unwritable one means one thread (see caller)
    writeFileAtomic(file, text, { createParents: false });
  }
  return file;
}
