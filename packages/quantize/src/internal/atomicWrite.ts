import { writeFileAtomicAsync } from '@qfcn/internal/node';

/**
 * Atomic file write (internal): a fsynced sibling temporary renamed over `path` (`@qfcn/internal`);
 * `node:fs` is imported lazily so that the root entry stays loadable in browsers.
 */
export const atomicWrite: (path: string, bytes: Uint8Array) => Promise<void> = writeFileAtomicAsync;

/** Reads a whole file as bytes (lazy `node:fs`). */
export async function readBytes(path: string): Promise<Uint8Array> {
  const fs = await import('node:fs/promises');
  const buffer = await fs.readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
