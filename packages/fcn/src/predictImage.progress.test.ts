import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { FcnEnsemble } from './inference/FcnEnsemble';
import { FcnModel } from './inference/FcnModel';
import { predictImage } from './predictImage';
import { discSamples } from './test';

beforeAll(async () => {
  await initBackend('cpu', { log: false, check: 'none' });
});

const options = { widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4 } as const;

describe('tile progress (predictImage onProgress, FcnEnsemble.predictWithMembers)', () => {
  it('predictImage: onProgress is awaited after each batch (done/total in tiles) and the result is the same as without it', async () => {
    const model = FcnModel.create({ ...options, seed: 1 }).model;
    const image = discSamples(1, { size: 40, seed: 2 })[0]!.image; // tile 16, overlap 4: 3x3 tiles
    const calls: [number, number][] = [];
    const withProgress = await predictImage(model, image, {
      tile: 16,
      overlap: 4,
      batchSize: 3,
      onProgress: async (done, total) => {
        calls.push([done, total]);
        await new Promise((r) => setTimeout(r, 0));
      },
    });
    const plain = await predictImage(model, image, { tile: 16, overlap: 4, batchSize: 3 });
    expect(calls).toEqual([
      [3, 9],
      [6, 9],
      [9, 9],
    ]);
    expect(Array.from(withProgress.object.data)).toEqual(Array.from(plain.object.data));
    expect(Array.from(withProgress.contour.data)).toEqual(Array.from(plain.contour.data));
    model.dispose();
  });

  it('ensemble: progress counts tile passes over all members; the mean is unchanged', async () => {
    const tiles = { tile: 16, overlap: 4, batchSize: 4 };
    const ensemble = new FcnEnsemble([
      FcnModel.create({ ...options, seed: 1 }, tiles),
      FcnModel.create({ ...options, seed: 2 }, tiles),
    ]);
    const image = discSamples(1, { size: 40, seed: 3 })[0]!.image;
    expect(ensemble.members[0]!.countTiles(40, 40)).toBe(9);
    const calls: number[] = [];
    const a = await ensemble.predictWithMembers(image, (done, total) => {
      expect(total).toBe(18);
      calls.push(done);
    });
    const b = await ensemble.predictWithMembers(image);
    expect(calls).toEqual([4, 8, 9, 13, 17, 18]);
    expect(Array.from(a.mean.object.data)).toEqual(Array.from(b.mean.object.data));
    ensemble.dispose();
  });
});
