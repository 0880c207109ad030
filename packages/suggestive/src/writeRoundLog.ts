import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RoundLog } from './roundLogTypes';

/**
 * Writes a round log atomically (internal): the JSON goes to `<path>.<pid>.tmp`, then is renamed over
 * `path`, so a crash leaves either the previous log or the new one, never a truncated file.
 */
export async function writeRoundLog(path: string, log: RoundLog): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(log, null, 2)}\n`);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
