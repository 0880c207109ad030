import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { temporarySibling } from './temporarySibling';

/**
 * Writes `data` to `path` atomically: a uniquely named sibling temporary file, written in full and
 * fsynced, then renamed over the target. Readers see the old file or the new one, never a part; a
 * failure removes the temporary file and rethrows (callers wrap it in their own typed error).
 * Parent folders are created unless `createParents` is false (then a missing folder is an error).
 *
 * @example
 * writeFileAtomic('out/results.json', JSON.stringify(results));
 */
export function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: { createParents?: boolean } = {},
): void {
  if (options.createParents ?? true) mkdirSync(dirname(path), { recursive: true });
  const tmp = temporarySibling(path);
  try {
    writeAndSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Writes `data` to a new file at `path` and fsyncs it before closing. */
export function writeAndSync(path: string, data: Uint8Array | string): void {
  const fd = openSync(path, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
