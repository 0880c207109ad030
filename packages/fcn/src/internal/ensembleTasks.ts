import { pathToFileURL } from 'node:url';
import type { Sample } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { bootstrapSample } from '../bootstrapSample';
import type { TrainEnsembleOptions } from '../trainEnsembleOptions';
import { memberSeeds } from './memberSeeds';
import type { MemberTask } from './memberTask';

const toUrl = (u: string | URL) => (u instanceof URL ? u.href : /^[a-z]+:/i.test(u) ? u : pathToFileURL(u).href);

/**
 * The member tasks of an ensemble (validated): member `i`'s seeds come from `(seed, i)`, so every
 * place that trains member `i` of the same options — this thread, a worker thread, another machine —
 * trains the same member.
 */
export function ensembleTasks(samples: readonly Sample[], options: TrainEnsembleOptions): MemberTask[] {
  const size = options.members ?? 5;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(size) || size < 1)
    throw new InvalidArgumentError('members', `must be a positive integer, got ${size}`);
  if (!Number.isInteger(seed)) throw new InvalidArgumentError('seed', `must be an integer, got ${seed}`);
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new InvalidArgumentError('samples', 'empty dataset: at least one labelled sample is needed');
  }
  const all = samples.map((_, i) => i);
  return Array.from({ length: size }, (_, i) => {
    const seeds = memberSeeds(seed, i);
    return {
      member: i,
      members: size,
      indices: options.bootstrap === false ? all : bootstrapSample(all, { seed: seeds.resample }),
      model: { preset: 'small', ...options.model, seed: seeds.init },
      train: { ...options.train, seed: seeds.train },
      ...(options.checkpointDir ? { checkpointDir: options.checkpointDir } : {}),
      ...(options.hooksModule ? { hooksModule: toUrl(options.hooksModule) } : {}),
    };
  });
}
