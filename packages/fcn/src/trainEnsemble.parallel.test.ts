import type * as tf from '@tensorflow/tfjs';
import * as backend from '@qfcn/backend';
import { initBackend } from '@qfcn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtDistIsFresh } from './__fixtures__/builtDist';
import { discSamples } from './test';
import { trainEnsemble } from './trainEnsemble';

// Workers run built JavaScript: this suite needs a fresh `pnpm --filter @qfcn/fcn build` (dist/ensembleWorker.js)
// and a @qfcn/backend that exports runInWorkers.
const workerModule = new URL('../dist/ensembleWorker.js', import.meta.url);
const ready =
  builtDistIsFresh('ensembleWorker.js') && typeof (backend as Record<string, unknown>).runInWorkers === 'function';

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe.skipIf(!ready)(
  'trainEnsemble parallel (skipped unless dist/ensembleWorker.js is built, newer than src/, and @qfcn/backend exports runInWorkers)',
  () => {
    it('2 members in 2 worker threads: bit-identical to the sequential ensemble', async () => {
      const options = {
        members: 2,
        seed: 4,
        model: { widthMultiplier: 1 / 32, stages: 2, decoderChannels: 4 },
        train: { epochs: 2, batchSize: 2, crop: 16 },
      };
      const samples = discSamples(3);
      const sequential = await trainEnsemble(samples, options);
      const parallel = await trainEnsemble(samples, { ...options, parallel: { workers: 2, workerModule } });
      for (let i = 0; i < 2; i++)
        expect(weightsOf(parallel.members[i]!.model)).toEqual(weightsOf(sequential.members[i]!.model));
      expect(parallel.histories.map((h) => h.map((e) => e.loss))).toEqual(
        sequential.histories.map((h) => h.map((e) => e.loss)),
      );
      sequential.dispose();
      parallel.dispose();
    });
  },
);

describe('trainEnsemble parallel: bad input', () => {
  it('a hooks function with parallel → InvalidArgumentError (functions cannot cross threads)', async () => {
    await expect(trainEnsemble(discSamples(1), { parallel: true, hooks: () => [] })).rejects.toThrowError(
      /use hooksModule with parallel/,
    );
  });
});
