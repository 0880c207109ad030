import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { ProgressListener, Sample } from '@qfcn/contract';
import { createFcn, loadModel, saveModel, trainFcn, type EpochLog, type MemberTrainOptions } from '@qfcn/fcn';
import { inqHook, packModel } from '@qfcn/quantize/tfjs';
import { sizeReport } from '@qfcn/quantize';
import type { StepStore } from './stepStore';
import { writeFileAtomic as writeAtomic } from '@qfcn/internal/node';
import { deriveSeed } from '@qfcn/internal';
import type { ResolvedOptions } from './options';

/** What training one member left behind (saved in the step store; the model itself is on disk). */
export interface MemberRecord {
  readonly dir: string;
  readonly history: readonly Pick<EpochLog, 'epoch' | 'loss' | 'objectLoss' | 'contourLoss' | 'seconds'>[];
  readonly seconds: number;
  /** Optimizer steps of the whole member (float phase + continuation or INQ phase). */
  readonly steps: number;
  /** Float32 bytes of all weights. */
  readonly floatBytes: number;
  /** Bytes of the packed file (quantized members only). */
  readonly packedBytes?: number;
  /** Float32 bytes ÷ packed bytes of the quantized kernels alone (quantized members only). */
  readonly kernelRatio?: number;
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
 * The one training budget of every FCN in the experiment, for `n` training images: epochs of
 * `cropsPerImage` crops per image sized so that one epoch is a quarter of the INQ phase; a float phase
 * of `floatEpochs` (warm-up over a tenth, cosine decay to lr/10), then 4 epochs at lr/10 — INQ's 4
 * steps (50/75/87.5/100 %) for quantized FCNs, plain float training for float ones. So float and
 * quantized FCNs (final QNT, suggesting QSA) get the same optimizer steps and learning-rate policy.
 */
export function trainingPlan(o: Pick<ResolvedOptions, 'steps' | 'inqSteps' | 'batchSize'>, n: number) {
  const cropsPerImage = Math.max(1, Math.round(((o.inqSteps / 4) * o.batchSize) / n));
  const stepsPerEpoch = Math.ceil((n * cropsPerImage) / o.batchSize);
  const floatEpochs = Math.max(1, Math.round((o.steps - o.inqSteps) / stepsPerEpoch));
  const inqEpochs = 4;
  return {
    cropsPerImage,
    stepsPerEpoch,
    floatEpochs,
    inqEpochs,
    floatSteps: floatEpochs * stepsPerEpoch,
    totalSteps: (floatEpochs + inqEpochs) * stepsPerEpoch,
  };
}

/** trainFcn options shared by every FCN: the float phase and (with `phase: 'all'`) the last 4 epochs in one run. */
export function memberTrainOptions(
  o: ResolvedOptions,
  n: number,
  phase: 'float' | 'continue' | 'all',
): MemberTrainOptions {
  const plan = trainingPlan(o, n);
  const common = { crop: o.crop, batchSize: o.batchSize, cropsPerImage: plan.cropsPerImage };
  if (phase === 'continue') return { ...common, epochs: plan.inqEpochs, learningRate: o.learningRate / 10 };
  return {
    ...common,
    epochs: phase === 'float' ? plan.floatEpochs : plan.floatEpochs + plan.inqEpochs,
    learningRate: o.learningRate,
    schedule: {
      warmupSteps: Math.floor(plan.floatSteps / 10),
      decay: 'cosine',
      minLearningRate: o.learningRate / 10,
      decaySteps: plan.floatSteps,
    },
  };
}

/**
 * The float phase of final member `i` on annotated set `set` (seed `seed`): a fresh FCN whose
 * initialisation depends only on (seed, i) — so members of different sets start alike, which pairs
 * the comparisons — trained on the whole set (no bootstrap). Saved; a killed run resumes from the
 * member's checkpoint.
 */
async function trainFloatPhase(
  ctx: TrainMembersContext,
  seed: number,
  set: string,
  samples: readonly Sample[],
  i: number,
): Promise<MemberRecord> {
  const { o, store } = ctx;
  return store.run(`seed-${seed}/final/${set}/float-phase/member-${i}`, async () => {
    const dir = join(o.out, 'models', `seed-${seed}`, set, 'float-phase', `member-${i}`);
    const model = createFcn({ preset: o.preset, seed: deriveSeed(seed, 1, i) });
    try {
      const started = Date.now();
      mkdirSync(join(o.out, 'checkpoints'), { recursive: true });
      const checkpoint = join(o.out, 'checkpoints', `seed-${seed}-${set}-float-${i}.ckpt`);
      const result = await trainFcn(model, samples, {
        ...memberTrainOptions(o, samples.length, 'float'),
        seed: deriveSeed(seed, 3, i),
        checkpoint: { path: checkpoint },
        resume: existsSync(checkpoint),
        signal: ctx.signal,
        onProgress: (e) => ctx.onProgress({ ...e, stage: `seed ${seed} train ${set} #${i + 1}` }),
      });
      await saveModel(model, dir);
      return {
        dir,
        history: keepHistory(result.history),
        seconds: (Date.now() - started) / 1000,
        steps: result.steps,
        floatBytes: floatBytesOf(model),
      };
    } finally {
      model.dispose();
    }
  });
}

/**
 * Final member `i` of set `set`: the float phase, then the last 4 epochs at lr/10 — float
 * (`bits` null) or INQ at `bits` (QNT; saved in tfjs format and as a bit-packed file). The float
 * phase is shared, so QNT-b and float members differ only in the last quarter of the same budget.
 */
export async function trainFinalMember(
  ctx: TrainMembersContext,
  seed: number,
  set: string,
  samples: readonly Sample[],
  i: number,
  bits: number | null,
): Promise<MemberRecord> {
  const { o, store } = ctx;
  const float = await trainFloatPhase(ctx, seed, set, samples, i);
  const training = bits === null ? 'float' : `qnt-${bits}`;
  return store.run(`seed-${seed}/final/${set}/${training}/member-${i}`, async () => {
    const dir = join(o.out, 'models', `seed-${seed}`, set, training, `member-${i}`);
    const model = await loadModel(float.dir);
    try {
      const started = Date.now();
      const hook = bits === null ? null : inqHook({ bits, epochsPerStep: 1 });
      const result = await trainFcn(model, samples, {
        ...memberTrainOptions(o, samples.length, 'continue'),
        seed: deriveSeed(seed, 4, i, bits ?? 32),
        ...(hook ? { hooks: [hook] } : {}),
        signal: ctx.signal,
        onProgress: (e) =>
          ctx.onProgress({
            ...e,
            stage: `seed ${seed} train ${set} ${bits === null ? 'float' : `QNT-${bits}`} #${i + 1}`,
          }),
      });
      await saveModel(model, dir);
      const base = {
        dir,
        history: [
          ...float.history,
          ...keepHistory(result.history).map((h) => ({ ...h, epoch: h.epoch + float.history.length })),
        ],
        seconds: float.seconds + (Date.now() - started) / 1000,
        steps: float.steps + result.steps,
        floatBytes: floatBytesOf(model),
      };
      if (!hook) return base;
      if (!hook.inq) throw new Error(`INQ never bound to the weights of ${set} member ${i}`);
      const packed = packModel(model, { inq: hook.inq });
      hook.dispose();
      const packedFile = `${dir}.qfcnq`;
      writeAtomic(packedFile, packed);
      const report = sizeReport(packed);
      return { ...base, packedBytes: report.packedBytes, kernelRatio: report.quantized.ratio, packedFile };
    } finally {
      model.dispose();
    }
  });
}
