import type { QuantizationParams, WeightTensor } from './contract';
import { crc32 } from './crc32';
import { createQuantizer } from './createQuantizer';
import { CorruptFileError, InvalidArgumentError } from './errors';
import {
  FORMAT_VERSION,
  HEADER_BYTES,
  KIND_NAMES,
  LITTLE_ENDIAN,
  MAGIC,
  TRAILER_BYTES,
  paramsFromSlots,
} from './internal/format';
import { unpackCodes } from './unpackCodes';

/** What {@link unpackWeights} returns. */
export interface UnpackedWeights {
  /** Format version of the file (1). */
  readonly version: number;
  /** The tensors in stored order; quantized ones decoded to their float32 level values. */
  readonly tensors: WeightTensor[];
}

/**
 * Parses and verifies a packed weights file (the inverse of `packWeights`).
 *
 * **When to use**: to load packed weights from bytes (`loadWeightsFile` reads from disk;
 * `loadPackedWeights` in `@qfcn/quantize/tfjs` sets them into a tfjs model).
 *
 * **Details**: checks, in order, the minimum size, the magic (`QFCNPACK`), the version (1), the
 * flags (0), the stored length against the actual length (truncated or extended files) and the
 * CRC-32 of everything before it (altered files), then parses every record with bounds checks.
 * Each failure throws `CorruptFileError` (code `CORRUPT_FILE`) saying which check failed;
 * `options.path` is put in front of the message. Quantized tensors come back as float32 level
 * values with their `quantization` params, so `packWeights(unpackWeights(b).tensors)` equals `b`.
 *
 * @example
 * const { tensors } = unpackWeights(bytes);
 * tensors[0];   // { name: 'conv/kernel', shape: [2, 2], values: Float32Array [...], quantization: {...} }
 */
export function unpackWeights(bytes: Uint8Array, options: { path?: string } = {}): UnpackedWeights {
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('bytes', 'expected a Uint8Array');
  const fail = (message: string, cause?: unknown): CorruptFileError =>
    new CorruptFileError(message, { path: options.path, cause });
  const n = bytes.length;
  if (n < HEADER_BYTES + TRAILER_BYTES) {
    throw fail(`truncated: ${n} bytes, a packed weights file has at least ${HEADER_BYTES + TRAILER_BYTES}`);
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw fail('not a qfcn packed weights file (the magic "QFCNPACK" is missing)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  const version = view.getUint16(8, true);
  if (version !== FORMAT_VERSION) {
    throw fail(`unsupported format version ${version}; this reader knows version ${FORMAT_VERSION}`);
  }
  const flags = view.getUint16(10, true);
  if (flags !== 0) throw fail(`unknown flags 0x${flags.toString(16)} in the header`);
  const stored = view.getUint32(n - 8, true);
  if (stored !== n) {
    throw fail(`${stored > n ? 'truncated' : 'has extra bytes'}: the trailer says ${stored} bytes, got ${n}`);
  }
  const storedCrc = view.getUint32(n - 4, true);
  const actualCrc = crc32(bytes.subarray(0, n - 4));
  if (storedCrc !== actualCrc) {
    throw fail(
      `checksum mismatch (stored CRC-32 ${hex(storedCrc)}, computed ${hex(actualCrc)}): the file was altered or damaged`,
    );
  }

  const count = view.getUint32(12, true);
  const end = n - TRAILER_BYTES;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const tensors: WeightTensor[] = [];
  let o = HEADER_BYTES;
  const need = (k: number, what: string) => {
    if (o + k > end) throw fail(`record ${tensors.length}: ${what} runs past the end of the data`);
  };
  for (let t = 0; t < count; t++) {
    need(2, 'the name length');
    const nameLength = view.getUint16(o, true);
    need(2 + nameLength, 'the name');
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(o + 2, o + 2 + nameLength));
    } catch (e) {
      throw fail(`record ${t}: the name is not valid UTF-8`, e);
    }
    o += 2 + nameLength;
    need(4, 'the descriptor');
    const kindId = bytes[o]!;
    const bits = bytes[o + 1]!;
    const rank = bytes[o + 2]!;
    o += 4;
    const kind = KIND_NAMES[kindId];
    if (kind === undefined) throw fail(`tensor '${name}': unknown kind id ${kindId}`);
    need(4 * rank, 'the shape');
    const shape: number[] = [];
    let size = 1;
    for (let d = 0; d < rank; d++) {
      const dim = view.getUint32(o, true);
      shape.push(dim);
      size *= dim;
      o += 4;
    }
    let quantization: QuantizationParams | undefined;
    if (kind !== 'float32') {
      need(16, 'the quantization parameters');
      quantization = paramsFromSlots(kind, bits, view.getFloat64(o, true), view.getFloat64(o + 8, true));
      o += 16;
    } else if (bits !== 32) {
      throw fail(`tensor '${name}': a float32 record must say 32 bits, says ${bits}`);
    }
    need(4, 'the payload length');
    const payloadLength = view.getUint32(o, true);
    o += 4;
    const expected = quantization ? Math.ceil((size * bits) / 8) : 4 * size;
    if (payloadLength !== expected) {
      throw fail(`tensor '${name}' [${shape.join(', ')}]: payload of ${payloadLength} bytes, expected ${expected}`);
    }
    need(payloadLength, 'the payload');
    const payload = bytes.subarray(o, o + payloadLength);
    o += payloadLength;
    let values: Float32Array;
    if (quantization) {
      try {
        const quantizer = createQuantizer(quantization);
        values = quantizer.decode(unpackCodes(payload, bits, size), quantization);
      } catch (e) {
        throw fail(`tensor '${name}': ${(e as Error).message}`, e);
      }
    } else {
      values = readFloats(payload, size);
    }
    tensors.push(quantization ? { name, shape, values, quantization } : { name, shape, values });
  }
  if (o !== end) throw fail(`${end - o} unexpected bytes after the last of ${count} tensors`);
  return { version, tensors };
}

function readFloats(payload: Uint8Array, size: number): Float32Array {
  const values = new Float32Array(size);
  if (LITTLE_ENDIAN) {
    new Uint8Array(values.buffer).set(payload);
  } else {
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    for (let i = 0; i < size; i++) values[i] = view.getFloat32(4 * i, true);
  }
  return values;
}

const hex = (x: number) => `0x${x.toString(16).padStart(8, '0')}`;
