import { InvalidArgumentError } from '@qfcn/quantize';
import type { Inq } from './createInq';

/** A `model.fit` callback (tf.layers `CustomCallbackArgs` shape). */
export interface InqFitCallback {
  onEpochBegin(epoch: number): Promise<void>;
  onBatchEnd(batch: number): Promise<void>;
  onTrainEnd(): Promise<void>;
}

/**
 * INQ as a `model.fit` callback: re-imposes frozen values after every batch and, optionally,
 * advances the schedule between epochs.
 *
 * **When to use**: INQ with plain tf.layers training (`model.fit(x, y, { callbacks: [...] })`)
 * when you do not want to wrap the optimizer (`maskedOptimizer` is the alternative).
 *
 * **Details**: tf.layers calls `onBatchEnd` after the optimizer update of each batch, so
 * `enforce()` there masks the final update (momentum, Adam, weight decay included) before the next
 * batch sees the weights. With `epochsPerStep = k`, step `floor(epoch / k)` is applied at each
 * epoch start (epochs as `model.fit` counts them, from `initialEpoch`). `finishOnTrainEnd`
 * (default false here, since one INQ run usually spans several `fit` calls) finishes INQ when
 * `fit` returns.
 *
 * @example
 * const inq = createInq(model, { bits: 6 });
 * for (const _ of inq.schedule) {
 *   inq.advance();
 *   await model.fit(x, y, { epochs: 2, callbacks: [inqCallback(inq)] });
 * }
 */
export function inqCallback(
  inq: Inq,
  options: { epochsPerStep?: number; finishOnTrainEnd?: boolean } = {},
): InqFitCallback {
  if (!inq || typeof inq.enforce !== 'function')
    throw new InvalidArgumentError('inq', 'expected an INQ run (createInq)');
  const { epochsPerStep, finishOnTrainEnd = false } = options;
  if (epochsPerStep !== undefined && !(Number.isInteger(epochsPerStep) && epochsPerStep >= 1)) {
    throw new InvalidArgumentError('epochsPerStep', `expected an integer ≥ 1, got ${String(epochsPerStep)}`);
  }
  return {
    async onEpochBegin(epoch) {
      if (epochsPerStep === undefined) return;
      const target = Math.min(Math.floor(epoch / epochsPerStep), inq.schedule.length - 1);
      while (inq.step < target) inq.advance();
    },
    async onBatchEnd() {
      inq.enforce();
    },
    async onTrainEnd() {
      if (finishOnTrainEnd) inq.finish();
    },
  };
}
