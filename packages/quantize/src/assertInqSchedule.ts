import { InvalidScheduleError } from './errors';

/** [Zhou17]'s accumulated portions, the default of this package (the reference code ships 0.3, 0.6, 0.8, 1.0 for AlexNet). */
export const DEFAULT_INQ_SCHEDULE: readonly number[] = Object.freeze([0.5, 0.75, 0.875, 1.0]);

/**
 * Checks an INQ schedule of accumulated quantized portions and returns a frozen copy.
 *
 * **When to use**: before starting INQ with a user-given schedule (`createInq` calls it), to fail
 * early with a message that says what is wrong.
 *
 * **Details**: a valid schedule is a non-empty array of numbers, strictly increasing, each in
 * (0, 1], whose last entry is exactly 1.0 (INQ must end with every weight quantized — forgetting
 * the final 100 % step is a known pitfall). `[1]` (one-shot quantization) is valid. Anything
 * else throws `InvalidScheduleError` (code `INVALID_SCHEDULE`). `undefined` gives the default.
 *
 * @example
 * assertInqSchedule([0.3, 0.6, 0.8, 1.0]);   // [0.3, 0.6, 0.8, 1]
 * assertInqSchedule([0.5, 0.9]);             // throws: must end at 1.0
 */
export function assertInqSchedule(schedule: readonly number[] = DEFAULT_INQ_SCHEDULE): readonly number[] {
  if (!Array.isArray(schedule) || schedule.length === 0) {
    throw new InvalidScheduleError(
      Array.isArray(schedule) ? schedule : [String(schedule)],
      'expected a non-empty array of portions',
    );
  }
  for (let i = 0; i < schedule.length; i++) {
    const p = schedule[i];
    if (typeof p !== 'number' || !(p > 0 && p <= 1)) {
      throw new InvalidScheduleError(schedule, `entry ${i} (${String(p)}) is not a portion in (0, 1]`);
    }
    if (i > 0 && !(p > schedule[i - 1])) {
      throw new InvalidScheduleError(
        schedule,
        `entry ${i} (${p}) is not greater than entry ${i - 1} (${schedule[i - 1]}); portions are accumulated and must increase`,
      );
    }
  }
  if (schedule[schedule.length - 1] !== 1) {
    throw new InvalidScheduleError(
      schedule,
      `the last portion is ${schedule[schedule.length - 1]}, it must be 1.0 so that every weight ends quantized`,
    );
  }
  return Object.freeze(schedule.slice());
}

/**
 * @deprecated Renamed {@link assertInqSchedule} (one verb, `assert*`, for every function that throws
 * on bad input); this alias goes in the next minor release.
 */
export const validateInqSchedule: typeof assertInqSchedule = assertInqSchedule;
