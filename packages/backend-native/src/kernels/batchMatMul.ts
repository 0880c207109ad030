import { BatchMatMul, util, type BatchMatMulAttrs, type KernelConfig } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { matMulGeometry } from '../matMulGeometry';
import { nativeKernel } from '../nativeKernel';

/**
 * The `BatchMatMul` kernel (tf.matMul, dense layers, and their gradients) on oneDNN's matmul.
 *
 * When to use: registered by `registerNativeBackend`.
 *
 * Details: float32; transposes are read through strides (no copy); a batch of one matrix
 * broadcasts against the other side. Other batch broadcasts run on the cpu kernel.
 *
 * Example: `registerKernel(batchMatMulKernel('qfcn-native', addon))`
 */
export function batchMatMulKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'a' | 'b'>(BatchMatMul, backendName, addon, ({ inputs, attrs, backend }) => {
    const { a, b } = inputs;
    const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
    const av = floatValues(backend, a),
      bv = floatValues(backend, b);
    if (!av || !bv) return 'BatchMatMul: not float32';
    const g = matMulGeometry(a.shape, b.shape, { transposeA, transposeB });
    if (typeof g === 'string') return g;
    const c = backend.alloc(util.sizeFromShape(g.outShape));
    const params = Int32Array.from([g.batchA, g.batchB, g.m, g.k, g.n, transposeA ? 1 : 0, transposeB ? 1 : 0, 0, 0]);
    addon.matMul(params, 0, av, bv, null, c);
    return backend.makeTensorInfo(g.outShape, 'float32', c);
  });
}
