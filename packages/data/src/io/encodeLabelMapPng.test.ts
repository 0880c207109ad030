import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { encodeLabelMapPng } from './encodeLabelMapPng';
import { readLabelMap } from './readLabelMap';

describe('encodeLabelMapPng', () => {
  it('3x1 labels 0, 1, 65535 → 16-bit grey PNG, read back exactly as Uint16Array', () => {
    const bytes = encodeLabelMapPng({ width: 3, height: 1, data: new Uint32Array([0, 1, 65535]) });
    const png = decode(bytes);
    expect([png.channels, png.depth]).toEqual([1, 16]);
    const map = readLabelMap(bytes);
    expect(map.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(map.data)).toEqual([0, 1, 65535]);
  });

  it('labels 65536 and -1 are rejected with the offending value', () => {
    expect(() => encodeLabelMapPng({ width: 2, height: 1, data: new Uint32Array([0, 65536]) })).toThrowError(
      /label 65536 does not fit a 16-bit PNG \(at most 65535\)/,
    );
    expect(() => encodeLabelMapPng({ width: 2, height: 1, data: new Int32Array([0, -1]) })).toThrowError(
      /negative label -1 at pixel 1,0/,
    );
  });

  it('rejects float data and a wrong length', () => {
    expect(() =>
      encodeLabelMapPng({ width: 1, height: 1, data: new Float32Array([1]) as unknown as Uint8Array }),
    ).toThrowError(/integer typed array/);
    expect(() => encodeLabelMapPng({ width: 2, height: 2, data: new Uint8Array(3) })).toThrowError(
      /data has 3 values, 2x2 needs 4/,
    );
  });
});
