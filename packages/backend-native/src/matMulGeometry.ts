import { backend_util, util } from '@tensorflow/tfjs-core';

/** Sizes of a batched matrix product as the addon takes them. */
export interface MatMulGeometry {
  batchA: number;
  batchB: number;
  m: number;
  k: number;
  n: number;
  outShape: number[];
}

/**
 * The addon geometry of `a @ b` for tfjs BatchMatMul shapes, or a string saying why the addon
 * cannot run it (then the cpu kernel runs, and raises tfjs's own error for bad shapes).
 *
 * When to use: by BatchMatMul and _FusedMatMul.
 *
 * Details: `a` is `[...batch, M, K]` (`[..., K, M]` when `transposeA`), `b` is `[...batch, K, N]`
 * (`[..., N, K]` when `transposeB`); both rank ≥ 2. Batch dims must be equal, or one side's
 * batch must hold a single matrix (it broadcasts). Defaults: `transposeA = transposeB = false`.
 *
 * Example: `matMulGeometry([2, 3, 4], [4, 5])` → `{ batchA: 2, batchB: 1, m: 3, k: 4, n: 5, outShape: [2, 3, 5] }`
 */
export function matMulGeometry(
  aShape: number[],
  bShape: number[],
  options: { transposeA?: boolean; transposeB?: boolean } = {},
): MatMulGeometry | string {
  const { transposeA = false, transposeB = false } = options;
  if (aShape.length < 2 || bShape.length < 2) return 'BatchMatMul: rank below 2';
  const ra = aShape.length,
    rb = bShape.length;
  const m = transposeA ? aShape[ra - 1]! : aShape[ra - 2]!;
  const k = transposeA ? aShape[ra - 2]! : aShape[ra - 1]!;
  const kb = transposeB ? bShape[rb - 1] : bShape[rb - 2];
  const n = transposeB ? bShape[rb - 2]! : bShape[rb - 1]!;
  if (k !== kb) return `BatchMatMul: inner dimensions ${k} and ${kb} differ`;
  const outerA = aShape.slice(0, -2),
    outerB = bShape.slice(0, -2);
  const batchA = util.sizeFromShape(outerA),
    batchB = util.sizeFromShape(outerB);
  let outer: number[];
  try {
    outer = backend_util.assertAndGetBroadcastShape(outerA, outerB);
  } catch {
    return 'BatchMatMul: batch dimensions do not broadcast';
  }
  if (!(util.arraysEqual(outerA, outerB) || batchA === 1 || batchB === 1)) {
    return 'BatchMatMul: partial batch broadcasting';
  }
  if (m * k * n * Math.max(batchA, batchB) === 0) return 'BatchMatMul: empty tensor';
  return { batchA, batchB, m, k, n, outShape: [...outer, m, n] };
}
