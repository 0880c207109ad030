import type { LabelMap } from '../types';

/**
 * Builds a label map from rows of labels, written the way the map looks:
 * `labelMapFromRows(['1 1 0', '0 2 2'])` is 3 wide and 2 high. Rows are strings of whitespace-separated
 * non-negative integers or arrays of numbers. Storage is the smallest unsigned typed array that holds
 * the largest label (Uint8Array, Uint16Array or Uint32Array) unless `type` is given.
 *
 * @example
 * const gt = labelMapFromRows([
 *   '0 0 0 0 0',
 *   '0 1 1 0 0',
 *   '0 1 1 0 0',
 * ]);
 */
export function labelMapFromRows(
  rows: readonly (string | readonly number[])[],
  options: { type?: 'uint8' | 'uint16' | 'uint32' | 'int32' } = {},
): LabelMap {
  const parsed = rows.map((r) => (typeof r === 'string' ? r.trim().split(/\s+/).map(Number) : [...r]));
  const height = parsed.length;
  const width = height > 0 ? parsed[0]!.length : 0;
  if (height === 0 || width === 0) throw new RangeError('labelMapFromRows: need at least one row and one column');
  parsed.forEach((r, y) => {
    if (r.length !== width)
      throw new RangeError(`labelMapFromRows: row ${y} has ${r.length} values, row 0 has ${width}`);
    r.forEach((v, x) => {
      if (!Number.isInteger(v) || v < 0 || v > 4294967295) {
        throw new RangeError(`labelMapFromRows: value at (x=${x}, y=${y}) is ${v}, not a label`);
      }
    });
  });
  const flat = parsed.flat();
  const max = Math.max(...flat);
  const type = options.type ?? (max <= 255 ? 'uint8' : max <= 65535 ? 'uint16' : 'uint32');
  const Ctor = { uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, int32: Int32Array }[type];
  return { width, height, data: Ctor.from(flat) };
}
