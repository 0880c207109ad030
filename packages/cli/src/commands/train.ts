import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { initCliBackend } from '../backend';
import { type FcnEnsemble, trainEnsemble } from '@qfcn/fcn';
import { formatSizeReport, sizeReport } from '@qfcn/quantize';
import { packModel } from '@qfcn/quantize/tfjs';
import { parseQueueUrl, submitJobs } from '@qfcn/queue';
import { parse, parseNumber, parsePositiveInt, requireString, UsageError } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { statusPrinter } from '../queue/statusPrinter';
import { assertStore } from '../queue/storePath';
import { memberDone, trainJobs } from '../queue/trainJobs';
import { prepareTrainRun, type TrainJobOptions } from '../queue/trainRun';
import { assertOutputPath } from './common';

/**
 * Heads of the trained FCN when `--heads` is not given: the distance head, chosen on validation
 * tiles of the MoNuSeg cross-validation (see the @qfcn/fcn README).
 */
const DEFAULT_HEADS = 3;

const help = `
qfcn train — train an FCN or an ensemble of FCNs on your labelled images, optionally with INQ

Usage: qfcn train --data DIR --out DIR [--dataset glas|folder] [--preset tiny|small|paper]
                  [--decoder-channels N] [--contour-decoder N] [--heads 2|3] [--hv-head] [--members N] [--bootstrap] [--bits B] [--steps N | --epochs N] [--epochs-per-step N] [--inq-lr R]
                  [--average-weights DECAY] [--touching-weight W]
                  [--crop N] [--batch N] [--lr X] [--validation F] [--tune-on validation|all] [--seed N]
                  [--force] [--backend auto|wasm|cpu|…] [--quiet]
                  [--queue redis://HOST:PORT[/DB] --store DIR]

  --data DIR        GlaS folder (train split) or <id>.png + <id>_label.png pairs
  --out DIR         where the model goes: ensemble.json + member-<i>/ (tfjs format);
                    with --bits also member-<i>.qfcnq (bit-packed INQ weights)
  --preset NAME     tiny, small (default) or paper
  --decoder-channels N
                    width of the decoder (the preset's by default: 16 for small); wider
                    fuses the stages' features with more channels, at more training time
  --contour-decoder N
                    give the separating heads (contour, distance, hv) a decoder of their own,
                    N channels wide (two 3x3 layers on the stages' upsampled features), instead
                    of sharing the object head's (default: shared, as in the paper; a 32-wide
                    one was no better on the validation tiles of 4 MoNuSeg folds)
  --heads N         3 (default): the object and contour heads and a distance head that learns
                    each nucleus's distance to its edge, so post-processing may seed objects at
                    its peaks (chosen on validation like the rest); 2: the paper's two heads
  --hv-head         add HoVer-Net's hv head: each nucleus pixel's horizontal and vertical offset
                    from its centre (MSE + Sobel-gradient loss); where two nuclei touch the maps
                    jump, and post-processing may seed apart from there (chosen on validation).
                    Off by default (no better on the validation tiles of 3 MoNuSeg folds)

With no other flags this is the recommended recipe (recommendedTraining of @qfcn/fcn):
  --steps N         optimizer steps (default 2000) of batch 4 x 128² crops, Adam at --lr (2e-3)
                    after 100 warm-up steps, cosine decay; object BCE + Dice, contour BCE
                    (band 1 px for nucleus-sized objects, 2 px for glands), distance BCE (with
                    --heads 3, the default); H&E augmentation
                    (flips, rotations, HED stain jitter, scale, elastic, blur, noise)
  --validation F    share of the images held out to pick the best checkpoint (validation AJI) and
                    to fit post-processing (thresholds, minimum area, test-time flips, colour
                    matching to the training images), which is
                    saved with the model so 'qfcn predict' uses it (default 0.15; 0 = none)
  --tune-on WHAT    the images post-processing is fitted on: validation (the held-out share
                    alone) or all (validation and training images; test-time flips are still
                    decided on the validation images) — default validation
  --epochs N        instead of --steps: N passes of one crop per image (short runs)
  --members N       FCNs, all on the training images with different seeds (default 1)
  --bootstrap       each member on a bootstrap resample (suggesting ensembles, [Yang17])
  --bits B          after float training, INQ at B bits (2..8) for 4 x --epochs-per-step epochs
                    (default 2; an epoch is about 100 steps) at a tenth of the learning rate,
                    starting from the best-validation float weights; the quantized last
                    weights are kept
  --inq-lr R        with --bits: the constant learning rate of INQ's re-training (default a
                    tenth of --lr)
  --average-weights DECAY
                    validate, select and keep an exponential moving average of the weights
                    (DECAY in (0, 1), e.g. 0.995: about the last 200 steps) instead of the raw
                    weights of one step; not with --bits. Off by default (steadier, not better on
                    validation tiles in two cross-validation folds)
  --touching-weight W
                    weight in the contour loss of the band where two objects touch (other
                    contour pixels weigh 3, background 1); higher pushes the contour head to
                    mark the lines between touching nuclei. Default 3 (no extra weight)

On several machines (see 'qfcn worker'):
  --queue URL       enqueue each member as a job on this Redis and wait for 'qfcn worker's to
                    train them; the ensemble is then finished here as without --queue (tuning,
                    --out), bit-identical on the same backend. Jobs carry options and paths only
  --store DIR       the shared folder the workers reach: the run's checkpoints and members go to
                    DIR/train/<key> (key: the options and the data's pixels); --data must be
                    readable by the workers at the same path, or lie inside DIR

Checkpoints go to OUT.checkpoints/; if a run is interrupted, the same command resumes it (a
finished or interrupted run with other settings or other pixels is refused, naming the difference).
An --out folder that already holds files is refused unless --force (or it is this run's own).
Cost: on 2 cores with qfcn-native (libdnnl-dev), the default small FCN trains in about 15-20 min
on 11 MoNuSeg tiles (2000 steps), wasm takes about 3x longer.

Example:
  qfcn train --data ../shared/data/monuseg/train --out nuclei-model
  qfcn predict --model nuclei-model --images tiles/ --out predictions/
`;

