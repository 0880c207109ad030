import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QfcnError } from '@qfcn/contract';
import { initBackend } from '../initBackend';
import { conv2dBackpropInputWasmConfig } from './conv2dBackpropInputWasm';
import { convGeometry, type ConvPad } from '../test/convGeometry';
import { seededNormal } from '../test/mulberry32';
import { naiveConv2d } from '../test/naiveConv2d';

tf.env().set('PROD', true);

/** Runs the registered `Conv2DBackpropInput` of the current backend. */
function backpropInput(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inputShape: number[],
  strides: number,
  pad: ConvPad,
): tf.Tensor4D {
  return tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, {
    strides,
    pad,
    dataFormat: 'NHWC',
    dimRoundingMode: undefined,
    inputShape,
  } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

describe('wasm Conv2DBackpropInput, hand-computed', () => {
  it('qfcn kernel is the one registered', () => {
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBe(conv2dBackpropInputWasmConfig);
  });

  it('conv2dTranspose 1x2x2x1 [[1,2],[3,4]] by 2x2 filter [[1,10],[100,1000]] stride 2 valid -> 4x4 blocks', () => {
    const dy = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const w = tf.tensor4d([1, 10, 100, 1000], [2, 2, 1, 1]);
    const dx = tf.conv2dTranspose(dy, w, [1, 4, 4, 1], 2, 'valid');
    // Each dy value stamps a copy of the filter scaled by it, without overlap.
    expect(Array.from(dx.dataSync())).toEqual([1, 10, 2, 20, 100, 1000, 200, 2000, 3, 30, 4, 40, 300, 3000, 400, 4000]);
    tf.dispose([dy, w, dx]);
  });

  it('dy 1x3x3x1 one-hot at the centre, 3x3 filter 1..9 stride 1 same -> dx is the filter itself', () => {
    const dy = tf.tensor4d([0, 0, 0, 0, 1, 0, 0, 0, 0], [1, 3, 3, 1]);
    const w = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3, 1, 1]);
    // dx[i] = Σ_o dy[o]·W[i − o + 1] = W[i] for a unit dy at o = (1, 1)
    const dx = backpropInput(dy, w, [1, 3, 3, 1], 1, 'same');
    expect(Array.from(dx.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    tf.dispose([dy, w, dx]);
  });
});

const cases: Array<{ x: number[]; f: number[]; s: number; pad: ConvPad }> = [
  { x: [2, 6, 6, 4], f: [1, 1, 4, 5], s: 1, pad: 'same' },
  { x: [2, 7, 9, 3], f: [3, 3, 3, 4], s: 1, pad: 'same' },
  { x: [2, 7, 9, 3], f: [3, 3, 3, 4], s: 1, pad: 'valid' },
  { x: [1, 7, 9, 3], f: [3, 3, 3, 4], s: 2, pad: 'same' },
  { x: [1, 7, 9, 3], f: [3, 3, 3, 4], s: 2, pad: 'valid' },
  { x: [1, 8, 8, 3], f: [3, 3, 3, 4], s: 2, pad: 'valid' },
  { x: [1, 7, 9, 2], f: [1, 1, 2, 3], s: 2, pad: 'same' },
  { x: [2, 8, 6, 3], f: [2, 2, 3, 4], s: 2, pad: 'valid' },
  { x: [2, 8, 10, 3], f: [4, 4, 3, 2], s: 2, pad: 'same' },
  { x: [1, 7, 9, 3], f: [4, 4, 3, 2], s: 2, pad: 'same' },
  { x: [1, 9, 7, 2], f: [3, 3, 2, 2], s: 3, pad: 'same' },
  {
    x: [1, 5, 6, 2],
    f: [3, 3, 2, 3],
    s: 1,
    pad: [
      [0, 0],
      [2, 0],
      [1, 2],
      [0, 0],
    ],
  },
  // >= 8 input channels: the XNNPACK (sub-pixel phase) path instead of col2im
  { x: [2, 7, 9, 8], f: [3, 3, 8, 4], s: 1, pad: 'same' },
  { x: [1, 7, 9, 9], f: [3, 3, 9, 4], s: 1, pad: 'valid' },
  { x: [1, 7, 9, 8], f: [3, 3, 8, 5], s: 2, pad: 'same' },
  { x: [1, 8, 8, 8], f: [3, 3, 8, 3], s: 2, pad: 'valid' },
  { x: [1, 7, 9, 8], f: [1, 1, 8, 3], s: 2, pad: 'same' },
  { x: [2, 8, 10, 8], f: [4, 4, 8, 3], s: 2, pad: 'same' },
  { x: [1, 7, 9, 10], f: [4, 4, 10, 2], s: 2, pad: 'same' },
  { x: [1, 9, 7, 8], f: [3, 3, 8, 2], s: 3, pad: 'same' },
  {
    x: [1, 5, 6, 8],
    f: [3, 3, 8, 3],
    s: 1,
    pad: [
      [0, 0],
      [2, 0],
      [1, 2],
      [0, 0],
    ],
  },
];

describe('wasm Conv2DBackpropInput vs float64 definition', () => {
  for (const c of cases) {
    const padName = typeof c.pad === 'string' ? c.pad : `explicit ${JSON.stringify(c.pad.slice(1, 3))}`;
    it(`x ${c.x.join('x')} filter ${c.f.join('x')} stride ${c.s} ${padName}`, () => {
      const g = convGeometry(c.x, c.f, c.s, c.pad);
      const wv = seededNormal(
        c.f.reduce((a, b) => a * b),
        21,
      );
      const dyv = seededNormal(g.n * g.oh * g.ow * g.co, 22);
      const want = naiveConv2d(g, new Float32Array(c.x.reduce((a, b) => a * b)), wv, dyv).dx;
      const w = tf.tensor4d(wv, c.f as [number, number, number, number]);
      const dy = tf.tensor4d(dyv, [g.n, g.oh, g.ow, g.co]);
      const dx = backpropInput(dy, w, c.x, c.s, c.pad);
      expect(dx.shape).toEqual(c.x);
      const got = dx.dataSync();
      const scale = Math.max(...want.map(Math.abs));
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-5 * scale);
      tf.dispose([w, dy, dx]);
    });
  }
});

