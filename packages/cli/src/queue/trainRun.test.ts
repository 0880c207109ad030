import { describe, expect, it } from 'vitest';
import { folderDataset } from '../testing';
import { prepareTrainRun, type TrainJobOptions } from './trainRun';

/** `qfcn train --bits 5 --epochs 3` on five synthetic images, defaults otherwise. */
const job = (data: string, validation: number): TrainJobOptions => ({
  data,
  preset: 'tiny',
  members: 1,
  bootstrap: false,
  bits: 5,
  steps: 2000,
  epochs: 3,
  epochsPerStep: 2,
  crop: 32,
  batchSize: 4,
  learningRate: 2e-3,
  validation,
  seed: 1,
});

describe('prepareTrainRun', () => {
  it('--bits 5 --epochs 3 with a validation image: INQ from epoch 3 of 11, starting from the best float weights (restoreBestAt 3)', async () => {
    const run = await prepareTrainRun(job(folderDataset(5, 60, 'qfcn-trainrun-'), 0.15));
    expect(run.validation).toHaveLength(1);
    expect(run.inqStart).toBe(3);
    expect(run.ensemble.train).toMatchObject({ epochs: 11, selectBy: 'aji', restoreBestAt: 3 });
    expect(run.ensemble.train.validation).toHaveLength(1);
    // INQ re-trains at a tenth of --lr, or at --inq-lr
    expect(run.ensemble.train.schedule?.afterDecayLearningRate).toBe(2e-4);
    const gentle = await prepareTrainRun({
      ...job(folderDataset(5, 60, 'qfcn-trainrun-'), 0.15),
      inqLearningRate: 2e-5,
    });
    expect(gentle.ensemble.train.schedule?.afterDecayLearningRate).toBe(2e-5);
  });

  it('--validation 0: nothing to select on, so the last weights are kept and nothing is restored', async () => {
    const run = await prepareTrainRun(job(folderDataset(5, 60, 'qfcn-trainrun-'), 0));
    expect(run.validation).toHaveLength(0);
    expect(run.inqStart).toBe(3);
    expect(run.ensemble.train.selectBy).toBe('last');
    expect('restoreBestAt' in run.ensemble.train).toBe(false);
    expect(run.ensemble.train.validation).toBeUndefined();
  });
});
