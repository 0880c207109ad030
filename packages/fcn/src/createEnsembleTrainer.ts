import { join } from 'node:path';
import type { EnsembleTrainer, Sample } from '@qfcn/contract';
import type { FcnEnsemble } from './FcnEnsemble';
import { hashInts } from '@qfcn/internal';
import { trainEnsemble, type TrainEnsembleOptions } from './trainEnsemble';

/** Options of {@link createEnsembleTrainer}: those of {@link trainEnsemble} except the seed and signal, given per round. */
export type EnsembleTrainerOptions = Omit<TrainEnsembleOptions, 'seed' | 'signal'>;

/** An `EnsembleTrainer` whose ensembles are {@link FcnEnsemble}s. */
export interface FcnEnsembleTrainer extends EnsembleTrainer {
  train(
    annotated: readonly Sample[],
    options: { seed: number; round: number; signal?: AbortSignal },
  ): Promise<FcnEnsemble>;
}

/**
 * The contract's `EnsembleTrainer` backed by {@link trainEnsemble}: what the suggestive-annotation
 * loop of `@qfcn/suggestive` calls once per round to retrain on the annotated set.
 *
 * When to use: plain suggestive annotation (SA) with float FCNs, or QSA by giving `hooks` that
 * return fresh INQ hooks per member (`() => [inqHook({ bits: 7, epochsPerStep: 2 })]`).
 *
 * Details: round `r` with seed `s` trains with seed `hash(s, r)`, so rounds differ and reruns repeat.
 * With `checkpointDir`, round `r` keeps its member checkpoints in `<checkpointDir>/round-<r>`, so an
 * interrupted round resumes. The returned ensembles are `Disposable`.
 *
 * @example
 * const trainer = createEnsembleTrainer({ members: 5, model: { preset: 'tiny' }, train: { epochs: 30, crop: 96 } });
 * const ensemble = await trainer.train(annotated, { seed: 1, round: 0 });
 */
export function createEnsembleTrainer(options: EnsembleTrainerOptions = {}): FcnEnsembleTrainer {
  return {
    train(annotated, { seed, round, signal }) {
      return trainEnsemble(annotated, {
        ...options,
        seed: hashInts(seed, round, 0x5a) & 0x7fffffff,
        signal,
        ...(options.checkpointDir ? { checkpointDir: join(options.checkpointDir, `round-${round}`) } : {}),
      });
    },
  };
}
