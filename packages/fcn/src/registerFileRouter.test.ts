import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerFileRouter } from './registerFileRouter';
import { createTestFcn } from './test';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('registerFileRouter', () => {
  it("model.save('file:///…') then tf.loadLayersModel('file:///…/model.json'): same weights; second call is a no-op", async () => {
    expect(registerFileRouter()).toBe(true);
    expect(registerFileRouter()).toBe(false);
    const dir = join(mkdtempSync(join(tmpdir(), 'qfcn-router-')), 'm');
    const model = createTestFcn({ seed: 4 });
    await model.save(pathToFileURL(dir).href);
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await tf.loadLayersModel(pathToFileURL(join(dir, 'model.json')).href);
    expect(loaded.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(
      model.getWeights().map((w) => Array.from(w.dataSync())),
    );
    model.dispose();
    loaded.dispose();
  });
});
