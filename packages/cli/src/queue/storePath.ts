import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from '../args';

/**
 * A path as a job carries it: relative to the store when it lies inside (`{ store: 'a/b' }`, so
 * machines may mount the store at different places), else absolute (it must then be reachable at
 * the same path on every worker).
 */
export type JobPath = { readonly store: string } | { readonly absolute: string };

/** `path` as a {@link JobPath} for a store at `store`. */
export function toJobPath(path: string, store: string): JobPath {
  const rel = relative(resolve(store), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? { store: rel } : { absolute: resolve(path) };
}

/** The local path of a {@link JobPath} on a machine whose store is at `store`. */
export function fromJobPath(path: JobPath, store: string): string {
  return 'store' in path ? resolve(store, path.store) : path.absolute;
}

/** `--store DIR` must be an existing folder (the shared folder every worker reaches). */
export function assertStore(store: string): string {
  if (!existsSync(store) || !statSync(store).isDirectory()) {
    throw new UsageError(
      `--store ${store} is not a folder: give a folder that every worker reaches (a shared file system)`,
    );
  }
  return resolve(store);
}
