import { initBackend } from '@qfcn/backend';
import { InvalidArgumentError } from '@qfcn/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { discSamples } from './test';
import { trainEnsemble, type TrainEnsembleOptions } from './trainEnsemble';
import { tuneEnsemble } from './tuneEnsemble';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const base: TrainEnsembleOptions = {
  seed: 7,
  members: 1,
  model: { widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4 },
  train: { epochs: 2, batchSize: 2, crop: 16 },
  tile: { tile: 16, overlap: 4 },
};
const grid = { objectThresholds: [0.5], contourThresholds: [0.4, 0.6], minAreas: [1, 4] };

describe('tuneEnsemble', () => {
  it("an untuned ensemble of 1 member, 2 validation discs: the same post-processing, flips and colour choice as trainEnsemble's own tuning; the input is not changed", async () => {
    const samples = discSamples(3);
    const validation = discSamples(2, { seed: 21 });
    const train = { ...base.train, validation };
    const reference = await trainEnsemble(samples, { ...base, train, tune: grid });
    const untuned = await trainEnsemble(samples, { ...base, train, tune: false });
    const events: unknown[] = [];
    const tuned = await tuneEnsemble(untuned, {
      validation,
      samples,
      grid,
      onProgress: (e) => events.push(e.values),
    });
    expect(tuned.instances).toEqual(reference.instances);
    expect(tuned.members[0]!.tileOptions).toEqual(reference.members[0]!.tileOptions);
    expect(events).toHaveLength(1);
    expect(untuned.instances).toEqual({});
    expect(untuned.members[0]!.tileOptions).toEqual(base.tile);
    // without training samples there is no colour target to try
    const noSamples = await tuneEnsemble(untuned, { validation, grid });
    expect(noSamples.members[0]!.tileOptions.colorTarget).toBeUndefined();
    reference.dispose();
    untuned.dispose();
  });

  it('bad input: no validation images, a validation image without a label', async () => {
    const untuned = await trainEnsemble(discSamples(2), { ...base, tune: false });
    await expect(tuneEnsemble(untuned, { validation: [] })).rejects.toThrowError(InvalidArgumentError);
    const [unlabelled] = discSamples(1).map(({ label: _label, ...s }) => s);
    await expect(tuneEnsemble(untuned, { validation: [unlabelled!] })).rejects.toThrowError(/has no label/);
    untuned.dispose();
  });
});
