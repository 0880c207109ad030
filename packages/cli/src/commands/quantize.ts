import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { initCliBackend } from '../backend';
import { FcnEnsemble, trainFcn } from '@qfcn/fcn';
import { formatSizeReport, sizeReport } from '@qfcn/quantize';
import { createInq, inqHook, packModel, type Inq } from '@qfcn/quantize/tfjs';
import { parse, parseNumber, parsePositiveInt, requireString, UsageError } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { assertInputPath, loadEnsemble, loadTrainingSamples } from './common';

const help = `
qfcn quantize — quantize a trained model's weights to powers of two (INQ) and pack them

Usage: qfcn quantize --model DIR --bits B --out DIR [--data DIR [--epochs-per-step N] [--crop N]]
                     [--dataset glas|folder] [--seed N] [--force] [--backend auto|wasm|cpu|…] [--quiet]

  --model DIR      a model folder from 'qfcn train' (ensemble.json) or one FCN (model.json)
  --bits B         2..8 (the paper studies 5, 6, 7)
  --data DIR       with labelled data: INQ fine-tuning, the schedule 0.5/0.75/0.875/1 with
                   --epochs-per-step epochs (default 3) of re-training after each step (accurate);
                   without: every kernel quantized at once (fast, loses more accuracy)
  --out DIR        member-<i>/ (tfjs format, weights on the levels) and member-<i>.qfcnq
                   (bit-packed: b-bit codes + n1 per tensor; biases and batch norm stay float),
                   with the model's fitted post-processing; never the --model folder itself, and
                   a folder holding files only with --force

Prints the size table: float bytes, packed bytes, and the ratio (32/b for the quantized kernels).

Example:
  qfcn quantize --model nuclei-model --bits 7 --data ../shared/data/monuseg/train --out nuclei-7bit
`;

export const quantizeCommand: Command = {
  name: 'quantize',
  summary: 'INQ-quantize (optionally fine-tune) and bit-pack a trained model; prints the size table',
  help,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      model: { type: 'string' },
      bits: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      dataset: { type: 'string' },
      'epochs-per-step': { type: 'string' },
      crop: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      quiet: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const bits = parseNumber(requireString(values.bits, 'bits'), 'bits', 0);
    if (!Number.isInteger(bits) || bits < 2 || bits > 8)
      throw new UsageError(`--bits must be an integer in 2..8, got ${values.bits}`);
    const out = requireString(values.out, 'out');
    const modelDir = requireString(values.model, 'model');
    if (resolve(out) === resolve(modelDir))
      throw new UsageError('--out must not be the --model folder: quantizing would replace the float model');
    if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file`);
    if (existsSync(out) && readdirSync(out).length > 0 && !values.force) {
      throw new UsageError(
        `--out ${out} already holds files; choose another folder or add --force to replace its model`,
      );
    }
    const epochsPerStep = parsePositiveInt(values['epochs-per-step'], 'epochs-per-step', 3);
    const crop = parsePositiveInt(values.crop, 'crop', 128);
    const seed = parseNumber(values.seed, 'seed', 0);
    if (!Number.isInteger(seed) || seed < 0)
      throw new UsageError(`--seed must be an integer ≥ 0, got '${values.seed}'`);
    assertInputPath(modelDir, 'model', 'folder');
    if (values.data !== undefined) assertInputPath(values.data, 'data', 'folder');
    const log = (line: string) => (values.quiet ? undefined : io.err(`${line}\n`));
    await initCliBackend(values.backend, { check: values.data ? 'training' : 'inference', log });
    const ensemble = await loadEnsemble(modelDir);
    const samples = values.data ? await loadTrainingSamples(values.data, values.dataset) : undefined;
    const files: Record<string, Uint8Array> = {};
    const progress = createProgress({ quiet: Boolean(values.quiet) });
    try {
      for (const [i, member] of ensemble.members.entries()) {
        let inq: Inq;
        if (samples) {
          const hook = inqHook({ bits, epochsPerStep });
          await trainFcn(member.model, samples, {
            epochs: 4 * epochsPerStep,
            learningRate: 1e-4,
            crop,
            seed: seed + i,
            hooks: [hook],
            onProgress: (e) => progress.listener({ ...e, stage: `INQ member ${i + 1}/${ensemble.size}` }),
          });
          inq = hook.inq!;
        } else {
          inq = createInq(member.model, { bits, schedule: [1] });
          inq.finish();
        }
        files[`member-${i}.qfcnq`] = packModel(member.model, { inq });
        inq.dispose();
      }
      // one atomic step: the members, their packed weights, and the model's post-processing and TTA
      await new FcnEnsemble(ensemble.members, [], ensemble.instances).save(out, { files });
      if (!values.quiet) io.out(`${formatSizeReport(sizeReport(files['member-0.qfcnq']!))}\n`);
    } finally {
      progress.stop();
      ensemble.dispose();
    }
    if (!values.quiet) io.out(`wrote ${ensemble.size} quantized FCN(s) at ${bits} bits to ${out}\n`);
    return 0;
  },
};
