import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { buildBatch } from './internal/trainBatch';
import { discSamples } from './test';
import { trainFcn } from './trainFcn';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const micro = (seed = 1) => createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed });
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));
const rows = (a: Float32Array, w: number): string[] =>
  Array.from({ length: a.length / w }, (_, y) => Array.from(a.subarray(y * w, y * w + w)).join(' '));

/** 6x4 image, objects 1 | 2 side by side on row 1-2, background around: `0 1 1 2 2 0`. */
const touchingPair = () => {
  const label = new Uint8Array(24);
  for (const y of [1, 2]) label.set([0, 1, 1, 2, 2, 0], y * 6);
  return [
    {
      id: 'pair',
      image: { width: 6, height: 4, channels: 3 as const, data: new Uint8Array(72).fill(128) },
      label: { width: 6, height: 4, data: label },
    },
  ];
};
const still = { flip: false, rotate90: false, colorJitter: false } as const;

describe('trainFcn touchingWeight', () => {
  it('batch of one 6x4 crop `0 1 1 2 2 0`, band 1: contour weights 1 off the band, 3 on it, 10 where 1 meets 2', () => {
    const recipe = {
      samples: touchingPair(),
      crop: 4,
      cropsPerImage: 1,
      seed: 0,
      augment: still,
      contourThickness: 1,
      distance: false,
    };
    // a 4x4 window of the 6x4 image; find where it was cut from the object target's first row with objects
    const batch = buildBatch({ ...recipe, contourWeights: { positive: 3, touching: 10 } }, [0], 0, [0]);
    const plain = buildBatch(recipe, [0], 0, [0]);
    expect(plain.contourWeights).toBeUndefined();
    expect(batch.contour).toEqual(plain.contour);
    const w = batch.contourWeights!;
    for (let i = 0; i < 16; i++) {
      // weight 1 exactly where the contour target is 0; on the band 3, or 10 beside the other object
      expect(w[i]).toBe(batch.contour[i] === 0 ? 1 : w[i] === 10 ? 10 : 3);
    }
    const left = Array.from(batch.object.subarray(4, 8)).join('');
    const expected = { '0111': '1 3 10 10', '1111': '3 10 10 3', '1110': '10 10 3 1' }[left];
    expect(expected, `window row 1 objects ${left}`).toBeDefined();
    expect(rows(w, 4).slice(1, 3)).toEqual([expected, expected]);
    expect(rows(w, 4)[0]).toBe('1 1 1 1');
  });

  it('one disc per 32x32 image (no object touches another): touchingWeight 10 trains bit-identically to none', async () => {
    const runs = [];
    for (const touchingWeight of [undefined, 10]) {
      const model = micro();
      const before = tf.memory().numTensors;
      await trainFcn(model, discSamples(3, { discs: 1 }), {
        epochs: 2,
        batchSize: 2,
        crop: 16,
        seed: 3,
        ...(touchingWeight ? { touchingWeight } : {}),
      });
      expect(tf.memory().numTensors).toBe(before);
      runs.push(weightsOf(model));
      model.dispose();
    }
    expect(runs[1]).toEqual(runs[0]);
  });

  it('touching discs: touchingWeight 10 raises the contour loss of the first step over 3 (same weights, same crops)', async () => {
    const losses: number[] = [];
    for (const touchingWeight of [3, 10]) {
      const model = micro();
      const result = await trainFcn(model, discSamples(4, { discs: 6, radius: [5, 8] }), {
        steps: 1,
        batchSize: 4,
        crop: 32,
        seed: 2,
        touchingWeight,
      });
      losses.push(result.history[0]!.contourLoss);
      model.dispose();
    }
    expect(losses[1]).toBeGreaterThan(losses[0]!);
  });

  it('touchingWeight ≤ 0 → InvalidArgumentError; a resume with another touchingWeight is refused naming it', async () => {
    const model = micro();
    await expect(trainFcn(model, discSamples(1), { crop: 16, touchingWeight: 0 })).rejects.toThrowError(
      /Invalid argument 'touchingWeight': must be > 0, got 0/,
    );
    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-touching-')), 'run.ckpt');
    await trainFcn(model, discSamples(2), {
      epochs: 1,
      batchSize: 2,
      crop: 16,
      touchingWeight: 10,
      checkpoint: { path },
    });
    await expect(
      trainFcn(model, discSamples(2), {
        epochs: 2,
        batchSize: 2,
        crop: 16,
        touchingWeight: 5,
        checkpoint: { path },
        resume: true,
      }),
    ).rejects.toThrowError(/touchingWeight 10 \(now 5\)/);
    model.dispose();
  });
});
