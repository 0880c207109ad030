import { existsSync, readdirSync } from 'node:fs';

export { replaceDirAtomic, writeDirAtomic, writeFileAtomic } from '@qfcn/internal/node';

/** Names in `dir` that are not in `allowed` (empty when `dir` does not exist). */
export function foreignEntries(dir: string, allowed: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => !allowed.includes(name));
}
