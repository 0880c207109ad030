import { backend_util } from '@tensorflow/tfjs-core';

/** A broadcast of two shapes, with adjacent dims of the same broadcast pattern merged. */
export interface BroadcastPlan {
  /** The tfjs broadcast shape of the result. */
  outShape: number[];
  /** Collapsed output dims, and the operands' collapsed dims (each equal to the output's, or 1). */
  out: Int32Array;
  a: Int32Array;
  b: Int32Array;
}

/**
 * Plans an element-wise op of shapes `aShape` and `bShape` for the addon: the numpy-style broadcast
 * shape (tfjs's own rule; it throws for shapes that do not broadcast) and a collapsed form.
 *
 * When to use: by the native binary kernels (Add, Sub, Multiply, RealDiv, ...).
 *
 * Details: size-1 output dims are dropped, and neighbouring dims merge when each operand is either
 * full on both or broadcast on both, so NHWC ⊙ [C] becomes `[N·H·W, C]` ⊙ `[1, C]` and equal shapes
 * become one flat dim.
 *
 * Example: `broadcastPlan([2, 3, 4, 5], [5])` → out [24, 5], a [24, 5], b [1, 5]
 */
export function broadcastPlan(aShape: number[], bShape: number[]): BroadcastPlan {
  const outShape = backend_util.assertAndGetBroadcastShape(aShape, bShape);
  const rank = outShape.length;
  const pad = (s: number[]) => [...new Array<number>(rank - s.length).fill(1), ...s];
  const a = pad(aShape),
    b = pad(bShape);
  const out: number[] = [],
    ca: number[] = [],
    cb: number[] = [];
  for (let d = 0; d < rank; d++) {
    if (outShape[d] === 1) continue;
    const aFull = a[d] !== 1,
      bFull = b[d] !== 1;
    const last = out.length - 1;
    if (last >= 0 && (ca[last] !== 1) === aFull && (cb[last] !== 1) === bFull) {
      out[last]! *= outShape[d]!;
      ca[last]! *= a[d]!;
      cb[last]! *= b[d]!;
    } else {
      out.push(outShape[d]!);
      ca.push(a[d]!);
      cb.push(b[d]!);
    }
  }
  if (out.length === 0) {
    out.push(1);
    ca.push(1);
    cb.push(1);
  }
  return { outShape, out: Int32Array.from(out), a: Int32Array.from(ca), b: Int32Array.from(cb) };
}
