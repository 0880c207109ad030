import type * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import { inqHook } from '@qfcn/quantize/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { discSamples } from './test';
import { trainFcn } from './trainFcn';

// Integration of @qfcn/quantize's INQ hook with the trainer (QNT: quantized network training).
beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const micro = (seed = 1) => createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed });
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('trainFcn + inqHook', () => {
  it('5-bit INQ, one step per epoch over 4 epochs: every kernel ends on ≤ 8 powers of two or 0; BN stays float', async () => {
    const model = micro();
    const hook = inqHook({ bits: 5, epochsPerStep: 1 });
    await trainFcn(model, discSamples(3), { epochs: 4, batchSize: 2, crop: 16, hooks: [hook] });
    expect(hook.inq?.done).toBe(true);
    let kernels = 0;
    for (const w of model.weights) {
      const values = Array.from(w.read().dataSync());
      if (w.originalName.endsWith('/kernel')) {
        kernels++;
        const exponents = new Set<number>();
        for (const v of values) {
          if (v === 0) continue;
          const e = Math.log2(Math.abs(v));
          expect(Number.isInteger(e)).toBe(true);
          exponents.add(e);
        }
        expect(exponents.size).toBeLessThanOrEqual(8);
      } else if (w.originalName.endsWith('/gamma')) {
        expect(values.some((v) => !Number.isInteger(Math.log2(Math.abs(v))))).toBe(true);
      }
    }
    expect(kernels).toBe(hook.inq?.names.length);
    hook.dispose();
    model.dispose();
  });

  it('INQ run killed after step 5 of 8 and resumed: bit-identical weights, same INQ step', async () => {
    const options = { epochs: 4, batchSize: 2, crop: 16, seed: 3 };
    const samples = discSamples(3, { seed: 2 });
    const reference = micro();
    const refHook = inqHook({ bits: 6, epochsPerStep: 1 });
    await trainFcn(reference, samples, { ...options, hooks: [refHook] });

    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-inq-')), 'run.ckpt');
    const killed = micro();
    const killedHook = inqHook({ bits: 6, epochsPerStep: 1 });
    const controller = new AbortController();
    await expect(
      trainFcn(killed, samples, {
        ...options,
        hooks: [killedHook],
        checkpoint: { path, everySteps: 1 },
        signal: controller.signal,
        onProgress: (e) => e.current === 5 && controller.abort(new Error('killed')),
      }),
    ).rejects.toThrowError('killed');
    killedHook.dispose();
    killed.dispose();

    const resumed = micro(42);
    const hook = inqHook({ bits: 6, epochsPerStep: 1 });
    const result = await trainFcn(resumed, samples, { ...options, hooks: [hook], checkpoint: { path }, resume: true });
    expect(result.resumedFrom).toEqual({ epoch: 2, step: 5 });
    expect(hook.inq?.step).toBe(refHook.inq?.step);
    expect(weightsOf(resumed)).toEqual(weightsOf(reference));
    for (const h of [refHook, hook]) h.dispose();
    reference.dispose();
    resumed.dispose();
  });

  it('restoreBestAt 3 of 6 epochs: INQ starts from the best validation of epochs 0–2 (epoch 2 validated though validateEvery is 2) and the quantized last weights are kept', async () => {
    const model = micro();
    const ends: number[][][] = [];
    let atRestore: number[][] = [];
    const probe = {
      name: 'probe',
      onEpochBegin: (ctx: { epoch: number }) => {
        if (ctx.epoch === 3) atRestore = weightsOf(model);
      },
      onEpochEnd: () => void ends.push(weightsOf(model)),
    };
    const hook = inqHook({ bits: 5, epochsPerStep: 1, startEpoch: 3 });
    const result = await trainFcn(model, discSamples(3), {
      ...restoring,
      hooks: [probe, hook],
    });
    const ajis = result.history.map((h) => h.valAji);
    // validated: epoch 1 (every 2), 2 (before the restore), 3, 5 (every 2 and the last)
    expect(ajis.map((a) => a !== undefined)).toEqual([false, true, true, true, false, true]);
    const best = ajis[1]! >= ajis[2]! ? 1 : 2;
    expect(result.selected).toEqual({ epoch: best, aji: ajis[best] });
    expect(atRestore).toEqual(ends[best]);
    // these settings make the restore a real jump: the best is epoch 1, not the last float epoch
    expect(best).toBe(1);
    expect(atRestore).not.toEqual(ends[2]);
    // the last weights are kept: quantized kernels, not the float best
    expect(hook.inq?.done).toBe(true);
    for (const w of model.weights.filter((w) => w.originalName.endsWith('/kernel'))) {
      const off = Array.from(w.read().dataSync()).filter((v) => v !== 0 && !Number.isInteger(Math.log2(Math.abs(v))));
      expect(off).toEqual([]);
    }
    hook.dispose();
    model.dispose();
  });

  it('restoreBestAt 3: killed in epoch 2 (before the restore), at its boundary or in epoch 4 (after it) and resumed, bit-identical weights', async () => {
    const samples = discSamples(3);
    const reference = micro();
    const refHook = inqHook({ bits: 5, epochsPerStep: 1, startEpoch: 3 });
    await trainFcn(reference, samples, { ...restoring, hooks: [refHook] });
    // killed at step 7 with epoch checkpoints only: resumed exactly at the restore (epoch 3, batch 0)
    for (const [killAt, everySteps] of [
      [5, 1],
      [7, undefined],
      [9, 1],
    ] as const) {
      const path = join(mkdtempSync(join(tmpdir(), 'qfcn-restore-')), 'run.ckpt');
      const killed = micro();
      const killedHook = inqHook({ bits: 5, epochsPerStep: 1, startEpoch: 3 });
      const controller = new AbortController();
      await expect(
        trainFcn(killed, samples, {
          ...restoring,
          hooks: [killedHook],
          checkpoint: { path, ...(everySteps ? { everySteps } : {}) },
          signal: controller.signal,
          onProgress: (e) => e.stage === 'train' && e.current === killAt && controller.abort(new Error('killed')),
        }),
      ).rejects.toThrowError('killed');
      killedHook.dispose();
      killed.dispose();
      const resumed = micro(42);
      const hook = inqHook({ bits: 5, epochsPerStep: 1, startEpoch: 3 });
      const result = await trainFcn(resumed, samples, {
        ...restoring,
        hooks: [hook],
        checkpoint: { path },
        resume: true,
      });
      expect(result.resumedFrom?.step).toBe(everySteps ? killAt : 6);
      expect(weightsOf(resumed)).toEqual(weightsOf(reference));
      hook.dispose();
      resumed.dispose();
    }
    refHook.dispose();
    reference.dispose();
  });
});

/** 6 epochs of 2 steps, validated every 2 epochs, the best float weights restored at epoch 3. */
const restoring = {
  epochs: 6,
  batchSize: 2,
  crop: 16,
  seed: 3,
  learningRate: 1e-2,
  validation: discSamples(2, { seed: 9 }),
  validateEvery: 2,
  selectBy: 'aji' as const,
  restoreBestAt: 3,
};
