/**
 * Constants and layout helpers of the packed weights format, version 1 (internal).
 * The format is specified in the package README ("Storage format").
 */
import type { QuantizationParams } from '../contract';

/** "QFCNPACK" in ASCII. */
export const MAGIC = Uint8Array.of(0x51, 0x46, 0x43, 0x4e, 0x50, 0x41, 0x43, 0x4b);
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 16;
export const TRAILER_BYTES = 8;
export const MAX_RANK = 32;
/** Kind ids in the file; 0 is float32. */
export const KIND_IDS: Record<string, number> = { 'power-of-two': 1, uniform: 2, ternary: 3, dorefa: 4 };
export const KIND_NAMES = ['float32', 'power-of-two', 'uniform', 'ternary', 'dorefa'] as const;

/** Bytes of one tensor's payload. */
export function payloadBytes(count: number, quantization: QuantizationParams | undefined): number {
  return quantization ? Math.ceil((count * quantization.bits) / 8) : 4 * count;
}

/** Bytes of one tensor's record (descriptor + payload). */
export function recordBytes(
  nameBytes: number,
  rank: number,
  count: number,
  quantization: QuantizationParams | undefined,
): number {
  return 2 + nameBytes + 4 + 4 * rank + (quantization ? 16 : 0) + 4 + payloadBytes(count, quantization);
}

/** The two float64 parameter slots of a quantized record. */
export function paramSlots(q: QuantizationParams): [number, number] {
  switch (q.kind) {
    case 'power-of-two':
      return [q.n1 ?? NaN, 0];
    case 'ternary':
      return [q.scale ?? NaN, q.threshold ?? NaN];
    default:
      return [q.scale ?? NaN, 0];
  }
}

/** Params back from the kind, bits and the two slots. */
export function paramsFromSlots(
  kind: (typeof KIND_NAMES)[number],
  bits: number,
  p0: number,
  p1: number,
): QuantizationParams {
  switch (kind) {
    case 'power-of-two':
      return { kind, bits, n1: p0 };
    case 'ternary':
      return { kind, bits, scale: p0, threshold: p1 };
    default:
      return { kind: kind as QuantizationParams['kind'], bits, scale: p0 };
  }
}

export const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
