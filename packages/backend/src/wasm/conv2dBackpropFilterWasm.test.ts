import * as tf from '@tensorflow/tfjs';
import { backend_util } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QfcnError } from '@qfcn/contract';
import { initBackend } from '../initBackend';
import { convGeometry, type ConvPad } from '../test/convGeometry';
import { seededNormal } from '../test/mulberry32';
import { naiveConv2d } from '../test/naiveConv2d';
import { setBackpropFilterChunking, useConvForm } from './conv2dBackpropFilterWasm';

tf.env().set('PROD', true);

/** Runs the registered `Conv2DBackpropFilter` of the current backend. */
function backpropFilter(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: number[],
  strides: number,
  pad: ConvPad,
): tf.Tensor4D {
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
    strides,
    pad,
    dataFormat: 'NHWC',
    dimRoundingMode: undefined,
    filterShape,
  } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

describe('wasm Conv2DBackpropFilter, hand-computed', () => {
  it('1x3x3x1 input 1..9, dy 2x2 diagonal ones, 2x2 filter stride 1 valid: [6, 8, 12, 14]', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const dy = tf.tensor4d([1, 0, 0, 1], [1, 2, 2, 1]);
    const dw = backpropFilter(x, dy, [2, 2, 1, 1], 1, 'valid');
    // dW[i,j] = x[i,j]·1 + x[i+1,j+1]·1
    expect(Array.from(dw.dataSync())).toEqual([6, 8, 12, 14]);
    tf.dispose([x, dy, dw]);
  });

  it('1x4x4x1 input 0..15, dy [[1,2],[3,4]], 3x3 filter stride 2 same (pad bottom/right 1)', () => {
    const x = tf.tensor4d(
      Array.from({ length: 16 }, (_, i) => i),
      [1, 4, 4, 1],
    );
    const dy = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const dw = backpropFilter(x, dy, [3, 3, 1, 1], 2, 'same');
    // dW[i,j] = 1·x[i,j] + 2·x[i,2+j] + 3·x[2+i,j] + 4·x[2+i,2+j], x = 0 past row/column 3
    expect(Array.from(dw.dataSync())).toEqual([68, 78, 32, 108, 118, 48, 28, 31, 10]);
    tf.dispose([x, dy, dw]);
  });
});

const cases: Array<{ x: number[]; f: number[]; s: number; pad: ConvPad }> = [
  { x: [2, 6, 6, 4], f: [1, 1, 4, 5], s: 1, pad: 'same' },
  { x: [2, 7, 9, 3], f: [3, 3, 3, 4], s: 1, pad: 'same' },
  { x: [2, 7, 9, 3], f: [3, 3, 3, 4], s: 1, pad: 'valid' },
  { x: [1, 7, 9, 3], f: [3, 3, 3, 4], s: 2, pad: 'same' },
  { x: [1, 7, 9, 3], f: [3, 3, 3, 4], s: 2, pad: 'valid' },
  { x: [1, 7, 9, 2], f: [1, 1, 2, 3], s: 2, pad: 'same' },
  { x: [2, 8, 6, 3], f: [2, 2, 3, 4], s: 2, pad: 'valid' },
  { x: [2, 8, 10, 3], f: [4, 4, 3, 2], s: 2, pad: 'same' },
  { x: [1, 7, 9, 3], f: [4, 4, 3, 2], s: 2, pad: 'same' },
  // stride 1, output lines as long as input lines: the aligned patch fill (one block move per run)
  {
    x: [2, 5, 6, 3],
    f: [3, 3, 3, 4],
    s: 1,
    pad: [
      [0, 0],
      [2, 0],
      [0, 2],
      [0, 0],
    ],
  },
  { x: [2, 6, 7, 3], f: [4, 4, 3, 2], s: 1, pad: 'same' },
  { x: [3, 4, 5, 2], f: [1, 1, 2, 3], s: 1, pad: 'valid' },
  // 8+ input channels, stride 1, k > 1: the convolution form (useConvForm)
  { x: [2, 7, 9, 8], f: [3, 3, 8, 5], s: 1, pad: 'same' },
  { x: [2, 7, 9, 8], f: [3, 3, 8, 5], s: 1, pad: 'valid' },
  { x: [1, 6, 5, 9], f: [2, 4, 9, 3], s: 1, pad: 'same' },
  {
    x: [1, 6, 5, 12],
    f: [3, 3, 12, 4],
    s: 1,
    pad: [
      [0, 0],
      [2, 0],
      [1, 2],
      [0, 0],
    ],
  },
  // 64 outputs at more than 64x64 pixels: back to patches
  { x: [1, 65, 66, 8], f: [3, 3, 8, 64], s: 1, pad: 'same' },
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
];

