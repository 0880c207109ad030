import { util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { adamUpdateCore } from './adamUpdateCore';
import { batchNormTrainingCore, batchNormTrainingGradCore } from './batchNormCore';
import {
  AdamUpdate,
  BatchNormTraining,
  BatchNormTrainingGrad,
  type AdamUpdateAttrs,
  type AdamUpdateInputs,
  type BatchNormTrainingAttrs,
  type BatchNormTrainingGradInputs,
  type BatchNormTrainingInputs,
} from './kernelNames';
import { kernelFunc } from '../internal/kernelFunc';

type CpuLike = Pick<MathBackendCPU, 'data' | 'makeTensorInfo'>;
/** The tensor's elements: exactly its size (a backend's array can be longer than the tensor). */
const values = (backend: CpuLike, t: TensorInfo) => {
  const all = backend.data.get(t.dataId)!.values as Float32Array;
  const size = util.sizeFromShape(t.shape);
  return all.length === size ? all : all.subarray(0, size);
};

function adamUpdateCpu(args: {
  inputs: AdamUpdateInputs<TensorInfo>;
  backend: CpuLike;
  attrs: AdamUpdateAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { w, g, m, v } = inputs;
  const n = values(backend, w).length;
  const out = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  adamUpdateCore(
    values(backend, w),
    values(backend, g),
    values(backend, m),
    values(backend, v),
    out[0]!,
    out[1]!,
    out[2]!,
    attrs,
  );
  return out.map((o) => backend.makeTensorInfo([...w.shape], 'float32', o));
}

function batchNormTrainingCpu(args: {
  inputs: BatchNormTrainingInputs<TensorInfo>;
  backend: CpuLike;
  attrs: BatchNormTrainingAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x, gamma, beta } = inputs;
  const c = x.shape[x.shape.length - 1]!;
  const y = new Float32Array(values(backend, x).length);
  const mean = new Float32Array(c);
  const variance = new Float32Array(c);
  batchNormTrainingCore(
    values(backend, x),
    values(backend, gamma),
    values(backend, beta),
    attrs.varianceEpsilon,
    y,
    mean,
    variance,
  );
  return [
    backend.makeTensorInfo([...x.shape], 'float32', y),
    backend.makeTensorInfo([c], 'float32', mean),
    backend.makeTensorInfo([c], 'float32', variance),
  ];
}

function batchNormTrainingGradCpu(args: {
  inputs: BatchNormTrainingGradInputs<TensorInfo>;
  backend: CpuLike;
  attrs: BatchNormTrainingAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { dy, x, gamma, mean, variance, dMean, dVariance } = inputs;
  const c = x.shape[x.shape.length - 1]!;
  const dx = new Float32Array(values(backend, x).length);
  const dGamma = new Float32Array(c);
  const dBeta = new Float32Array(c);
  const v = (t: TensorInfo) => values(backend, t);
  batchNormTrainingGradCore(
    v(dy),
    v(x),
    v(gamma),
    v(mean),
    v(variance),
    v(dMean),
    v(dVariance),
    attrs.varianceEpsilon,
    dx,
    dGamma,
    dBeta,
  );
  return [
    backend.makeTensorInfo([...x.shape], 'float32', dx),
    backend.makeTensorInfo([c], 'float32', dGamma),
    backend.makeTensorInfo([c], 'float32', dBeta),
  ];
}

/** The fused kernels for a backend that keeps tensors in JS typed arrays (cpu and backends extending it). */
export function cpuFusedKernels(backendName: string): KernelConfig[] {
  return [
    { kernelName: AdamUpdate, backendName, kernelFunc: kernelFunc(adamUpdateCpu) },
    { kernelName: BatchNormTraining, backendName, kernelFunc: kernelFunc(batchNormTrainingCpu) },
    { kernelName: BatchNormTrainingGrad, backendName, kernelFunc: kernelFunc(batchNormTrainingGradCpu) },
  ];
}
