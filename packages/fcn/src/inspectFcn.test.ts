import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { inspectFcn } from './inspectFcn';
import { createPixelwiseFcn } from './test';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('inspectFcn', () => {
  it('tiny with 1 input channel: 4 stages, divisor 8, descriptor 64', () => {
    const model = createFcn({ preset: 'tiny', inputChannels: 1 });
    const info = inspectFcn(model);
    expect([info.stages, info.divisor, info.inputChannels, info.descriptorSize]).toEqual([4, 8, 1, 64]);
    model.dispose();
  });

  it('pixelwise stand-in: 1 stage, divisor 1, 2-d descriptor, 12 weights', () => {
    const model = createPixelwiseFcn();
    expect(inspectFcn(model)).toMatchObject({
      stages: 1,
      divisor: 1,
      descriptorSize: 2,
      parameters: 3 * 2 + 2 + 2 * (2 + 1),
    });
    model.dispose();
  });

  it('outputs object, contour, descriptor, y (a fourth output not named distance) → InvalidArgumentError', () => {
    const model = createFcn({ preset: 'tiny' });
    const outputs = [...model.outputs, model.getLayer('object_logits').output as tf.SymbolicTensor];
    const renamed = tf.model({ inputs: model.inputs, outputs });
    expect(() => inspectFcn(renamed)).toThrowError(/got \[object, contour, descriptor, object_logits\]/);
    model.dispose();
  });

  it('outputs in the wrong order (hv before distance) → InvalidArgumentError', () => {
    const model = createFcn({ preset: 'tiny', distanceHead: true, hvHead: true });
    const [o, c, d, dist, hv] = model.outputs;
    const swapped = tf.model({ inputs: model.inputs, outputs: [o!, c!, d!, hv!, dist!] });
    expect(() => inspectFcn(swapped)).toThrowError(/got \[object, contour, descriptor, hv, distance\]/);
    model.dispose();
  });

  it('a model with other outputs → InvalidArgumentError naming them', () => {
    const input = tf.input({ shape: [4] });
    const out = tf.layers.dense({ units: 1, name: 'y' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    expect(() => inspectFcn(model)).toThrowError(
      /outputs must be \[object, contour, descriptor\], then optionally distance, then optionally hv; got \[y\]/,
    );
  });

  it('outputs named object, contour, descriptor on 1×1×3 input but no stage0_out layer → InvalidArgumentError', () => {
    const input = tf.input({ shape: [1, 1, 3] });
    const head = (name: string) =>
      tf.layers.conv2d({ filters: 1, kernelSize: 1, name }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: [head('object'), head('contour'), head('descriptor')] });
    expect(() => inspectFcn(model)).toThrowError(/not a qfcn FCN: no stage0_out layer/);
    model.dispose();
  });
});
