/**
 * Helpers shared by the tfjs adapters (internal).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@qfcn/quantize';

/** A tfjs `Variable`, or a tfjs-layers `LayerVariable` (which wraps one; `read()` returns it). */
export type VariableLike = tf.Variable | { readonly name: string; read(): tf.Tensor };

/** Anything that holds named tfjs weights: a `tf.LayersModel` (or any object with `weights`), a Map or a record. */
export type WeightSource =
  | { readonly weights: ReadonlyArray<{ readonly name: string; read(): tf.Tensor }> }
  | ReadonlyMap<
      string,
      VariableLike | { readonly name: string; readonly shape: readonly number[]; readonly dtype: string }
    >
  | Readonly<Record<string, tf.Variable>>;

/** The underlying `tf.Variable` of a Variable or LayerVariable (duck-typed, works across tfjs copies). */
export function asVariable(value: unknown, name: string): tf.Variable {
  let v = value as { assign?: unknown; read?: () => unknown };
  if (v && typeof v.assign !== 'function' && typeof v.read === 'function') v = v.read() as typeof v;
  if (!v || typeof v.assign !== 'function' || typeof (v as { dataSync?: unknown }).dataSync !== 'function') {
    throw new InvalidArgumentError(name, 'expected a tf.Variable (or a tf.layers LayerVariable)');
  }
  return v as unknown as tf.Variable;
}

/** Float32 copy of a variable's values, with a typed error for other dtypes. */
export function readFloat32(v: tf.Tensor, name: string): Float32Array {
  if (v.dtype !== 'float32') {
    throw new InvalidArgumentError(name, `is ${v.dtype}; only float32 weights can be quantized or packed`);
  }
  return (v.dataSync() as Float32Array).slice();
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648, with padding), platform-independent. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >>> 18) & 63]! + ALPHABET[(n >>> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >>> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Inverse of {@link toBase64}; throws `InvalidArgumentError` on malformed input. */
export function fromBase64(text: string, argument: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new InvalidArgumentError(argument, 'is not valid base64');
  }
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n =
      (ALPHABET.indexOf(text[i]!) << 18) |
      (ALPHABET.indexOf(text[i + 1]!) << 12) |
      ((ALPHABET.indexOf(text[i + 2]!) & 63) << 6) |
      (ALPHABET.indexOf(text[i + 3]!) & 63);
    if (o < out.length) out[o++] = (n >>> 16) & 255;
    if (o < out.length) out[o++] = (n >>> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
