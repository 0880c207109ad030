import { createHash } from 'node:crypto';
import type { Sample } from '@qfcn/contract';

/**
 * SHA-256 (hex) of the samples' ids, sizes, pixels and labels, in order: two runs on the same ids
 * with other pixels get other fingerprints.
 */
export function hashSamples(samples: readonly Sample[]): string {
  const h = createHash('sha256');
  for (const s of samples) {
    h.update(`${s.id}\0${s.image.width}x${s.image.height}x${s.image.channels}\0`);
    h.update(bytesOf(s.image.data));
    if (s.label) {
      h.update(`label:${s.label.data.constructor.name}\0`);
      h.update(bytesOf(s.label.data as ArrayBufferView));
    } else h.update('nolabel\0');
  }
  return h.digest('hex');
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * A JSON-able description of training settings: sample lists become `{ ids, sha256 }`, typed arrays
 * their length and hash, functions their name; object keys are sorted so the text is canonical.
 */
export function describeSettings(value: unknown): unknown {
  if (Array.isArray(value) && value.length > 0 && value.every(isSample)) {
    return { ids: value.map((s: Sample) => s.id), sha256: hashSamples(value) };
  }
  if (ArrayBuffer.isView(value))
    return { length: (value as Uint8Array).length, sha256: createHash('sha256').update(bytesOf(value)).digest('hex') };
  if (Array.isArray(value)) return value.map(describeSettings);
  if (typeof value === 'function') return `function ${value.name}`;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, describeSettings((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function isSample(v: unknown): v is Sample {
  return !!v && typeof v === 'object' && 'id' in v && 'image' in v;
}

/** The top-level keys whose canonical JSON differs between two descriptions. */
export function differingKeys(saved: Record<string, unknown>, now: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(saved), ...Object.keys(now)])].sort();
  return keys.filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(now[k]));
}
