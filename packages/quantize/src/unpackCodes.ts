import { InvalidArgumentError } from './errors';
import { assertBits } from './internal/checks';

/**
 * Reads `count` codes of `bits` bits each from LSB-first packed bytes (the inverse of `packCodes`).
 *
 * **When to use**: to decode a bit-packed tensor; `unpackWeights` uses it.
 *
 * **Details**: needs at least `ceil(count·bits / 8)` bytes, else `InvalidArgumentError`; extra
 * bytes are ignored. Bits 1–16.
 *
 * @example
 * unpackCodes(Uint8Array.of(57), 2, 3);   // Uint16Array [1, 2, 3]
 */
export function unpackCodes(bytes: Uint8Array, bits: number, count: number): Uint16Array {
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('bytes', 'expected a Uint8Array');
  assertBits(bits, 1, 16, 'Code unpacking');
  if (!Number.isInteger(count) || count < 0) {
    throw new InvalidArgumentError('count', `expected an integer ≥ 0, got ${String(count)}`);
  }
  const need = Math.ceil((count * bits) / 8);
  if (bytes.length < need) {
    throw new InvalidArgumentError('bytes', `${count} codes of ${bits} bits need ${need} bytes, got ${bytes.length}`);
  }
  const out = new Uint16Array(count);
  if (bits === 8) {
    out.set(bytes.subarray(0, count));
    return out;
  }
  if (bits === 16) {
    for (let i = 0; i < count; i++) out[i] = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
    return out;
  }
  const mask = (1 << bits) - 1;
  let acc = 0;
  let accBits = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    while (accBits < bits) {
      acc |= bytes[p++]! << accBits;
      accBits += 8;
    }
    out[i] = acc & mask;
    acc >>>= bits;
    accBits -= bits;
  }
  return out;
}
