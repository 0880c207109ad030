import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { packWeights } from '@qfcn/quantize';
import { tinyQuantizedTensors } from '../test/fixtures';
import { unpackToTensors } from './unpackToTensors';

describe('unpackToTensors', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('tiny kernel + bias → float32 tensors by name with their shapes and level values', () => {
    const before = tf.memory().numTensors;
    const weights = unpackToTensors(packWeights(tinyQuantizedTensors()));
    expect(Object.keys(weights)).toEqual(['conv/kernel', 'conv/bias']);
    expect(weights['conv/kernel']!.shape).toEqual([2, 2]);
    expect(weights['conv/kernel']!.dtype).toBe('float32');
    expect(Array.from(weights['conv/kernel']!.dataSync())).toEqual([0.25, -0.125, 0, 0.25]);
    expect(Array.from(weights['conv/bias']!.dataSync())).toEqual([Math.fround(0.1)]);
    tf.dispose(Object.values(weights));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('truncated bytes → CorruptFileError, no tensor created', () => {
    const before = tf.memory().numTensors;
    expect(() => unpackToTensors(packWeights(tinyQuantizedTensors()).subarray(0, 40))).toThrow(
      expect.objectContaining({ code: 'CORRUPT_FILE' }),
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
