import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregatedJaccardIndex } from '@qfcn/metrics';
import { createFcn } from './createFcn';
import { FcnEnsemble } from './FcnEnsemble';
import { FcnModel } from './FcnModel';
import { predictImage } from './predictImage';
import { flipPixels } from './__fixtures__/flipPixels';
import { trainUntilKilled } from './__fixtures__/trainUntilKilled';
import { hvMapLoss } from './internal/trainStep';
import { discSamples } from './test';
import { toInstances } from './toInstances';
import { trainFcn } from './trainFcn';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

/** The micro network of trainFcn.test.ts with an hv head. */
const micro = (seed = 1) => createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed, hvHead: true });
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('hvMapLoss', () => {
  it('3x3, target 0, prediction h = 0.8 and v = −0.4 everywhere, object pixel (0, 0) only: MSE 0.4 + 2 x gradient MSE 0.05625 = 0.5125', () => {
    // MSE: (9 x 0.64 + 9 x 0.16) / 18 = 0.4. Sobel / 8 with zero padding at the corner (0, 0): d/dx of h
    // = (2 x 0.8 + 0.8) / 8 = 0.3, d/dy of v = (2 x −0.4 − 0.4) / 8 = −0.15; squared errors 0.09 + 0.0225
    // over the 2 channels of the one object pixel: 0.05625
    const loss = tf.tidy(() => {
      const target = tf.zeros([1, 3, 3, 2]);
      const predicted = tf.tensor4d(Array.from({ length: 9 }, () => [0.8, -0.4]).flat(), [1, 3, 3, 2]);
      const mask = tf.tensor4d([1, 0, 0, 0, 0, 0, 0, 0, 0], [1, 3, 3, 1]);
      return hvMapLoss(target, predicted, mask).dataSync()[0]!;
    });
    expect(loss).toBeCloseTo(0.5125, 6);
  });

  it('prediction = target (a ramp): 0', () => {
    const loss = tf.tidy(() => {
      const ramp = tf.tensor4d(
        Array.from({ length: 16 }, (_, i) => [(i % 4) / 3, Math.floor(i / 4) / 3]).flat(),
        [1, 4, 4, 2],
      );
      return hvMapLoss(ramp, ramp, tf.ones([1, 4, 4, 1])).dataSync()[0]!;
    });
    expect(loss).toBe(0);
  });
});

