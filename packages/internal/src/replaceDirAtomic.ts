import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { temporarySibling } from './temporarySibling';
import { writeAndSync } from './writeFileAtomic';

/**
 * Fills a fresh sibling temporary folder with `fill(tmp)` and puts it in place of `dir`. An existing
 * `dir` is first renamed aside and removed once the new one is in place, so a reader sees the old or
 * the new complete folder; on failure the temporary folder is removed and `dir` is untouched.
 *
 * @example
 * await replaceDirAtomic('model', async (tmp) => saveEverything(tmp));
 */
export async function replaceDirAtomic(dir: string, fill: (tmp: string) => void | Promise<void>): Promise<void> {
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = temporarySibling(dir);
  mkdirSync(tmp);
  try {
    await fill(tmp);
    swapIn(tmp, dir);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Writes a folder of files atomically (see {@link replaceDirAtomic}); every file is fsynced.
 *
 * @example
 * writeDirAtomic('model', { 'model.json': json, 'weights.bin': bytes });
 */
export function writeDirAtomic(dir: string, files: Readonly<Record<string, Uint8Array | string>>): void {
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = temporarySibling(dir);
  mkdirSync(tmp);
  try {
    for (const [name, data] of Object.entries(files)) writeAndSync(join(tmp, name), data);
    swapIn(tmp, dir);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

function swapIn(tmp: string, dir: string): void {
  if (!existsSync(dir)) {
    renameSync(tmp, dir);
    return;
  }
  const old = temporarySibling(dir, 'old');
  renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}
