import '@tensorflow/tfjs-backend-cpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { NativeAddon } from './loadAddon';
import { NativeBackend } from './nativeBackend';
import { nativeKernel } from './nativeKernel';

// The wrapper alone, with a stand-in addon: the kernel body decides, the wrapper counts and falls back.
const addon = {} as NativeAddon;
const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 };

function conv2dInputs(backend: NativeBackend) {
  // 1x2x2x1 input [1, 2, 3, 4] with a 2x2 ones filter: valid conv = 10.
  return {
    x: backend.makeTensorInfo([1, 2, 2, 1], 'float32', new Float32Array([1, 2, 3, 4])),
    filter: backend.makeTensorInfo([2, 2, 1, 1], 'float32', new Float32Array([1, 1, 1, 1])),
  };
}

const call = (k: ReturnType<typeof nativeKernel>, backend: NativeBackend) =>
  k.kernelFunc({ inputs: conv2dInputs(backend), attrs, backend }) as TensorInfo;

describe('nativeKernel', () => {
  it('body output is returned and counted as native', () => {
    const backend = new NativeBackend(1);
    const k = nativeKernel('Conv2D', 'test-native', addon, ({ backend: b }) =>
      b.makeTensorInfo([1], 'float32', new Float32Array([42])),
    );
    expect(k).toMatchObject({ kernelName: 'Conv2D', backendName: 'test-native' });
    expect(Array.from(backend.readSync(call(k, backend).dataId) as Float32Array)).toEqual([42]);
    expect(backend.kernelStats()).toEqual({ Conv2D: { native: 1, fallback: 0 } });
  });

  it('a declining body (returns a reason) runs the cpu Conv2D: 1+2+3+4 = 10', () => {
    const backend = new NativeBackend(1);
    const k = nativeKernel('Conv2D', 'test-native', addon, () => 'Conv2D: not float32');
    expect(Array.from(backend.readSync(call(k, backend).dataId) as Float32Array)).toEqual([10]);
    expect(backend.kernelStats()).toEqual({
      Conv2D: { native: 0, fallback: 1, lastFallbackReason: 'Conv2D: not float32' },
    });
  });

  it('a oneDNN refusal (code QFCN_NATIVE_DNNL) falls back with its message', () => {
    const backend = new NativeBackend(1);
    const k = nativeKernel('Conv2D', 'test-native', addon, () => {
      throw Object.assign(new Error('qfcn-native: oneDNN: could not create a descriptor'), {
        code: 'QFCN_NATIVE_DNNL',
      });
    });
    expect(Array.from(backend.readSync(call(k, backend).dataId) as Float32Array)).toEqual([10]);
    expect(backend.kernelStats().Conv2D!.lastFallbackReason).toBe('qfcn-native: oneDNN: could not create a descriptor');
  });

  it('any other error (a wrong array length: a bug) propagates', () => {
    const backend = new NativeBackend(1);
    const k = nativeKernel('Conv2D', 'test-native', addon, () => {
      throw Object.assign(new Error('qfcn-native: x has 3 elements, expected 4'), { code: 'QFCN_NATIVE' });
    });
    expect(() => call(k, backend)).toThrow('x has 3 elements, expected 4');
  });

  it('a kernel the cpu backend lacks cannot be wrapped', () => {
    expect(() => nativeKernel('NoSuchKernel', 'test-native', addon, () => 'x')).toThrow(
      'the cpu backend has no NoSuchKernel kernel',
    );
  });
});
