/**
 * Worker module of `trainEnsemble(…, { parallel })`, run by `runInWorkers` of `@qfcn/backend`
 * (built to `dist/ensembleWorker.js`). Each worker initialises the main thread's backend once, then
 * trains the members it is handed and returns their weights in the standard tfjs artifact form.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import type { Sample } from '@qfcn/contract';
import type { EpochLog } from './trainFcn';
import { runMemberTask, type MemberTask } from './internal/memberTask';

interface WorkerData {
  backend: string;
  samples: Sample[];
}

/** What a worker returns per member: its weights as tfjs model artifacts, and its history. */
export interface MemberResult {
  readonly artifacts: { modelTopology: object; weightSpecs: tf.io.WeightsManifestEntry[]; weightData: ArrayBuffer };
  readonly history: EpochLog[];
}

export async function setup(context: { workerData: unknown }): Promise<void> {
  const { backend } = context.workerData as WorkerData;
  await initBackend(backend, { log: false });
}

export async function run(task: MemberTask, context: { workerData: unknown }): Promise<MemberResult> {
  const { samples } = context.workerData as WorkerData;
  const { model, history } = await runMemberTask(samples, task);
  let artifacts: MemberResult['artifacts'] | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = {
        modelTopology: a.modelTopology as object,
        weightSpecs: a.weightSpecs ?? [],
        weightData: a.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(a.weightData),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return { artifacts: artifacts as MemberResult['artifacts'], history };
}
