import { InvalidArgumentError } from '@qfcn/contract';

/** A learning-rate policy over a run counted in optimizer steps. */
export interface LearningRateSchedule {
  /** Steps of linear warm-up from `base / warmupSteps` to `base`. Default 0. */
  readonly warmupSteps?: number;
  /**
   * Decay after warm-up, from `base` at the end of warm-up to `minLearningRate` at the last step:
   * `'cosine'` (half a cosine), `'poly'` (`(1 − t)^power`) or `'constant'` (none). Default `'constant'`.
   */
  readonly decay?: 'cosine' | 'poly' | 'constant';
  /** Floor of the decay. Default 0. */
  readonly minLearningRate?: number;
  /** Exponent of `'poly'`. Default 0.9 (the DeepLab schedule). */
  readonly power?: number;
  /**
   * Steps over which the decay runs (default: the whole run); later steps keep `minLearningRate`.
   * E.g. decay over the float phase and re-train INQ steps at the floor.
   */
  readonly decaySteps?: number;
  /**
   * Rate of the steps from `decaySteps` on (default `minLearningRate`): e.g. a float phase that
   * decays to 1e-5 exactly as a float-only run does, then INQ re-training at a tenth of the peak.
   * In (0, base].
   */
  readonly afterDecayLearningRate?: number;
}

/**
 * The learning rate of optimizer step `step` (0-based) of a `totalSteps`-step run.
 *
 * When to use: `trainFcn` calls it before every update (`schedule` option); use it to plot or check
 * a schedule, or in your own loop.
 *
 * Details: computed in float64 from the integers `step` and `totalSteps` only, so a resumed run
 * gets exactly the rates of an uninterrupted one. Warm-up: `base · (step + 1) / warmupSteps` while
 * `step < warmupSteps`. Then, with `t = (step − warmupSteps) / max(1, horizon − warmupSteps − 1)`
 * clamped to [0, 1] (`horizon` = `decaySteps`, default `totalSteps`)
 *: cosine `min + (base − min) · (1 + cos πt) / 2`; poly `min + (base − min) · (1 − t)^power`;
 * constant `base`. Steps past the end keep the last rate, or `afterDecayLearningRate` from step
 * `decaySteps` on where it is set. Bad settings throw
 * {@link InvalidArgumentError}.
 *
 * @example
 * learningRateAt(0, 1000, 2e-3, { warmupSteps: 50, decay: 'cosine' }); // 4e-5
 * learningRateAt(999, 1000, 2e-3, { warmupSteps: 50, decay: 'cosine' }); // 0
 */
export function learningRateAt(
  step: number,
  totalSteps: number,
  base: number,
  schedule: LearningRateSchedule = {},
): number {
  const warmup = schedule.warmupSteps ?? 0;
  const decay = schedule.decay ?? 'constant';
  const min = schedule.minLearningRate ?? 0;
  const power = schedule.power ?? 0.9;
  const horizon = schedule.decaySteps ?? totalSteps;
  const after = schedule.afterDecayLearningRate;
  if (!Number.isInteger(step) || step < 0)
    throw new InvalidArgumentError('step', `must be a non-negative integer, got ${step}`);
  if (!Number.isInteger(totalSteps) || totalSteps < 1) {
    throw new InvalidArgumentError('totalSteps', `must be a positive integer, got ${totalSteps}`);
  }
  if (!(base > 0)) throw new InvalidArgumentError('learningRate', `must be positive, got ${base}`);
  if (!Number.isInteger(warmup) || warmup < 0) {
    throw new InvalidArgumentError('schedule.warmupSteps', `must be a non-negative integer, got ${warmup}`);
  }
  if (!(min >= 0 && min <= base))
    throw new InvalidArgumentError('schedule.minLearningRate', `must be in [0, ${base}], got ${min}`);
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new InvalidArgumentError('schedule.decaySteps', `must be a positive integer, got ${horizon}`);
  }
  if (after !== undefined && !(after > 0 && after <= base)) {
    throw new InvalidArgumentError('schedule.afterDecayLearningRate', `must be in (0, ${base}], got ${after}`);
  }
  if (!(power > 0)) throw new InvalidArgumentError('schedule.power', `must be positive, got ${power}`);
  if (decay !== 'cosine' && decay !== 'poly' && decay !== 'constant') {
    throw new InvalidArgumentError('schedule.decay', `must be 'cosine', 'poly' or 'constant', got '${String(decay)}'`);
  }
  if (after !== undefined && step >= horizon) return after;
  if (step < warmup) return (base * (step + 1)) / warmup;
  if (decay === 'constant') return base;
  const t = Math.min(1, (step - warmup) / Math.max(1, horizon - warmup - 1));
  const f = decay === 'cosine' ? (1 + Math.cos(Math.PI * t)) / 2 : (1 - t) ** power;
  return min + (base - min) * f;
}
