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
});
