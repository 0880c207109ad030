import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { loadModel } from './loadModel';
import { saveModel } from './saveModel';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny = (seed: number) => createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed });

describe('loadModel', () => {
  it('round trip: bit-identical weights and predictions on a 1x8x8x3 input; saving again replaces', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'qfcn-load-')), 'm');
    const first = tiny(2);
    await saveModel(first, dir);
    const model = tiny(3);
    await saveModel(model, dir); // replaces the first
    const loaded = await loadModel(dir);
    const a = model.getWeights().map((w) => Array.from(w.dataSync()));
    const b = loaded.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b).toEqual(a);
    const x = tf.randomUniform([1, 8, 8, 3], 0, 255, 'float32', 5);
    const pa = (model.predict(x) as tf.Tensor[]).map((t) => Array.from(t.dataSync()));
    const pb = (loaded.predict(x) as tf.Tensor[]).map((t) => Array.from(t.dataSync()));
    expect(pb).toEqual(pa);
    for (const m of [first, model, loaded]) m.dispose();
    x.dispose();
  });

  it('a NaN in weights.bin (float 12 of the first weight) → CorruptFileError naming the weight; Infinity too', async () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const dir = join(mkdtempSync(join(tmpdir(), 'qfcn-nan-')), 'm');
      const model = tiny(4);
      await saveModel(model, dir);
      const bytes = readFileSync(join(dir, 'weights.bin'));
      const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      floats[12] = bad;
      writeFileSync(join(dir, 'weights.bin'), bytes);
      const name = model.weights[0]!.originalName;
      await expect(loadModel(dir)).rejects.toThrowError(
        new RegExp(`weight ${name} holds ${bad} at index 12: weights must be finite`),
      );
      model.dispose();
    }
  });

  it('missing directory → DataError; truncated weights.bin → CorruptFileError; bad JSON → CorruptFileError', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qfcn-load-'));
    await expect(loadModel(join(root, 'nope'))).rejects.toMatchObject({ code: 'DATA_ERROR' });
    const dir = join(root, 'm');
    const model = tiny(1);
    await saveModel(model, dir);
    const weights = readFileSync(join(dir, 'weights.bin'));
    writeFileSync(join(dir, 'weights.bin'), weights.subarray(0, weights.byteLength - 4));
    await expect(loadModel(dir)).rejects.toThrowError(/manifest declares .* \(truncated or foreign file\)/);
    writeFileSync(join(dir, 'model.json'), '{"modelTopology":');
    await expect(loadModel(dir)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    model.dispose();
  });
});
