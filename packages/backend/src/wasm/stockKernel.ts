import { getKernel, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { replacedWasmKernels } from './replacedWasmKernels';

const ready = new WeakSet<KernelConfig>();

/**
 * Internal: runs wasm's own kernel `kernelName` (the one qfcn replaced) on `args`, for the cases a
 * qfcn kernel leaves to it. A kernel replaced before wasm initialized never had its setup (cwrap)
 * run: it is run once here.
 */
export function runStockKernel(kernelName: string, args: { backend: BackendWasm }): TensorInfo | TensorInfo[] {
  const stock = replacedWasmKernels.get(kernelName) ?? getKernel(kernelName, 'wasm');
  if (stock == null) throw new Error(`wasm has no stock '${kernelName}' kernel`);
  if (!ready.has(stock)) {
    stock.setupFunc?.(args.backend);
    ready.add(stock);
  }
  return stock.kernelFunc(args as never) as TensorInfo | TensorInfo[];
}
