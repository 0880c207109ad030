import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../initBackend';
import { AdamUpdate, BatchNormTraining, FUSED_KERNELS } from './kernelNames';
import { registerFusedKernels } from './registerFusedKernels';

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('registerFusedKernels', () => {
  it("cpu and wasm: all three (['QfcnAdamUpdate', 'QfcnBatchNormTraining', 'QfcnBatchNormTrainingGrad']), idempotent", async () => {
    await initBackend('wasm', { log: false });
    for (const name of ['cpu', 'wasm']) {
      expect(registerFusedKernels(name)).toEqual([...FUSED_KERNELS]);
      const before = FUSED_KERNELS.map((k) => tf.getKernel(k, name));
      expect(registerFusedKernels(name)).toEqual([...FUSED_KERNELS]);
      expect(FUSED_KERNELS.map((k) => tf.getKernel(k, name))).toEqual(before); // same configs, not re-registered
    }
  });

  it('a backend it has no implementation for (not cpu-family, not wasm, or not registered): [] and nothing registered', () => {
    expect(registerFusedKernels('no-such-backend')).toEqual([]);
    expect(tf.getKernel(AdamUpdate, 'no-such-backend')).toBeUndefined();
  });

  it('a kernel the backend already has (e.g. a native one) is left in place', () => {
    const own = {
      kernelName: BatchNormTraining,
      backendName: 'cpu',
      kernelFunc: () => ({ dataId: {}, shape: [], dtype: 'float32' as const }),
    };
    const previous = tf.getKernel(BatchNormTraining, 'cpu');
    if (previous) tf.unregisterKernel(BatchNormTraining, 'cpu');
    tf.registerKernel(own);
    try {
      registerFusedKernels('cpu');
      expect(tf.getKernel(BatchNormTraining, 'cpu')!.kernelFunc).toBe(own.kernelFunc);
    } finally {
      tf.unregisterKernel(BatchNormTraining, 'cpu');
      if (previous) tf.registerKernel(previous);
    }
  });
});
