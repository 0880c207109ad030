import { readBytes } from '../internal/atomicWrite';
import { readSource, sourceName, type ByteSource } from '../readSource';
import { type UnpackedWeights, unpackWeights } from '../unpackWeights';

/**
 * Node `loadWeights`: as the browser-safe one (URLs, bytes, `Blob`s), and file paths or `file:` URLs
 * read from disk.
 *
 * @example
 * const { tensors } = await loadWeights('out/model/member-0.qfcnq');
 */
export async function loadWeights(source: ByteSource): Promise<UnpackedWeights> {
  return unpackWeights(await readSource(source, readBytes), { path: sourceName(source) });
}
