// Test support: whether a package's dist/ is a build of its current sources. Suites that run built
// JavaScript (worker threads, child processes) skip unless it is, instead of testing stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const packages = resolve(import.meta.dirname, '..', 'packages');

/** Newest modification time of the non-test `.ts` files under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Whether `packages/<pkg>/dist/<file>` exists and is at least as new as every source file of the
 * packages `sources` (default: `pkg` alone; name the workspace packages its built code runs too).
 */
export function builtDistIsFresh(pkg: string, file = 'index.js', sources: readonly string[] = [pkg]): boolean {
  const built = join(packages, pkg, 'dist', file);
  if (!existsSync(built) || !sources.every((name) => existsSync(join(packages, name, 'dist')))) return false;
  return statSync(built).mtimeMs >= Math.max(...sources.map((name) => newestSource(join(packages, name, 'src'))));
}
