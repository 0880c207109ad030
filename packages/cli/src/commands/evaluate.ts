import { readLabelMap } from '@qfcn/data';
import { evaluate, type Evaluation, type FnRule } from '@qfcn/metrics';
import { DataError, InvalidArgumentError } from '@qfcn/contract';
import { parse, requireString, UsageError } from '../args';
import type { Command, Io } from '../command';
import { pairFiles, type FilePair } from './pair-files';
import { formatTable } from '../format';
import { writeAtomic } from '../reproduce/stepStore';

const help = `
qfcn evaluate — score instance segmentations against ground truth, exactly as the GlaS challenge does

Usage: qfcn evaluate --pred DIR --gt DIR [--json FILE] [--fn-rule official|unmatched] [--quiet]

  --pred DIR       predicted instance label maps (PNG 8/16-bit, BMP, TIFF; 0 = background)
  --gt DIR         ground-truth label maps: GlaS folders (testA_1_anno.bmp), MoNuSeg-style folders
                   (<id>_label.png), or plain label files named like the predictions
  --json FILE      also write all scores (pooled, per-image mean, per image) as JSON ('-' = stdout)
  --fn-rule RULE   'official' (default: FN = GT objects matched by no segmented object, the Warwick
                   code) or 'unmatched' (FN = #GT - TP, the written definition)
  --quiet          no progress output

Files pair by name: a prediction belongs to testA_1 when it is named testA_1 or testA_1<sep>…
(testA_1_pred.png), never testA_10. GlaS test parts A and B are scored separately.
Scores per part: "pooled" over all objects of the part (the challenge definition) and the mean
over images (what many papers report).

Example:
  qfcn evaluate --pred out/predictions --gt ~/data/Warwick_QU --json scores.json
`;

export interface EvaluateReport {
  readonly fnRule: FnRule;
  readonly groups: Record<string, Evaluation>;
}

function score(pairs: readonly FilePair[], fnRule: FnRule, io: Io, quiet: boolean): EvaluateReport {
  const groups: Record<string, Evaluation> = {};
  const names = [...new Set(pairs.map((p) => p.group))];
  let done = 0;
  for (const group of names) {
    const inGroup = pairs.filter((p) => p.group === group);
    const loaded = inGroup.map((p) => {
      const groundTruth = readLabelMap(p.groundTruth);
      const segmentation = readLabelMap(p.prediction);
      if (segmentation.width !== groundTruth.width || segmentation.height !== groundTruth.height) {
        throw new DataError(
          `size mismatch for '${p.id}': prediction is ${segmentation.width}x${segmentation.height}, ground truth ${groundTruth.width}x${groundTruth.height}`,
          { path: p.prediction },
        );
      }
      done++;
      if (!quiet && io.tty) io.err(`\rread ${done}/${pairs.length}`);
      return { id: p.id, segmentation, groundTruth };
    });
    groups[group] = evaluate(loaded, { fnRule });
  }
  if (!quiet && io.tty) io.err('\n');
  return { fnRule, groups };
}

/** The table `qfcn evaluate` prints: one row per group and aggregation. */
export function formatEvaluation(report: EvaluateReport): string {
  const rows: string[][] = [];
  for (const [group, e] of Object.entries(report.groups)) {
    const p = e.pooled;
    const m = e.perImageMean;
    rows.push([group, String(e.numImages), 'pooled', p.f1.toFixed(4), p.objectDice.toFixed(4), p.objectHausdorff.toFixed(3), String(p.tp), String(p.fp), String(p.fn)]);
    rows.push(['', '', 'per-image mean', m.f1.toFixed(4), m.objectDice.toFixed(4), m.objectHausdorff.toFixed(3), '', '', '']);
  }
  return formatTable(['part', 'images', 'aggregation', 'F1', 'Object Dice', 'Object Hausdorff', 'TP', 'FP', 'FN'], rows);
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'score predicted label maps against ground truth (GlaS F1, Object Dice, Object Hausdorff)',
  help,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      pred: { type: 'string' },
      gt: { type: 'string' },
      json: { type: 'string' },
      'fn-rule': { type: 'string', default: 'official' },
      quiet: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const fnRule = values['fn-rule'];
    if (fnRule !== 'official' && fnRule !== 'unmatched') {
      throw new UsageError(`--fn-rule must be 'official' or 'unmatched', got '${fnRule}'`);
    }
    const pred = requireString(values.pred, 'pred');
    const gt = requireString(values.gt, 'gt');
    const { pairs, missingPredictions, unmatchedPredictions } = pairFiles(pred, gt);
    if (missingPredictions.length > 0) {
      const shown = missingPredictions.slice(0, 10).join(', ');
      const more = missingPredictions.length > 10 ? ` and ${missingPredictions.length - 10} more` : '';
      throw new InvalidArgumentError('--pred', `no prediction for ${missingPredictions.length} ground-truth image(s): ${shown}${more}`);
    }
    if (unmatchedPredictions.length > 0 && !values.quiet) {
      io.err(`note: ${unmatchedPredictions.length} prediction file(s) match no ground truth and are ignored: ${unmatchedPredictions.slice(0, 5).join(', ')}\n`);
    }
    const report = score(pairs, fnRule, io, Boolean(values.quiet));
    if (values.json === '-') {
      io.out(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    io.out(`${formatEvaluation(report)}\nFN rule: ${fnRule}. pooled = over all objects of the part (GlaS challenge); per-image mean = mean of per-image scores.\n`);
    if (values.json) {
      writeAtomic(values.json, `${JSON.stringify(report, null, 2)}\n`);
      io.out(`wrote ${values.json}\n`);
    }
    return 0;
  },
};
