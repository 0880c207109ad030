import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import type { DescriptorModel } from '@qfcn/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { FcnModel } from './FcnModel';
import { createPixelwiseFcn, discSamples } from './test';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

describe('FcnModel', () => {
  it('is a DescriptorModel: predict, describe and predictWithDescriptor agree (pixelwise stand-in, 20x12)', async () => {
    const fcn: DescriptorModel & FcnModel = new FcnModel(createPixelwiseFcn(), { tile: 8, overlap: 2 });
    const image = discSamples(1, { size: 20 })[0]!.image;
    const both = await fcn.predictWithDescriptor(image);
    expect((await fcn.predict(image)).object.data).toEqual(both.object.data);
    expect(await fcn.describe(image)).toEqual(both.descriptor);
    // a pixel of background colour (R=230): sigmoid((230 - 128) / 16)
    expect(both.object.data[0]).toBeCloseTo(1 / (1 + Math.exp(-(230 - 128) / 16)), 5);
    fcn.dispose();
  });

  it('create → train 2 steps → save → load: same predictions; info from inspectFcn', async () => {
    const fcn = FcnModel.create({ widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4, seed: 2 });
    expect(fcn.info.divisor).toBe(2);
    const result = await fcn.train(discSamples(2), { epochs: 2, batchSize: 2, crop: 16 });
    expect(result.steps).toBe(2);
    const dir = join(mkdtempSync(join(tmpdir(), 'qfcn-fcnmodel-')), 'm');
    await fcn.save(dir);
    const loaded = await FcnModel.load(dir);
    const image = discSamples(1, { size: 16, seed: 3 })[0]!.image;
    expect((await loaded.predict(image)).contour.data).toEqual((await fcn.predict(image)).contour.data);
    const before = tf.memory().numTensors;
    loaded.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
    fcn.dispose();
  });
});
