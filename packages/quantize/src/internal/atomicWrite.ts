/**
 * Atomic file write (internal): write `<path>.<pid>.<random>.tmp`, flush it, rename over `path`.
 * A crash leaves either the old file or the new one, never a half-written file.
 * `node:fs` is imported lazily so that the root entry stays loadable in browsers.
 */
export async function atomicWrite(path: string, bytes: Uint8Array): Promise<void> {
  const fs = await import('node:fs/promises');
  const tmp = `${path}.${typeof process !== 'undefined' ? process.pid : 0}.${Math.random().toString(36).slice(2)}.tmp`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/** Reads a whole file as bytes (lazy `node:fs`). */
export async function readBytes(path: string): Promise<Uint8Array> {
  const fs = await import('node:fs/promises');
  const buffer = await fs.readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
