import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../initBackend';
import { tileWasmConfig } from './tileWasm';

tf.env().set('PROD', true);

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

describe('wasm Tile (qfcn)', () => {
  it('is the registered wasm Tile', () => {
    expect(tf.getKernel('Tile', 'wasm')).toBe(tileWasmConfig);
  });

  it('per-channel vector [1,1,1,3] (1,2,3) to [2,2,2,3]: the vector at every pixel', () => {
    const t = tf.tile(tf.tensor4d([1, 2, 3], [1, 1, 1, 3]), [2, 2, 2, 1]);
    expect(t.shape).toEqual([2, 2, 2, 3]);
    expect(Array.from(t.dataSync())).toEqual(Array.from({ length: 8 }, () => [1, 2, 3]).flat());
    t.dispose();
  });

  it('[2,3] [[1,2,3],[4,5,6]] by reps [2,2]: rows repeated, then the block', () => {
    const t = tf.tile(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), [2, 2]);
    expect(t.arraySync()).toEqual([
      [1, 2, 3, 1, 2, 3],
      [4, 5, 6, 4, 5, 6],
      [1, 2, 3, 1, 2, 3],
      [4, 5, 6, 4, 5, 6],
    ]);
    t.dispose();
  });

  it('[2,1,2] by reps [1,3,1] (a middle axis), int32 keeps its dtype', () => {
    const t = tf.tile(tf.tensor3d([1, 2, 3, 4], [2, 1, 2], 'int32'), [1, 3, 1]);
    expect(t.dtype).toBe('int32');
    expect(t.arraySync()).toEqual([
      [
        [1, 2],
        [1, 2],
        [1, 2],
      ],
      [
        [3, 4],
        [3, 4],
        [3, 4],
      ],
    ]);
    t.dispose();
  });

  it('bool [2] by [3] goes to the stock kernel', () => {
    const t = tf.tile(tf.tensor1d([true, false], 'bool'), [3]);
    expect(t.dtype).toBe('bool');
    expect(Array.from(t.dataSync())).toEqual([1, 0, 1, 0, 1, 0]);
    t.dispose();
  });

  it('[3,1,4,2] by [2,5,1,3] equals the cpu backend, no buffers left behind', async () => {
    const values = Array.from({ length: 24 }, (_, i) => i * 0.5 - 3);
    await tf.setBackend('cpu');
    const want = tf.tidy(() => Array.from(tf.tile(tf.tensor4d(values, [3, 1, 4, 2]), [2, 5, 1, 3]).dataSync()));
    await tf.setBackend('wasm');
    const before = tf.backend().numDataIds();
    const got = tf.tidy(() => Array.from(tf.tile(tf.tensor4d(values, [3, 1, 4, 2]), [2, 5, 1, 3]).dataSync()));
    expect(got).toEqual(want);
    expect(tf.backend().numDataIds()).toBe(before);
  });
});
