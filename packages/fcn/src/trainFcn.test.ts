import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainingHook } from '@qfcn/contract';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { discSamples } from './test';
import { trainUntilKilled } from './__fixtures__/trainUntilKilled';
import { trainFcn } from './trainFcn';

// wasm (one thread, deterministic) with @qfcn/backend's training kernels: the cpu backend's
// Conv2DBackpropFilter is ~10x slower and would make this suite take minutes.
beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

/** Two stages, 4..8 channels: trains on 16-32 px crops in well under a second per step on cpu. */
const micro = (seed = 1) => createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed });
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('trainFcn', () => {
  it('30 steps on 4 disc images 32x32 (crop 16): total loss of the last 3 epochs < 0.6 x the first epoch', async () => {
    const model = micro();
    const result = await trainFcn(model, discSamples(4), { epochs: 15, batchSize: 2, crop: 16, learningRate: 5e-3 });
    expect(result.steps).toBe(30);
    expect(result.history).toHaveLength(15);
    const last = result.history.slice(12).reduce((s, h) => s + h.loss, 0) / 3;
    expect(last).toBeLessThan(0.6 * result.history[0]!.loss);
    // loss = object BCE + contour BCE (contour pixels weighted 3)
    for (const h of result.history) expect(h.loss).toBeCloseTo(h.objectLoss + h.contourLoss, 5);
    model.dispose();
  });

  it('same seed → bit-identical weights; tensor count constant after every step', async () => {
    const counts: number[] = [];
    const runs = [];
    for (let r = 0; r < 2; r++) {
      const model = micro();
      const before = tf.memory().numTensors;
      await trainFcn(model, discSamples(3), {
        epochs: 2,
        batchSize: 2,
        crop: 16,
        seed: 5,
        onProgress: () => counts.push(tf.memory().numTensors),
      });
      expect(tf.memory().numTensors).toBe(before); // optimizer state released at the end
      runs.push(weightsOf(model));
      model.dispose();
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(counts).toHaveLength(8);
    expect(new Set(counts.slice(0, 4)).size).toBe(1);
    expect(new Set(counts.slice(4)).size).toBe(1);
  });

  it('hooks: onTrainBegin, onEpochBegin, afterUpdate per step, onEpochEnd with logs, onTrainEnd; weights by layer name', async () => {
    const calls: string[] = [];
    let names: string[] = [];
    const hook: TrainingHook<tf.Variable> = {
      name: 'recorder',
      onTrainBegin: (ctx) => {
        calls.push('trainBegin');
        names = [...ctx.weights.keys()];
      },
      onEpochBegin: (ctx) => void calls.push(`epochBegin ${ctx.epoch}`),
      afterUpdate: (ctx) => void calls.push(`update ${ctx.epoch}/${ctx.step}`),
      onEpochEnd: (ctx, logs) => void calls.push(`epochEnd ${ctx.epoch} ${Number.isFinite(logs.loss)}`),
      onTrainEnd: (ctx) => void calls.push(`trainEnd ${ctx.step}`),
    };
    const model = micro();
    await trainFcn(model, discSamples(3), { epochs: 2, batchSize: 2, crop: 16, hooks: [hook] });
    expect(calls).toEqual([
      'trainBegin',
      'epochBegin 0',
      'update 0/1',
      'update 0/2',
      'epochEnd 0 true',
      'epochBegin 1',
      'update 1/3',
      'update 1/4',
      'epochEnd 1 true',
      'trainEnd 4',
    ]);
    expect(names).toContain('stage0_a_conv/kernel');
    expect(names).toContain('stage0_a_bn/gamma');
    expect(names).not.toContain('stage0_a_bn/moving_mean');
    model.dispose();
  });

  it('a hook that pins a kernel in afterUpdate keeps it fixed through Adam updates', async () => {
    const model = micro();
    const pinned = 'stage0_a_conv/kernel';
    let frozen: tf.Tensor | undefined;
    const hook: TrainingHook<tf.Variable> = {
      name: 'pin',
      onTrainBegin: (ctx) => {
        frozen = ctx.weights.get(pinned)!.clone();
      },
      afterUpdate: (ctx) => ctx.weights.get(pinned)!.assign(frozen!),
    };
    const before = Array.from(model.getLayer('stage0_a_conv').getWeights()[0]!.dataSync());
    await trainFcn(model, discSamples(2), { epochs: 2, batchSize: 2, crop: 16, hooks: [hook] });
    expect(Array.from(model.getLayer('stage0_a_conv').getWeights()[0]!.dataSync())).toEqual(before);
    expect(Array.from(model.getLayer('stage0_b_conv').getWeights()[0]!.dataSync())).not.toEqual(
      Array.from(micro().getLayer('stage0_b_conv').getWeights()[0]!.dataSync()),
    );
    frozen?.dispose();
    model.dispose();
  });

  it('killed after step 3 of 6 and resumed from its step checkpoint: bit-identical final weights and hook state', async () => {
    const options = { epochs: 3, batchSize: 2, crop: 16, seed: 11 };
    const samples = discSamples(3, { seed: 4 });
    const counter = (): TrainingHook<tf.Variable> & { updates: number } => {
      const h = {
        name: 'counter',
        updates: 0,
        afterUpdate: () => void h.updates++,
        saveState: () => ({ updates: h.updates, tag: new Uint8Array([h.updates]) }),
        restoreState: (s: unknown) => {
          h.updates = (s as { updates: number }).updates;
        },
      };
      return h;
    };
    const reference = micro();
    const refHook = counter();
    const full = await trainFcn(reference, samples, { ...options, hooks: [refHook] });

    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-train-')), 'run.ckpt');
    const killed = micro();
    await trainUntilKilled(killed, samples, { ...options, hooks: [counter()] }, path, 3);
    killed.dispose();

    const resumed = micro(99); // other initial weights: all come from the checkpoint
    const hook = counter();
    const result = await trainFcn(resumed, samples, { ...options, hooks: [hook], checkpoint: { path }, resume: true });
    expect(result.resumedFrom).toEqual({ epoch: 1, step: 3 });
    expect(result.steps).toBe(6);
    expect(hook.updates).toBe(6);
    expect(weightsOf(resumed)).toEqual(weightsOf(reference));
    expect(result.history.map((h) => h.loss)).toEqual(full.history.map((h) => h.loss));
    reference.dispose();
    resumed.dispose();
  });

  it('resume with another batch size → InvalidArgumentError naming the setting', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-train-')), 'run.ckpt');
    const model = micro();
    await trainFcn(model, discSamples(2), { epochs: 1, batchSize: 2, crop: 16, checkpoint: { path } });
    await expect(
      trainFcn(model, discSamples(2), { epochs: 2, batchSize: 1, crop: 16, checkpoint: { path }, resume: true }),
    ).rejects.toThrowError(/other training settings: batchSize 2 \(now 1\)/);
    model.dispose();
  });

  it('validation logs pooled F1 / object Dice / Hausdorff of held-out samples', async () => {
    const model = micro();
    const result = await trainFcn(model, discSamples(2), {
      epochs: 1,
      batchSize: 2,
      crop: 16,
      validation: discSamples(1, { seed: 9 }),
    });
    const log = result.history[0]!;
    for (const v of [log.valF1, log.valObjectDice]) expect(v! >= 0 && v! <= 1).toBe(true);
    expect(log.valObjectHausdorff).toBeGreaterThanOrEqual(0);
    model.dispose();
  });

  it('bad input: empty dataset, crop 48 > 32x32 image, crop 15 not a multiple of 2, missing label, label size, RGBA', async () => {
    const model = micro();
    const s = discSamples(1)[0]!;
    await expect(trainFcn(model, [])).rejects.toThrowError(/empty dataset/);
    await expect(trainFcn(model, [s], { crop: 48 })).rejects.toThrowError(
      /crop 48x48 is larger than image 'disc_0' \(32x32\)/,
    );
    await expect(trainFcn(model, [s], { crop: 15 })).rejects.toThrowError(/must be a positive multiple of 2/);
    await expect(trainFcn(model, [{ id: 'x', image: s.image }], { crop: 16 })).rejects.toThrowError(
      /sample has no label map/,
    );
    await expect(
      trainFcn(model, [{ ...s, label: { width: 16, height: 32, data: new Uint8Array(512) } }], { crop: 16 }),
    ).rejects.toThrowError(/label map is 16x32 but its image is 32x32/);
    const rgba = { ...s, image: { width: 32, height: 32, channels: 4 as const, data: new Uint8Array(4096) } };
    await expect(trainFcn(model, [rgba], { crop: 16 })).rejects.toThrowError(
      /has 4 channel\(s\) but the model takes 3/,
    );
    model.dispose();
  });
});
