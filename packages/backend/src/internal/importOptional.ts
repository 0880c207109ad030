import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Internal: imports an optional package that this package does not depend on. Tries a plain
 * dynamic `import()` (resolved from this package, which finds packages installed beside it or
 * hoisted), then resolution from the user's project (`process.cwd()`), where an application that
 * installed `@tensorflow/tfjs-node` or `@qfcn/backend-native` has it. Rethrows the first error,
 * whose `code` says `ERR_MODULE_NOT_FOUND` when the package is nowhere.
 */
export async function importOptional(specifier: string): Promise<unknown> {
  let first: unknown;
  try {
    return await import(/* @vite-ignore */ specifier);
  } catch (error) {
    if (!isModuleNotFound(error, specifier)) throw error;
    first = error;
  }
  let resolved: string;
  try {
    resolved = createRequire(join(process.cwd(), 'package.json')).resolve(specifier);
  } catch {
    throw first;
  }
  return import(/* @vite-ignore */ pathToFileURL(resolved).href);
}

/**
 * Internal: whether `error` says that `specifier` itself is not installed (Node's
 * `ERR_MODULE_NOT_FOUND` / `MODULE_NOT_FOUND`, or a bundler's "could not resolve"), as opposed to
 * the package being there but failing to load (e.g. a missing native binding inside it).
 */
export function isModuleNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0]!;
  if (!firstLine.includes(specifier)) return false;
  return (
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    /Cannot find (module|package)|Could not resolve|Failed to resolve/i.test(firstLine)
  );
}
