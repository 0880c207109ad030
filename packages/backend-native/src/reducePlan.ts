/** A reduction as `[outer, r, inner]` → `[outer, inner]`. */
export interface ReducePlan {
  outer: number;
  r: number;
  inner: number;
}

/**
 * Plans a reduction of `shape` over `axes` for the addon, or `null` when the reduced dims do not
 * form one contiguous block (then the cpu kernel runs).
 *
 * When to use: by the native Sum and Mean kernels.
 *
 * Details: size-1 dims are ignored, so NHWC over axes [0, 1, 2] is `[1, N·H·W, C]`, over [1, 2]
 * (global average pooling) `[N, H·W, C]`, over [3] `[N·H·W, C, 1]`. Reducing nothing gives r = 1.
 *
 * Example: `reducePlan([4, 8, 8, 16], [0, 1, 2])` → `{ outer: 1, r: 256, inner: 16 }`
 */
export function reducePlan(shape: number[], axes: number[]): ReducePlan | null {
  const reduced = new Set(axes);
  const groups: { reduce: boolean; size: number }[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const reduce = reduced.has(d);
    const last = groups[groups.length - 1];
    if (last && last.reduce === reduce) last.size *= shape[d]!;
    else groups.push({ reduce, size: shape[d]! });
  }
  const at = groups.findIndex((g) => g.reduce);
  if (at < 0) return { outer: groups.reduce((p, g) => p * g.size, 1), r: 1, inner: 1 };
  if (groups.filter((g) => g.reduce).length > 1) return null;
  const prod = (gs: typeof groups) => gs.reduce((p, g) => p * g.size, 1);
  return { outer: prod(groups.slice(0, at)), r: groups[at]!.size, inner: prod(groups.slice(at + 1)) };
}
