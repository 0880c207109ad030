import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * SHA-256 (32 hex digits) of every file under `dir`: relative paths and contents, in sorted order.
 *
 * When to use: to address a run by the data folder it reads (a changed file, a new or a renamed one
 * gives another address), where the folder is read by other machines.
 *
 * Details: reads every file once; symbolic links are followed; empty folders do not count.
 *
 * @example
 * fingerprintFolder('data/glas'); // '9b2e…' (32 hex digits)
 */
export function fingerprintFolder(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    const entries = readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else {
        const bytes = readFileSync(join(dir, path));
        hash.update(`${path}\0${bytes.byteLength}\0`);
        hash.update(bytes);
      }
    }
  };
  walk('');
  return hash.digest('hex').slice(0, 32);
}
