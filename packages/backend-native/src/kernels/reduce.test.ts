import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

const cases: [string, number[], number | number[] | undefined, boolean][] = [
  ['2x5x7x6 over [0,1,2] (per channel)', [2, 5, 7, 6], [0, 1, 2], false],
  ['2x5x7x6 over [1,2] keepDims (global average pooling)', [2, 5, 7, 6], [1, 2], true],
  ['2x5x7x6 over -1', [2, 5, 7, 6], -1, false],
  ['2x5x7x6 over everything', [2, 5, 7, 6], undefined, false],
  ['4x128x128x16 over [0,1,2] (parallel size)', [4, 128, 128, 16], [0, 1, 2], false],
  ['300000 over 0 (one long row)', [300000], 0, false],
];

describe(`Sum and Mean on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)('sum [[1,2,3],[4,5,6]] over 0 = [5,7,9], over 1 = [6,15]; mean over 1 = [2,5]', async () => {
    const [a, b, c] = await onBackend('qfcn-native', () => {
      const x = tf.tensor2d([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      return [tf.sum(x, 0), tf.sum(x, 1), tf.mean(x, 1)];
    });
    expect([Array.from(a!), Array.from(b!), Array.from(c!)]).toEqual([
      [5, 7, 9],
      [6, 15],
      [2, 5],
    ]);
  });

  for (const kernel of ['Sum', 'Mean'] as const) {
    const op = kernel === 'Sum' ? tf.sum : tf.mean;
    for (const [name, shape, axis, keepDims] of cases) {
      it.skipIf(!nativeBuilt)(`${kernel} ${name}`, async () => {
        const before = countOf(kernel).native;
        await expectParity(() => op(tf.tensor(randomValues(shape, 91), shape), axis, keepDims), {
          rtol: 1e-6,
          atol: 1e-6,
        });
        expect(countOf(kernel).native).toBe(before + 1);
      });
    }
  }

  it.skipIf(!nativeBuilt)('sum 2x3x4 over [0,2] (not contiguous) runs on the cpu kernel', async () => {
    const before = countOf('Sum').fallback;
    await expectParity(() => tf.sum(tf.tensor(randomValues([2, 3, 4], 92), [2, 3, 4]), [0, 2]));
    expect(countOf('Sum').fallback).toBe(before + 1);
  });
});
