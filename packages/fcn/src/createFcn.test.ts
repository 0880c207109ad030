import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFcn } from './createFcn';
import { inspectFcn } from './inspectFcn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('createFcn', () => {
  it('tiny preset: 4 stages 16,16,32,64; input 1x16x24x3 → object/contour 1x16x24x1, descriptor 1x64', () => {
    const model = createFcn({ preset: 'tiny' });
    const info = inspectFcn(model);
    expect(info.channels).toEqual([16, 16, 32, 64]);
    expect(info.divisor).toBe(8);
    const shapes = tf.tidy(() => (model.predict(tf.zeros([1, 16, 24, 3])) as tf.Tensor[]).map((t) => t.shape));
    expect(shapes).toEqual([
      [1, 16, 24, 1],
      [1, 16, 24, 1],
      [1, 64],
    ]);
    model.dispose();
  });

  it('2 stages x4 channels, 1 input channel: 960 weights (888 trainable), counted by hand', () => {
    // stage0: 3x3 1→4 (36) + BN (16) + 3x3 4→4 (144) + BN (16)
    // stage1: 2 blocks x [1x1 4→1 (4) + BN(4) + 3x3 1→1 (9) + BN(4) + 1x1 1→4 (4) + BN(16)] = 82, no projection
    // decoder: 2 x [1x1 4→4 (16) + BN (16)] + one 4x4 transposed 4→4 (256)
    // fuse: 3x3 8→4 (288) + BN (16) + 1x1 4→4 (16) + BN (16); heads 2 x (4 + 1)
    const model = createFcn({ widthMultiplier: 1 / 64, stages: 2, decoderChannels: 4, inputChannels: 1 });
    const info = inspectFcn(model);
    expect(info.channels).toEqual([4, 4]);
    expect(info.parameters).toBe(960);
    // moving mean + variance: 2 per BN channel over 4+4 | 1+1+4 | 1+1+4 | 4 | 4 | 4 | 4 channels = 72
    expect(info.trainableParameters).toBe(960 - 72);
    model.dispose();
  });

  it('paper preset: six stages 256..1024, 1024-d descriptor, ~10M weights', () => {
    const model = createFcn({ preset: 'paper' });
    const info = inspectFcn(model);
    expect(info.channels).toEqual([256, 256, 512, 1024, 1024, 1024]);
    expect(info.descriptorSize).toBe(1024);
    expect(info.divisor).toBe(32);
    expect(info.parameters).toBe(9_996_162);
    model.dispose();
  });

  it('small preset 636642 weights; tiny 27682', () => {
    for (const [preset, n] of [
      ['small', 636_642],
      ['tiny', 27_682],
    ] as const) {
      const model = createFcn({ preset });
      expect(inspectFcn(model).parameters).toBe(n);
      model.dispose();
    }
  });

  it('distanceHead, 2 stages x4 channels: a 4th output distance 1x8x8x1 in (0, 1); 960 + 5 weights; the other weights bit-identical to the two-head net', () => {
    const options = { widthMultiplier: 1 / 64, stages: 2, decoderChannels: 4, inputChannels: 1 as const, seed: 3 };
    const two = createFcn(options);
    const three = createFcn({ ...options, distanceHead: true });
    expect(three.outputNames).toEqual(['object', 'contour', 'descriptor', 'distance']);
    const info = inspectFcn(three);
    expect(info.distanceHead).toBe(true);
    expect(inspectFcn(two).distanceHead).toBe(false);
    expect(info.parameters).toBe(960 + 4 + 1); // one more 1x1 head: 4 weights and a bias
    const byName = (m: tf.LayersModel) =>
      new Map(m.weights.map((w) => [w.originalName, Array.from(w.read().dataSync())]));
    const a = byName(two);
    const b = byName(three);
    for (const [name, values] of a) expect(b.get(name), name).toEqual(values);
    expect(Array.from(b.get('distance_logits/bias')!)).toEqual([-1]);
    const d = tf.tidy(() =>
      (three.predict(tf.randomUniform([1, 8, 8, 1], 0, 255, 'float32', 1)) as tf.Tensor[])[3]!.arraySync(),
    );
    expect(tf.tensor(d as number[][][][]).shape).toEqual([1, 8, 8, 1]);
    const flat = (d as number[][][][]).flat(3);
    expect(flat.every((v) => v > 0 && v < 1)).toBe(true);
    two.dispose();
    three.dispose();
  });

  it('hvHead (with and without distanceHead), 2 stages x4 channels: a last output hv 1x8x8x2 in (−1, 1); 960 + 10 weights; the other weights bit-identical', () => {
    const options = { widthMultiplier: 1 / 64, stages: 2, decoderChannels: 4, inputChannels: 1 as const, seed: 3 };
    const two = createFcn(options);
    const hv = createFcn({ ...options, hvHead: true });
    const both = createFcn({ ...options, distanceHead: true, hvHead: true });
    expect(hv.outputNames).toEqual(['object', 'contour', 'descriptor', 'hv']);
    expect(both.outputNames).toEqual(['object', 'contour', 'descriptor', 'distance', 'hv']);
    expect(inspectFcn(hv)).toMatchObject({ hvHead: true, distanceHead: false, parameters: 960 + 2 * 4 + 2 });
    expect(inspectFcn(both)).toMatchObject({ hvHead: true, distanceHead: true, parameters: 960 + 5 + 10 });
    expect(inspectFcn(two).hvHead).toBe(false);
    const byName = (m: tf.LayersModel) =>
      new Map(m.weights.map((w) => [w.originalName, Array.from(w.read().dataSync())]));
    const a = byName(two);
    const b = byName(hv);
    for (const [name, values] of a) expect(b.get(name), name).toEqual(values);
    expect(Array.from(b.get('hv_logits/bias')!)).toEqual([0, 0]);
    const out = tf.tidy(() =>
      (both.predict(tf.randomUniform([1, 8, 8, 1], 0, 255, 'float32', 1)) as tf.Tensor[])[4]!.arraySync(),
    );
    expect(tf.tensor(out as number[][][][]).shape).toEqual([1, 8, 8, 2]);
    expect((out as number[][][][]).flat(3).every((v) => v > -1 && v < 1)).toBe(true);
    expect(() => createFcn({ ...options, hvHead: 'yes' as unknown as boolean })).toThrowError(/hvHead/);
    for (const m of [two, hv, both]) m.dispose();
  });

  it('contourDecoderChannels 4, 2 stages x4 channels: contour/distance/hv read contour_dec_a/b (8→4→4 ch, 288+16 + 144+16 weights); object output and every shared weight bit-identical to the shared net', () => {
    const options = {
      widthMultiplier: 1 / 64,
      stages: 2,
      decoderChannels: 4,
      inputChannels: 1 as const,
      seed: 3,
      distanceHead: true,
      hvHead: true,
    };
    const shared = createFcn(options);
    const own = createFcn({ ...options, contourDecoderChannels: 4 });
    expect(own.outputNames).toEqual(['object', 'contour', 'descriptor', 'distance', 'hv']);
    expect(inspectFcn(own)).toMatchObject({ contourDecoderChannels: 4, parameters: 960 + 5 + 10 + 304 + 160 });
    expect(inspectFcn(shared).contourDecoderChannels).toBe(0);
    const byName = (m: tf.LayersModel) =>
      new Map(m.weights.map((w) => [w.originalName, Array.from(w.read().dataSync())]));
    const a = byName(shared);
    const b = byName(own);
    for (const [name, values] of a) expect(b.get(name), name).toEqual(values);
    expect(b.get('contour_dec_a_conv/kernel')).toHaveLength(3 * 3 * 8 * 4);
    expect(b.get('contour_dec_b_conv/kernel')).toHaveLength(3 * 3 * 4 * 4);
    // the separating heads hang off contour_dec_b, the object head off fuse_b
    for (const head of ['contour', 'distance', 'hv']) {
      expect(own.getLayer(`${head}_logits`).inboundNodes[0]!.inboundLayers[0]!.name).toBe('contour_dec_b_relu');
    }
    expect(own.getLayer('object_logits').inboundNodes[0]!.inboundLayers[0]!.name).toBe('fuse_b_relu');
    const [o1, c1, o2, c2] = tf.tidy(() => {
      const x = tf.randomUniform([1, 8, 8, 1], 0, 255, 'float32', 1);
      const p = shared.predict(x) as tf.Tensor[];
      const q = own.predict(x) as tf.Tensor[];
      return [p[0]!, p[1]!, q[0]!, q[1]!].map((t) => Array.from(t.dataSync()));
    });
    expect(o2).toEqual(o1);
    expect(c2).not.toEqual(c1);
    for (const m of [shared, own]) m.dispose();
  });

  it('same seed → bit-identical weights (seed 0 included); other seed → different kernels', () => {
    const a = createFcn({ preset: 'tiny', seed: 0 });
    const b = createFcn({ preset: 'tiny', seed: 0 });
    const c = createFcn({ preset: 'tiny', seed: 1 });
    expect(weightsOf(a)).toEqual(weightsOf(b));
    expect(weightsOf(a)[0]).not.toEqual(weightsOf(c)[0]);
    for (const m of [a, b, c]) m.dispose();
  });

  it('transposed upsampling starts as half-pixel bilinear 2x: ramp 0,1,2,3 → 0,.25,.75,…,2.75,2.25', () => {
    const model = createFcn({ preset: 'tiny' });
    const up = model.getLayer('dec1_up0');
    const d = 8;
    const out = tf.tidy(() => {
      const ramp = tf.tile(tf.range(0, 4).reshape([1, 1, 4, 1]), [1, 4, 1, d]);
      return (up.apply(ramp) as tf.Tensor).slice([0, 3, 0, 2], [1, 1, 8, 1]).dataSync();
    });
    // rows 3 (interior): out[x] = 0.75 in[x/2…] + 0.25 neighbour; zero padding beyond both edges
    expect(Array.from(out)).toEqual([0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 2.25]);
    model.dispose();
  });

  it('unknown preset → InvalidArgumentError listing paper, small, tiny', () => {
    expect(() => createFcn({ preset: 'huge' })).toThrowError(
      /unknown FCN preset 'huge'; valid presets are paper, small, tiny/,
    );
  });
});
