import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;
const uniqueSuffix = () => `${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

function writeAndSync(path: string, data: Uint8Array | string): void {
  const fd = openSync(path, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes one file atomically: a sibling temporary file, fsync, then rename over the target. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${uniqueSuffix()}`);
  try {
    writeAndSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Fills a fresh sibling temporary directory with `fill(tmp)` and renames it to `dir`. An existing
 * `dir` is first renamed aside (`.<name>.old-…`) and removed after the new one is in place, so a
 * reader sees either the old or the new complete directory; on failure the temporary is removed.
 */
export async function replaceDirAtomic(dir: string, fill: (tmp: string) => void | Promise<void>): Promise<void> {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${uniqueSuffix()}`);
  mkdirSync(tmp);
  try {
    await fill(tmp);
    swapIn(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Writes a directory of files atomically (see {@link replaceDirAtomic}); every file is fsynced. */
export function writeDirAtomic(dir: string, files: Readonly<Record<string, Uint8Array | string>>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${uniqueSuffix()}`);
  mkdirSync(tmp);
  try {
    for (const [name, data] of Object.entries(files)) writeAndSync(join(tmp, name), data);
    swapIn(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

function swapIn(tmp: string, dir: string): void {
  if (existsSync(dir)) {
    const old = join(dirname(dir), `.${basename(dir)}.old-${uniqueSuffix()}`);
    renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, dir);
  }
}

/** Names in `dir` that are not in `allowed` (empty when `dir` does not exist). */
export function foreignEntries(dir: string, allowed: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => !allowed.includes(name));
}
