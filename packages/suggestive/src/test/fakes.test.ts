import { describe, expect, it } from 'vitest';
import { imageUncertainty } from '../imageUncertainty';
import { cosineSimilarity } from '../cosineSimilarity';
import { createFakeOracle, createFakePool, createFakeTrainer } from './index';
import type { Image, Sample } from '@qfcn/contract';

describe('fake pool, oracle and trainer', () => {
  it('createFakePool explicit traits: ids img000.., bytes 0/1 hold cluster and difficulty', async () => {
    const pool = createFakePool({
      images: [
        { cluster: 2, difficulty: 200 },
        { cluster: 0, difficulty: 7 },
      ],
      width: 3,
      height: 2,
    });
    expect(pool.ids()).toEqual(['img000', 'img001']);
    const image = (await pool.image('img000')) as Image;
    expect([image.width, image.height, image.channels, image.data[0], image.data[1]]).toEqual([3, 2, 1, 2, 200]);
    expect(pool.traits('img001')).toEqual({ cluster: 0, difficulty: 7 });
    expect(pool.imageCalls).toBe(1);
    expect(() => pool.image('nope')).toThrow(/not in the fake pool/);
  });

  it('createFakePool generated: 10 images in 3 clusters, reproducible difficulties for a seed', () => {
    const a = createFakePool({ size: 10, clusters: 3, seed: 4 });
    const b = createFakePool({ size: 10, clusters: 3, seed: 4 });
    expect(a.ids().map((id) => a.traits(id))).toEqual(b.ids().map((id) => b.traits(id)));
    expect(a.ids().map((id) => a.traits(id).cluster)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
  });

  it('createFakeOracle records calls and returns a label map of the image size', async () => {
    const pool = createFakePool({ size: 3, width: 2, height: 2 });
    const oracle = createFakeOracle(pool);
    const label = await oracle.annotate('img002');
    expect(Array.from(label.data)).toEqual([1, 1, 1, 0]); // x + y < 2
    expect(oracle.calls).toEqual(['img002']);
  });

  it('createFakeTrainer 2 members: uncertainty (0.1·q / (1 + n_c))² for difficulty 51·q; descriptors one-hot per cluster', async () => {
    const pool = createFakePool({
      images: [
        { cluster: 0, difficulty: 255 },
        { cluster: 0, difficulty: 102 },
        { cluster: 1, difficulty: 153 },
      ],
    });
    const trainer = createFakeTrainer();
    const sample = async (id: string): Promise<Sample> => ({ id, image: (await pool.image(id)) as Image });
    const e = await trainer.train([await sample('img001')], { seed: 5, round: 0 });
    const out0 = await e.memberOutputs((await pool.image('img000')) as Image);
    // cluster 0 has one training image: a = 0.1 · 5 / 2 = 0.25 → members 0.25 and 0.75 → variance 0.0625
    expect(imageUncertainty(out0.objectProbabilities as Float32Array[])).toBeCloseTo(0.0625, 7);
    const out2 = await e.memberOutputs((await pool.image('img002')) as Image);
    // cluster 1 has none: a = 0.3 → variance 0.09
    expect(imageUncertainty(out2.objectProbabilities as Float32Array[])).toBeCloseTo(0.09, 7);
    expect(cosineSimilarity(out0.descriptors as Float32Array[], out2.descriptors as Float32Array[])).toBe(0);
    expect(trainer.calls).toEqual([{ round: 0, seed: 5, ids: ['img001'] }]);
    expect(e.coverage.get(0)).toBe(1);
    e.dispose();
    expect(e.disposed).toBe(true);
    await expect(e.memberOutputs((await pool.image('img000')) as Image)).rejects.toThrow(/after dispose/);
  });

  it('createFakeTrainer 3 members: variance a²·2/3; predict is the member mean', async () => {
    const pool = createFakePool({ images: [{ cluster: 0, difficulty: 255 }] });
    const e = await createFakeTrainer({ members: 3 }).train([], { seed: 0, round: 0 });
    const image = (await pool.image('img000')) as Image;
    const out = await e.memberOutputs(image);
    expect(imageUncertainty(out.objectProbabilities as Float32Array[])).toBeCloseTo((0.25 * 2) / 3, 7); // a = 0.5
    const p = await e.predict(image);
    expect(p.object.data[0]).toBeCloseTo(0.5, 7);
  });

  it('createFakeTrainer failOnRound throws a simulated crash for that round only', async () => {
    const trainer = createFakeTrainer({ failOnRound: 1 });
    await expect(trainer.train([], { seed: 0, round: 1 })).rejects.toThrow(/simulated crash in round 1/);
    await expect(trainer.train([], { seed: 0, round: 2 })).resolves.toBeDefined();
  });
});