describe('wasm Conv2DBackpropFilter vs float64 definition', () => {
  for (const c of cases) {
    const padName = typeof c.pad === 'string' ? c.pad : `explicit ${JSON.stringify(c.pad.slice(1, 3))}`;
    it(`x ${c.x.join('x')} filter ${c.f.join('x')} stride ${c.s} ${padName}`, () => {
      const g = convGeometry(c.x, c.f, c.s, c.pad);
      const xv = seededNormal(
        c.x.reduce((a, b) => a * b),
        11,
      );
      const dyv = seededNormal(g.n * g.oh * g.ow * g.co, 12);
      const want = naiveConv2d(g, xv, new Float32Array(c.f.reduce((a, b) => a * b)), dyv).dw;
      const x = tf.tensor4d(xv, c.x as [number, number, number, number]);
      const dy = tf.tensor4d(dyv, [g.n, g.oh, g.ow, g.co]);
      const dw = backpropFilter(x, dy, c.f, c.s, c.pad);
      expect(dw.shape).toEqual(c.f);
      const got = dw.dataSync();
      const scale = Math.max(...want.map(Math.abs));
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-5 * scale);
      tf.dispose([x, dy, dw]);
    });
  }
});

describe('wasm Conv2DBackpropFilter chunking', () => {
  it('x 1x7x9x3 filter 3x3x3x4 stride 2 same in chunks of 2 output lines and 1 tap per matmul: same dW', () => {
    const g = convGeometry([1, 7, 9, 3], [3, 3, 3, 4], 2, 'same'); // 4 output lines of 5: chunks 2 + 2
    const x = tf.tensor4d(seededNormal(7 * 9 * 3, 51), [1, 7, 9, 3]);
    const dy = tf.tensor4d(seededNormal(g.oh * g.ow * 4, 52), [1, g.oh, g.ow, 4]);
    const whole = backpropFilter(x, dy, [3, 3, 3, 4], 2, 'same');
    const previous = setBackpropFilterChunking({ columns: 10, patchFloats: 3 * 10 });
    try {
      const chunked = backpropFilter(x, dy, [3, 3, 3, 4], 2, 'same');
      const a = whole.dataSync();
      const b = chunked.dataSync();
      for (let i = 0; i < a.length; i++)
        expect(Math.abs(b[i]! - a[i]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(a[i]!)));
      chunked.dispose();
    } finally {
      setBackpropFilterChunking(previous);
    }
    tf.dispose([x, dy, whole]);
  });

  it('x 2x7x9x2 filter 3x3x2x3 stride 1 same in chunks of 3 lines (last one short, crossing images)', () => {
    const g = convGeometry([2, 7, 9, 2], [3, 3, 2, 3], 1, 'same');
    const xv = seededNormal(2 * 7 * 9 * 2, 53);
    const dyv = seededNormal(2 * 7 * 9 * 3, 54);
    const want = naiveConv2d(g, xv, new Float32Array(3 * 3 * 2 * 3), dyv).dw;
    const previous = setBackpropFilterChunking({ columns: 27, patchFloats: 4 * 1024 * 1024 });
    try {
      const x = tf.tensor4d(xv, [2, 7, 9, 2]);
      const dy = tf.tensor4d(dyv, [2, 7, 9, 3]);
      const dw = backpropFilter(x, dy, [3, 3, 2, 3], 1, 'same');
      const got = dw.dataSync();
      const scale = Math.max(...want.map(Math.abs));
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-5 * scale);
      tf.dispose([x, dy, dw]);
    } finally {
      setBackpropFilterChunking(previous);
    }
  });
});

