import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { FcnEnsemble } from './FcnEnsemble';
import { FcnModel } from './FcnModel';
import { discSamples } from './test';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const member = (seed: number) =>
  FcnModel.create({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed }, { tile: 16, overlap: 4 });
const image = discSamples(1, { size: 24 })[0]!.image;

describe('FcnEnsemble', () => {
  it('3 members on a 24x24 image: mean object/contour = average of the members, memberOutputs keeps each', async () => {
    const ensemble = new FcnEnsemble([member(1), member(2), member(3)]);
    expect(ensemble.size).toBe(3);
    const outs = await ensemble.memberOutputs(image);
    expect(outs.objectProbabilities).toHaveLength(3);
    expect(outs.descriptors.map((d) => d.length)).toEqual([8, 8, 8]); // last stage: 256 / 32 channels
    expect([outs.width, outs.height]).toEqual([24, 24]);
    const singles = await Promise.all(ensemble.members.map((m) => m.predict(image)));
    const mean = await ensemble.predict(image);
    for (const i of [0, 100, 575]) {
      expect(mean.object.data[i]).toBeCloseTo(
        (singles[0]!.object.data[i]! + singles[1]!.object.data[i]! + singles[2]!.object.data[i]!) / 3,
        6,
      );
      expect(mean.contour.data[i]).toBeCloseTo(
        (singles[0]!.contour.data[i]! + singles[1]!.contour.data[i]! + singles[2]!.contour.data[i]!) / 3,
        6,
      );
      expect(outs.objectProbabilities[1]![i]).toBe(singles[1]!.object.data[i]);
    }
    expect(outs.objectProbabilities[0]).not.toEqual(outs.objectProbabilities[1]);
    ensemble.dispose();
  });

  it("2 members with distance heads on a 24x24 image: the mean distance is the members' average; with one two-head member there is none", async () => {
    const withHead = (seed: number) =>
      FcnModel.create(
        { widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed, distanceHead: true },
        { tile: 16, overlap: 4 },
      );
    const a = withHead(1);
    const b = withHead(2);
    const [da, db] = [(await a.predict(image)).distance!, (await b.predict(image)).distance!];
    const mean = (await new FcnEnsemble([a, b]).predict(image)).distance!;
    expect([mean.width, mean.height]).toEqual([24, 24]);
    for (let i = 0; i < mean.data.length; i++) expect(mean.data[i]).toBeCloseTo((da.data[i]! + db.data[i]!) / 2, 6);
    const plain = member(3);
    expect((await new FcnEnsemble([a, plain]).predict(image)).distance).toBeUndefined();
    for (const m of [a, b, plain]) m.dispose();
  });

  it('save + load: 2 members, identical member outputs; tensor count back to start after dispose', async () => {
    const start = tf.memory().numTensors;
    const dir = join(mkdtempSync(join(tmpdir(), 'qfcn-ens-')), 'ens');
    const ensemble = new FcnEnsemble([member(1), member(2)]);
    await ensemble.save(dir);
    const loaded = await FcnEnsemble.load(dir, { tile: 16, overlap: 4 });
    const a = await ensemble.memberOutputs(image);
    const b = await loaded.memberOutputs(image);
    expect(b.objectProbabilities).toEqual(a.objectProbabilities);
    expect(b.descriptors).toEqual(a.descriptors);
    ensemble.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('save + load keep inference choices (tta, colorTarget); a malformed colorTarget in ensemble.json → CorruptFileError', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'qfcn-ens-')), 'ens');
    const colorTarget = {
      mean: [55, 20, -10] as [number, number, number],
      std: [15, 9, 7] as [number, number, number],
    };
    const ensemble = new FcnEnsemble([new FcnModel(member(1).model, { tile: 16, overlap: 4, tta: true, colorTarget })]);
    await ensemble.save(dir);
    expect(JSON.parse(readFileSync(join(dir, 'ensemble.json'), 'utf8')).inference).toEqual({ tta: true, colorTarget });
    const loaded = await FcnEnsemble.load(dir, { tile: 16, overlap: 4 });
    expect(loaded.members[0]!.tileOptions).toMatchObject({ tta: true, colorTarget });
    expect((await loaded.predict(image)).object.data).toEqual((await ensemble.predict(image)).object.data);
    loaded.dispose();
    const meta = JSON.parse(readFileSync(join(dir, 'ensemble.json'), 'utf8'));
    writeFileSync(
      join(dir, 'ensemble.json'),
      JSON.stringify({ ...meta, inference: { colorTarget: { mean: [1, 2], std: [1, 1, 1] } } }),
    );
    await expect(FcnEnsemble.load(dir)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    await expect(FcnEnsemble.load(dir)).rejects.toThrowError(/inference.colorTarget.mean/);
    ensemble.dispose();
  });

  it('no members → InvalidArgumentError; missing ensemble.json → DataError; foreign dir refused', async () => {
    expect(() => new FcnEnsemble([])).toThrowError(/at least one member/);
    const root = mkdtempSync(join(tmpdir(), 'qfcn-ens-'));
    await expect(FcnEnsemble.load(root)).rejects.toMatchObject({ code: 'DATA_ERROR' });
    writeFileSync(join(root, 'keep.txt'), 'x');
    const ensemble = new FcnEnsemble([member(1)]);
    await expect(ensemble.save(root)).rejects.toThrowError(/already holds other files \(keep.txt\)/);
    ensemble.dispose();
  });
});
