import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ProgressListener, Sample } from '@qfcn/contract';
import { bootstrapSample, createFcn, loadModel, saveModel, trainFcn, type EpochLog } from '@qfcn/fcn';
import { inqHook, packModel } from '@qfcn/quantize/tfjs';
import { sizeReport } from '@qfcn/quantize';
import type { StepStore } from './stepStore';
import { writeAtomic } from './stepStore';
import { deriveSeed } from './seeds';
import type { ResolvedOptions } from './options';

/** What training one member left behind (saved in the step store; the model itself is on disk). */
export interface MemberRecord {
  readonly dir: string;
  readonly history: readonly Pick<EpochLog, 'epoch' | 'loss' | 'objectLoss' | 'contourLoss' | 'seconds'>[];
  readonly seconds: number;
  /** Float32 bytes of all weights. */
  readonly floatBytes: number;
  /** Bytes of the packed file (quantized members only). */
  readonly packedBytes?: number;
  readonly packedFile?: string;
}

export interface TrainMembersContext {
  readonly o: ResolvedOptions;
  readonly store: StepStore;
  readonly onProgress: ProgressListener;
  readonly signal: AbortSignal;
}

const keepHistory = (h: readonly EpochLog[]) =>
  h.map(({ epoch, loss, objectLoss, contourLoss, seconds }) => ({ epoch, loss, objectLoss, contourLoss, seconds }));

function floatBytesOf(model: tf.LayersModel): number {
  return model.weights.reduce((n, w) => n + 4 * w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
}

/**
 * Trains (or resumes) member `i` of the final ensemble for annotated set `set` in float: a fresh FCN
 * whose initialisation depends only on (seed, i), trained on a bootstrap resample of the set.
 * The model is saved in tfjs format; a killed run resumes from the member's checkpoint.
 */
export async function trainFloatMember(
  ctx: TrainMembersContext,
  set: string,
  samples: readonly Sample[],
  i: number,
): Promise<MemberRecord> {
  const { o, store } = ctx;
  return store.run(`final/${set}/float/member-${i}`, async () => {
    const dir = join(o.out, 'models', set, 'float', `member-${i}`);
    const model = createFcn({ preset: o.preset, seed: deriveSeed(o.seed, 1, i) });
    try {
      const resample = bootstrapSample(samples, { seed: deriveSeed(o.seed, 2, i) });
      const started = Date.now();
      mkdirSync(join(o.out, 'checkpoints'), { recursive: true });
      const checkpoint = join(o.out, 'checkpoints', `${set}-float-${i}.ckpt`);
      const result = await trainFcn(model, resample, {
        epochs: o.epochs,
        crop: o.crop,
        learningRate: o.learningRate,
        seed: deriveSeed(o.seed, 3, i),
        checkpoint: { path: checkpoint },
        resume: existsSync(checkpoint),
        signal: ctx.signal,
        onProgress: (e) => ctx.onProgress({ ...e, stage: `train ${set} float #${i + 1}` }),
      });
      await saveModel(model, dir);
      return { dir, history: keepHistory(result.history), seconds: (Date.now() - started) / 1000, floatBytes: floatBytesOf(model) };
    } finally {
      model.dispose();
    }
  });
}

/**
 * QNT: member `i` of set `set` re-trained with INQ at `bits` from its float weights (the schedule of
 * SPEC §2, `epochsPerStep` epochs per step), saved in tfjs format and as a bit-packed file.
 */
export async function trainQuantizedMember(
  ctx: TrainMembersContext,
  set: string,
  samples: readonly Sample[],
  i: number,
  bits: number,
  float: MemberRecord,
): Promise<MemberRecord> {
  const { o, store } = ctx;
  return store.run(`final/${set}/qnt-${bits}/member-${i}`, async () => {
    const dir = join(o.out, 'models', set, `qnt-${bits}`, `member-${i}`);
    const model = await loadModel(float.dir);
    try {
      const resample = bootstrapSample(samples, { seed: deriveSeed(o.seed, 2, i) });
      const started = Date.now();
      const checkpoint = join(o.out, 'checkpoints', `${set}-qnt${bits}-${i}.ckpt`);
      const hook = inqHook({ bits, epochsPerStep: o.epochsPerStep });
      const result = await trainFcn(model, resample, {
        epochs: 4 * o.epochsPerStep,
        crop: o.crop,
        learningRate: o.learningRate / 5,
        seed: deriveSeed(o.seed, 4, i, bits),
        hooks: [hook],
        checkpoint: { path: checkpoint },
        resume: existsSync(checkpoint),
        signal: ctx.signal,
        onProgress: (e) => ctx.onProgress({ ...e, stage: `train ${set} QNT-${bits} #${i + 1}` }),
      });
      await saveModel(model, dir);
      if (!hook.inq) throw new Error(`INQ never bound to the weights of ${set} member ${i}`);
      const packed = packModel(model, { inq: hook.inq });
      hook.dispose();
      const packedFile = `${dir}.qfcnq`;
      writeAtomic(packedFile, packed);
      const report = sizeReport(packed);
      return {
        dir,
        history: keepHistory(result.history),
        seconds: (Date.now() - started) / 1000,
        floatBytes: floatBytesOf(model),
        packedBytes: report.packedBytes,
        packedFile,
      };
    } finally {
      model.dispose();
    }
  });
}