describe('wasm Conv2DBackpropFilter housekeeping', () => {
  it('x 2x9x7x3 filter 3x3x3x4 stride 2 same: no wasm buffers left behind', () => {
    const x = tf.tensor4d(seededNormal(2 * 9 * 7 * 3, 1), [2, 9, 7, 3]);
    const dy = tf.tensor4d(seededNormal(2 * 5 * 4 * 4, 2), [2, 5, 4, 4]);
    const backend = tf.backend();
    const before = backend.numDataIds();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) backpropFilter(x, dy, [3, 3, 3, 4], 2, 'same').dispose();
    expect(backend.numDataIds()).toBe(before);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([x, dy]);
  });

  it('x 2x9x7x8 filter 3x3x8x4 stride 1 same (convolution form): no wasm buffers left behind', () => {
    const x = tf.tensor4d(seededNormal(2 * 9 * 7 * 8, 1), [2, 9, 7, 8]);
    const dy = tf.tensor4d(seededNormal(2 * 9 * 7 * 4, 2), [2, 9, 7, 4]);
    const backend = tf.backend();
    const before = backend.numDataIds();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) backpropFilter(x, dy, [3, 3, 8, 4], 1, 'same').dispose();
    expect(backend.numDataIds()).toBe(before);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([x, dy]);
  });

  it('NCHW: UnsupportedKernelCaseError naming the data format', () => {
    const x = tf.zeros([1, 1, 4, 4]) as tf.Tensor4D;
    const dy = tf.zeros([1, 1, 4, 4]) as tf.Tensor4D;
    let error: unknown;
    try {
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
        strides: 1,
        pad: 'same',
        dataFormat: 'NCHW',
        filterShape: [3, 3, 1, 1],
      } as unknown as tf.NamedAttrMap);
    } catch (e) {
      error = e;
    }
    expect((error as QfcnError).code).toBe('UNSUPPORTED_KERNEL_CASE');
    expect((error as Error).message).toContain('NCHW');
    tf.dispose([x, dy]);
  });
});

describe('wasm Conv2DBackpropFilter: which form', () => {
  const info = (x: number[], f: number[], s = 1) =>
    backend_util.computeConv2DInfo(
      x as [number, number, number, number],
      f as [number, number, number, number],
      s,
      1,
      'same',
    );
  it('convolution form for the FCN shapes where it measured faster, patches elsewhere', () => {
    expect(useConvForm(info([4, 128, 128, 96], [3, 3, 96, 16]))).toBe(true); // 100 vs 207 ms
    expect(useConvForm(info([4, 64, 64, 16], [3, 3, 16, 16]))).toBe(true); // 6.4 vs 12.2 ms
    expect(useConvForm(info([4, 64, 64, 64], [3, 3, 64, 64]))).toBe(true); // 81 vs 89 ms
    expect(useConvForm(info([4, 128, 128, 64], [3, 3, 64, 64]))).toBe(false); // 257 vs 218 ms
    expect(useConvForm(info([4, 128, 128, 3], [3, 3, 3, 64]))).toBe(false); // 54 vs 31 ms
    expect(useConvForm(info([4, 64, 64, 64], [1, 1, 64, 16]))).toBe(false); // 9.4 vs 6.4 ms
    expect(useConvForm(info([4, 64, 64, 16], [3, 3, 16, 16], 2))).toBe(false); // stride 2
  });
});
