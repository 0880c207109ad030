import { describe, expect, it } from 'vitest';
import { labelMap6x6 } from '../test/index';
import { objectTarget } from './objectTarget';

describe('objectTarget', () => {
  it('6x6 three objects → 18 foreground pixels (9 + 6 + 3) in the same places', () => {
    const t = objectTarget(labelMap6x6());
    expect(t.reduce((a, b) => a + b, 0)).toBe(18);
    expect(Array.from(t.subarray(6, 12))).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it('3x1 labels 0, 4, 70000 in a Uint32Array → 0 1 1', () => {
    expect(Array.from(objectTarget({ width: 3, height: 1, data: new Uint32Array([0, 4, 70000]) }))).toEqual([0, 1, 1]);
  });

  it('a malformed label map is an InvalidArgumentError', () => {
    expect(() => objectTarget({ width: 2, height: 2, data: new Uint8Array(3) })).toThrowError(
      /Invalid argument 'labelMap'/,
    );
  });
});
