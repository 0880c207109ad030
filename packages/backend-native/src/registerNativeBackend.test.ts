import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nativeBuilt, skipReason } from './testing/nativeSuite';
import { randomValues } from './testing/parity';
import { registerNativeBackend } from './registerNativeBackend';

const NATIVE_KERNELS = [
  'Abs',
  'Add',
  'BatchMatMul',
  'Concat',
  'Conv2D',
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'Exp',
  'FusedBatchNorm',
  'FusedConv2D',
  'Log',
  'MaxPool',
  'MaxPoolGrad',
  'Maximum',
  'Mean',
  'Minimum',
  'Multiply',
  'Neg',
  'RealDiv',
  'Relu',
  'Rsqrt',
  'Sigmoid',
  'Slice',
  'SplitV',
  'Sqrt',
  'Square',
  'SquaredDifference',
  'Step',
  'Sub',
  'Sum',
  'Tile',
  '_FusedMatMul',
];

describe('registerNativeBackend without the addon', () => {
  afterEach(() => {
    delete process.env.QFCN_NATIVE_DISABLE;
    vi.resetModules();
  });

  it('QFCN_NATIVE_DISABLE=1 → ok:false with the reason, nothing registered', async () => {
    process.env.QFCN_NATIVE_DISABLE = '1';
    vi.resetModules();
    const fresh = await import('./registerNativeBackend');
    const r = await fresh.registerNativeBackend();
    expect(r).toEqual({
      ok: false,
      reason: 'qfcn-native disabled by QFCN_NATIVE_DISABLE=1',
      name: 'qfcn-native',
      threads: 0,
      kernels: [],
    });
    const { isNativeAvailable } = await import('./isNativeAvailable');
    expect(isNativeAvailable()).toBe(false);
  });
});

describe(`registerNativeBackend with the addon${skipReason}`, () => {
  it.skipIf(!nativeBuilt)('threads 2 → ok, the 32 native kernels, every cpu kernel also on qfcn-native', async () => {
    const r = await registerNativeBackend({ threads: 2 });
    expect(r.ok).toBe(true);
    expect(r.name).toBe('qfcn-native');
    expect(r.threads).toBe(2);
    expect(r.kernels).toEqual(NATIVE_KERNELS);
    expect(r.reason).toMatch(
      /^qfcn-native addon loaded \(oneDNN 2\.\d+\.\d+, \w+\); 2 threads; 32 native kernels; fused gradients of FusedBatchNorm, Mean, Sum, Square, Relu$/,
    );
    const cpu = tf
      .getKernelsForBackend('cpu')
      .map((k) => k.kernelName)
      .sort();
    const native = tf
      .getKernelsForBackend('qfcn-native')
      .map((k) => k.kernelName)
      .sort();
    expect(native).toEqual(expect.arrayContaining(cpu));
  });

  it.skipIf(!nativeBuilt)('calling it twice is harmless', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await registerNativeBackend({ threads: 2 })).ok).toBe(true);
    expect((await registerNativeBackend({ threads: 2 })).ok).toBe(true);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it.skipIf(!nativeBuilt)('threads 0 → ok:false naming the problem', async () => {
    const r = await registerNativeBackend({ threads: 0 });
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('qfcn-native: threads must be an integer >= 1, got 0');
  });

  it.skipIf(!nativeBuilt)(
    'conv net 2x12x12x3 (conv-relu-pool-conv-dense), 4 SGD steps: losses match cpu, tensor count stable',
    async () => {
      await registerNativeBackend({ threads: 2 });
      const train = async (backend: string): Promise<number[]> => {
        await tf.setBackend(backend);
        const x = tf.tensor4d(randomValues([2, 12, 12, 3], 61), [2, 12, 12, 3]);
        const target = tf.tensor2d(randomValues([2, 4], 62), [2, 4]);
        const w1 = tf.variable(tf.tensor4d(randomValues([3, 3, 3, 8], 63), [3, 3, 3, 8]).mul(0.3) as tf.Tensor4D);
        const w2 = tf.variable(tf.tensor4d(randomValues([3, 3, 8, 6], 64), [3, 3, 8, 6]).mul(0.2) as tf.Tensor4D);
        const w3 = tf.variable(tf.tensor2d(randomValues([24, 4], 65), [24, 4]).mul(0.1) as tf.Tensor2D);
        const optimizer = tf.train.sgd(0.05);
        const losses: number[] = [];
        const counts: number[] = [];
        for (let step = 0; step < 4; step++) {
          const loss = optimizer.minimize(() => {
            let h = tf.relu(tf.conv2d(x, w1, 1, 'same'));
            h = tf.maxPool(h, 2, 2, 'valid');
            h = tf.conv2d(h, w2, 2, 'valid');
            const out = tf.matMul(tf.reshape(h, [2, 24]), w3);
            return tf.losses.meanSquaredError(target, out) as tf.Scalar;
          }, true) as tf.Scalar;
          losses.push(loss.dataSync()[0]!);
          loss.dispose();
          counts.push(tf.memory().numTensors);
        }
        // Every step leaves exactly as many tensors as the one before (no leak).
        expect(new Set(counts).size).toBe(1);
        tf.dispose([x, target, w1, w2, w3]);
        optimizer.dispose();
        return losses;
      };
      const native = await train('qfcn-native');
      const cpu = await train('cpu');
      for (let i = 0; i < cpu.length; i++) expect(native[i]).toBeCloseTo(cpu[i]!, 4);
      expect(native[3]).toBeLessThan(native[0]!);
    },
  );
});
