import { describe, expect, it } from 'vitest';
import type { Ensemble, Image, MemberOutputs, ProgressEvent } from '@qfcn/contract';
import { scorePool } from './scorePool';
import { createFakePool, createFakeTrainer } from './test/index';

/** An ensemble answering with fixed member outputs per image (by byte 0 of the image). */
function fixedEnsemble(outputs: (image: Image) => MemberOutputs): Ensemble {
  return {
    size: 2,
    memberOutputs: async (image) => outputs(image),
    predict: async () => {
      throw new Error('not used');
    },
  };
}

describe('scorePool', () => {
  it('scorePool 3 fake images, 2 members, untrained: uncertainty (0.1·q)², one descriptor per member', async () => {
    const pool = createFakePool({
      images: [
        { cluster: 0, difficulty: 255 },
        { cluster: 1, difficulty: 102 },
        { cluster: 0, difficulty: 0 },
      ],
    });
    const ensemble = await createFakeTrainer().train([], { seed: 0, round: 0 });
    const events: ProgressEvent[] = [];
    const scores = await scorePool(ensemble, pool, { onProgress: (e) => events.push(e) });
    expect(scores.ids).toEqual(['img000', 'img001', 'img002']);
    expect(scores.uncertainty[0]).toBeCloseTo(0.25, 7);
    expect(scores.uncertainty[1]).toBeCloseTo(0.04, 7);
    expect(scores.uncertainty[2]).toBe(0);
    expect(scores.descriptors.map((d) => d.length)).toEqual([2, 2, 2]);
    expect(Array.from(scores.descriptors[1]![0]!)).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
    expect(events.map((e) => [e.stage, e.current, e.total])).toEqual([
      ['score', 1, 3],
      ['score', 2, 3],
      ['score', 3, 3],
    ]);
  });

  it('scorePool ids option scores only those, in the given order', async () => {
    const pool = createFakePool({ size: 5 });
    const ensemble = await createFakeTrainer().train([], { seed: 0, round: 0 });
    const scores = await scorePool(ensemble, pool, { ids: ['img004', 'img001'] });
    expect(scores.ids).toEqual(['img004', 'img001']);
    expect(scores.uncertainty).toHaveLength(2);
    expect(pool.imageCalls).toBe(2);
  });

  it('scorePool bad ensembles: no members, member count changing between images, descriptors missing', async () => {
    const pool = createFakePool({ size: 3, clusters: 3 });
    const p = new Float32Array(16);
    const d = new Float32Array(4);
    const bad: [string, (image: Image) => MemberOutputs][] = [
      ['no member probabilities', () => ({ width: 4, height: 4, objectProbabilities: [], descriptors: [] })],
      [
        'has 1 members',
        (image) => ({
          width: 4,
          height: 4,
          objectProbabilities: image.data[0] === 0 ? [p, p] : [p],
          descriptors: image.data[0] === 0 ? [d, d] : [d],
        }),
      ],
      [
        'member descriptors for 2 members',
        () => ({ width: 4, height: 4, objectProbabilities: [p, p], descriptors: [d] }),
      ],
    ];
    for (const [message, outputs] of bad) {
      await expect(scorePool(fixedEnsemble(outputs), pool)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(message),
      });
    }
  });

  it('scorePool stops on an aborted signal', async () => {
    const pool = createFakePool({ size: 3 });
    const ensemble = await createFakeTrainer().train([], { seed: 0, round: 0 });
    await expect(scorePool(ensemble, pool, { signal: AbortSignal.abort(new Error('cancelled')) })).rejects.toThrow(
      'cancelled',
    );
  });
});
