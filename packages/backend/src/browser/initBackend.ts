import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice, BackendInfo } from '@qfcn/contract';
import { assertKernels } from '../assertKernels';
import { BackendUnavailableError, MissingKernelError } from '../errors';
import { type BackendOutcome, checkBackendOptions, chooseBackend } from '../chooseBackend';

/** Options of the browser {@link initBackend}. */
export interface BrowserInitBackendOptions {
  /** Kernels the chosen backend must have: `'inference'` (default in the browser), `'training'` or `'none'`. */
  readonly check?: 'training' | 'inference' | 'none';
  /**
   * Where the wasm backend finds its `.wasm` binaries (a folder URL ending in `/`, or a map of file
   * name to URL, as tfjs' `setWasmPaths`). Default: tfjs' own default (next to the script).
   */
  readonly wasmPaths?: string | Record<string, string>;
  /** XNNPACK threads of wasm when the page is cross-origin isolated (1 to 8). Default: `navigator.hardwareConcurrency`, at most 8. */
  readonly wasmThreads?: number;
  /** Receives the line saying which backend was chosen and why. Default `console.info`; `false` for silence. */
  readonly log?: ((line: string) => void) | false;
  /** Loads `@tensorflow/tfjs-backend-wasm` / `-webgpu` on demand. Default: dynamic `import()`. */
  readonly importModule?: (
    specifier: '@tensorflow/tfjs-backend-wasm' | '@tensorflow/tfjs-backend-webgpu',
  ) => Promise<unknown>;
}

type Outcome = BackendOutcome;
type WasmModule = {
  setWasmPaths: (paths: string | Record<string, string>, usePlatformFetch?: boolean) => void;
  setThreadsCount?: (n: number) => void;
  getThreadsCount?: () => number;
};

const defaultImport = (specifier: string): Promise<unknown> => {
  // Only the wasm backend is a dependency of @qfcn/backend; webgpu is optional (a page that wants
  // it imports `@tensorflow/tfjs-backend-webgpu` itself, which registers it).
  if (specifier === '@tensorflow/tfjs-backend-wasm') return import('@tensorflow/tfjs-backend-wasm');
  return Promise.reject(new Error(`${specifier} is not imported by this page`));
};

/**
 * Browser `initBackend`: selects the tfjs backend in a web page (or a web worker), checks it can run
 * the FCN, and reports what it chose and why. Nothing is registered by importing this package; only
 * this call chooses.
 *
 * Details: `'auto'` tries `webgpu` (when `navigator.gpu` exists and a webgpu backend is registered,
 * e.g. by importing `@tensorflow/tfjs-backend-webgpu`), `webgl` (registered by `@tensorflow/tfjs`;
 * skipped when software-rendered, e.g. SwiftShader in headless Chrome: wasm is much faster there),
 * `wasm` (loaded on demand; SIMD where the browser has it, and XNNPACK threads only where the page is
 * cross-origin isolated, i.e. `SharedArrayBuffer` is usable), then `cpu`; each skipped candidate adds
 * its reason to the report. A named choice selects that backend or throws `BackendUnavailableError`.
 *
 * @example
 * import '@tensorflow/tfjs';
 * const info = await initBackend('auto', { wasmPaths: '/wasm/' });  // { name: 'webgl', reason: 'auto: webgpu: …; so webgl, …' }
 */
export async function initBackend(
  choice: BackendChoice = 'auto',
  options: BrowserInitBackendOptions = {},
): Promise<BackendInfo> {
  const kernels = checkBackendOptions(choice, options, {
    check: 'inference',
    choices: "'auto', 'webgpu', 'webgl', 'wasm', 'cpu'",
    maxThreads: 8,
  });
  const importModule = (options.importModule ?? defaultImport) as (s: string) => Promise<unknown>;
  return chooseBackend(
    choice,
    ['webgpu', 'webgl', 'wasm', 'cpu'],
    (name, auto) => tryBackend(name, options, importModule, kernels, auto),
    options.log,
  );
}

function crossOriginIsolated(): boolean {
  return (
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true &&
    typeof SharedArrayBuffer !== 'undefined'
  );
}

