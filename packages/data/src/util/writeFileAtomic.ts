import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { DataError } from '@qfcn/contract';

let counter = 0;

/**
 * Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed, then renamed
 * over the target. Readers never see a half-written file; a crash leaves the old file (or none).
 * Parent directories are created. Failures become DataError naming the path.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
      let offset = 0;
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the temporary file could not even be created
    }
    throw new DataError(`cannot write: ${(error as Error).message}`, { path, cause: error });
  }
}
