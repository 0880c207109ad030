import { createHash } from 'node:crypto';
import type { Sample } from '@qfcn/contract';

/**
 * SHA-256 (32 hex digits) of samples' ids, sizes, pixels and labels, in order.
 *
 * When to use: to name a run's folder in a shared store by what it trains on, and to check on a
 * worker that the data folder it reads holds the same pixels as the submitter's.
 *
 * Details: metadata is not included; any change of a pixel, label, size or id changes the result.
 *
 * @example
 * fingerprintSamples(samples); // '3f1c…' (32 hex digits)
 */
export function fingerprintSamples(samples: readonly Sample[]): string {
  const hash = createHash('sha256');
  for (const s of samples) {
    hash.update(`${s.id}\0${s.image.width}x${s.image.height}x${s.image.channels}\0`);
    hash.update(s.image.data);
    if (s.label) {
      const d = s.label.data;
      hash.update(`\0label ${d.constructor.name}\0`);
      hash.update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
    }
    hash.update('\n');
  }
  return hash.digest('hex').slice(0, 32);
}
