import { describe, expect, it } from 'vitest';
import { DEFAULT_INQ_SCHEDULE, assertInqSchedule } from './assertInqSchedule';

describe('assertInqSchedule', () => {
  it('default is the paper schedule 0.5, 0.75, 0.875, 1', () => {
    expect(assertInqSchedule()).toEqual([0.5, 0.75, 0.875, 1]);
    expect(DEFAULT_INQ_SCHEDULE).toEqual([0.5, 0.75, 0.875, 1]);
  });

  it('the reference-code AlexNet schedule 0.3, 0.6, 0.8, 1 and one-shot [1] are valid', () => {
    expect(assertInqSchedule([0.3, 0.6, 0.8, 1.0])).toEqual([0.3, 0.6, 0.8, 1]);
    expect(assertInqSchedule([1])).toEqual([1]);
  });

  it.each([
    [[0.5, 0.9], /must be 1.0/],
    [[0.5, 0.5, 1], /not greater than entry 0/],
    [[0.75, 0.5, 1], /not greater than entry 0/],
    [[0, 0.5, 1], /entry 0 \(0\) is not a portion/],
    [[0.5, 1.2], /entry 1 \(1.2\) is not a portion/],
    [[0.5, NaN, 1], /entry 1 \(NaN\)/],
    [[], /non-empty array/],
  ])('%j → InvalidScheduleError', (schedule, message) => {
    expect(() => assertInqSchedule(schedule as number[])).toThrow(message);
    expect(() => assertInqSchedule(schedule as number[])).toThrow(
      expect.objectContaining({ code: 'INVALID_SCHEDULE' }),
    );
  });
});

describe('validateInqSchedule (deprecated alias)', () => {
  it('is assertInqSchedule', async () => {
    const m = await import('./index');
    expect(m.validateInqSchedule).toBe(m.assertInqSchedule);
  });
});
