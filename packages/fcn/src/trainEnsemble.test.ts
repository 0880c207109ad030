import type * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import type { ProgressEvent, Sample } from '@qfcn/contract';
import { colorStatistics } from '@qfcn/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { FcnEnsemble } from './FcnEnsemble';
import { FcnModel } from './FcnModel';
import { discSamples } from './test';
import { toInstances } from './toInstances';
import { tuneInstances } from './tuneInstances';
import { trainEnsemble, type TrainEnsembleOptions } from './trainEnsemble';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const base: TrainEnsembleOptions = {
  seed: 7,
  model: { widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4 },
  train: { epochs: 2, batchSize: 2, crop: 16 },
  tile: { tile: 16, overlap: 4 },
};
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('trainEnsemble', () => {
  it('3 members on bootstrap resamples of 4 images: members differ; member 0 does not depend on m', async () => {
    const samples = discSamples(4);
    const three = await trainEnsemble(samples, { ...base, members: 3 });
    const one = await trainEnsemble(samples, { ...base, members: 1 });
    expect(three.size).toBe(3);
    expect(three.histories.map((h) => h.length)).toEqual([2, 2, 2]);
    expect(weightsOf(three.members[0]!.model)).not.toEqual(weightsOf(three.members[1]!.model));
    expect(weightsOf(one.members[0]!.model)).toEqual(weightsOf(three.members[0]!.model));
    three.dispose();
    one.dispose();
  });

  it('interrupted in member 2 of 2 and rerun with the same checkpointDir: same weights as uninterrupted', async () => {
    const samples = discSamples(3, { seed: 5 });
    const reference = await trainEnsemble(samples, { ...base, members: 2 });
    const checkpointDir = mkdtempSync(join(tmpdir(), 'qfcn-ens-'));
    const controller = new AbortController();
    let calls = 0;
    await expect(
      trainEnsemble(samples, {
        ...base,
        members: 2,
        checkpointDir,
        train: { ...base.train },
        signal: controller.signal,
        onProgress: (e) => {
          calls++;
          if (e.stage.startsWith('member 2/2') && e.current === 3) controller.abort(new Error('killed'));
        },
      }),
    ).rejects.toThrowError('killed');
    expect(calls).toBeGreaterThan(4);
    const resumed = await trainEnsemble(samples, { ...base, members: 2, checkpointDir });
    for (let i = 0; i < 2; i++)
      expect(weightsOf(resumed.members[i]!.model)).toEqual(weightsOf(reference.members[i]!.model));
    reference.dispose();
    resumed.dispose();
  });

  it('with validation: post-processing and TTA fitted on it (best mean AJI), saved and loaded back', async () => {
    const validation = discSamples(2, { seed: 21 });
    const grid = { objectThresholds: [0.5], contourThresholds: [0.4, 0.6], minAreas: [1, 4] };
    const tuneEvents: ProgressEvent[] = [];
    const ensemble = await trainEnsemble(discSamples(3), {
      ...base,
      members: 1,
      train: { ...base.train, validation },
      tune: grid,
      onProgress: (e) => {
        if (e.stage === 'tune') tuneEvents.push(e);
      },
    });
    const { tta, colorTarget } = ensemble.members[0]!.tileOptions;
    // the choice is the one tuneInstances makes on the chosen predictions
    const pairs = [];
    for (const s of validation) pairs.push({ output: await ensemble.predict(s.image), groundTruth: s.label! });
    const chosen = tuneInstances(pairs, { ...grid, base: {} });
    expect(ensemble.instances).toEqual(chosen.options);
    // one 'tune' event reports the chosen setting's validation AJI and the flip and colour choices
    expect(tuneEvents).toEqual([
      {
        stage: 'tune',
        current: 1,
        total: 1,
        values: { validationAji: chosen.aji, tta: tta ? 1 : 0, colorMatch: colorTarget ? 1 : 0 },
      },
    ]);
    const dir = join(mkdtempSync(join(tmpdir(), 'qfcn-tuned-')), 'model');
    await ensemble.save(dir);
    const loaded = await FcnEnsemble.load(dir, { tile: 16, overlap: 4 });
    expect(loaded.instances).toEqual(ensemble.instances);
    expect(loaded.members[0]!.tileOptions.tta === true).toBe(tta === true);
    expect(loaded.members[0]!.tileOptions.colorTarget).toEqual(colorTarget);
    const image = validation[0]!.image;
    expect(toInstances(await loaded.predict(image), loaded.instances).data).toEqual(
      toInstances(await ensemble.predict(image), ensemble.instances).data,
    );
    ensemble.dispose();
    loaded.dispose();
  });

  it("colour matching: pale low-contrast validation discs (AJI 0 raw) → the training images' mean Lab statistics are kept; colorMatch false never tries it", async () => {
    // validation discs paler and of a third of the contrast of the training discs
    const tint = (s: Sample): Sample => ({
      ...s,
      image: { ...s.image, data: s.image.data.map((v) => Math.round(220 + (v - 220) * 0.3)) },
    });
    const samples = discSamples(3);
    const validation = discSamples(3).map(tint);
    const grid = { objectThresholds: [0.5], contourThresholds: [0.4, 0.6], minAreas: [1, 4] };
    const options = {
      ...base,
      members: 1,
      train: { ...base.train, epochs: 40, learningRate: 5e-3, validation },
      tune: grid,
      tile: { tile: 16, overlap: 4, tta: false },
    };
    const ensemble = await trainEnsemble(samples, options);
    // the same model with and without colour matching, tuned on the validation images
    const plain = new FcnEnsemble(
      ensemble.members.map((m) => new FcnModel(m.model, { tile: 16, overlap: 4, tta: false })),
    );
    const stats = samples.map((s) => colorStatistics(s.image));
    const mean = (k: 'mean' | 'std') =>
      [0, 1, 2].map((c) => stats.reduce((a, x) => a + x[k][c]!, 0) / 3) as [number, number, number];
    const target = { mean: mean('mean'), std: mean('std') };
    const matched = new FcnEnsemble(
      plain.members.map((m) => new FcnModel(m.model, { ...m.tileOptions, colorTarget: target })),
    );
    const ajiOf = async (e: FcnEnsemble) => {
      const pairs = [];
      for (const s of validation) pairs.push({ output: await e.predict(s.image), groundTruth: s.label! });
      return tuneInstances(pairs, { ...grid, base: {} }).aji;
    };
    const [rawAji, matchedAji] = [await ajiOf(plain), await ajiOf(matched)];
    // raw, the pale discs are lost (AJI 0); brought back to the training colours they are found
    expect(rawAji).toBe(0);
    expect(matchedAji).toBeGreaterThan(0.3);
    const kept = ensemble.members[0]!.tileOptions.colorTarget!;
    for (const k of ['mean', 'std'] as const)
      for (let c = 0; c < 3; c++) expect(kept[k][c]).toBeCloseTo(target[k][c]!, 9);
    const never = await trainEnsemble(samples, { ...options, colorMatch: false });
    expect(never.members[0]!.tileOptions.colorTarget).toBeUndefined();
    for (const e of [ensemble, never]) e.dispose();
  });

  it("tuneOn 'all': TTA decided on the validation images, post-processing tuned on them and the training samples", async () => {
    const validation = discSamples(1, { seed: 21 });
    const samples = discSamples(3);
    const grid = { objectThresholds: [0.3, 0.5], contourThresholds: [0.2, 0.4, 0.6], minAreas: [1, 4, 16] };
    // (colour matching off: this is about what the post-processing is tuned on)
    const options = { ...base, members: 1, train: { ...base.train, validation }, tune: grid, colorMatch: false };
    const onValidation = await trainEnsemble(samples, options);
    const onAll = await trainEnsemble(samples, { ...options, tuneOn: 'all' });
    // same members, same TTA choice (made on the validation image)
    expect(weightsOf(onAll.members[0]!.model)).toEqual(weightsOf(onValidation.members[0]!.model));
    expect(onAll.members[0]!.tileOptions.tta).toBe(onValidation.members[0]!.tileOptions.tta);
    const pairs = [];
    for (const s of [...validation, ...samples])
      pairs.push({ output: await onAll.predict(s.image), groundTruth: s.label! });
    expect(onAll.instances).toEqual(tuneInstances(pairs, { ...grid, base: {} }).options);
    // and here that is not the validation image's own choice
    expect(onAll.instances).not.toEqual(onValidation.instances);
    onValidation.dispose();
    onAll.dispose();
  });

  it('tune false: no fitting, default post-processing', async () => {
    const ensemble = await trainEnsemble(discSamples(2), {
      ...base,
      members: 1,
      train: { ...base.train, validation: discSamples(1) },
      tune: false,
    });
    expect(ensemble.instances).toEqual({});
    ensemble.dispose();
  });

  it('a finished member is reused only with the same settings and pixels; otherwise the error names what differs', async () => {
    const samples = discSamples(2, { seed: 3 });
    const checkpointDir = mkdtempSync(join(tmpdir(), 'qfcn-stale-'));
    const first = await trainEnsemble(samples, { ...base, members: 1, checkpointDir });
    const again = await trainEnsemble(samples, { ...base, members: 1, checkpointDir });
    expect(weightsOf(again.members[0]!.model)).toEqual(weightsOf(first.members[0]!.model));
    await expect(
      trainEnsemble(samples, { ...base, members: 1, checkpointDir, train: { ...base.train, learningRate: 0.01 } }),
    ).rejects.toThrowError(/finished with other settings \(train\.learningRate\)/);
    await expect(
      trainEnsemble(samples, { ...base, members: 1, checkpointDir, train: { ...base.train, epochs: 3 } }),
    ).rejects.toThrowError(/train\.epochs/);
    const otherPixels = samples.map((s) => ({ ...s, image: { ...s.image, data: s.image.data.map((v) => 255 - v) } }));
    await expect(trainEnsemble(otherPixels, { ...base, members: 1, checkpointDir })).rejects.toThrowError(
      /other settings \(samples\)/,
    );
    await expect(
      trainEnsemble(samples, { ...base, members: 1, checkpointDir, hooks: () => [{ name: 'inq-5bit' }] }),
    ).rejects.toThrowError(/other settings \(hooks\)/);
    first.dispose();
    again.dispose();
  });

  it('bad input: members 0, empty samples', async () => {
    await expect(trainEnsemble(discSamples(1), { members: 0 })).rejects.toThrowError(
      /'members': must be a positive integer/,
    );
    await expect(trainEnsemble([], base)).rejects.toThrowError(/empty dataset/);
  });
});
