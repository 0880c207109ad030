import { describe, expect, it } from 'vitest';
import { hasErrorMarker } from './hasErrorMarker';

describe('hasErrorMarker', () => {
  const marker = Symbol.for('qfcn.test.marker');
  it('true only when the marker property is exactly true; primitives and null are false', () => {
    expect(hasErrorMarker({ [marker]: true }, marker)).toBe(true);
    expect(hasErrorMarker(Object.create({ [marker]: true }), marker)).toBe(true);
    for (const v of [{ [marker]: 1 }, { [marker]: 'true' }, {}, null, undefined, 'error', 42])
      expect(hasErrorMarker(v, marker)).toBe(false);
    expect(hasErrorMarker({ [Symbol('qfcn.test.marker')]: true }, marker)).toBe(false);
  });
});
