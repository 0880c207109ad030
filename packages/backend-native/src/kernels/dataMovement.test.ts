import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

describe(`Slice, SplitV, Concat and Tile on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)(
    'slice [[1,2,3],[4,5,6]] from [0,1] size [2,2] = [[2,3],[5,6]]; tile [1,2] x [2] = [1,2,1,2]; split [1..6] in [1,2] cols',
    async () => {
      const [s, t, a, b] = await onBackend('qfcn-native', () => {
        const x = tf.tensor2d([
          [1, 2, 3],
          [4, 5, 6],
        ]);
        return [tf.slice(x, [0, 1], [2, 2]), tf.tile(tf.tensor1d([1, 2]), [2]), ...tf.split(x, [1, 2], 1)];
      });
      expect([Array.from(s!), Array.from(t!), Array.from(a!), Array.from(b!)]).toEqual([
        [2, 3, 5, 6],
        [1, 2, 1, 2],
        [1, 4],
        [2, 3, 5, 6],
      ]);
    },
  );

  const sliceCases: [string, number[], number[], number[]][] = [
    ['channels 1..3 of 2x5x7x6', [2, 5, 7, 6], [0, 0, 0, 1], [-1, -1, -1, 3]],
    ['a window of 3x9x11', [3, 9, 11], [1, 2, 3], [2, 5, 4]],
    ['rows 2..4 of 6x8x3 (contiguous: a cpu view)', [6, 8, 3], [2, 0, 0], [3, -1, -1]],
  ];
  for (const [name, shape, begin, size] of sliceCases) {
    it.skipIf(!nativeBuilt)(`slice ${name}`, async () => {
      await expectParity(() => tf.slice(tf.tensor(randomValues(shape, 101), shape), begin, size), { rtol: 0, atol: 0 });
    });
  }

  it.skipIf(!nativeBuilt)(
    'slice of a non-contiguous window runs natively, a contiguous one on the cpu kernel',
    async () => {
      const before = countOf('Slice');
      await onBackend('qfcn-native', () => [
        tf.slice(tf.zeros([4, 4]), [1, 1], [2, 2]),
        tf.slice(tf.zeros([4, 4]), [1, 0], [2, 4]),
      ]);
      expect(countOf('Slice')).toEqual({ native: before.native + 1, fallback: before.fallback + 1 });
    },
  );

  const splitCases: [string, number[], number | number[], number][] = [
    ['2x5x7x6 into [1, 2, 3] on channels', [2, 5, 7, 6], [1, 2, 3], 3],
    ['2x5x7x6 into 5 on axis 1', [2, 5, 7, 6], 5, 1],
    ['4x6 into [2, -1] on axis 0', [4, 6], [2, -1], 0],
  ];
  for (const [name, shape, sizes, axis] of splitCases) {
    it.skipIf(!nativeBuilt)(`split ${name}`, async () => {
      const before = countOf('SplitV').native;
      await expectParity(() => tf.split(tf.tensor(randomValues(shape, 102), shape), sizes, axis), { rtol: 0, atol: 0 });
      expect(countOf('SplitV').native).toBe(before + 1);
    });
  }

  it.skipIf(!nativeBuilt)('concat gradient (SplitV) of 3 NHWC branches', async () => {
    await expectParity(
      () => {
        const xs = [2, 3, 4].map((c, i) => tf.tensor4d(randomValues([2, 5, 5, c], 103 + i), [2, 5, 5, c]));
        const dy = tf.tensor4d(randomValues([2, 5, 5, 9], 106), [2, 5, 5, 9]);
        return tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.concat([a, b, c], 3))(xs, dy);
      },
      { rtol: 0, atol: 0 },
    );
  });

  it.skipIf(!nativeBuilt)('concat [[1],[2]] and [[3,4],[5,6]] on axis 1 = [[1,3,4],[2,5,6]]', async () => {
    const [y] = await onBackend('qfcn-native', () =>
      tf.concat(
        [
          tf.tensor2d([[1], [2]]),
          tf.tensor2d([
            [3, 4],
            [5, 6],
          ]),
        ],
        1,
      ),
    );
    expect(Array.from(y!)).toEqual([1, 3, 4, 2, 5, 6]);
  });

  const concatCases: [string, number[][], number][] = [
    [
      'three NHWC branches on channels (FCN decoder)',
      [
        [2, 5, 7, 3],
        [2, 5, 7, 1],
        [2, 5, 7, 4],
      ],
      3,
    ],
    [
      'on axis 0',
      [
        [2, 3],
        [4, 3],
      ],
      0,
    ],
    [
      'on the middle axis',
      [
        [2, 1, 5],
        [2, 3, 5],
      ],
      1,
    ],
    [
      'with an empty input',
      [
        [2, 0, 5],
        [2, 3, 5],
      ],
      1,
    ],
    [
      'on axis -1, 4x128x128x(16·6) (parallel size)',
      [
        [4, 128, 128, 16],
        [4, 128, 128, 16],
        [4, 128, 128, 16],
        [4, 128, 128, 16],
        [4, 128, 128, 16],
        [4, 128, 128, 16],
      ],
      -1,
    ],
  ];
  for (const [name, shapes, axis] of concatCases) {
    it.skipIf(!nativeBuilt)(`concat ${name}`, async () => {
      const before = countOf('Concat').native;
      await expectParity(
        () =>
          tf.concat(
            shapes.map((s, i) => tf.tensor(randomValues(s, 108 + i), s)),
            axis,
          ),
        { rtol: 0, atol: 0 },
      );
      expect(countOf('Concat').native).toBeGreaterThanOrEqual(before + 1);
    });
  }

  const tileCases: [string, number[], number[]][] = [
    ['[1,1,1,6] to 2x5x7x6 (batch-norm gradient)', [1, 1, 1, 6], [2, 5, 7, 1]],
    ['2x3 by [3, 2]', [2, 3], [3, 2]],
    ['5 by [0] (empty)', [5], [0]],
  ];
  for (const [name, shape, reps] of tileCases) {
    it.skipIf(!nativeBuilt)(`tile ${name}`, async () => {
      await expectParity(() => tf.tile(tf.tensor(randomValues(shape, 107), shape), reps), { rtol: 0, atol: 0 });
    });
  }
});
