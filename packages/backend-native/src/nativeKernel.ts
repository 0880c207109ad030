import {
  getKernel,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { QFCN_KERNEL_PREFIX } from '@qfcn/contract';
import type { NativeAddon } from './loadAddon';
import type { NativeBackend } from './nativeBackend';

/**
 * What a native kernel body gets: `Required` names the inputs tfjs always passes, `Optional` those it
 * may leave out (the default, `string`, for kernels whose inputs are a list, as `Concat`).
 */
export interface NativeKernelArgs<Required extends string = string, Optional extends string = never> {
  /** The kernel's inputs by name. */
  inputs: Readonly<Record<Required, TensorInfo> & Partial<Record<Optional, TensorInfo>>>;
  attrs: NamedAttrMap;
  backend: NativeBackend;
  addon: NativeAddon;
}

/**
 * Wraps a native kernel body into a tfjs kernel config for `backendName`, falling back to the cpu
 * backend's own kernel of the same name when the body declines.
 *
 * When to use: for every kernel the addon overrides.
 *
 * Details: `run` returns the output, or a string saying why this call cannot run natively
 * (dtype, layout, prelu, ...); oneDNN's refusal to build a primitive (error code
 * `QFCN_NATIVE_DNNL`) also falls back, with its message as the reason. Other errors (wrong array
 * lengths: a bug) propagate. Both paths are counted in `NativeBackend.kernelStats()`.
 *
 * Kernels of qfcn's own (names starting `Qfcn`, used by its gradients) have no cpu twin: when
 * their body declines, the call throws with the reason.
 *
 * Example: `nativeKernel<'x' | 'filter'>('Conv2D', 'qfcn-native', addon, ({ inputs, backend, addon }) => ...)`
 */
export function nativeKernel<Required extends string = string, Optional extends string = never>(
  kernelName: string,
  backendName: string,
  addon: NativeAddon,
  run: (args: NativeKernelArgs<Required, Optional>) => TensorInfo | string,
): KernelConfig {
  const own = kernelName.startsWith(QFCN_KERNEL_PREFIX);
  const cpu = own ? undefined : getKernel(kernelName, 'cpu');
  if (!own && !cpu) throw new Error(`qfcn-native: the cpu backend has no ${kernelName} kernel to fall back to`);
  const fallback: KernelFunc = cpu
    ? cpu.kernelFunc
    : () => {
        throw new Error(`qfcn-native: ${kernelName} cannot run: ${lastReason}`);
      };
  let lastReason = '';
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as NativeBackend;
    let result: TensorInfo | string;
    try {
      // tfjs calls a kernel with the inputs of its name (the registry's contract), so the names hold
      const inputs = args.inputs as NativeKernelArgs<Required, Optional>['inputs'];
      result = run({ inputs, attrs: args.attrs ?? {}, backend, addon });
    } catch (error) {
      if ((error as { code?: string })?.code !== 'QFCN_NATIVE_DNNL') throw error;
      result = (error as Error).message;
    }
    if (typeof result === 'string') {
      lastReason = result;
      backend.recordFallback(kernelName, result);
      return fallback(args);
    }
    backend.recordNative(kernelName);
    return result;
  };
  return { kernelName, backendName, kernelFunc };
}
