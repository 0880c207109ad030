import { _FusedMatMul, util, type _FusedMatMulAttrs, type KernelConfig } from '@tensorflow/tfjs-core';
import { activationCode } from '../activationCode';
import { channelBias } from '../channelBias';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { matMulGeometry } from '../matMulGeometry';
import { nativeKernel } from '../nativeKernel';

/**
 * The `_FusedMatMul` kernel (matmul + bias + activation, from tf.fused.matMul) on oneDNN, with
 * bias and activation fused as post-ops.
 *
 * When to use: registered by `registerNativeBackend`.
 *
 * Details: bias must be per-column (`[N]`, `[1, N]`, scalar); activations as FusedConv2D
 * (`prelu` runs on the cpu kernel).
 *
 * Example: `registerKernel(fusedMatMulKernel('qfcn-native', addon))`
 */
export function fusedMatMulKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'a' | 'b', 'bias'>(_FusedMatMul, backendName, addon, ({ inputs, attrs, backend }) => {
    const { a, b, bias } = inputs;
    const { transposeA, transposeB, activation, leakyreluAlpha } = attrs as unknown as _FusedMatMulAttrs;
    const act = activationCode(activation);
    if (act === null) return `_FusedMatMul: activation ${activation} is not fused natively`;
    const av = floatValues(backend, a),
      bv = floatValues(backend, b);
    if (!av || !bv) return '_FusedMatMul: not float32';
    const g = matMulGeometry(a.shape, b.shape, { transposeA, transposeB });
    if (typeof g === 'string') return g;
    let biasValues: Float32Array | null = null;
    if (bias) {
      biasValues = channelBias(backend, bias, g.n);
      if (!biasValues) return `_FusedMatMul: bias of shape [${bias.shape}] is not per-column`;
    }
    const c = backend.alloc(util.sizeFromShape(g.outShape));
    const params = Int32Array.from([
      g.batchA,
      g.batchB,
      g.m,
      g.k,
      g.n,
      transposeA ? 1 : 0,
      transposeB ? 1 : 0,
      act,
      biasValues ? 1 : 0,
    ]);
    addon.matMul(params, leakyreluAlpha ?? 0.2, av, bv, biasValues, c);
    return backend.makeTensorInfo(g.outShape, 'float32', c);
  });
}
