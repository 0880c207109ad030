import type * as tf from '@tensorflow/tfjs';
import type { Sample } from '@qfcn/contract';
import { expect } from 'vitest';
import { trainFcn } from '../trainFcn';
import type { TrainFcnOptions } from '../trainFcnOptions';

/**
 * Trains `model` with a checkpoint at `path` after every step and aborts the run once step `step`
 * is done, as a kill would: the checkpoint then holds step `step`, ready for `resume: true`. Asserts
 * that the run stopped with the abort's error.
 */
export async function trainUntilKilled(
  model: tf.LayersModel,
  samples: readonly Sample[],
  options: TrainFcnOptions,
  path: string,
  step: number,
): Promise<void> {
  const controller = new AbortController();
  await expect(
    trainFcn(model, samples, {
      ...options,
      checkpoint: { path, everySteps: 1 },
      signal: controller.signal,
      onProgress: (e) => {
        options.onProgress?.(e);
        if (e.stage === 'train' && e.current === step) controller.abort(new Error('killed'));
      },
    }),
  ).rejects.toThrowError('killed');
}
