import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '@qfcn/contract';
import { trainEnsembleMember, type EnsembleMemberResult } from '@qfcn/fcn';
import { contentKey, type JobSpec } from '@qfcn/queue';
import { fingerprintSamples } from './fingerprintSamples';
import { fromJobPath, toJobPath, type JobPath } from './storePath';
import { prepareTrainRun, type TrainJobOptions, type TrainRun } from './trainRun';

/** The data of a `train-member` job: options and paths only. */
export interface TrainMemberJobData {
  readonly title: string;
  /** The run's folder (checkpoints and finished members), inside the store. */
  readonly run: JobPath;
  readonly options: Omit<TrainJobOptions, 'data'> & { readonly data: JobPath };
  /** {@link fingerprintSamples} of the submitter's data: a worker reading other pixels refuses the job. */
  readonly samples: string;
  readonly member: number;
}

/**
 * The jobs of a `qfcn train --queue` run, one per member, and the run's folder in the store:
 * `<store>/train/<content key>`, the key covering every option and the data's pixels, so equal runs
 * share their folder (a rerun finds finished members) and different runs never meet.
 */
export function trainJobs(
  o: TrainJobOptions,
  run: TrainRun,
  store: string,
): { dir: string; jobs: JobSpec<TrainMemberJobData>[] } {
  const samples = fingerprintSamples(run.samples);
  // tuneOn acts after the members train (on this machine), so runs that differ only there share members
  const { data: _path, tuneOn: _tuneOn, ...settings } = o;
  const key = contentKey({ kind: 'train', settings, samples });
  const dir = join(store, 'train', key);
  mkdirSync(dir, { recursive: true });
  const options = { ...o, data: toJobPath(o.data, store) };
  const jobs = Array.from({ length: o.members }, (_, member) => ({
    id: `train-${key}-m${member}`,
    kind: 'train-member',
    data: {
      title: `train ${key.slice(0, 8)} member ${member + 1}/${o.members}`,
      run: toJobPath(dir, store),
      options,
      samples,
      member,
    },
  }));
  return { dir, jobs };
}

/** True when member `member` of the run in `dir` has finished (its result is in the store). */
export function memberDone(dir: string, member: number): boolean {
  return existsSync(join(dir, `member-${member}.done.json`));
}

/**
 * A worker's side of a `train-member` job: prepares the same training as the submitter (same data,
 * split, recipe, hooks) and trains that one member into the run's folder, resuming from its
 * checkpoint there when an earlier attempt was cut off.
 */
export async function runTrainMemberJob(
  job: TrainMemberJobData,
  store: string,
  onFraction: (fraction: number) => void,
): Promise<Pick<EnsembleMemberResult, 'member' | 'outcome'>> {
  const options: TrainJobOptions = { ...job.options, data: fromJobPath(job.options.data, store) };
  const run = await prepareTrainRun(options);
  if (fingerprintSamples(run.samples) !== job.samples) {
    throw new DataError(
      "holds other images or labels on this worker than on the submitter's machine: every machine must see the same data",
      { path: options.data },
    );
  }
  const result = await trainEnsembleMember(
    run.trainSamples,
    {
      ...run.ensemble,
      checkpointDir: fromJobPath(job.run, store),
      onProgress: (e) => {
        if (e.stage === 'train' && e.total > 0) onFraction(e.current / e.total);
      },
    },
    job.member,
  );
  return { member: result.member, outcome: result.outcome };
}
