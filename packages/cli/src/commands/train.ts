import { join } from 'node:path';
import { initCliBackend } from '../backend';
import { FcnEnsemble, trainEnsemble } from '@qfcn/fcn';
import { formatSizeReport, sizeReport } from '@qfcn/quantize';
import { inqHook, packModel, type InqHook } from '@qfcn/quantize/tfjs';
import { parse, parseNumber, requireString, UsageError } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { writeAtomic } from '../reproduce/stepStore';
import { loadTrainingSamples } from './common';

const help = `
qfcn train — train an FCN or an ensemble of FCNs on your labelled images, optionally with INQ

Usage: qfcn train --data DIR --out DIR [--dataset glas|folder] [--preset tiny|small|paper]
                  [--members N] [--bits B] [--epochs N] [--epochs-per-step N] [--crop N]
                  [--batch N] [--lr X] [--seed N] [--backend auto|wasm|cpu|…] [--quiet]

  --data DIR        GlaS folder (train split) or <id>.png + <id>_label.png pairs
  --out DIR         where the model goes: ensemble.json + member-<i>/ (tfjs format);
                    with --bits also member-<i>.qfcnq (bit-packed INQ weights)
  --members N       FCNs, each on a bootstrap resample when N > 1 (default 1)
  --bits B          train float for --epochs, then INQ at B bits (2..8) for 4 x --epochs-per-step epochs
  --preset NAME     tiny, small (default) or paper
  --epochs N        float epochs (default 40); --crop N random crop side (default 128)

Checkpoints go to OUT.checkpoints/; if a run is interrupted, the same command resumes it.

Example:
  qfcn train --data ../shared/data/monuseg/train --out nuclei-model --preset small --members 3 --bits 7
`;

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
      members: { type: 'string' },
      bits: { type: 'string' },
      epochs: { type: 'string' },
      'epochs-per-step': { type: 'string' },
      crop: { type: 'string' },
      batch: { type: 'string' },
      lr: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      quiet: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const data = requireString(values.data, 'data');
    const out = requireString(values.out, 'out');
    const members = parseNumber(values.members, 'members', 1);
    const bits = values.bits === undefined ? undefined : parseNumber(values.bits, 'bits', 0);
    const epochs = parseNumber(values.epochs, 'epochs', 40);
    const epochsPerStep = parseNumber(values['epochs-per-step'], 'epochs-per-step', 5);
    const log = (line: string) => (values.quiet ? undefined : io.err(`${line}\n`));
    await initCliBackend(values.backend, { log });
    const samples = await loadTrainingSamples(data, values.dataset);
    log(`training ${members} FCN(s) (${values.preset}) on ${samples.length} images${bits ? `, INQ at ${bits} bits after ${epochs} float epochs` : ''}`);
    const hooks: InqHook[] = [];
    const progress = createProgress({ quiet: Boolean(values.quiet) });
    let ensemble: FcnEnsemble;
    try {
      ensemble = await trainEnsemble(samples, {
        members,
        bootstrap: members > 1,
        seed: parseNumber(values.seed, 'seed', 0),
        model: { preset: values.preset },
        train: {
          epochs: bits === undefined ? epochs : epochs + 4 * epochsPerStep,
          crop: parseNumber(values.crop, 'crop', 128),
          batchSize: parseNumber(values.batch, 'batch', 4),
          learningRate: parseNumber(values.lr, 'lr', 5e-4),
        },
        ...(bits === undefined
          ? {}
          : {
              hooks: (i: number) => {
                const hook = inqHook({ bits, epochsPerStep, startEpoch: epochs });
                hooks[i] = hook;
                return [hook];
              },
            }),
        checkpointDir: `${out}.checkpoints`,
        onProgress: progress.listener,
      });
    } finally {
      progress.stop();
    }
    await ensemble.save(out);
    io.out(`saved ${members} FCN(s) to ${out}\n`);
    if (bits !== undefined) {
      ensemble.members.forEach((m, i) => {
        const hook = hooks[i];
        if (!hook?.inq) return;
        const packed = packModel(m.model, { inq: hook.inq });
        writeAtomic(join(out, `member-${i}.qfcnq`), packed);
        if (i === 0) io.out(`${formatSizeReport(sizeReport(packed))}\n`);
      });
    }
    ensemble.dispose();
    return 0;
  },
};
