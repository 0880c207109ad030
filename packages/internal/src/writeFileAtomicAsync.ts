import { temporarySibling } from './temporarySibling';

/**
 * {@link writeFileAtomic} for code that must stay loadable in browsers: `node:fs` is imported only
 * when called. Same guarantees: unique sibling temporary, fsync, rename; the temporary is removed on
 * failure; parent folders are created.
 *
 * @example
 * await writeFileAtomicAsync('model/member-0.qfcnq', bytes);
 */
export async function writeFileAtomicAsync(path: string, data: Uint8Array | string): Promise<void> {
  const fs = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await fs.mkdir(dirname(path), { recursive: true });
  const tmp = temporarySibling(path);
  try {
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}
