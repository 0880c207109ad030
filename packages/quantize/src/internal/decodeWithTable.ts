import { InvalidArgumentError } from '../errors';

/** Looks codes up in a level table; NaN entries (and codes past the table) are invalid codes. */
export function decodeWithTable(codes: Uint16Array, table: Float32Array, kind: string): Float32Array {
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    const v = c < table.length ? table[c]! : NaN;
    if (Number.isNaN(v)) {
      throw new InvalidArgumentError('codes', `code ${c} at index ${i} is not a valid ${kind} code`);
    }
    out[i] = v;
  }
  return out;
}
