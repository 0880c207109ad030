import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { BackendUnavailableError } from './errors';

/** The three binaries `@tensorflow/tfjs-backend-wasm` ships; Node picks the SIMD one. */
export const WASM_BINARIES = Object.freeze([
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const);

/**
 * Folder holding the `.wasm` binaries of the installed `@tensorflow/tfjs-backend-wasm`, with a
 * trailing path separator (the form `setWasmPaths` expects).
 *
 * When to use: `initBackend` passes it to `setWasmPaths` so wasm loads from wherever the package
 * is installed (a pnpm store, a nested `node_modules`, a bundled app that keeps `node_modules`).
 * Call it yourself to check an installation or to copy the binaries next to a bundle.
 *
 * Details: resolves the package the way Node would from this module (`require.resolve`), takes its
 * `dist/` folder and checks the binaries exist there. Throws `BackendUnavailableError` ('wasm')
 * naming the folder searched when they do not.
 *
 * @example
 * resolveWasmDir() // '/app/node_modules/@tensorflow/tfjs-backend-wasm/dist/'
 */
export function resolveWasmDir(): string {
  const require = createRequire(import.meta.url);
  let main: string;
  try {
    main = require.resolve('@tensorflow/tfjs-backend-wasm');
  } catch (cause) {
    throw new BackendUnavailableError('wasm', '@tensorflow/tfjs-backend-wasm is not installed', { cause });
  }
  const dir = dirname(main);
  const missing = WASM_BINARIES.filter((name) => !existsSync(join(dir, name)));
  if (missing.length > 0) {
    throw new BackendUnavailableError('wasm', `${missing.join(', ')} not found in ${dir}`);
  }
  return dir.endsWith(sep) ? dir : dir + sep;
}
