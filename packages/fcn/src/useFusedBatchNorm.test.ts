import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { useFusedBatchNorm } from './useFusedBatchNorm';

beforeAll(async () => {
  await initBackend('cpu', { log: false });
});

function seeded(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 255;
  });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

const bnCount = (model: tf.LayersModel) => model.layers.filter((l) => l.getClassName() === 'BatchNormalization').length;

describe('useFusedBatchNorm', () => {
  it('conv-BN-relu ×2 with a residual add and a BN after a transposed conv, batch 2 x 12x12: loss, every weight gradient and the moving averages match the stock layers (max-pooling left out: its argmax flips on last-bit differences)', () => {
    const build = () => {
      const init = (seed: number) => tf.initializers.glorotUniform({ seed });
      const input = tf.input({ shape: [12, 12, 3] });
      const bn = (name: string) => tf.layers.batchNormalization({ name, axis: -1, momentum: 0.9, epsilon: 1e-3 });
      const conv = (filters: number, name: string, seed: number) =>
        tf.layers.conv2d({
          filters,
          kernelSize: 3,
          padding: 'same',
          useBias: false,
          name,
          kernelInitializer: init(seed),
        });
      const a = tf.layers.reLU().apply(bn('bn_a').apply(conv(6, 'conv_a', 1).apply(input))) as tf.SymbolicTensor;
      const b = bn('bn_b').apply(conv(6, 'conv_b', 2).apply(a)) as tf.SymbolicTensor;
      const r = tf.layers.reLU().apply(tf.layers.add().apply([a, b])) as tf.SymbolicTensor;
      const up = tf.layers
        .conv2dTranspose({
          filters: 4,
          kernelSize: 4,
          strides: 2,
          padding: 'same',
          useBias: false,
          name: 'up',
          kernelInitializer: init(3),
        })
        .apply(r) as tf.SymbolicTensor;
      const out = tf.layers
        .conv2d({ filters: 1, kernelSize: 1, name: 'head', kernelInitializer: init(4) })
        .apply(bn('bn_c').apply(up)) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: out });
    };
    const stock = build();
    const fused = build();
    expect(useFusedBatchNorm(fused)).toBe(3);
    const x = tf.tensor4d(seeded(2 * 12 * 12 * 3, 7), [2, 12, 12, 3]);
    const step = (model: tf.LayersModel) => {
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.square(model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar,
        vars,
      );
      const out = { loss: value.dataSync()[0]!, grads: vars.map((v) => grads[v.name]!.dataSync()) };
      tf.dispose([value, ...Object.values(grads)]);
      return out;
    };
    const a = step(stock);
    const b = step(fused);
    expect(Math.abs(a.loss - b.loss) / a.loss).toBeLessThan(1e-5);
    expect(a.grads.length).toBe(3 * 2 + 5);
    for (let i = 0; i < a.grads.length; i++) {
      // floor 1e-3 (gradients here are 0.1 to 2): a bias-free BN's β gradient is 0 in exact arithmetic (~1e-9 of float noise here)
      const scale = Math.max(1e-3, ...Array.from(a.grads[i]!, Math.abs));
      expect(maxAbsDiff(a.grads[i]!, b.grads[i]!) / scale, `gradient ${i}`).toBeLessThan(1e-4);
    }
    const moving = (model: tf.LayersModel) =>
      model.weights.filter((w) => /moving_(mean|variance)/.test(w.name)).map((w) => Array.from(w.read().dataSync()));
    const ma = moving(stock);
    const mb = moving(fused);
    expect(ma.length).toBe(6);
    for (let i = 0; i < ma.length; i++) expect(maxAbsDiff(ma[i]!, mb[i]!), `moving ${i}`).toBeLessThan(1e-5);
    expect(ma.some((m) => m.some((v) => v !== 0 && v !== 1))).toBe(true); // they did move
    tf.dispose(x);
    stock.dispose();
    fused.dispose();
  });

  it('tiny FCN, batch 2 x 32x32: training-mode outputs and moving averages match the stock layers; inference and the saved topology are unchanged', () => {
    const stock = createFcn({ preset: 'tiny', seed: 3 });
    const fused = createFcn({ preset: 'tiny', seed: 3 });
    expect(useFusedBatchNorm(fused)).toBe(bnCount(fused));
    expect(bnCount(fused)).toBeGreaterThan(5);
    const x = tf.tensor4d(seeded(2 * 32 * 32 * 3, 7), [2, 32, 32, 3]);
    const infer = (model: tf.LayersModel) =>
      tf.tidy(() => Array.from((model.predict(x) as tf.Tensor[])[0]!.dataSync()));
    expect(infer(fused)).toEqual(infer(stock)); // before training moves the moving averages apart
    const train = (model: tf.LayersModel) =>
      tf.tidy(() =>
        (model.apply(x, { training: true }) as tf.Tensor[]).slice(0, 2).map((t) => Array.from(t.dataSync())),
      );
    const ta = train(stock);
    const tb = train(fused);
    for (let i = 0; i < 2; i++) expect(maxAbsDiff(ta[i]!, tb[i]!), `output ${i}`).toBeLessThan(1e-4);
    const moving = (model: tf.LayersModel) =>
      model.weights.filter((w) => /moving_(mean|variance)/.test(w.name)).map((w) => Array.from(w.read().dataSync()));
    const ma = moving(stock);
    const mb = moving(fused);
    for (let i = 0; i < ma.length; i++) expect(maxAbsDiff(ma[i]!, mb[i]!), `moving ${i}`).toBeLessThan(1e-4);
    expect(JSON.stringify(fused.toJSON(null, false))).toEqual(JSON.stringify(stock.toJSON(null, false)));
    tf.dispose(x);
    stock.dispose();
    fused.dispose();
  });

  it('idempotent: a second call changes nothing and returns the same count; a model without batch norm gives 0', () => {
    const model = createFcn({ preset: 'tiny', seed: 1 });
    const first = useFusedBatchNorm(model);
    const call = model.layers.find((l) => l.getClassName() === 'BatchNormalization')!.call;
    expect(useFusedBatchNorm(model)).toBe(first);
    expect(model.layers.find((l) => l.getClassName() === 'BatchNormalization')!.call).toBe(call);
    const plain = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    expect(useFusedBatchNorm(plain)).toBe(0);
    model.dispose();
    plain.dispose();
  });

  it('leak-free: 3 training-mode forward+backward passes leave tf.memory().numTensors unchanged', () => {
    const model = createFcn({ preset: 'tiny', seed: 2 });
    useFusedBatchNorm(model);
    const x = tf.tensor4d(seeded(1 * 16 * 16 * 3, 9), [1, 16, 16, 3]);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const pass = () => {
      const { value, grads } = tf.variableGrads(
        () => tf.mean((model.apply(x, { training: true }) as tf.Tensor[])[0]!) as tf.Scalar,
        vars,
      );
      tf.dispose([value, ...Object.values(grads)]);
    };
    pass();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) pass();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    model.dispose();
  });
});
