import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { learningRateAt } from './learningRateAt';
import { discSamples } from './test';
import { trainFcn } from './trainFcn';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const micro = (seed = 1) => createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed });
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('trainFcn recipe options', () => {
  it('steps 5 with 3 images, batch 2 (2 steps per epoch): 3 epochs, the last cut to 1 step; progress total 5', async () => {
    const model = micro();
    const totals: number[] = [];
    const result = await trainFcn(model, discSamples(3), {
      steps: 5,
      epochs: 99, // ignored
      batchSize: 2,
      crop: 16,
      onProgress: (e) => e.stage === 'train' && totals.push(e.total as number),
    });
    expect(result.steps).toBe(5);
    expect(result.epochs).toBe(3);
    expect(result.history).toHaveLength(3);
    expect(new Set(totals)).toEqual(new Set([5]));
    model.dispose();
  });

  it('cosine schedule with warm-up: each step reports learningRateAt(step) of the run', async () => {
    const model = micro();
    const rates: number[] = [];
    const schedule = { warmupSteps: 2, decay: 'cosine' as const };
    await trainFcn(model, discSamples(2), {
      steps: 6,
      batchSize: 2,
      crop: 16,
      learningRate: 4e-3,
      schedule,
      onProgress: (e) => e.stage === 'train' && rates.push(e.values?.learningRate as number),
    });
    expect(rates).toEqual([0, 1, 2, 3, 4, 5].map((s) => learningRateAt(s, 6, 4e-3, schedule)));
    expect(rates[0]).toBe(2e-3);
    expect(rates[5]).toBe(0);
    model.dispose();
  });

  it('killed after step 3 of 7 with schedule, weight decay, Dice: resume gives bit-identical weights', async () => {
    const options = {
      steps: 7,
      batchSize: 2,
      crop: 16,
      seed: 3,
      learningRate: 3e-3,
      schedule: { warmupSteps: 2, decay: 'poly' as const },
      weightDecay: 1e-2,
      objectDiceWeight: 1,
    };
    const samples = discSamples(3, { seed: 2 });
    const reference = micro();
    await trainFcn(reference, samples, options);
    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-recipe-')), 'run.ckpt');
    const controller = new AbortController();
    const killed = micro();
    await expect(
      trainFcn(killed, samples, {
        ...options,
        checkpoint: { path, everySteps: 1 },
        signal: controller.signal,
        onProgress: (e) => e.current === 3 && controller.abort(new Error('killed')),
      }),
    ).rejects.toThrowError('killed');
    killed.dispose();
    const resumed = micro(42);
    const result = await trainFcn(resumed, samples, { ...options, checkpoint: { path }, resume: true });
    expect(result.resumedFrom?.step).toBe(3);
    expect(weightsOf(resumed)).toEqual(weightsOf(reference));
    // a resume under another step budget would change the schedule: refused
    await expect(
      trainFcn(resumed, samples, { ...options, steps: 9, checkpoint: { path }, resume: true }),
    ).rejects.toThrowError(/totalSteps 7 \(now 9\)/);
    reference.dispose();
    resumed.dispose();
  });

  it('weight decay 50 at lr 1e-3 shrinks conv kernels (x0.95 a step before Adam), not batch-norm scales', async () => {
    const norm = (m: tf.LayersModel) =>
      m.trainableWeights
        .filter((w) => w.originalName.endsWith('/kernel'))
        .reduce((s, w) => s + tf.tidy(() => tf.sum(tf.square(w.read())).dataSync()[0]!), 0);
    const gammas = (m: tf.LayersModel) =>
      m.trainableWeights.filter((w) => w.originalName.endsWith('/gamma')).map((w) => Array.from(w.read().dataSync()));
    const base = { steps: 4, batchSize: 2, crop: 16, learningRate: 1e-3 };
    const plain = micro();
    await trainFcn(plain, discSamples(2), base);
    const decayed = micro();
    await trainFcn(decayed, discSamples(2), { ...base, weightDecay: 50 });
    // each step multiplies kernels by 1 - 1e-3 * 50 = 0.95 before Adam's move
    expect(norm(decayed)).toBeLessThan(0.8 * norm(plain));
    // batch-norm scales are not decayed: they move only by Adam, as in the plain run
    expect(
      gammas(decayed)
        .flat()
        .every((g) => Math.abs(g - 1) < 0.01),
    ).toBe(true);
    plain.dispose();
    decayed.dispose();
  });

  it("selectBy 'aji': the weights of the best validation are restored and reported; 'aji' without validation is refused", async () => {
    const model = micro();
    const snapshots: number[][][] = [];
    const result = await trainFcn(model, discSamples(3), {
      epochs: 4,
      batchSize: 2,
      crop: 16,
      learningRate: 1e-2,
      validation: discSamples(2, { seed: 9 }),
      selectBy: 'aji',
      hooks: [{ name: 'snap', onEpochEnd: () => void snapshots.push(weightsOf(model)) }],
    });
    const ajis = result.history.map((h) => h.valAji as number);
    for (const a of ajis) expect(a >= 0 && a <= 1).toBe(true);
    const bestEpoch = ajis.indexOf(Math.max(...ajis));
    expect(result.selected).toEqual({ epoch: bestEpoch, aji: ajis[bestEpoch] });
    expect(weightsOf(model)).toEqual(snapshots[bestEpoch]);
    await expect(trainFcn(model, discSamples(2), { epochs: 1, crop: 16, selectBy: 'aji' })).rejects.toThrowError(
      /needs validation/,
    );
    model.dispose();
  });

  it("selectBy 'aji' across a kill after epoch 2 of 4: the resumed run keeps the same best weights", async () => {
    const options = {
      epochs: 4,
      batchSize: 2,
      crop: 16,
      seed: 8,
      learningRate: 1e-2,
      validation: discSamples(2, { seed: 9 }),
      selectBy: 'aji' as const,
    };
    const samples = discSamples(3);
    const reference = micro();
    const full = await trainFcn(reference, samples, options);
    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-select-')), 'run.ckpt');
    const controller = new AbortController();
    const killed = micro();
    await expect(
      trainFcn(killed, samples, {
        ...options,
        checkpoint: { path },
        signal: controller.signal,
        onProgress: (e) => e.stage === 'validate' && e.current === 2 && controller.abort(new Error('killed')),
      }),
    ).rejects.toThrowError('killed');
    killed.dispose();
    const resumed = micro(5);
    const result = await trainFcn(resumed, samples, { ...options, checkpoint: { path }, resume: true });
    expect(result.selected).toEqual(full.selected);
    expect(weightsOf(resumed)).toEqual(weightsOf(reference));
    reference.dispose();
    resumed.dispose();
  });

  it('resume on other pixels under the same ids is refused, naming samplesSha256', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-pixels-')), 'run.ckpt');
    const model = micro();
    const samples = discSamples(2);
    await trainFcn(model, samples, { epochs: 1, batchSize: 2, crop: 16, checkpoint: { path } });
    const inverted = samples.map((s) => ({ ...s, image: { ...s.image, data: s.image.data.map((v) => 255 - v) } }));
    await expect(
      trainFcn(model, inverted, { epochs: 2, batchSize: 2, crop: 16, checkpoint: { path }, resume: true }),
    ).rejects.toThrowError(/other training settings: samplesSha256/);
    model.dispose();
  });

  it('bad recipe settings are refused before any step: steps 0, weightDecay -1, objectDiceWeight NaN, schedule floor above the rate', async () => {
    const model = micro();
    const s = discSamples(1);
    await expect(trainFcn(model, s, { crop: 16, steps: 0 })).rejects.toThrowError(/steps/);
    await expect(trainFcn(model, s, { crop: 16, weightDecay: -1 })).rejects.toThrowError(/weightDecay/);
    await expect(trainFcn(model, s, { crop: 16, objectDiceWeight: Number.NaN })).rejects.toThrowError(
      /objectDiceWeight/,
    );
    await expect(
      trainFcn(model, s, { crop: 16, learningRate: 1e-3, schedule: { minLearningRate: 1 } }),
    ).rejects.toThrowError(/minLearningRate/);
    model.dispose();
  });

  it("restoreBestAt is refused without selectBy 'aji', with averageWeights, and outside 1..epochs − 1 (3 epochs: 0 and 3)", async () => {
    const model = micro();
    const s = discSamples(1);
    const validation = discSamples(1, { seed: 9 });
    await expect(trainFcn(model, s, { crop: 16, epochs: 3, restoreBestAt: 1 })).rejects.toThrowError(
      /restoreBestAt.*needs selectBy: 'aji'/,
    );
    await expect(
      trainFcn(model, s, { crop: 16, epochs: 3, validation, selectBy: 'aji', restoreBestAt: 1, averageWeights: {} }),
    ).rejects.toThrowError(/restoreBestAt.*averageWeights/);
    for (const at of [0, 3, 1.5]) {
      await expect(
        trainFcn(model, s, { crop: 16, epochs: 3, validation, selectBy: 'aji', restoreBestAt: at }),
      ).rejects.toThrowError(new RegExp(`restoreBestAt.*1\\.\\.2 \\(the run has 3 epochs\\), got ${at}`));
    }
    model.dispose();
  });
});
