import type { QuantizationParams, Quantizer, WeightTensor } from './contract';
import { crc32 } from './crc32';
import { createQuantizer } from './createQuantizer';
import { InvalidArgumentError, NotOnLevelError } from './errors';
import {
  FORMAT_VERSION,
  HEADER_BYTES,
  KIND_IDS,
  LITTLE_ENDIAN,
  MAGIC,
  MAX_RANK,
  TRAILER_BYTES,
  paramSlots,
  recordBytes,
} from './internal/format';
import { packCodes } from './packCodes';

/**
 * Serializes named weight tensors into the packed format: quantized tensors as bit-packed codes
 * plus their per-tensor parameters, everything else as float32, framed by a header (magic,
 * version) and a trailer (length, CRC-32).
 *
 * **When to use**: to store a quantized model at its real size (5-bit INQ weights take 5/32 of
 * the float bytes) and read it back bit-exactly with `unpackWeights` (or `saveWeightsFile` /
 * `loadWeightsFile` for disk, `packModel` in `@qfcn/quantize/tfjs` for a tfjs model).
 *
 * **Details**: each tensor with `quantization` is encoded by its quantizer and must consist of
 * levels only (else `NotOnLevelError`: quantize first, e.g. finish INQ); `-0` counts as the level
 * 0 and loads back as `+0`. Tensors keep their order. Layout: see the README, "Storage format".
 * Throws `InvalidArgumentError` for duplicate or empty names, a shape whose size differs from
 * `values.length`, non-Float32Array values, or a file over 4 GiB.
 *
 * @example
 * const bytes = packWeights([
 *   { name: 'conv/kernel', shape: [2, 2], values: Float32Array.of(0.25, -0.125, 0, 0.25),
 *     quantization: { kind: 'power-of-two', bits: 3, n1: -2 } },
 *   { name: 'conv/bias', shape: [1], values: Float32Array.of(0.1) },
 * ]);   // 4 codes × 3 bits = 2 bytes of payload for the kernel
 */
export function packWeights(tensors: readonly WeightTensor[]): Uint8Array {
  if (!Array.isArray(tensors)) throw new InvalidArgumentError('tensors', 'expected an array of weight tensors');
  const encoder = new TextEncoder();
  const seen = new Set<string>();
  const prepared = tensors.map((t, index) => {
    const where = `tensors[${index}]`;
    if (typeof t !== 'object' || t === null) throw new InvalidArgumentError(where, 'expected { name, shape, values }');
    if (typeof t.name !== 'string' || t.name.length === 0)
      throw new InvalidArgumentError(`${where}.name`, 'expected a non-empty string');
    if (seen.has(t.name)) throw new InvalidArgumentError(`${where}.name`, `duplicate tensor name '${t.name}'`);
    seen.add(t.name);
    const name = encoder.encode(t.name);
    if (name.length > 0xffff) throw new InvalidArgumentError(`${where}.name`, 'longer than 65535 UTF-8 bytes');
    if (!(t.values instanceof Float32Array)) {
      throw new InvalidArgumentError(
        `${t.name}.values`,
        'expected a Float32Array (only float32 tensors can be packed)',
      );
    }
    const shape = assertShape(t.shape, t.values.length, t.name);
    let payload: Uint8Array;
    if (t.quantization) {
      const quantizer = createQuantizer(t.quantization);
      const codes = quantizer.encode(t.values, t.quantization);
      const decoded = quantizer.decode(codes, t.quantization);
      let byLevel: Map<number, number> | undefined;
      for (let i = 0; i < decoded.length; i++) {
        if (decoded[i] === t.values[i]) continue;
        // Not a fixed point of encode (DoReFa re-applies tanh): look the level up instead.
        byLevel ??= levelCodes(quantizer, t.quantization);
        const code = byLevel.get(t.values[i]);
        if (code === undefined) throw new NotOnLevelError(`${t.name}.values`, i, t.values[i], quantizer.kind);
        codes[i] = code;
      }
      payload = packCodes(codes, quantizer.bits);
    } else {
      payload = floatBytes(t.values);
    }
    return { t, name, shape, payload };
  });
  let total = HEADER_BYTES + TRAILER_BYTES;
  for (const p of prepared) total += recordBytes(p.name.length, p.shape.length, p.t.values.length, p.t.quantization);
  if (total > 0xffffffff)
    throw new InvalidArgumentError(
      'tensors',
      `the packed file would take ${total} bytes, over the 4 GiB limit of format version 1`,
    );

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint16(8, FORMAT_VERSION, true);
  view.setUint16(10, 0, true);
  view.setUint32(12, prepared.length, true);
  let o = HEADER_BYTES;
  for (const { t, name, shape, payload } of prepared) {
    view.setUint16(o, name.length, true);
    out.set(name, o + 2);
    o += 2 + name.length;
    const q = t.quantization;
    out[o] = q ? KIND_IDS[q.kind]! : 0;
    out[o + 1] = q ? q.bits : 32;
    out[o + 2] = shape.length;
    out[o + 3] = 0;
    o += 4;
    for (const d of shape) {
      view.setUint32(o, d, true);
      o += 4;
    }
    if (q) {
      const [p0, p1] = paramSlots(q);
      view.setFloat64(o, p0, true);
      view.setFloat64(o + 8, p1, true);
      o += 16;
    }
    view.setUint32(o, payload.length, true);
    out.set(payload, o + 4);
    o += 4 + payload.length;
  }
  view.setUint32(o, total, true);
  view.setUint32(o + 4, crc32(out.subarray(0, o + 4)), true);
  return out;
}

function assertShape(shape: unknown, count: number, name: string): readonly number[] {
  if (!Array.isArray(shape) || shape.length > MAX_RANK) {
    throw new InvalidArgumentError(`${name}.shape`, `expected an array of at most ${MAX_RANK} dimensions`);
  }
  let size = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) {
      throw new InvalidArgumentError(
        `${name}.shape`,
        `[${shape.join(', ')}] has a dimension that is not an integer in [0, 2^32)`,
      );
    }
    size *= d;
  }
  if (size !== count) {
    throw new InvalidArgumentError(
      `${name}.shape`,
      `[${shape.join(', ')}] has ${size} elements but values has ${count}`,
    );
  }
  return shape;
}

function floatBytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
  return out;
}

/** Level value → code, from decoding every valid code (Map keys: -0 and 0 are the same). */
function levelCodes(quantizer: Quantizer, params: QuantizationParams): Map<number, number> {
  const map = new Map<number, number>();
  for (let c = 0; c < 2 ** quantizer.bits; c++) {
    let value: number;
    try {
      value = quantizer.decode(Uint16Array.of(c), params)[0]!;
    } catch {
      continue; // an invalid code of this quantizer
    }
    if (!map.has(value)) map.set(value, c);
  }
  return map;
}
