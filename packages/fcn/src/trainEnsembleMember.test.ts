import type * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { discSamples } from './test';
import { trainEnsemble, type TrainEnsembleOptions } from './trainEnsemble';
import { trainEnsembleMember } from './trainEnsembleMember';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const base: TrainEnsembleOptions = {
  members: 2,
  seed: 3,
  model: { widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4 },
  train: { epochs: 2, batchSize: 2, crop: 16 },
  tile: { tile: 16, overlap: 4 },
};
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('trainEnsembleMember', () => {
  it('members trained one by one (in any order) make the ensemble trainEnsemble trains, bit for bit', async () => {
    const samples = discSamples(3, { seed: 2 });
    const reference = await trainEnsemble(samples, base);
    const checkpointDir = mkdtempSync(join(tmpdir(), 'qfcn-member-'));
    const second = await trainEnsembleMember(samples, { ...base, checkpointDir }, 1);
    const first = await trainEnsembleMember(samples, { ...base, checkpointDir }, 0);
    expect([first.outcome, second.outcome]).toEqual(['trained', 'trained']);
    expect(first.history).toEqual(
      reference.histories[0]!.map((h) => ({ ...h, seconds: expect.any(Number), imagesPerSecond: expect.any(Number) })),
    );
    expect((await trainEnsembleMember(samples, { ...base, checkpointDir }, 0)).outcome).toBe('finished');
    const loaded = await trainEnsemble(samples, { ...base, checkpointDir });
    for (let i = 0; i < 2; i++)
      expect(weightsOf(loaded.members[i]!.model)).toEqual(weightsOf(reference.members[i]!.model));
    reference.dispose();
    loaded.dispose();
  });

  it('refuses a member outside the ensemble and a missing checkpointDir', async () => {
    const samples = discSamples(2);
    await expect(
      trainEnsembleMember(samples, { ...base, checkpointDir: mkdtempSync(join(tmpdir(), 'qfcn-member-')) }, 2),
    ).rejects.toThrow(/member.*0\.\.1, got 2/);
    await expect(trainEnsembleMember(samples, base, 0)).rejects.toThrow(/checkpointDir/);
  });
});
