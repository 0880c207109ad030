import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmOps } from '../wasm/wasmOps';
import { adamUpdateCore } from './adamUpdateCore';
import { batchNormTrainingCore, batchNormTrainingGradCore } from './batchNormCore';
import { AdamUpdate, BatchNormTraining, BatchNormTrainingGrad, type AdamUpdateAttrs, type BatchNormTrainingAttrs } from './kernelNames';

function adamUpdateWasm(args: { inputs: Record<string, TensorInfo>; backend: BackendWasm; attrs: AdamUpdateAttrs }): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { w, g, m, v } = inputs;
  const ops = new WasmOps(backend);
  const shape = [...w.shape];
  const outs = [ops.makeOutput(shape), ops.makeOutput(shape), ops.makeOutput(shape)];
  const heap = ops.heap(); // after the last allocation
  const n = w.shape.reduce((a, b) => a * b, 1);
  const view = (t: TensorInfo) => heap.subarray(ops.offset(t), ops.offset(t) + n);
  adamUpdateCore(view(w), view(g), view(m), view(v), view(outs[0]), view(outs[1]), view(outs[2]), attrs);
  return outs;
}

const size = (t: TensorInfo) => t.shape.reduce((a, b) => a * b, 1);

function batchNormTrainingWasm(args: { inputs: Record<string, TensorInfo>; backend: BackendWasm; attrs: BatchNormTrainingAttrs }): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x, gamma, beta } = inputs;
  const c = x.shape[x.shape.length - 1];
  const ops = new WasmOps(backend);
  const outs = [ops.makeOutput([...x.shape]), ops.makeOutput([c]), ops.makeOutput([c])];
  const heap = ops.heap();
  const view = (t: TensorInfo) => heap.subarray(ops.offset(t), ops.offset(t) + size(t));
  batchNormTrainingCore(view(x), view(gamma), view(beta), attrs.varianceEpsilon, view(outs[0]), view(outs[1]), view(outs[2]));
  return outs;
}

function batchNormTrainingGradWasm(args: { inputs: Record<string, TensorInfo>; backend: BackendWasm; attrs: BatchNormTrainingAttrs }): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { dy, x, gamma, mean, variance, dMean, dVariance } = inputs;
  const c = x.shape[x.shape.length - 1];
  const ops = new WasmOps(backend);
  const outs = [ops.makeOutput([...x.shape]), ops.makeOutput([c]), ops.makeOutput([c])];
  const heap = ops.heap();
  const view = (t: TensorInfo) => heap.subarray(ops.offset(t), ops.offset(t) + size(t));
  batchNormTrainingGradCore(
    view(dy), view(x), view(gamma), view(mean), view(variance), view(dMean), view(dVariance),
    attrs.varianceEpsilon, view(outs[0]), view(outs[1]), view(outs[2]),
  );
  return outs;
}

/** The fused kernels on wasm: JS loops over the wasm heap. */
export function wasmFusedKernels(): KernelConfig[] {
  return [
    { kernelName: AdamUpdate, backendName: 'wasm', kernelFunc: adamUpdateWasm as unknown as KernelFunc },
    { kernelName: BatchNormTraining, backendName: 'wasm', kernelFunc: batchNormTrainingWasm as unknown as KernelFunc },
    { kernelName: BatchNormTrainingGrad, backendName: 'wasm', kernelFunc: batchNormTrainingGradWasm as unknown as KernelFunc },
  ];
}
