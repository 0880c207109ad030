import { availableParallelism } from 'node:os';

/**
 * The thread count for the addon: the option, else `QFCN_NATIVE_THREADS`, else every core.
 *
 * When to use: by `registerNativeBackend`.
 *
 * Details: returns a string (the problem) for a value that is not an integer ≥ 1 — from the
 * option or from the environment variable. Default: `os.availableParallelism()`.
 *
 * Example: `resolveThreads(2)` → 2; `resolveThreads(undefined)` with `QFCN_NATIVE_THREADS=3` → 3
 */
export function resolveThreads(threads?: number, env: NodeJS.ProcessEnv = process.env): number | string {
  if (threads !== undefined) {
    return Number.isInteger(threads) && threads >= 1 ? threads : `threads must be an integer >= 1, got ${threads}`;
  }
  const fromEnv = env.QFCN_NATIVE_THREADS;
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    return Number.isInteger(n) && n >= 1 ? n : `QFCN_NATIVE_THREADS must be an integer >= 1, got '${fromEnv}'`;
  }
  return availableParallelism();
}
