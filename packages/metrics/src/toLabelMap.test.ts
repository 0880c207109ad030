import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { LabelValueError, MetricsError, ShapeError } from './errors';
import { toLabelMap } from './toLabelMap';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('toLabelMap', () => {
  it('toLabelMap 2x2 integer typed arrays pass through without a copy', () => {
    for (const data of [
      new Uint8Array(4),
      new Uint16Array(4),
      new Uint32Array(4),
      new Int32Array(4),
      new Uint8ClampedArray(4),
    ]) {
      expect(toLabelMap({ width: 2, height: 2, data }).data).toBe(data);
    }
  });

  it('toLabelMap 3x1 plain and float arrays of integers are copied into Uint32Array', () => {
    const r = toLabelMap({ width: 3, height: 1, data: [0, 70000, 4294967295] });
    expect(r.data).toBeInstanceOf(Uint32Array);
    expect(Array.from(r.data)).toEqual([0, 70000, 4294967295]);
    expect(Array.from(toLabelMap({ width: 3, height: 1, data: new Float32Array([2, 0, 1]) }).data)).toEqual([2, 0, 1]);
  });

  it('toLabelMap 3x1 fractional, NaN, negative and too-large values throw LabelValueError with the pixel', () => {
    for (const [data, index] of [
      [[0, 1.5, 0], 1],
      [new Float64Array([0, 0, Number.NaN]), 2],
      [[-1, 0, 0], 0],
      [new Int16Array([0, -3, 0]), 1],
      [[0, 0, 2 ** 32], 2],
    ] as const) {
      const e = thrown(() => toLabelMap({ width: 3, height: 1, data: data as ArrayLike<number> }));
      expect(e).toBeInstanceOf(LabelValueError);
      expect((e as LabelValueError).code).toBe('INVALID_LABELS');
      expect((e as LabelValueError).index).toBe(index);
    }
  });

  it('toLabelMap rejects BigInt arrays and strings with LabelValueError', () => {
    expect(thrown(() => toLabelMap({ width: 1, height: 1, data: new BigInt64Array(1) as never }))).toBeInstanceOf(
      LabelValueError,
    );
    expect(thrown(() => toLabelMap({ width: 1, height: 1, data: 'a' as never }))).toBeInstanceOf(LabelValueError);
  });

  it('toLabelMap wrong sizes throw ShapeError (WRONG_SHAPE)', () => {
    for (const input of [
      { width: 2, height: 2, data: new Uint8Array(3) },
      { width: 0, height: 2, data: new Uint8Array(0) },
      { width: 1.5, height: 2, data: new Uint8Array(3) },
      null,
    ]) {
      const e = thrown(() => toLabelMap(input as never));
      expect(e).toBeInstanceOf(ShapeError);
      expect(MetricsError.isInstance(e) && e.code).toBe('WRONG_SHAPE');
    }
  });

  it('toLabelMap 3x2 ndarray of shape [height, width] keeps row-major order', () => {
    const nd = ndarray(new Uint16Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    const r = toLabelMap(nd);
    expect([r.width, r.height]).toEqual([3, 2]);
    expect(r.data).toBe(nd.data);
  });

  it('toLabelMap 2x3 transposed, sliced and stepped ndarray views are copied in view order', () => {
    const nd = ndarray(new Int32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    const t = toLabelMap(nd.transpose(1, 0));
    expect([t.width, t.height]).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(t.data).toBeInstanceOf(Int32Array);
    const s = toLabelMap(nd.lo(0, 1));
    expect(Array.from(s.data)).toEqual([2, 3, 5, 6]);
    const f = toLabelMap(nd.step(1, -1));
    expect(Array.from(f.data)).toEqual([3, 2, 1, 6, 5, 4]);
  });

  it('toLabelMap ndarray with Float64 data of integers, and 1-D / 3-D ndarrays rejected', () => {
    expect(Array.from(toLabelMap(ndarray(new Float64Array([0, 9, 9, 0]), [2, 2])).data)).toEqual([0, 9, 9, 0]);
    expect(thrown(() => toLabelMap(ndarray(new Uint8Array(4), [4])))).toBeInstanceOf(ShapeError);
    expect(thrown(() => toLabelMap(ndarray(new Uint8Array(8), [2, 2, 2])))).toBeInstanceOf(ShapeError);
    expect(thrown(() => toLabelMap(ndarray(new Float64Array([0, 0.5, 0, 0]), [2, 2])))).toBeInstanceOf(LabelValueError);
  });

  it('toLabelMap names the argument in messages', () => {
    expect(() => toLabelMap({ width: 2, height: 1, data: [0] }, { name: 'groundTruth' })).toThrow(/'groundTruth'/);
  });
});
