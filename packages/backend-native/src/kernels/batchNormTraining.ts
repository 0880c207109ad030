import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';
// Names and protocols: `BatchNormTraining` / `BatchNormTrainingGrad` of @qfcn/contract's kernelNames.
import {
  BatchNormTraining,
  BatchNormTrainingGrad,
  type BatchNormTrainingGradInputs,
  type BatchNormTrainingInputs,
} from '@qfcn/contract';

/**
 * `QfcnBatchNormTraining` in the addon: inputs `{ x, gamma, beta }` (`x` `[..., C]`), attribute
 * `varianceEpsilon`; outputs `[y, mean, variance]`. Per-channel sums in double over fixed chunks
 * (results do not depend on the thread count), then `y = x·γr + (β − μγr)` on all threads.
 *
 * Example: `tf.engine().runKernel('QfcnBatchNormTraining', { x, gamma, beta }, { varianceEpsilon: 1e-3 })`
 */
export function batchNormTrainingKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<keyof BatchNormTrainingInputs<TensorInfo>>(
    BatchNormTraining,
    backendName,
    addon,
    ({ inputs, attrs, backend }) => {
      const { x, gamma, beta } = inputs;
      const xv = floatValues(backend, x),
        gv = floatValues(backend, gamma),
        bv = floatValues(backend, beta);
      if (!xv || !gv || !bv) return `${BatchNormTraining}: not float32`;
      const c = x.shape[x.shape.length - 1];
      if (gv.length !== c || bv.length !== c) return `${BatchNormTraining}: gamma/beta are not [${c}]`;
      const y = backend.alloc(xv.length),
        mean = backend.alloc(c),
        variance = backend.alloc(c);
      addon.batchNormTraining(xv, gv, bv, Number(attrs.varianceEpsilon), y, mean, variance);
      return [
        backend.makeTensorInfo([...x.shape], 'float32', y),
        backend.makeTensorInfo([c], 'float32', mean),
        backend.makeTensorInfo([c], 'float32', variance),
      ] as unknown as TensorInfo;
    },
  );
}

/**
 * `QfcnBatchNormTrainingGrad` in the addon: inputs `{ dy, x, gamma, mean, variance, dMean,
 * dVariance }`, attribute `varianceEpsilon`; outputs `[dx, dGamma, dBeta]`: two passes (the
 * per-channel sums, then `dx = k1·dy + k2·x + k3`).
 */
export function batchNormTrainingGradKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<keyof BatchNormTrainingGradInputs<TensorInfo>>(
    BatchNormTrainingGrad,
    backendName,
    addon,
    ({ inputs, attrs, backend }) => {
      const names = ['dy', 'x', 'gamma', 'mean', 'variance', 'dMean', 'dVariance'] as const;
      const v = names.map((name) => floatValues(backend, inputs[name]));
      if (v.some((a) => !a)) return `${BatchNormTrainingGrad}: not float32`;
      const [dy, x, gamma, mean, variance, dMean, dVariance] = v as [
        Float32Array,
        Float32Array,
        Float32Array,
        Float32Array,
        Float32Array,
        Float32Array,
        Float32Array,
      ];
      const shape = inputs.x.shape;
      const c = shape[shape.length - 1]!;
      if (dy.length !== x.length || [gamma, mean, variance, dMean, dVariance].some((a) => a.length !== c)) {
        return `${BatchNormTrainingGrad}: shapes do not match`;
      }
      const dx = backend.alloc(x.length),
        dGamma = backend.alloc(c),
        dBeta = backend.alloc(c);
      addon.batchNormTrainingGrad(
        dy,
        x,
        gamma,
        mean,
        variance,
        dMean,
        dVariance,
        Number(attrs.varianceEpsilon),
        dx,
        dGamma,
        dBeta,
      );
      return [
        backend.makeTensorInfo([...shape], 'float32', dx),
        backend.makeTensorInfo([c], 'float32', dGamma),
        backend.makeTensorInfo([c], 'float32', dBeta),
      ] as unknown as TensorInfo;
    },
  );
}
