import type { StoredArray, StoredData } from './checkpointFile';

const TYPED = [Float32Array, Float64Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array];

/**
 * Encodes an arbitrary serialisable value (a hook's `saveState()`) for a checkpoint: typed arrays are
 * moved out into `arrays` (stored bit-exactly, referenced as `{ $array: name }`), non-finite numbers
 * become `{ $number: 'NaN' | 'Infinity' | '-Infinity' }`, plain objects and arrays are walked.
 * Anything else (functions, Maps, class instances, tensors) throws: hook state must be plain data.
 */
export function encodeState(value: unknown, prefix: string, arrays: StoredArray[]): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value === undefined) return { $undefined: true };
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $number: String(value) };
  if (TYPED.some((T) => value instanceof T)) {
    const name = `${prefix}#${arrays.length}`;
    const data = value as StoredData;
    arrays.push({ name, shape: [data.length], data: data.slice() as StoredData });
    return { $array: name };
  }
  if (Array.isArray(value)) return value.map((v, i) => encodeState(v, `${prefix}[${i}]`, arrays));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeState(v, `${prefix}.${k}`, arrays);
    return out;
  }
  throw new TypeError(`hook state at '${prefix}' is not plain data (${Object.prototype.toString.call(value)})`);
}

/** Inverse of {@link encodeState}. */
export function decodeState(value: unknown, arrays: ReadonlyMap<string, StoredArray>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => decodeState(v, arrays));
  const obj = value as Record<string, unknown>;
  if (typeof obj.$array === 'string') {
    const stored = arrays.get(obj.$array);
    if (!stored) throw new TypeError(`hook state refers to a missing array '${obj.$array}'`);
    return stored.data.slice();
  }
  if (typeof obj.$number === 'string') return Number(obj.$number);
  if (obj.$undefined === true) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = decodeState(v, arrays);
  return out;
}
