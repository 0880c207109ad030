import { parseQueueUrl } from '@qfcn/queue';
import { availableParallelism } from 'node:os';
import { parse, parseList, parseNumber, parsePositiveInt, renamedFlag, UsageError } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { reproduceOnQueue } from '../queue/reproduceJobs';
import { statusPrinter } from '../queue/statusPrinter';
import { assertStore } from '../queue/storePath';
import { assertInputPath, assertOutputPath } from './common';
import { runReproduction } from '../reproduce/runReproduction';
import type { DatasetKind } from '../reproduce/options';

const help = `
qfcn reproduce — the experiment of Xu et al. (CVPR 2018) end to end, over seeds, with a claims table

Usage: qfcn reproduce [--data DIR] [--dataset glas|folder|synthetic] [--preset tiny|small|paper]
                      [--seeds N] [--seed N] [--bits 5,6,7] [--qsa-bits 7] [--members 1,3]
                      [--subset-members N] [--qnt-members N] [--suggest-members N] [--budget 0.5]
                      [--steps N] [--inq-steps N] [--suggest-steps N] [--crop N] [--batch-size N] [--lr F]
                      [--candidates N] [--picks N] [--validation-fraction F] [--test-fraction F]
                      [--backend auto|wasm|cpu|…] [--workers N] [--out DIR] [--fresh] [--quiet]
                      [--queue redis://HOST:PORT[/DB] --store DIR]

Without --data it runs on the embedded synthetic glands (written in the GlaS layout to OUT/data).

Per seed: a validation split of the training images (the rest is the pool); annotated sets chosen
by random, fg-random (foreground-aware random), SA and QSA-b from one shared initial set; final FCNs
on each set and on the whole pool ("all"), float, and on the whole pool also QNT-b (INQ in the last
quarter of the same step budget); evaluated on every test part. Then mean ± 95% CI per row and the
claims of the paper judged on paired differences across seeds: holds / not shown / contradicted.

Writes OUT/report.md (claims table first), OUT/results.json (every per-seed number), PNG plots with
error bars, overlays, trained models (tfjs format) and bit-packed quantized weights. Ctrl-C (or a
crash) loses nothing: rerun the same command to resume.

  --data DIR              GlaS folder (verified against the official manifest) or <id>.png + <id>_label.png
  --preset NAME           FCN size (default tiny; sets --steps, --crop, --suggest-members:
                          tiny 400, 96, 2; small 2000, 128, 4; paper 6000, 256, 4)
  --seeds N               repetitions of the whole grid with seeds seed..seed+N-1 (default 3)
  --bits LIST             INQ bit widths of QNT on all data (default 5,6,7)
  --qsa-bits LIST         bit widths of the quantized suggesting ensembles (default 7)
  --members LIST          ensemble sizes of the float FCNs on all data (default 1,3; the paper: 1,5)
  --subset-members N      final FCNs per suggested subset (default 1)
  --qnt-members N         QNT FCNs per bit width (default 1)
  --suggest-members N     FCNs of each suggesting ensemble (default 2 for tiny, else 4 as the paper)
  --steps N               optimizer steps of every FCN, float and INQ phases together (tiny 400)
  --inq-steps N           steps of the last phase: INQ for QNT/QSA, float otherwise (default steps/4)
  --suggest-steps N       steps of each suggesting-ensemble FCN (default: --steps × annotated ÷
                          budget, as many crops per image as a final FCN of the annotated set)
  --lr F                  peak Adam learning rate (default tiny 4e-3, else 2e-3; cosine to a tenth,
                          then constant)
  --budget F              annotation budget as a fraction of the pool (default 0.5)
  --candidates N          most uncertain images per suggestion round (the paper's K; --K works too;
                          default 2 x --picks)
  --picks N               images annotated per round (the paper's k; --k works too; default: one
                          round from half the budget to the budget)
  --synthetic A,B,C       images of the embedded synthetic dataset (without --data): training,
                          test A and test B, 128 px square (default 60,20,10)
  --workers N             child processes computing independent cells at once, each with an equal
                          share of the cores (default: cores, at most 4; 1 = all in this process).
                          Small FCNs keep two cores busier as two processes than as two threads
  --out DIR               output folder (default qfcn-out)
  --fresh                 discard finished steps in OUT that were made with other settings
  --queue URL             run the independent cells (per seed: each suggestion plan with its final
                          FCNs, and all data) as jobs for 'qfcn worker's on this Redis, then write
                          the same report here; the experiment lives in DIR/reproduce/<key> (key:
                          the options and the data's content) and is copied to OUT at the end
  --store DIR             the shared folder every worker reaches (--data inside it, or at the same
                          path on every machine)

Examples:
  qfcn reproduce
  qfcn reproduce --data ~/data/Warwick_QU --dataset glas --preset small --seeds 3 --out glas-run
  qfcn reproduce --queue redis://redis.lab:6379 --store /mnt/qfcn-store --preset small
  qfcn reproduce --data ~/data/Warwick_QU --dataset glas --preset paper --seeds 5 --members 1,5 --qnt-members 5 --subset-members 5
`;

