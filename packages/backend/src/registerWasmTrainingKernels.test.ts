import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './initBackend';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels';
import { restoreWasmKernels } from './restoreWasmKernels';
import { conv2dBackpropFilterWasmConfig } from './wasm/conv2dBackpropFilterWasm';
import { conv2dBackpropInputWasmConfig } from './wasm/conv2dBackpropInputWasm';

tf.env().set('PROD', true);

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});
afterAll(() => {
  registerWasmTrainingKernels();
});

describe('registerWasmTrainingKernels / restoreWasmKernels', () => {
  it('registers both kernels, idempotently', () => {
    expect(registerWasmTrainingKernels()).toEqual([
      'Conv2DBackpropFilter',
      'Conv2DBackpropInput',
      'MaxPoolGrad',
      'Tile',
      'Sum',
      'Mean',
      'Concat',
      'SplitV',
      'Identity',
    ]);
    expect(registerWasmTrainingKernels()).toEqual([
      'Conv2DBackpropFilter',
      'Conv2DBackpropInput',
      'MaxPoolGrad',
      'Tile',
      'Sum',
      'Mean',
      'Concat',
      'SplitV',
      'Identity',
    ]);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBe(conv2dBackpropFilterWasmConfig);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBe(conv2dBackpropInputWasmConfig);
  });

  it('restore removes Conv2DBackpropFilter and puts back a working stock Conv2DBackpropInput', () => {
    expect(restoreWasmKernels()).toEqual([
      'Conv2DBackpropFilter',
      'Conv2DBackpropInput',
      'MaxPoolGrad',
      'Tile',
      'Sum',
      'Mean',
      'Concat',
      'SplitV',
      'Identity',
    ]);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    const stock = tf.getKernel('Conv2DBackpropInput', 'wasm');
    expect(stock).toBeDefined();
    expect(stock).not.toBe(conv2dBackpropInputWasmConfig);
    // 2x2 transposed conv of [[1,2],[3,4]] by a 1x1 filter of 2, stride 2 valid: the stock kernel runs.
    const dx = tf.conv2dTranspose(
      tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]),
      tf.tensor4d([2], [1, 1, 1, 1]),
      [1, 4, 4, 1],
      2,
      'valid',
    );
    expect(Array.from(dx.dataSync())).toEqual([2, 0, 4, 0, 0, 0, 0, 0, 6, 0, 8, 0, 0, 0, 0, 0]);
    dx.dispose();
    expect(restoreWasmKernels()).toEqual([]);
  });

  it('only the named kernel; an unknown name is INVALID_ARGUMENT', () => {
    expect(registerWasmTrainingKernels({ kernels: ['Conv2DBackpropFilter'] })).toEqual(['Conv2DBackpropFilter']);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).not.toBe(conv2dBackpropInputWasmConfig);
    expect(() => registerWasmTrainingKernels({ kernels: ['Conv3D'] })).toThrow(/'Conv3D' is not a qfcn wasm kernel/);
  });
});