describe('wasm Conv2DBackpropInput housekeeping', () => {
  it('conv2dTranspose 1x4x5x3 -> 1x7x9x2 and -> 1x7x9x8 filter 4x4 stride 2 same: no wasm buffers left behind', () => {
    const dy = tf.tensor4d(seededNormal(4 * 5 * 3, 1), [1, 4, 5, 3]);
    const w = tf.tensor4d(seededNormal(4 * 4 * 2 * 3, 2), [4, 4, 2, 3]);
    const w8 = tf.tensor4d(seededNormal(4 * 4 * 8 * 3, 2), [4, 4, 8, 3]);
    const backend = tf.backend();
    const before = backend.numDataIds();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.conv2dTranspose(dy, w, [1, 7, 9, 2], 2, 'same').dispose();
    for (let i = 0; i < 3; i++) tf.conv2dTranspose(dy, w8, [1, 7, 9, 8], 2, 'same').dispose();
    expect(backend.numDataIds()).toBe(before);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([dy, w, w8]);
  });

  it('explicit top padding 3 with a 3x3 filter: UnsupportedKernelCaseError naming the padding', () => {
    const dy = tf.zeros([1, 8, 4, 1]) as tf.Tensor4D;
    const w = tf.zeros([3, 3, 1, 1]) as tf.Tensor4D;
    let error: unknown;
    try {
      backpropInput(dy, w, [1, 4, 4, 1], 1, [
        [0, 0],
        [3, 3],
        [1, 1],
        [0, 0],
      ]);
    } catch (e) {
      error = e;
    }
    expect((error as QfcnError).code).toBe('UNSUPPORTED_KERNEL_CASE');
    expect((error as Error).message).toContain('top padding 3');
    tf.dispose([dy, w]);
  });
});
