import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, LabelValueError, MetricsError, ShapeError, SizeMismatchError } from './errors';

describe('errors', () => {
  it('errors carry codes, names and the qfcn marker', () => {
    const cases = [
      [new InvalidArgumentError('fnRule', 'bad'), 'INVALID_ARGUMENT', 'InvalidArgumentError'],
      [new ShapeError('mask', 'bad'), 'WRONG_SHAPE', 'ShapeError'],
      [new SizeMismatchError('a and b', { width: 1, height: 2 }, { width: 3, height: 4 }), 'SIZE_MISMATCH', 'SizeMismatchError'],
      [new LabelValueError('mask', 3, 'bad'), 'INVALID_LABELS', 'LabelValueError'],
    ] as const;
    for (const [e, code, name] of cases) {
      expect(e.code).toBe(code);
      expect(e.name).toBe(name);
      expect(e).toBeInstanceOf(Error);
      expect(MetricsError.isInstance(e)).toBe(true);
      expect((e as unknown as Record<symbol, unknown>)[Symbol.for('qfcn.error')]).toBe(true);
    }
  });

  it('MetricsError.isInstance recognises any object with the marker and rejects plain errors', () => {
    expect(MetricsError.isInstance({ [Symbol.for('qfcn.error')]: true, code: 'X' })).toBe(true);
    expect(MetricsError.isInstance(new Error('x'))).toBe(false);
    expect(MetricsError.isInstance(null)).toBe(false);
    expect(MetricsError.isInstance('x')).toBe(false);
  });

  it('SizeMismatchError reports both sizes as width x height', () => {
    const e = new SizeMismatchError('seg and gt', { width: 775, height: 522 }, { width: 522, height: 775 });
    expect(e.message).toBe('seg and gt: sizes differ, 775x522 vs 522x775 (width x height)');
    expect(e.first).toEqual({ width: 775, height: 522 });
  });
});