describe('trainFcn with an hv head', () => {
  it('40 steps on 4 disc images 32x32 (crop 16): loss = object + contour + 2 x hv; the hv loss falls below 0.8x its first epoch; tensor count constant', async () => {
    const model = micro();
    const counts: number[] = [];
    const result = await trainFcn(model, discSamples(4), {
      epochs: 20,
      batchSize: 2,
      crop: 16,
      learningRate: 5e-3,
      hvWeight: 2,
      onProgress: (e) => {
        if (e.stage === 'train') counts.push(tf.memory().numTensors);
      },
    });
    expect(result.steps).toBe(40);
    for (const h of result.history) {
      expect(h.hvLoss).toBeGreaterThan(0);
      expect(h.distanceLoss).toBeUndefined();
      expect(h.loss).toBeCloseTo(h.objectLoss + h.contourLoss + 2 * h.hvLoss!, 5);
    }
    const last = result.history.slice(17).reduce((s, h) => s + h.hvLoss!, 0) / 3;
    expect(last).toBeLessThan(0.8 * result.history[0]!.hvLoss!);
    expect(new Set(counts.slice(1)).size).toBe(1);
    model.dispose();
  });

  it('with a distance head too: both losses logged and summed', async () => {
    const model = createFcn({
      widthMultiplier: 1 / 32,
      stages: 2,
      decoderChannels: 4,
      seed: 1,
      distanceHead: true,
      hvHead: true,
    });
    const result = await trainFcn(model, discSamples(2), { epochs: 2, batchSize: 2, crop: 16 });
    for (const h of result.history) {
      expect(h.loss).toBeCloseTo(h.objectLoss + h.contourLoss + h.distanceLoss! + h.hvLoss!, 5);
    }
    model.dispose();
  });

  it('hvWeight on a network without an hv head, or < 0 → InvalidArgumentError', async () => {
    const two = createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed: 1 });
    await expect(trainFcn(two, discSamples(2), { epochs: 1, crop: 16, hvWeight: 1 })).rejects.toThrowError(
      /hvWeight.*no hv head/,
    );
    await expect(trainFcn(micro(), discSamples(2), { epochs: 1, crop: 16, hvWeight: -1 })).rejects.toThrowError(
      /hvWeight.*must be ≥ 0, got -1/,
    );
    two.dispose();
  });

  it('killed after step 3 of 6 and resumed: bit-identical weights and hv losses; another hvWeight is refused', async () => {
    const options = { epochs: 3, batchSize: 2, crop: 16, seed: 11 };
    const samples = discSamples(3, { seed: 4 });
    const reference = micro();
    const full = await trainFcn(reference, samples, options);
    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-train-hv-')), 'run.ckpt');
    const killed = micro();
    await trainUntilKilled(killed, samples, options, path, 3);
    killed.dispose();
    const other = micro(99);
    await expect(
      trainFcn(other, samples, { ...options, hvWeight: 2, checkpoint: { path }, resume: true }),
    ).rejects.toThrowError(/hvWeight/);
    other.dispose();
    const resumed = micro(99);
    const result = await trainFcn(resumed, samples, { ...options, checkpoint: { path }, resume: true });
    expect(result.resumedFrom).toEqual({ epoch: 1, step: 3 });
    expect(weightsOf(resumed)).toEqual(weightsOf(reference));
    expect(result.history.map((h) => h.hvLoss)).toEqual(full.history.map((h) => h.hvLoss));
    reference.dispose();
    resumed.dispose();
  });

  it('predictImage of a 32x32 disc image: hv maps in (−1, 1) beside the others; with flips, the mean of the four flips mapped back with h and v negated where flipped; an ensemble of two copies gives the same maps', async () => {
    const model = micro(2);
    const image = discSamples(1, { seed: 3 })[0]!.image;
    const plain = await predictImage(model, image, { tile: 16, overlap: 4 });
    expect(plain.hv?.data.length).toBe(2 * 32 * 32);
    expect(plain.hv!.data.every((v) => v > -1 && v < 1)).toBe(true);
    expect(plain.distance).toBeUndefined();
    const sum = new Float32Array(2 * 32 * 32);
    for (const [fx, fy] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      const flipped = { ...image, data: Uint8Array.from(flipPixels(image.data, 32, 3, fx, fy)) };
      const back = flipPixels((await predictImage(model, flipped, { tile: 32 })).hv!.data, 32, 2, fx, fy);
      for (let i = 0; i < sum.length; i++) sum[i]! += ((i % 2 === 0 ? fx : fy) ? -back[i]! : back[i]!) / 4;
    }
    const tta = (await predictImage(model, image, { tile: 32, tta: true })).hv!.data;
    for (let i = 0; i < sum.length; i++) expect(tta[i]).toBeCloseTo(sum[i]!, 5);
    const one = await predictImage(model, image, { tile: 32 });
    const pair = new FcnEnsemble([new FcnModel(model, { tile: 32 }), new FcnModel(model, { tile: 32 })]);
    const mean = (await pair.predict(image)).hv!.data;
    for (let i = 0; i < mean.length; i++) expect(mean[i]).toBeCloseTo(one.hv!.data[i]!, 6);
    model.dispose();
  });

  it('validation of a network with an hv head seeds at hvThreshold 0.3: the logged AJI is that of toInstances with it', async () => {
    const model = micro(3);
    const validation = discSamples(1, { seed: 21 });
    const result = await trainFcn(model, discSamples(4), {
      epochs: 30,
      batchSize: 2,
      crop: 16,
      learningRate: 5e-3,
      validation,
      validateEvery: 30,
    });
    const out = await predictImage(model, validation[0]!.image, { tile: 256 });
    const aji = aggregatedJaccardIndex(toInstances(out, { hvThreshold: 0.3 }), validation[0]!.label!);
    expect(result.history.at(-1)!.valAji).toBe(aji);
    // (and the hv maps matter here: without them the AJI differs)
    expect(aggregatedJaccardIndex(toInstances(out), validation[0]!.label!)).not.toBe(aji);
    model.dispose();
  });
});
