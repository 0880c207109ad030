import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { saveModel } from './saveModel';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny = (seed: number) => createFcn({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed });

describe('saveModel', () => {
  it('writes standard model.json (layers-model, one manifest group) + weights.bin of 4 bytes per weight', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qfcn-save-'));
    const model = tiny(1);
    const info = await saveModel(model, join(root, 'm'));
    expect(readdirSync(join(root, 'm')).sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(readFileSync(join(root, 'm', 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(['./weights.bin']);
    expect(json.modelTopology.config.output_layers.map((o: unknown[]) => o[0])).toEqual([
      'object',
      'contour',
      'descriptor',
    ]);
    const count = model.weights.reduce((s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
    expect(info.weightBytes).toBe(4 * count);
    expect(readdirSync(root)).toEqual(['m']); // no temporary directories left behind
    model.dispose();
  });

  it('refuses to replace a directory holding other files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qfcn-save-'));
    writeFileSync(join(root, 'notes.txt'), 'mine');
    const model = tiny(1);
    await expect(saveModel(model, root)).rejects.toThrowError(/already holds other files \(notes.txt\)/);
    model.dispose();
  });
});
