/**
 * Bit-level kernel of the power-of-two quantizer (internal).
 *
 * Code layout for `b` bits (b = 2…8): code 0 is the level 0; a nonzero code has its top bit
 * (bit b−1) set, bit b−2 is the sign (1 = negative) and the low b−2 bits are `k − n2`, the
 * exponent index. The level of code `c` is `±2^(n2 + (c & (2^(b−2) − 1)))`. Codes with the top
 * bit clear other than 0 are invalid.
 *
 * Rounding works on the float32 bit pattern: for |w| in [2^e, 2^(e+1)) the nearest power of two
 * is 2^(e+1) iff |w| ≥ 1.5·2^e, i.e. iff the top mantissa bit is set, so exact midpoints go to the
 * larger magnitude ("ties up", as in [Zhou17]); below 2^(n2−1) a weight goes to 0 (at exactly
 * 2^(n2−1) it goes up to 2^n2); exponents are clamped to [n2, n1].
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 bit pattern of 2^k for k in [-150, 127] (2^-150 → 0, below every nonzero float). */
function powerOfTwoBits(k: number): number {
  if (k >= -126) return (k + 127) << 23;
  if (k >= -149) return 1 << (k + 149);
  return 0;
}

/** Float32 value of 2^k (k in [-149, 127]). */
export function powerOfTwoValue(k: number): number {
  u32[0] = powerOfTwoBits(k);
  return f32[0]!;
}

/** Level value of every code (length 2^bits); NaN marks invalid codes. */
export function powerOfTwoTable(n1: number, bits: number): Float32Array {
  const n2 = n1 + 1 - 2 ** (bits - 2);
  const table = new Float32Array(1 << bits).fill(NaN);
  table[0] = 0;
  const top = 1 << (bits - 1);
  const signBit = 1 << (bits - 2);
  for (let j = 0; j < signBit; j++) {
    const v = powerOfTwoValue(n2 + j);
    table[top | j] = v;
    table[top | signBit | j] = -v;
  }
  return table;
}

/**
 * Computes the code of every value. `out` receives codes; when `table` is given, `levels`
 * receives `table[code]` instead (the fast path of quantizePowerOfTwo, no code array).
 */
export function powerOfTwoEncode(
  values: Float32Array,
  n1: number,
  bits: number,
  out: Uint16Array | null,
  levels: Float32Array | null,
  table: Float32Array | null,
): void {
  const n2 = n1 + 1 - 2 ** (bits - 2);
  const view = new Uint32Array(values.buffer, values.byteOffset, values.length);
  // |w| < 2^(n2-1) ⟺ abs bit pattern < pattern of 2^(n2-1) (positive floats order like their bits).
  const zeroBelow = n2 - 1 >= -149 ? powerOfTwoBits(n2 - 1) : 1;
  const top = 1 << (bits - 1);
  const signShift = bits - 2;
  const n = values.length;
  if (levels !== null) {
    // Level values by bit pattern: a Uint32 view of the table avoids float conversions.
    const tableBits = new Uint32Array(table!.buffer, table!.byteOffset, table!.length);
    const outBits = new Uint32Array(levels.buffer, levels.byteOffset, levels.length);
    for (let i = 0; i < n; i++) outBits[i] = tableBits[codeOf(view[i]!, zeroBelow, n1, n2, top, signShift)]!;
  } else {
    for (let i = 0; i < n; i++) out![i] = codeOf(view[i]!, zeroBelow, n1, n2, top, signShift);
  }
}

/** The code of one float32 bit pattern (see the layout above). */
function codeOf(raw: number, zeroBelow: number, n1: number, n2: number, top: number, signShift: number): number {
  const abs = raw & 0x7fffffff;
  if (abs < zeroBelow) return 0;
  let k: number;
  if (abs >= 0x00800000) {
    // normal: [2^e, 2^(e+1)), up when the top mantissa bit is set (|w| ≥ 1.5·2^e)
    k = (abs >>> 23) - 127 + ((abs >>> 22) & 1);
  } else {
    // subnormal: value = m·2^-149 with msb at position p → [2^(p-149), 2^(p-148))
    const p = 31 - Math.clz32(abs);
    k = p - 149 + (p > 0 ? (abs >>> (p - 1)) & 1 : 0);
  }
  if (k > n1) k = n1;
  else if (k < n2) k = n2;
  return top | ((raw >>> 31) << signShift) | (k - n2);
}
