import { parse, parseList, parseNumber, UsageError } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { runReproduction } from '../reproduce/runReproduction';
import type { DatasetKind } from '../reproduce/options';

const help = `
qfcn reproduce — the experiment of Xu et al. (CVPR 2018) end to end, with a report

Usage: qfcn reproduce [--data DIR] [--dataset glas|folder|synthetic] [--preset tiny|small|paper]
                      [--bits 5,7] [--members 1,3] [--budget 0.5] [--backend auto|wasm|cpu|…]
                      [--out DIR] [--seed N] [--epochs N] [--epochs-per-step N] [--crop N] [--lr F]
                      [--suggest-members N] [--K N] [--k N] [--test-fraction F] [--fresh] [--quiet]

Without --data it runs on the embedded synthetic glands (written in the GlaS layout to OUT/data)
and takes 2–3 minutes on a 2-core machine (1.5 with qfcn-native, 2.8 on wasm).

Grid: annotated sets chosen by random, SA (suggestive annotation, float ensemble) and QSA-b (INQ
ensemble at each bit width b), plus all training data; on each, final FCNs trained float and with
INQ (QNT-b); evaluated with 1..max(members) FCNs on every test part (GlaS: test A and B; a folder
dataset: a held-out --test-fraction).

Writes OUT/report.md, OUT/results.json, PNG plots and overlays, trained models (tfjs format) and
bit-packed quantized weights. Ctrl-C (or a crash) loses nothing: rerun the same command to resume.

  --data DIR          GlaS folder (verified against the official manifest) or <id>.png + <id>_label.png
  --preset NAME       FCN size (default tiny)
  --bits LIST         INQ bit widths for QSA and QNT (default 5,7)
  --members LIST      ensemble sizes to evaluate (default 1,3; the paper uses 1,5)
  --budget F          annotation budget as a fraction of the training pool (default 0.5)
  --lr F              Adam learning rate of float training (default 5e-4, SPEC; INQ re-training
                      uses a fifth). Short runs converge much faster with 2e-3.
  --out DIR           output folder (default qfcn-out)
  --fresh             discard finished steps in OUT that were made with other settings

Examples:
  qfcn reproduce
  qfcn reproduce --data ~/data/Warwick_QU --preset small --bits 5,6,7 --out glas-run
  qfcn reproduce --data ../shared/data/monuseg/train --preset small --members 1,3
`;

export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: "run the paper's experiment (SA/QSA × float/QNT × ensemble size) and write a report",
  help,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      data: { type: 'string' },
      dataset: { type: 'string' },
      preset: { type: 'string' },
      bits: { type: 'string' },
      members: { type: 'string' },
      budget: { type: 'string' },
      backend: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      epochs: { type: 'string' },
      'epochs-per-step': { type: 'string' },
      crop: { type: 'string' },
      lr: { type: 'string' },
      'suggest-members': { type: 'string' },
      K: { type: 'string' },
      k: { type: 'string' },
      'test-fraction': { type: 'string' },
      fresh: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const num = (flag: string) => (values[flag as keyof typeof values] === undefined ? undefined : parseNumber(values[flag as keyof typeof values] as string, flag, 0));
    const progress = createProgress({ quiet: Boolean(values.quiet) });
    const controller = new AbortController();
    const onSigint = () => {
      progress.log('interrupted: finishing nothing further; rerun the same command to resume');
      controller.abort(new Error('interrupted (Ctrl-C); rerun the same command to resume'));
    };
    process.once('SIGINT', onSigint);
    try {
      await runReproduction(
        {
          data: values.data,
          dataset: values.dataset as DatasetKind | undefined,
          preset: values.preset,
          bits: values.bits === undefined ? undefined : parseList(values.bits, 'bits', []),
          members: values.members === undefined ? undefined : parseList(values.members, 'members', []),
          budget: num('budget'),
          backend: values.backend,
          out: values.out,
          seed: num('seed'),
          epochs: num('epochs'),
          epochsPerStep: num('epochs-per-step'),
          crop: num('crop'),
          learningRate: num('lr'),
          suggestMembers: num('suggest-members'),
          K: num('K'),
          k: num('k'),
          testFraction: num('test-fraction'),
        },
        { onProgress: progress.listener, log: (line) => (values.quiet ? undefined : io.err(`${line}\n`)), signal: controller.signal, fresh: Boolean(values.fresh) },
      );
    } finally {
      process.off('SIGINT', onSigint);
      progress.stop();
    }
    return 0;
  },
};