async function tryBackend(
  name: string,
  options: BrowserInitBackendOptions,
  importModule: (specifier: string) => Promise<unknown>,
  kernels: readonly string[],
  auto = false,
): Promise<Outcome> {
  const fail = (reason: string, error?: Error): Outcome => ({
    ok: false,
    reason,
    error: error ?? new BackendUnavailableError(name, reason),
  });
  const details: string[] = [];
  let threads = 1;
  if (name === 'webgpu') {
    if ((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu == null)
      return fail('webgpu: navigator.gpu is absent');
    if (tf.findBackendFactory('webgpu') == null) {
      try {
        await importModule('@tensorflow/tfjs-backend-webgpu');
      } catch (error) {
        return fail(`webgpu: no webgpu backend registered (${firstLine(error)})`);
      }
      if (tf.findBackendFactory('webgpu') == null) return fail('webgpu: no webgpu backend registered');
    }
  } else if (name === 'webgl') {
    if (tf.findBackendFactory('webgl') == null) return fail('webgl: not registered (import @tensorflow/tfjs)');
  } else if (name === 'wasm') {
    let wasm: WasmModule;
    try {
      wasm = (await importModule('@tensorflow/tfjs-backend-wasm')) as WasmModule;
    } catch (error) {
      return fail(`wasm: @tensorflow/tfjs-backend-wasm failed to load: ${firstLine(error)}`);
    }
    if (tf.findBackend('wasm') == null) {
      if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
      if (crossOriginIsolated()) {
        const cores =
          (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
        threads = options.wasmThreads ?? Math.max(1, Math.min(8, cores));
        wasm.setThreadsCount?.(threads);
        details.push('cross-origin isolated: threaded build');
      } else {
        details.push('page not cross-origin isolated: one thread');
      }
    }
  } else if (tf.findBackendFactory(name) == null) {
    const known = Object.keys(tf.engine().registryFactory).sort().join(', ');
    return fail(`no backend named '${name}' is registered (registered: ${known})`);
  }
  let ready = false;
  try {
    ready = await tf.setBackend(name);
  } catch (error) {
    return fail(`${name} failed to initialize: ${firstLine(error)}`);
  }
  if (!ready) return fail(`${name} failed to initialize`);
  try {
    assertKernels(name, kernels);
  } catch (error) {
    if (MissingKernelError.isInstance(error)) {
      return { ok: false, reason: `${name} lacks ${error.kernels.join(', ')}`, error };
    }
    throw error;
  }
  const renderer = name === 'webgl' ? webglRenderer() : undefined;
  if (auto && renderer && /swiftshader|llvmpipe|software/i.test(renderer)) {
    // a software rasterizer runs the FCN many times slower than wasm: auto moves on
    return fail(`webgl: software-rendered (${renderer}), slower than wasm`);
  }
  const parts = [name];
  if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const wasmThreads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    threads = wasmThreads ? threads : 1;
    parts.push(`XNNPACK${simd ? ' SIMD' : ''}, ${threads} thread${threads === 1 ? '' : 's'}`, ...details);
  } else if (name === 'webgl') {
    const version = tf.env().getNumber('WEBGL_VERSION');
    parts.push(
      `WebGL ${version}${tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED') ? ', float32 textures' : ', float16 textures'}`,
    );
    if (renderer) parts.push(renderer);
  } else if (name === 'cpu') {
    parts.push('plain JS reference kernels, slow');
  }
  return { ok: true, info: { name, reason: parts.join(', '), addedKernels: [], threads } };
}

/** The WebGL renderer's name (`WEBGL_debug_renderer_info`), when the browser tells it. */
function webglRenderer(): string | undefined {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLLike } }).gpgpu?.gl;
    const ext = gl?.getExtension('WEBGL_debug_renderer_info') as { UNMASKED_RENDERER_WEBGL: number } | null | undefined;
    const name = ext ? gl!.getParameter(ext.UNMASKED_RENDERER_WEBGL) : undefined;
    return typeof name === 'string' && name.length > 0 ? name : undefined;
  } catch {
    return undefined;
  }
}

interface WebGLLike {
  getExtension(name: string): unknown;
  getParameter(p: number): unknown;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!;
}