/** `--synthetic train,testA,testB`: image counts of the embedded synthetic dataset (128² images). */
function syntheticCounts(
  value: string | undefined,
  data: string | undefined,
): { train: number; testA: number; testB: number; size: number } | undefined {
  if (value === undefined) return undefined;
  if (data !== undefined) throw new UsageError('--synthetic sizes the embedded dataset; it does nothing with --data');
  const counts = parseList(value, 'synthetic', []);
  if (counts.length !== 3 || counts.some((n) => !Number.isInteger(n) || n < 1) || counts[0]! < 5)
    throw new UsageError(
      `--synthetic expects three whole counts train,testA,testB (train ≥ 5 for a validation split and a pool), got '${value}'`,
    );
  return { train: counts[0]!, testA: counts[1]!, testB: counts[2]!, size: 128 };
}

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
      seeds: { type: 'string' },
      'qsa-bits': { type: 'string' },
      'subset-members': { type: 'string' },
      'qnt-members': { type: 'string' },
      steps: { type: 'string' },
      'inq-steps': { type: 'string' },
      'suggest-steps': { type: 'string' },
      crop: { type: 'string' },
      'batch-size': { type: 'string' },
      'validation-fraction': { type: 'string' },
      lr: { type: 'string' },
      'suggest-members': { type: 'string' },
      candidates: { type: 'string' },
      picks: { type: 'string' },
      K: { type: 'string' },
      k: { type: 'string' },
      'test-fraction': { type: 'string' },
      synthetic: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      queue: { type: 'string' },
      store: { type: 'string' },
      workers: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if ((values.queue === undefined) !== (values.store === undefined))
      throw new UsageError('--queue and --store go together');
    if (values.queue !== undefined && values.fresh)
      throw new UsageError(
        '--fresh does nothing with --queue: a queued experiment is stored under the key of its options',
      );
    const workers = parsePositiveInt(values.workers, 'workers', Math.min(availableParallelism(), 4));
    if (values.workers !== undefined && values.queue !== undefined)
      throw new UsageError('--workers is for a local run; with --queue, start more qfcn workers');
    const queue = values.queue === undefined ? undefined : parseQueueUrl(values.queue);
    const store = values.store === undefined ? undefined : assertStore(values.store);
    // results (or, with --queue, the experiment copied at the end) go to --out: a folder that can be made
    assertOutputPath(values.out ?? 'qfcn-out', 'out', 'folder');
    if (values.data !== undefined) assertInputPath(values.data, 'data', 'folder');
    const num = (flag: string) =>
      values[flag as keyof typeof values] === undefined
        ? undefined
        : parseNumber(values[flag as keyof typeof values] as string, flag, 0);
    const renamed = (flag: string, old: string) => {
      const value = renamedFlag(values, flag, old);
      return value === undefined ? undefined : parseNumber(value, flag, 0);
    };
    const progress = createProgress({ quiet: Boolean(values.quiet) });
    const controller = new AbortController();
    const onSigint = () => {
      progress.log('interrupted: finishing nothing further; rerun the same command to resume');
      controller.abort(new Error('interrupted (Ctrl-C); rerun the same command to resume'));
    };
    process.once('SIGINT', onSigint);
    try {
      const log = (line: string) => (values.quiet ? undefined : io.err(`${line}\n`));
      const hooks = {
        onProgress: progress.listener,
        log,
        signal: controller.signal,
        fresh: Boolean(values.fresh),
        workers,
      };
      const options = {
        data: values.data,
        dataset: values.dataset as DatasetKind | undefined,
        preset: values.preset,
        bits: values.bits === undefined ? undefined : parseList(values.bits, 'bits', []),
        members: values.members === undefined ? undefined : parseList(values.members, 'members', []),
        budget: num('budget'),
        backend: values.backend,
        out: values.out,
        seed: num('seed'),
        seeds: num('seeds'),
        qsaBits: values['qsa-bits'] === undefined ? undefined : parseList(values['qsa-bits'], 'qsa-bits', []),
        subsetMembers: num('subset-members'),
        qntMembers: num('qnt-members'),
        steps: num('steps'),
        inqSteps: num('inq-steps'),
        suggestSteps: num('suggest-steps'),
        crop: num('crop'),
        batchSize: num('batch-size'),
        validationFraction: num('validation-fraction'),
        learningRate: num('lr'),
        suggestMembers: num('suggest-members'),
        candidates: renamed('candidates', 'K'),
        picks: renamed('picks', 'k'),
        testFraction: num('test-fraction'),
        synthetic: syntheticCounts(values.synthetic, values.data),
      };
      if (queue && store) {
        log(`queue ${queue.display}: the experiment's cells become jobs for 'qfcn worker's`);
        await reproduceOnQueue(
          options,
          { ...hooks, onStatus: statusPrinter((line) => progress.log(line)) },
          queue,
          store,
        );
      } else {
        await runReproduction(options, hooks);
      }
    } finally {
      process.off('SIGINT', onSigint);
      progress.stop();
    }
    return 0;
  },
};
