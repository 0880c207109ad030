import { describe, expect, it } from 'vitest';
import type { StoredArray } from './checkpointFile';
import { decodeState, encodeState } from './stateCodec';

describe('encodeState / decodeState', () => {
  it('round trip: nested object with a Uint8Array mask, Float32Array, NaN, Infinity, undefined', () => {
    const state = {
      step: 2,
      sigma: [0.5, 0.75],
      masks: { 'conv/kernel': new Uint8Array([1, 0, 1]) },
      scale: new Float32Array([0.125]),
      odd: [Number.NaN, Number.NEGATIVE_INFINITY],
      missing: undefined,
      name: 'inq',
    };
    const arrays: StoredArray[] = [];
    const json = JSON.parse(JSON.stringify(encodeState(state, 'hook:inq', arrays)));
    expect(arrays.map((a) => a.name)).toEqual(['hook:inq.masks.conv/kernel#0', 'hook:inq.scale#1']);
    const back = decodeState(json, new Map(arrays.map((a) => [a.name, a]))) as typeof state;
    expect(back.masks['conv/kernel']).toEqual(new Uint8Array([1, 0, 1]));
    expect(back.scale).toEqual(new Float32Array([0.125]));
    expect(back.odd[0]).toBeNaN();
    expect(back.odd[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(back.missing).toBeUndefined();
    expect([back.step, back.sigma, back.name]).toEqual([2, [0.5, 0.75], 'inq']);
  });

  it('a Map in hook state throws a TypeError naming where', () => {
    expect(() => encodeState({ a: new Map() }, 'hook:x', [])).toThrowError(
      /hook state at 'hook:x.a' is not plain data/,
    );
  });
});
