import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dorefaQuantizer, powerOfTwoQuantizer, ternaryQuantizer, uniformQuantizer } from '@qfcn/quantize';
import { fakeQuantize } from './fakeQuantize';

describe('fakeQuantize', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('forward = quantizer.quantize for power-of-two, uniform, ternary and DoReFa', () => {
    const values = Float32Array.from({ length: 24 }, (_, i) => Math.sin(i * 1.3) * 0.6);
    const x = tf.tensor(values, [4, 6]);
    for (const q of [
      powerOfTwoQuantizer({ bits: 5 }),
      uniformQuantizer({ bits: 4 }),
      ternaryQuantizer(),
      dorefaQuantizer({ bits: 3 }),
    ]) {
      const y = fakeQuantize(x, q);
      expect(y.shape).toEqual([4, 6]);
      expect(Array.from(y.dataSync()), q.kind).toEqual(Array.from(q.quantize(values)));
      y.dispose();
    }
    x.dispose();
  });

  it('identity STE: d/dx sum(c ⊙ fq(x)) = c exactly', () => {
    const x = tf.tensor([0.3, -0.7, 0.05, 1.2]);
    const c = tf.tensor([1, -2, 3, 0.5]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(c, fakeQuantize(v, uniformQuantizer({ bits: 3 })))))(x);
    expect(Array.from(g.dataSync())).toEqual([1, -2, 3, 0.5]);
    tf.dispose([x, c, g]);
  });

  it('clipped STE with fixed params: zero gradient where |x| > the largest level (0.75 here)', () => {
    const params = { kind: 'uniform' as const, bits: 3, scale: 0.25 };
    const x = tf.tensor([0.3, -0.7, 0.76, -2, 0.75]);
    const g = tf.grad((v: tf.Tensor) =>
      tf.sum(fakeQuantize(v, uniformQuantizer({ bits: 3 }), { params, gradient: 'clipped' })),
    )(x);
    expect(Array.from(g.dataSync())).toEqual([1, 1, 0, 0, 1]);
    tf.dispose([x, g]);
  });

  it('quantization-aware training: a 4-bit linear model fits y = x·w* with w* on the grid; no leaks', () => {
    const target = tf.tensor([[0.5], [-0.25], [0.75]]);
    const x = tf.randomNormal([32, 3], 0, 1, 'float32', 7);
    const y = tf.matMul(x, target);
    const w = tf.variable(tf.randomNormal([3, 1], 0, 0.1, 'float32', 8), true, `qat-${Math.random()}`);
    const q = uniformQuantizer({ bits: 4 });
    const params = { kind: 'uniform' as const, bits: 4, scale: 0.125 };
    const optimizer = tf.train.adam(0.02);
    const loss = () => tf.losses.meanSquaredError(y, tf.matMul(x, fakeQuantize(w, q, { params }))) as tf.Scalar;
    const first = tf.tidy(() => loss().dataSync()[0]);
    let tensors = 0;
    for (let i = 0; i < 300; i++) {
      optimizer.minimize(loss, true)?.dispose();
      if (i === 10) tensors = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(tensors);
    const last = tf.tidy(() => loss().dataSync()[0]);
    expect(first).toBeGreaterThan(0.1);
    expect(last).toBe(0); // the quantized weights land exactly on w* = [4, -2, 6]·0.125
    expect(Array.from(q.quantize(w.dataSync() as Float32Array, params))).toEqual([0.5, -0.25, 0.75]);
    tf.dispose([target, x, y, w]);
    optimizer.dispose();
  });

  it('bad input: int32 tensor, not a tensor, not a quantizer, unknown gradient mode, NaN', () => {
    const q = uniformQuantizer({ bits: 4 });
    const i = tf.tensor([1, 2], [2], 'int32');
    expect(() => fakeQuantize(i, q)).toThrow(/is int32; fake quantization needs float32/);
    expect(() => fakeQuantize([1] as never, q)).toThrow(/expected a tf.Tensor/);
    const x = tf.tensor([0.1, NaN]);
    expect(() => fakeQuantize(x, {} as never)).toThrow(/expected a Quantizer/);
    expect(() => fakeQuantize(x, q, { gradient: 'soft' as never })).toThrow(/'identity' or 'clipped'/);
    expect(() => fakeQuantize(x, q)).toThrow(expect.objectContaining({ code: 'NON_FINITE_VALUE' }));
    tf.dispose([i, x]);
  });
});
