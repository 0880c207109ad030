import * as tf from '@tensorflow/tfjs';
import type { Image } from '@qfcn/contract';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { describeImage } from './describeImage';
import { createPixelwiseFcn } from './test';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const flat = (width: number, height: number, r: number, g: number): Image => {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set([r, g, 0], 3 * i);
  return { width, height, channels: 3, data };
};

describe('describeImage', () => {
  it('pixelwise model, flat R=160 G=96 image 50x40: descriptor [(160-128)/16, (96-128)/16] = [2, -2]', async () => {
    const model = createPixelwiseFcn();
    const d = await describeImage(model, flat(50, 40, 160, 96), { tile: 16, overlap: 4 });
    expect(d.length).toBe(2);
    expect(d[0]).toBeCloseTo(2, 5);
    expect(d[1]).toBeCloseTo(-2, 5);
    model.dispose();
  });

  it('tiny FCN: 64-d descriptor, same as the model output for a one-tile image', async () => {
    const model = createFcn({ preset: 'tiny', seed: 9 });
    const image = flat(16, 16, 200, 30);
    const d = await describeImage(model, image);
    const direct = tf.tidy(() =>
      (model.predict(tf.tensor4d(Float32Array.from(image.data), [1, 16, 16, 3])) as tf.Tensor[])[2]!.dataSync(),
    );
    expect(d.length).toBe(64);
    expect(Array.from(d)).toEqual(Array.from(direct));
    model.dispose();
  });
});
