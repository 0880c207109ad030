import type * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEnsembleTrainer } from './createEnsembleTrainer';
import { discSamples } from './test';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('createEnsembleTrainer', () => {
  it('round 0 twice → identical 2-member ensembles; round 1 → different weights; hooks called per member', async () => {
    const hooked: number[] = [];
    const trainer = createEnsembleTrainer({
      members: 2,
      model: { widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4 },
      train: { epochs: 1, batchSize: 2, crop: 16 },
      hooks: (member) => {
        hooked.push(member);
        return [];
      },
    });
    const samples = discSamples(2);
    const a = await trainer.train(samples, { seed: 1, round: 0 });
    const b = await trainer.train(samples, { seed: 1, round: 0 });
    const c = await trainer.train(samples, { seed: 1, round: 1 });
    expect(a.size).toBe(2);
    expect(weightsOf(b.members[0]!.model)).toEqual(weightsOf(a.members[0]!.model));
    expect(weightsOf(c.members[0]!.model)).not.toEqual(weightsOf(a.members[0]!.model));
    expect(hooked).toEqual([0, 1, 0, 1, 0, 1]);
    for (const e of [a, b, c]) e.dispose();
  });
});