/**
 * `--out` must be creatable and must not hold another model, unless `--force` or this is a rerun of
 * the same training (its `OUT.checkpoints` folder exists; other settings are refused there).
 */
function assertOutputFolder(out: string, force: boolean): void {
  assertOutputPath(out, 'out', 'folder');
  if (!existsSync(out)) return;
  if (readdirSync(out).length === 0 || force || existsSync(`${out}.checkpoints`)) return;
  throw new UsageError(`--out ${out} already holds files; choose another folder or add --force to replace its model`);
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train an FCN or an ensemble on a folder dataset (optional INQ with --bits), with resume',
  help,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      data: { type: 'string' },
      out: { type: 'string' },
      dataset: { type: 'string' },
      preset: { type: 'string', default: 'small' },
      'decoder-channels': { type: 'string' },
      heads: { type: 'string' },
      'hv-head': { type: 'boolean' },
      'contour-decoder': { type: 'string' },
      'average-weights': { type: 'string' },
      'touching-weight': { type: 'string' },
      members: { type: 'string' },
      bootstrap: { type: 'boolean', default: false },
      bits: { type: 'string' },
      steps: { type: 'string' },
      epochs: { type: 'string' },
      validation: { type: 'string' },
      'tune-on': { type: 'string' },
      'epochs-per-step': { type: 'string' },
      'inq-lr': { type: 'string' },
      crop: { type: 'string' },
      batch: { type: 'string' },
      lr: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      quiet: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      queue: { type: 'string' },
      store: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const data = requireString(values.data, 'data');
    const out = requireString(values.out, 'out');
    // every option is checked before any work starts
    const positiveInt = (flag: string, fallback: number) =>
      parsePositiveInt(values[flag as keyof typeof values] as string | undefined, flag, fallback);
    const members = positiveInt('members', 1);
    const decoderChannels = values['decoder-channels'] === undefined ? undefined : positiveInt('decoder-channels', 1);
    const contourDecoderChannels =
      values['contour-decoder'] === undefined ? undefined : positiveInt('contour-decoder', 1);
    const heads = values.heads === undefined ? DEFAULT_HEADS : parseNumber(values.heads, 'heads', DEFAULT_HEADS);
    if (heads !== 2 && heads !== 3) throw new UsageError(`--heads must be 2 or 3, got ${values.heads}`);
    const bits = values.bits === undefined ? undefined : parseNumber(values.bits, 'bits', 0);
    if (bits !== undefined && !(Number.isInteger(bits) && bits >= 2 && bits <= 8)) {
      throw new UsageError(`--bits must be an integer in 2..8, got ${values.bits}`);
    }
    const averageDecay =
      values['average-weights'] === undefined
        ? undefined
        : parseNumber(values['average-weights'], 'average-weights', 0);
    if (averageDecay !== undefined && !(averageDecay > 0 && averageDecay < 1))
      throw new UsageError(`--average-weights must be a decay in (0, 1), got ${values['average-weights']}`);
    if (averageDecay !== undefined && bits !== undefined)
      throw new UsageError(
        '--average-weights cannot be combined with --bits (an average of INQ weights is not quantized)',
      );
    const inqLearningRate = values['inq-lr'] === undefined ? undefined : parseNumber(values['inq-lr'], 'inq-lr', 0);
    if (inqLearningRate !== undefined && !(inqLearningRate > 0))
      throw new UsageError(`--inq-lr must be positive, got ${values['inq-lr']}`);
    if (inqLearningRate !== undefined && bits === undefined)
      throw new UsageError("--inq-lr needs --bits (it is the rate of INQ's re-training)");
    const touchingWeight =
      values['touching-weight'] === undefined
        ? undefined
        : parseNumber(values['touching-weight'], 'touching-weight', 0);
    if (touchingWeight !== undefined && !(touchingWeight > 0))
      throw new UsageError(`--touching-weight must be positive, got ${values['touching-weight']}`);
    if (values.steps !== undefined && values.epochs !== undefined)
      throw new UsageError('give --steps or --epochs, not both');
    const epochs = values.epochs === undefined ? undefined : positiveInt('epochs', 1);
    const steps = positiveInt('steps', 2000);
    const epochsPerStep = positiveInt('epochs-per-step', 2);
    const crop = positiveInt('crop', 128);
    const batchSize = positiveInt('batch', 4);
    const learningRate = parseNumber(values.lr, 'lr', 2e-3);
    if (!(learningRate > 0)) throw new UsageError(`--lr must be positive, got ${values.lr}`);
    const fraction = parseNumber(values.validation, 'validation', 0.15);
    if (!(fraction >= 0 && fraction < 1))
      throw new UsageError(`--validation must be in [0, 1), got ${values.validation}`);
    const tuneOn = values['tune-on'] ?? 'validation';
    if (tuneOn !== 'validation' && tuneOn !== 'all')
      throw new UsageError(`--tune-on must be validation or all, got '${tuneOn}'`);
    if (tuneOn === 'all' && fraction === 0)
      throw new UsageError('--tune-on all needs a validation split (--validation > 0) to decide test-time flips');
    const seed = parseNumber(values.seed, 'seed', 0);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${values.seed}`);
    if (!['tiny', 'small', 'paper'].includes(values.preset as string))
      throw new UsageError(`--preset must be tiny, small or paper, got '${values.preset}'`);
    if (!existsSync(data) || !statSync(data).isDirectory()) throw new UsageError(`--data ${data} is not a folder`);
    assertOutputFolder(out, Boolean(values.force));
    if ((values.queue === undefined) !== (values.store === undefined))
      throw new UsageError('--queue and --store go together');
    const queue = values.queue === undefined ? undefined : parseQueueUrl(values.queue);
    const store = values.store === undefined ? undefined : assertStore(values.store);
    const log = (line: string) => (values.quiet ? undefined : io.err(`${line}\n`));
    await initCliBackend(values.backend, { log });
    const options: TrainJobOptions = {
      data: resolve(data),
      ...(values.dataset === undefined ? {} : { dataset: values.dataset }),
      preset: values.preset as string,
      ...(decoderChannels === undefined ? {} : { decoderChannels }),
      ...(contourDecoderChannels === undefined ? {} : { contourDecoderChannels }),
      ...(heads === 3 ? { distanceHead: true } : {}),
      ...(values['hv-head'] ? { hvHead: true } : {}),
      members,
      bootstrap: Boolean(values.bootstrap),
      ...(bits === undefined ? {} : { bits }),
      ...(inqLearningRate === undefined ? {} : { inqLearningRate }),
      ...(averageDecay === undefined ? {} : { averageDecay }),
      ...(touchingWeight === undefined ? {} : { touchingWeight }),
      steps,
      ...(epochs === undefined ? {} : { epochs }),
      epochsPerStep,
      crop,
      batchSize,
      learningRate,
      validation: fraction,
      tuneOn,
      seed,
    };
    const run = await prepareTrainRun(options);
    const { trainSamples, validation, inqStart, hooks } = run;
    const train = run.ensemble.train;
    log(
      `training ${members} FCN(s) (${values.preset}${decoderChannels ? `, decoder ${decoderChannels}` : ''}${contourDecoderChannels ? `, contour decoder ${contourDecoderChannels}` : ''}${heads === 3 ? ', distance head' : ''}${values['hv-head'] ? ', hv head' : ''}) on ${trainSamples.length} images` +
        (validation.length > 0
          ? `, validating on ${validation.length} (${validation.map((s) => s.id).join(', ')})`
          : ', no validation split') +
        `: ${train.steps ?? `${train.epochs} epochs of`} steps ${train.steps ? '' : `${Math.ceil((trainSamples.length * (train.cropsPerImage ?? 1)) / (train.batchSize ?? 4))} `}` +
        `x batch ${train.batchSize} x ${train.crop}², lr ${train.learningRate} cosine, contour band ${train.contourThickness} px` +
        (train.touchingWeight === undefined ? '' : `, touching lines weigh ${train.touchingWeight}`) +
        (bits ? `, INQ at ${bits} bits from epoch ${inqStart} at lr ${train.schedule?.afterDecayLearningRate}` : ''),
    );
    let checkpointDir = `${out}.checkpoints`;
    if (queue && store) {
      // the members train on the workers; trainEnsemble below then loads them from the store
      const { dir, jobs } = trainJobs(options, run, store);
      log(`queue ${queue.display}: ${jobs.length} member job(s), results in ${dir}`);
      await submitJobs(queue, jobs, { isDone: (j) => memberDone(dir, j.data.member), onStatus: statusPrinter(log) });
      checkpointDir = dir;
    }
    const progress = createProgress({ quiet: Boolean(values.quiet) });
    let ensemble: FcnEnsemble;
    let tunedAji: number | undefined;
    try {
      ensemble = await trainEnsemble(trainSamples, {
        ...run.ensemble,
        checkpointDir,
        onProgress: (e) => {
          if (e.stage === 'tune') tunedAji = e.values?.validationAji;
          progress.listener(e);
        },
      });
    } finally {
      progress.stop();
    }
    // the bit-packed weights are written in the same atomic step as the model folder
    const files: Record<string, Uint8Array> = {};
    if (bits !== undefined) {
      ensemble.members.forEach((m, i) => {
        const hook = hooks[i];
        if (hook?.inq) files[`member-${i}.qfcnq`] = packModel(m.model, { inq: hook.inq });
      });
    }
    await ensemble.save(out, { files });
    if (!values.quiet) {
      io.out(`saved ${members} FCN(s) to ${out}\n`);
      if (files['member-0.qfcnq']) io.out(`${formatSizeReport(sizeReport(files['member-0.qfcnq']))}\n`);
    }
    if (validation.length > 0) {
      const selected = ensemble.histories.map((h) => Math.max(...h.map((e) => e.valAji ?? -1)));
      const pp = ensemble.instances;
      log(
        `validation AJI ${selected.map((a) => a.toFixed(3)).join(', ')}${tunedAji === undefined ? '' : ` (${tunedAji.toFixed(3)} with what was fitted)`}; post-processing (fitted on ${tuneOn === 'all' ? `all ${validation.length + trainSamples.length} images` : `${validation.length} validation image${validation.length === 1 ? '' : 's'}`}): object > ${pp.objectThreshold}, ` +
          `${pp.markerThreshold === undefined ? '' : `seeds object > ${pp.markerThreshold} and `}contour < ${pp.contourThreshold}, min area ${pp.minArea} px, ${pp.distanceThreshold ? `seeds distance > ${pp.distanceThreshold}, ` : ''}${pp.splitDepth ? `seeds split at necks deeper than ${pp.splitDepth} px, ` : ''}${pp.distanceDepth ? `seeds split between distance peaks deeper than ${pp.distanceDepth}, ` : ''}${pp.hvThreshold ? `seeds hv edge energy < ${pp.hvThreshold}, ` : ''}test-time flips ${ensemble.members[0]!.tileOptions.tta ? 'on' : 'off'}, colour matching ${ensemble.members[0]!.tileOptions.colorTarget ? 'on' : 'off'}`,
      );
    }
    ensemble.dispose();
    return 0;
  },
};
