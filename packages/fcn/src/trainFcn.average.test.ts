import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, type TrainingHook } from '@qfcn/contract';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { WeightAverage } from './internal/weightAverage';
import { discSamples } from './test';
import { trainUntilKilled } from './__fixtures__/trainUntilKilled';
import { trainFcn } from './trainFcn';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const micro = (seed = 1) => createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed });
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));
/** A 1-input dense layer with weights [kernel k, bias b]. */
const dense = (k: number, b: number) => {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  model.setWeights([tf.tensor2d([[k]]), tf.tensor1d([b])]);
  return model;
};
const set = (model: tf.LayersModel, k: number, b: number) => model.setWeights([tf.tensor2d([[k]]), tf.tensor1d([b])]);
const f32 = Math.fround;

describe('WeightAverage', () => {
  it('dense 1x1, decay 0.75, start at step 2: step 1 ignored, step 2 copies, step 3 is 0.75·a + 0.25·w', () => {
    const model = dense(8, -4);
    const average = new WeightAverage(model, 0.75, 2);
    average.update(1);
    expect(average.started).toBe(false);
    expect(average.values()).toBeNull();
    set(model, 4, 2);
    average.update(2);
    expect(average.values()!.map((v) => Array.from(v))).toEqual([[4], [2]]);
    set(model, 0, 10);
    average.update(3);
    // 0.75·4 + 0.25·0 = 3; 0.75·2 + 0.25·10 = 4
    expect(average.values()!.map((v) => Array.from(v))).toEqual([[3], [4]]);
    set(model, 1, 0.1);
    average.update(4);
    expect(average.values()!.map((v) => v[0])).toEqual([
      f32(f32(3 * 0.75) + f32(1 * 0.25)),
      f32(f32(4 * 0.75) + f32(f32(0.1) * 0.25)),
    ]);
    average.dispose();
    model.dispose();
  });

  it('withAverage puts the average in the model for the call only; no tensor is left behind', () => {
    const model = dense(4, 2);
    const average = new WeightAverage(model, 0.5, 0);
    average.update(1);
    set(model, 8, 6);
    average.update(2); // average (6, 4)
    const before = tf.memory().numTensors;
    const inside = average.withAverage(() => weightsOf(model));
    expect(inside).toEqual([[6], [4]]);
    expect(weightsOf(model)).toEqual([[8], [6]]);
    expect(tf.memory().numTensors).toBe(before);
    const saved = average.values();
    const other = new WeightAverage(model, 0.5, 0);
    other.restore(saved);
    expect(other.values()!.map((v) => Array.from(v))).toEqual([[6], [4]]);
    other.writeInto();
    expect(weightsOf(model)).toEqual([[6], [4]]);
    other.dispose();
    average.dispose();
    expect(tf.memory().numTensors).toBe(before - 2);
    model.dispose();
  });
});

describe('trainFcn averageWeights', () => {
  const options = { epochs: 3, batchSize: 2, crop: 16, seed: 5, learningRate: 5e-3 };
  const samples = discSamples(2, { seed: 3 });

  it('micro FCN, 3 steps, decay 0.25 from step 2: final weights = 0.25·w(2) + 0.75·w(3) of the plain run', async () => {
    const two = micro();
    await trainFcn(two, samples, { ...options, steps: 2 });
    const three = micro();
    await trainFcn(three, samples, { ...options, steps: 3 });
    const averaged = micro();
    const before = tf.memory().numTensors;
    await trainFcn(averaged, samples, { ...options, steps: 3, averageWeights: { decay: 0.25, startStep: 2 } });
    expect(tf.memory().numTensors).toBe(before);
    const w2 = weightsOf(two);
    const w3 = weightsOf(three);
    expect(w2).not.toEqual(w3);
    const expected = w2.map((a, i) => a.map((x, j) => f32(f32(x * 0.25) + f32(w3[i]![j]! * 0.75))));
    expect(weightsOf(averaged)).toEqual(expected);
    for (const m of [two, three, averaged]) m.dispose();
  });

  it('starting at the last step keeps the plain run (the average is a copy of its last weights)', async () => {
    const plain = micro();
    await trainFcn(plain, samples, { ...options, steps: 3 });
    const averaged = micro();
    await trainFcn(averaged, samples, { ...options, steps: 3, averageWeights: { decay: 0.9, startStep: 3 } });
    expect(weightsOf(averaged)).toEqual(weightsOf(plain));
    plain.dispose();
    averaged.dispose();
  });

  it('killed after step 3 of 6 and resumed: bit-identical to the uninterrupted averaged run', async () => {
    const averaging = { ...options, epochs: 6, averageWeights: { decay: 0.6 } };
    const reference = micro();
    await trainFcn(reference, samples, averaging);
    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-average-')), 'run.ckpt');
    const killed = micro();
    await trainUntilKilled(killed, samples, averaging, path, 3);
    killed.dispose();
    const resumed = micro(99);
    const result = await trainFcn(resumed, samples, { ...averaging, checkpoint: { path }, resume: true });
    expect(result.resumedFrom?.step).toBe(3);
    expect(result.steps).toBe(6);
    expect(weightsOf(resumed)).toEqual(weightsOf(reference));
    // the checkpoint does not resume with another decay (the setting is part of the run)
    await expect(
      trainFcn(micro(), samples, { ...averaging, averageWeights: { decay: 0.5 }, checkpoint: { path }, resume: true }),
    ).rejects.toThrowError(/averageWeights/);
    reference.dispose();
    resumed.dispose();
  });

  it('bad settings → InvalidArgumentError naming them: decay 1, 0, NaN; startStep -1, 1.5; with hooks', async () => {
    const model = micro();
    for (const [averageWeights, name] of [
      [{ decay: 1 }, 'averageWeights.decay'],
      [{ decay: 0 }, 'averageWeights.decay'],
      [{ decay: Number.NaN }, 'averageWeights.decay'],
      [{ startStep: -1 }, 'averageWeights.startStep'],
      [{ startStep: 1.5 }, 'averageWeights.startStep'],
    ] as const) {
      const error = await trainFcn(model, samples, { ...options, averageWeights }).catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error), name).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(name);
    }
    const hook: TrainingHook<tf.Variable> = { name: 'inq-7bit' };
    await expect(trainFcn(model, samples, { ...options, averageWeights: {}, hooks: [hook] })).rejects.toThrowError(
      /averageWeights.*inq-7bit/,
    );
    model.dispose();
  });
});
