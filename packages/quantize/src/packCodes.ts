import { InvalidArgumentError } from './errors';
import { assertBits, assertCodes } from './internal/checks';

/**
 * Bit-packs integer codes of `bits` bits each into bytes, least significant bit first.
 *
 * **When to use**: to store quantizer codes at their real width (5-bit codes take 5/32 of the
 * float32 bytes); `packWeights` uses it for every quantized tensor.
 *
 * **Details**: code `i` occupies bits `[i·bits, (i+1)·bits)` of the output, counting bit 0 as the
 * least significant bit of byte 0 (LSB-first, like DEFLATE). The output has
 * `ceil(codes.length·bits / 8)` bytes; unused high bits of the last byte are 0. Bits 1–16; a code
 * `≥ 2^bits` throws `InvalidArgumentError`.
 *
 * @example
 * packCodes(Uint16Array.of(1, 2, 3), 2);   // Uint8Array [0b00_11_10_01] = [57]
 * packCodes(Uint16Array.of(31, 0), 5);     // Uint8Array [0b000_11111, 0b00] = [31, 0]
 */
export function packCodes(codes: Uint16Array, bits: number): Uint8Array {
  assertCodes(codes);
  assertBits(bits, 1, 16, 'Code packing');
  const n = codes.length;
  const out = new Uint8Array(Math.ceil((n * bits) / 8));
  const limit = 1 << bits;
  if (bits === 8 || bits === 16) {
    for (let i = 0; i < n; i++) {
      if (codes[i]! >= limit) throw tooLarge(i, codes[i]!, bits);
    }
    if (bits === 8) out.set(codes);
    else {
      for (let i = 0; i < n; i++) {
        out[2 * i] = codes[i]! & 255;
        out[2 * i + 1] = codes[i]! >>> 8;
      }
    }
    return out;
  }
  let acc = 0;
  let accBits = 0;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c >= limit) throw tooLarge(i, c, bits);
    acc |= c << accBits;
    accBits += bits;
    while (accBits >= 8) {
      out[o++] = acc & 255;
      acc >>>= 8;
      accBits -= 8;
    }
  }
  if (accBits > 0) out[o] = acc & 255;
  return out;
}

function tooLarge(index: number, code: number, bits: number): InvalidArgumentError {
  return new InvalidArgumentError('codes', `code ${code} at index ${index} does not fit in ${bits} bits`);
}
