import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('..', import.meta.url));
const dist = fileURLToPath(new URL('../../dist', import.meta.url));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Whether `dist/` holds a build at least as new as every source file: suites that run built code
 * (worker threads, child processes) skip otherwise, instead of testing stale code.
 */
export function builtDistIsFresh(file = 'index.js'): boolean {
  const built = join(dist, file);
  return existsSync(built) && statSync(built).mtimeMs >= newestSource(src);
}
