/**
 * The addon's code for a tfjs fused activation, or `null` when the addon cannot fuse it.
 *
 * When to use: by the fused kernels (FusedConv2D, _FusedMatMul) to decide whether to run natively.
 *
 * Details: codes match `qfcn::Activation` in native/common.h; `undefined`/`'linear'` → 0,
 * `relu` → 1, `relu6` → 2, `elu` → 3, `sigmoid` → 4, `leakyrelu` → 5. `prelu` needs a weight
 * tensor and returns `null` (those calls run on the cpu kernel).
 *
 * Example: `activationCode('relu') === 1`
 */
export function activationCode(activation: string | undefined): number | null {
  switch (activation ?? 'linear') {
    case 'linear':
      return 0;
    case 'relu':
      return 1;
    case 'relu6':
      return 2;
    case 'elu':
      return 3;
    case 'sigmoid':
      return 4;
    case 'leakyrelu':
      return 5;
    default:
      return null;
  }
}
