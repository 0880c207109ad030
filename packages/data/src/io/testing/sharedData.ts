import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Test helper: the repository root (the folder holding `pnpm-workspace.yaml`), found by walking up
 * from this file, so tests do not depend on where the checkout lives.
 */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repoRoot: no pnpm-workspace.yaml above this file');
    dir = parent;
  }
}

/** A path under the `shared` folder that sits beside the repository (`<repo>/../shared/...`). */
export function sharedPath(...parts: string[]): string {
  return resolve(repoRoot(), '..', 'shared', ...parts);
}
