import * as tf from '@tensorflow/tfjs';
import type { Image } from '@qfcn/contract';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchColorStatistics } from '@qfcn/data';
import { createFcn } from './createFcn';
import { predictImage } from './predictImage';
import { createPixelwiseFcn } from './test';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

/** RGB image whose red channel is (7x + 13y) mod 256 and green (3x + 5y + 40) mod 256. */
function gradientImage(width: number, height: number, channels: 3 | 4 = 3): Image {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      data[o] = (7 * x + 13 * y) % 256;
      data[o + 1] = (3 * x + 5 * y + 40) % 256;
      data[o + 2] = 200;
    }
  }
  return { width, height, channels, data };
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe('predictImage', () => {
  it('pixelwise model, 70x45 image in 32px tiles overlap 8: every pixel equals sigmoid((R-128)/16)', async () => {
    const model = createPixelwiseFcn();
    const image = gradientImage(70, 45);
    const out = await predictImage(model, image, { tile: 32, overlap: 8, batchSize: 3 });
    expect(out.object.width).toBe(70);
    expect(out.object.height).toBe(45);
    for (let i = 0; i < 70 * 45; i++) {
      expect(out.object.data[i]).toBeCloseTo(sigmoid((image.data[3 * i]! - 128) / 16), 5);
      expect(out.contour.data[i]).toBeCloseTo(sigmoid((image.data[3 * i + 1]! - 128) / 16), 5);
    }
    model.dispose();
  });

  it('tiny FCN, 16x24 image (one tile): identical to model.predict on the image itself', async () => {
    const model = createFcn({ preset: 'tiny', seed: 3 });
    const image = gradientImage(24, 16);
    const out = await predictImage(model, image, { tile: 32 });
    const direct = tf.tidy(() => {
      const x = tf.tensor4d(Float32Array.from(image.data), [1, 16, 24, 3]);
      return (model.predict(x) as tf.Tensor[])[0]!.dataSync();
    });
    expect(Array.from(out.object.data)).toEqual(Array.from(direct));
    model.dispose();
  });

  it('pixelwise model, 40x30 image with colorTarget: the prediction of the image matched to it first', async () => {
    const model = createPixelwiseFcn();
    const image = gradientImage(40, 30);
    const colorTarget = {
      mean: [60, 10, -20] as [number, number, number],
      std: [12, 8, 6] as [number, number, number],
    };
    const out = await predictImage(model, image, { tile: 32, overlap: 8, colorTarget });
    const matched = matchColorStatistics(image, colorTarget);
    expect(Array.from(out.object.data)).toEqual(
      Array.from((await predictImage(model, matched, { tile: 32, overlap: 8 })).object.data),
    );
    expect(out.object.data[0]).toBeCloseTo(sigmoid((matched.data[0]! - 128) / 16), 5);
    expect(out.object.data[0]).not.toBeCloseTo(sigmoid((image.data[0]! - 128) / 16), 2);
    await expect(
      predictImage(model, image, { colorTarget: { mean: [1, 2, 3], std: [1, -1, 1] } }),
    ).rejects.toThrowError(/Invalid argument 'colorTarget.std'/);
    model.dispose();
  });

  it('tiny FCN, 16x24 image, tta: the mean of the 4 flipped predictions, each flipped back', async () => {
    const model = createFcn({ preset: 'tiny', seed: 3 });
    const image = gradientImage(24, 16);
    const out = await predictImage(model, image, { tile: 32, tta: true });
    const expected = tf.tidy(() => {
      const x = tf.tensor4d(Float32Array.from(image.data), [1, 16, 24, 3]);
      const at = (axes: number[]) => tf.reverse((model.predict(tf.reverse(x, axes)) as tf.Tensor[])[0]!, axes);
      const plain = (model.predict(x) as tf.Tensor[])[0]!;
      return tf.div(tf.addN([plain, at([2]), at([1]), at([1, 2])]), 4).dataSync();
    });
    const plain = await predictImage(model, image, { tile: 32 });
    for (let i = 0; i < expected.length; i++) expect(out.object.data[i]).toBeCloseTo(expected[i]!, 6);
    expect(Array.from(out.object.data)).not.toEqual(Array.from(plain.object.data));
    model.dispose();
  });

  it('tiny FCN, 13x21 image (not a multiple of 8): mirrored up to 16x24, output 13x21', async () => {
    const model = createFcn({ preset: 'tiny', seed: 3 });
    const out = await predictImage(model, gradientImage(21, 13));
    expect([out.object.width, out.object.height, out.object.data.length]).toEqual([21, 13, 273]);
    for (const v of out.contour.data) expect(v > 0 && v < 1).toBe(true);
    model.dispose();
  });

  it('1000x1000 with tile 256, batchSize 2: 25 tiles in forward passes of at most 2 tiles', async () => {
    const model = createPixelwiseFcn();
    const batches: number[][] = [];
    const predict = model.predict.bind(model);
    model.predict = (x, args) => {
      batches.push((x as tf.Tensor).shape);
      return predict(x, args);
    };
    const out = await predictImage(model, gradientImage(1000, 1000), { tile: 256, overlap: 64, batchSize: 2 });
    expect(batches.reduce((s, b) => s + b[0]!, 0)).toBe(25);
    for (const b of batches) expect(b[0]).toBeLessThanOrEqual(2);
    expect(batches[0]!.slice(1)).toEqual([256, 256, 3]);
    expect(out.object.data[999 * 1000 + 999]).toBeCloseTo(sigmoid((((7 * 999 + 13 * 999) % 256) - 128) / 16), 5);
    model.dispose();
  });

  it('tensor count stable over 3 predictions', async () => {
    const model = createFcn({ preset: 'tiny', seed: 3 });
    const image = gradientImage(40, 30);
    await predictImage(model, image, { tile: 16, overlap: 8 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await predictImage(model, image, { tile: 16, overlap: 8 });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('bad input: RGBA image on an RGB model, tile not a multiple of 8, overlap ≥ tile', async () => {
    const model = createFcn({ preset: 'tiny' });
    await expect(predictImage(model, gradientImage(16, 16, 4))).rejects.toThrowError(
      /has 4 channel\(s\) but the model takes 3 \(drop the alpha channel first\)/,
    );
    await expect(predictImage(model, gradientImage(16, 16), { tile: 20 })).rejects.toThrowError(
      /Invalid argument 'tile': must be a positive multiple of 8/,
    );
    await expect(predictImage(model, gradientImage(16, 16), { tile: 16, overlap: 16 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    const broken = { width: 4, height: 4, channels: 3 as const, data: new Uint8Array(47) };
    await expect(predictImage(model, broken)).rejects.toThrowError(/data has 47 values, expected/);
    model.dispose();
  });
});
