import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryOwner } from './temporarySibling';

/** Whether a process with this id runs on this machine (EPERM: it runs, under another user). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporaries that {@link temporarySibling} names (`.<name>.<tag>-<pid>-<time>-<n>`) left
 * in `dir` by processes that no longer run on this machine — a writer killed (SIGKILL, power loss)
 * between creating its temporary and renaming it. Other files, and temporaries of running processes,
 * are kept. Returns the names removed; a missing folder removes nothing.
 *
 * Details: the process check is local, so call it on folders that one machine's command owns (a
 * `predict --out` folder), not on folders that queue workers on several machines share.
 *
 * @example
 * removeStaleTemporaries('predictions'); // ['.a_instances.png.tmp-4242-lq3k2a-0']
 */
export function removeStaleTemporaries(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = temporaryOwner(name);
    if (owner === undefined || isRunning(owner)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
