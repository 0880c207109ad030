import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { predictImage } from './predictImage';
import { discSamples } from './test';
import { flipPixels } from './__fixtures__/flipPixels';
import { trainUntilKilled } from './__fixtures__/trainUntilKilled';
import { trainFcn } from './trainFcn';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

/** The micro network of trainFcn.test.ts with the third head. */
const micro = (seed = 1) =>
  createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed, distanceHead: true });
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('trainFcn with a distance head', () => {
  it('40 steps on 4 disc images 32x32 (crop 16): loss = object + contour + 2 x distance; the distance loss falls below 0.8x its first epoch; tensor count constant', async () => {
    const model = micro();
    const counts: number[] = [];
    const result = await trainFcn(model, discSamples(4), {
      epochs: 20,
      batchSize: 2,
      crop: 16,
      learningRate: 5e-3,
      distanceWeight: 2,
      onProgress: (e) => {
        if (e.stage === 'train') counts.push(tf.memory().numTensors);
      },
    });
    expect(result.steps).toBe(40);
    for (const h of result.history) {
      expect(h.distanceLoss).toBeGreaterThan(0);
      expect(h.loss).toBeCloseTo(h.objectLoss + h.contourLoss + 2 * h.distanceLoss!, 5);
    }
    const last = result.history.slice(17).reduce((s, h) => s + h.distanceLoss!, 0) / 3;
    expect(last).toBeLessThan(0.8 * result.history[0]!.distanceLoss!);
    expect(new Set(counts.slice(1)).size).toBe(1);
    model.dispose();
  });

  it('a two-head network logs no distance loss; distanceWeight with it → InvalidArgumentError naming the missing head', async () => {
    const two = createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed: 1 });
    const result = await trainFcn(two, discSamples(2), { epochs: 1, batchSize: 2, crop: 16 });
    expect(result.history[0]!.distanceLoss).toBeUndefined();
    await expect(trainFcn(two, discSamples(2), { epochs: 1, crop: 16, distanceWeight: 1 })).rejects.toThrowError(
      /distanceWeight.*no distance head/,
    );
    await expect(trainFcn(micro(), discSamples(2), { epochs: 1, crop: 16, distanceWeight: -1 })).rejects.toThrowError(
      /distanceWeight.*must be ≥ 0, got -1/,
    );
    two.dispose();
  });

  it('killed after step 3 of 6 and resumed: bit-identical weights and distance losses', async () => {
    const options = { epochs: 3, batchSize: 2, crop: 16, seed: 11 };
    const samples = discSamples(3, { seed: 4 });
    const reference = micro();
    const full = await trainFcn(reference, samples, options);
    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-train-distance-')), 'run.ckpt');
    const killed = micro();
    await trainUntilKilled(killed, samples, options, path, 3);
    killed.dispose();
    const resumed = micro(99);
    const result = await trainFcn(resumed, samples, { ...options, checkpoint: { path }, resume: true });
    expect(result.resumedFrom).toEqual({ epoch: 1, step: 3 });
    expect(weightsOf(resumed)).toEqual(weightsOf(reference));
    expect(result.history.map((h) => h.distanceLoss)).toEqual(full.history.map((h) => h.distanceLoss));
    reference.dispose();
    resumed.dispose();
  });

  it('predictImage of a 32x32 disc image: a distance map beside object and contour, with and without flip TTA; none from a two-head net', async () => {
    const model = micro(2);
    const image = discSamples(1, { seed: 3 })[0]!.image;
    for (const tta of [false, true]) {
      const out = await predictImage(model, image, { tile: 16, overlap: 4, tta });
      expect(out.distance?.width).toBe(image.width);
      expect(out.distance?.height).toBe(image.height);
      expect(out.distance!.data.every((v) => v > 0 && v < 1)).toBe(true);
    }
    // with flips: the mean of the un-flipped distance maps of the 4 flipped images (one 32x32 tile)
    const sum = new Float32Array(32 * 32);
    for (const [fx, fy] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      const flipped = { ...image, data: Uint8Array.from(flipPixels(image.data, 32, 3, fx, fy)) };
      const d = flipPixels((await predictImage(model, flipped, { tile: 32 })).distance!.data, 32, 1, fx, fy);
      for (let i = 0; i < sum.length; i++) sum[i]! += d[i]! / 4;
    }
    const tta = (await predictImage(model, image, { tile: 32, tta: true })).distance!.data;
    for (let i = 0; i < sum.length; i++) expect(tta[i]).toBeCloseTo(sum[i]!, 5);
    const two = createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed: 1 });
    expect('distance' in (await predictImage(two, image, { tile: 16 }))).toBe(false);
    model.dispose();
    two.dispose();
  });
});
