import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../initBackend';
import { seededNormal } from '../test/mulberry32';

tf.env().set('PROD', true);

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

/** Runs `fn` on cpu and on wasm; returns both results as nested arrays. */
async function both(fn: () => tf.Tensor | tf.Tensor[]): Promise<{ cpu: unknown; wasm: unknown }> {
  const run = () =>
    tf.tidy(() => {
      const out = fn();
      return Array.isArray(out) ? out.map((t) => t.arraySync()) : out.arraySync();
    });
  await tf.setBackend('cpu');
  const cpu = run();
  await tf.setBackend('wasm');
  const before = tf.backend().numDataIds();
  const wasm = run();
  expect(tf.backend().numDataIds()).toBe(before);
  return { cpu, wasm };
}

describe('wasm Sum / Mean over leading axes (qfcn)', () => {
  it('Sum [2,2,3] over [0,1]: per-channel sums 1+4+7+10, 2+5+8+11, 3+6+9+12', () => {
    const t = tf.sum(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 2, 3]), [0, 1]);
    expect(Array.from(t.dataSync())).toEqual([22, 26, 30]);
    t.dispose();
  });

  it('Mean [2,2,3] over [1,0] keepDims: [[[5.5, 6.5, 7.5]]]', () => {
    const t = tf.mean(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 2, 3]), [1, 0], true);
    expect(t.shape).toEqual([1, 1, 3]);
    expect(Array.from(t.dataSync())).toEqual([5.5, 6.5, 7.5]);
    t.dispose();
  });

  it('x 2x5x7x4 over [0,1,2], over [0], and over [1,2] (stock path) equal cpu within 1e-5', async () => {
    const v = seededNormal(2 * 5 * 7 * 4, 3);
    const { cpu, wasm } = await both(() => {
      const x = tf.tensor4d(v, [2, 5, 7, 4]);
      return [tf.sum(x, [0, 1, 2]), tf.mean(x, [0, 1, 2]), tf.sum(x, 0), tf.mean(x, [1, 2]), tf.sum(x)];
    });
    const a = (cpu as number[][]).flat(4) as number[];
    const b = (wasm as number[][]).flat(4) as number[];
    expect(b.length).toBe(a.length);
    a.forEach((value, i) => expect(Math.abs(b[i]! - value)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(value))));
  });

  it('int32 sums go to the stock kernel and stay int32', () => {
    const t = tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), 0);
    expect(t.dtype).toBe('int32');
    expect(Array.from(t.dataSync())).toEqual([4, 6]);
    t.dispose();
  });
});

describe('wasm Concat / SplitV along channels (qfcn)', () => {
  it('concat [1,2,1,2] and [1,2,1,1] on axis 3, then split back [2,1]', () => {
    const a = tf.tensor4d([1, 2, 3, 4], [1, 2, 1, 2]);
    const b = tf.tensor4d([9, 8], [1, 2, 1, 1]);
    const c = tf.concat([a, b], 3);
    expect(c.arraySync()).toEqual([[[[1, 2, 9]], [[3, 4, 8]]]]);
    const [a2, b2] = tf.split(c, [2, 1], 3);
    expect(a2!.arraySync()).toEqual(a.arraySync());
    expect(b2!.arraySync()).toEqual(b.arraySync());
    tf.dispose([a, b, c, a2, b2]);
  });

  it('x 2x3x5 channels 20+1+17 (wide and narrow rows), axis -1, equal cpu; split in 3 equal parts', async () => {
    const { cpu, wasm } = await both(() => {
      const parts = [20, 1, 17].map((c, k) => tf.tensor3d(seededNormal(2 * 3 * c, k), [2, 3, c]));
      const cat = tf.concat(parts, -1);
      return [cat, ...tf.split(cat, [20, 1, 17], -1), ...tf.split(tf.concat([cat, cat, cat], 2), 3, 2)];
    });
    expect(wasm).toEqual(cpu);
  });

  it('1,280 rows (the transpose path): concat 3 x [2,32,20,4] float32 and int32 on axis 3, split back into 3 equal parts, equal cpu', async () => {
    const shape = [2, 32, 20, 4] as [number, number, number, number];
    const { cpu, wasm } = await both(() => {
      const parts = [1, 2, 3].map((seed) => tf.tensor4d(seededNormal(2 * 32 * 20 * 4, seed), shape));
      const ints = [4, 5, 6].map((seed) =>
        tf.tensor4d(
          Int32Array.from(seededNormal(2 * 32 * 20 * 4, seed), (v) => Math.round(v * 100)),
          shape,
          'int32',
        ),
      );
      const cat = tf.concat(parts, 3);
      return [cat, ...tf.split(cat, 3, 3), tf.concat(ints, -1), ...tf.split(tf.concat(ints, -1), 3, -1)];
    });
    expect(wasm).toEqual(cpu);
  });

  it('other axes and bool go to the stock kernels', async () => {
    const { cpu, wasm } = await both(() => [
      tf.concat([tf.ones([2, 3]), tf.zeros([1, 3])], 0),
      tf.concat([tf.tensor1d([true], 'bool'), tf.tensor1d([false], 'bool')]),
      ...tf.split(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]), [1, 2], 0),
    ]);
    expect(wasm).toEqual(cpu);
  });
});

describe('wasm Identity (qfcn)', () => {
  it('clone shares the buffer: one more tensor, no more wasm buffers; values survive disposing the source', () => {
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const buffers = tf.backend().numDataIds();
    const y = tf.clone(x);
    expect(tf.backend().numDataIds()).toBe(buffers);
    x.dispose();
    expect(y.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    y.dispose();
    expect(tf.backend().numDataIds()).toBe(buffers - 1);
  });
});
