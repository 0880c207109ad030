import { basename, extname } from 'node:path';
import type { LabelMap } from '@qfcn/contract';
import { readGeoJSONLabelMap, readImageSize, readLabelMap, readMoNuSegXml } from '@qfcn/data';
import {
  connectedComponents,
  evaluate,
  type Evaluation,
  type FnRule,
  type FullEvaluation,
  type MetricFamily,
  type NucleiEvaluation,
  type NucleiImageEvaluation,
  type NucleiScores,
} from '@qfcn/metrics';
import { DataError, InvalidArgumentError } from '@qfcn/contract';
import { parse, parseNumber, requireString, UsageError } from '../args';
import type { Command, Io } from '../command';
import { assertOutputPath } from './common';
import { fileKind, pairFiles, type FilePair } from './pairFiles';
import { formatTable } from '../format';
import { writeFileAtomic as writeAtomic } from '@qfcn/internal/node';

const help = `
qfcn evaluate — score instance segmentations against ground truth: GlaS (F1, Object Dice, Object
Hausdorff, exactly as the challenge does) and nuclei (AJI, AJI+, PQ) metrics

Usage: qfcn evaluate --pred DIR --gt DIR [--metrics glas|nuclei|all] [--json FILE]
                     [--fn-rule official|unmatched] [--iou-threshold X] [--connectivity 4|8] [--quiet]

  --pred DIR         predicted instance label maps (PNG 8/16-bit, BMP, TIFF; 0 = background) or
                     polygons (<id>_instances.geojson from 'qfcn predict --format geojson')
  --gt DIR           ground truth, per image one of: a label map (GlaS testA_1_anno.bmp, MoNuSeg-style
                     <id>_label.png, or plain label files named like the predictions), a QuPath
                     <id>.geojson or a MoNuSeg / Aperio ImageScope <id>.xml (polygons; the size comes
                     from the image beside it, <id>.tif/.png, else from the prediction)
  --metrics M        glas (F1, Object Dice, Object Hausdorff), nuclei (AJI, AJI+, PQ/DQ/SQ per image
                     and their mean over images) or all (default: glas for GlaS folders, with
                     *_anno files; all otherwise)
  --json FILE        also write all scores (per image, means; pooled for glas) as JSON ('-' = stdout)
  --fn-rule RULE     glas: 'official' (default: FN = GT objects matched by no segmented object, the
                     Warwick code) or 'unmatched' (FN = #GT - TP, the written definition)
  --iou-threshold X  nuclei: PQ counts a match when IoU > X, X in [0.5, 1) (default 0.5)
  --connectivity C   label maps holding one value in several pieces (binary masks, 0/1 or 0/255)
                     are scored as one object and named in a warning; with 4 or 8 their
                     connected pieces become the objects
  --quiet            no progress output

Files pair by name: a prediction belongs to testA_1 when it is named testA_1 or testA_1<sep>…
(testA_1_pred.png), never testA_10. GlaS test parts A and B are scored separately.
GlaS scores per part: "pooled" over all objects of the part (the challenge definition) and the mean
over images (what many papers report). Nuclei scores: per image and their mean over images (what
nuclei papers report).

Examples:
  qfcn evaluate --pred out/predictions --gt ~/data/Warwick_QU --json scores.json
  qfcn evaluate --pred predictions --gt MoNuSegTestData --metrics nuclei
`;

/** Scores of one part: the shape follows the metric families (see `evaluate` of @qfcn/metrics). */
export type GroupEvaluation = Evaluation | NucleiEvaluation | FullEvaluation;

export interface EvaluateReport {
  /** Metric families computed. */
  readonly metrics: MetricFamily;
  /** GlaS FN rule (absent for `nuclei`). */
  readonly fnRule?: FnRule;
  /** PQ threshold (absent for `glas`). */
  readonly iouThreshold?: number;
  readonly groups: Record<string, GroupEvaluation>;
}

interface ScoreOptions {
  readonly metrics: MetricFamily;
  readonly fnRule: FnRule;
  readonly iouThreshold: number;
  /** Label the pieces of binary-mask-like maps with this connectivity. */
  readonly connectivity: 4 | 8 | undefined;
}

/** True for a GlaS ground-truth folder: annotations named `<id>_anno.<bmp|png|…>`. */
export function isGlasLayout(pairs: readonly FilePair[]): boolean {
  return pairs.some(
    (p) => fileKind(p.groundTruth) === 'raster' && basename(p.groundTruth, extname(p.groundTruth)).endsWith('_anno'),
  );
}

function sizeMismatch(
  p: FilePair,
  s: { width: number; height: number },
  g: { width: number; height: number },
): DataError {
  return new DataError(
    `size mismatch for '${p.id}': prediction is ${s.width}x${s.height}, ground truth ${g.width}x${g.height}`,
    { path: p.prediction },
  );
}

function readPolygons(path: string, size: { width: number; height: number }): LabelMap {
  const options = { width: size.width, height: size.height };
  return fileKind(path) === 'xml' ? readMoNuSegXml(path, options) : readGeoJSONLabelMap(path, options);
}

/**
 * The label maps of a pair. Polygon files (`.geojson`, `.xml`) take their size from the image beside
 * the ground truth, else from the other file's label map.
 */
export function loadPair(p: FilePair): { segmentation: LabelMap; groundTruth: LabelMap } {
  const predRaster = fileKind(p.prediction) === 'raster';
  const gtRaster = fileKind(p.groundTruth) === 'raster';
  const segmentation0 = predRaster ? readLabelMap(p.prediction) : undefined;
  let groundTruth: LabelMap;
  if (gtRaster) {
    groundTruth = readLabelMap(p.groundTruth);
  } else {
    const size = p.image ? readImageSize(p.image) : segmentation0;
    if (!size) {
      throw new DataError(
        `cannot tell the size of '${p.id}': the prediction ${p.prediction} and the ground truth are both polygon files, ` +
          `and no image ${p.id}.<png|tif|bmp> lies beside the ground truth`,
        { path: p.groundTruth },
      );
    }
    if (segmentation0 && (segmentation0.width !== size.width || segmentation0.height !== size.height)) {
      throw sizeMismatch(p, segmentation0, size);
    }
    groundTruth = readPolygons(p.groundTruth, size);
  }
  const segmentation = segmentation0 ?? readPolygons(p.prediction, groundTruth);
  if (segmentation.width !== groundTruth.width || segmentation.height !== groundTruth.height) {
    throw sizeMismatch(p, segmentation, groundTruth);
  }
  return { segmentation, groundTruth };
}

/** The single non-zero value of a label map, or undefined when it holds none or several. */
function singleForeground(map: LabelMap): number | undefined {
  let value = 0;
  const data = map.data as ArrayLike<number>;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === 0 || v === value) continue;
    if (value !== 0) return undefined;
    value = v;
  }
  return value === 0 ? undefined : value;
}

/**
 * A map with one foreground value in several separate pieces is most likely a binary mask (0/1,
 * 0/255) saved by mistake for a label map: every piece would count as one object. With
 * `connectivity` its pieces are labelled; otherwise the file is named in a warning.
 */
function checkBinary(
  map: LabelMap,
  file: string,
  connectivity: 4 | 8 | undefined,
  warn: (line: string) => void,
): LabelMap {
  const value = singleForeground(map);
  if (value === undefined) return map;
  const pieces = connectedComponents(map, { connectivity: connectivity ?? 8 });
  if (pieces.count < 2) return map;
  if (connectivity) return pieces;
  warn(
    `warning: ${file} looks like a binary mask (one value, ${value}, in ${pieces.count} separate pieces): it is scored as ONE object; ` +
      'add --connectivity 4 or 8 to label its pieces as objects',
  );
  return map;
}

function score(pairs: readonly FilePair[], options: ScoreOptions, io: Io, quiet: boolean): EvaluateReport {
  const { metrics, fnRule, iouThreshold, connectivity } = options;
  const warn = (line: string) => io.err(`${line}\n`);
  const groups: Record<string, GroupEvaluation> = {};
  const names = [...new Set(pairs.map((p) => p.group))];
  let done = 0;
  for (const group of names) {
    const inGroup = pairs.filter((p) => p.group === group);
    const loaded = inGroup.map((p) => {
      const loaded = loadPair(p);
      const maps = {
        segmentation: checkBinary(loaded.segmentation, p.prediction, connectivity, warn),
        groundTruth: checkBinary(loaded.groundTruth, p.groundTruth, connectivity, warn),
      };
      done++;
      if (!quiet && io.tty) io.err(`\rread ${done}/${pairs.length}`);
      return { id: p.id, ...maps };
    });
    groups[group] = evaluate<MetricFamily>(loaded, { metrics, fnRule, iouThreshold });
  }
  if (!quiet && io.tty) io.err('\n');
  return {
    metrics,
    ...(metrics === 'nuclei' ? {} : { fnRule }),
    ...(metrics === 'glas' ? {} : { iouThreshold }),
    groups,
  };
}

/** The GlaS table `qfcn evaluate` prints: one row per group and aggregation (groups without GlaS scores are left out). */
export function formatEvaluation(report: EvaluateReport): string {
  const rows: string[][] = [];
  for (const [group, e] of Object.entries(report.groups)) {
    if (!('pooled' in e)) continue;
    const p = e.pooled;
    const m = e.perImageMean;
    rows.push([
      group,
      String(e.numImages),
      'pooled',
      p.f1.toFixed(4),
      p.objectDice.toFixed(4),
      p.objectHausdorff.toFixed(3),
      String(p.tp),
      String(p.fp),
      String(p.fn),
    ]);
    rows.push([
      '',
      '',
      'per-image mean',
      m.f1.toFixed(4),
      m.objectDice.toFixed(4),
      m.objectHausdorff.toFixed(3),
      '',
      '',
      '',
    ]);
  }
  return formatTable(
    ['part', 'images', 'aggregation', 'F1', 'Object Dice', 'Object Hausdorff', 'TP', 'FP', 'FN'],
    rows,
  );
}

/**
 * The nuclei table `qfcn evaluate` prints: per group one row per image (AJI, AJI+, PQ, DQ, SQ and
 * the PQ counts) and the mean over images (groups without nuclei scores are left out).
 */
export function formatNucleiEvaluation(report: EvaluateReport): string {
  const rows: string[][] = [];
  const scores = (s: NucleiScores) => [
    s.aji.toFixed(4),
    s.ajiPlus.toFixed(4),
    s.pq.toFixed(4),
    s.dq.toFixed(4),
    s.sq.toFixed(4),
  ];
  for (const [group, e] of Object.entries(report.groups)) {
    if (!('iouThreshold' in e)) continue;
    for (const r of e.images as readonly NucleiImageEvaluation[]) {
      rows.push([group, r.id, ...scores(r), String(r.pqTp), String(r.pqFp), String(r.pqFn)]);
    }
    rows.push([group, `mean of ${e.numImages}`, ...scores(e.perImageMean), '', '', '']);
  }
  return formatTable(['part', 'image', 'AJI', 'AJI+', 'PQ', 'DQ', 'SQ', 'PQ TP', 'PQ FP', 'PQ FN'], rows);
}

const METRICS: readonly MetricFamily[] = ['glas', 'nuclei', 'all'];

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary:
    'score predicted label maps against ground truth (GlaS F1, Object Dice, Object Hausdorff; nuclei AJI, AJI+, PQ)',
  help,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      pred: { type: 'string' },
      gt: { type: 'string' },
      json: { type: 'string' },
      metrics: { type: 'string' },
      'fn-rule': { type: 'string' },
      'iou-threshold': { type: 'string' },
      connectivity: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const fnRule = values['fn-rule'] ?? 'official';
    if (fnRule !== 'official' && fnRule !== 'unmatched') {
      throw new UsageError(`--fn-rule must be 'official' or 'unmatched', got '${fnRule}'`);
    }
    const chosen = values.metrics;
    if (chosen !== undefined && !(METRICS as readonly string[]).includes(chosen)) {
      throw new UsageError(`--metrics must be glas, nuclei or all, got '${chosen}'`);
    }
    const iouThreshold = parseNumber(values['iou-threshold'], 'iou-threshold', 0.5);
    if (!(iouThreshold >= 0.5 && iouThreshold < 1)) {
      throw new UsageError(
        `--iou-threshold must be in [0.5, 1) (PQ matches are unique only above IoU 0.5), got '${values['iou-threshold']}'`,
      );
    }
    const connectivity = values.connectivity === undefined ? undefined : Number(values.connectivity);
    if (connectivity !== undefined && connectivity !== 4 && connectivity !== 8) {
      throw new UsageError(`--connectivity must be 4 or 8, got '${values.connectivity}'`);
    }
    const pred = requireString(values.pred, 'pred');
    const gt = requireString(values.gt, 'gt');
    if (values.json && values.json !== '-') assertOutputPath(values.json, 'json', 'file');
    const { pairs, missingPredictions, unmatchedPredictions } = pairFiles(pred, gt);
    if (missingPredictions.length > 0) {
      const shown = missingPredictions.slice(0, 10).join(', ');
      const more = missingPredictions.length > 10 ? ` and ${missingPredictions.length - 10} more` : '';
      throw new InvalidArgumentError(
        '--pred',
        `no prediction for ${missingPredictions.length} ground-truth image(s): ${shown}${more}`,
      );
    }
    const metrics = (chosen as MetricFamily | undefined) ?? (isGlasLayout(pairs) ? 'glas' : 'all');
    if (metrics === 'glas' && values['iou-threshold'] !== undefined) {
      throw new UsageError(
        `--iou-threshold is for PQ (--metrics nuclei or all), but the metrics are glas${chosen ? '' : ' (the default for GlaS folders)'}`,
      );
    }
    if (metrics === 'nuclei' && values['fn-rule'] !== undefined) {
      throw new UsageError('--fn-rule is for the GlaS scores (--metrics glas or all), not --metrics nuclei');
    }
    if (unmatchedPredictions.length > 0 && !values.quiet) {
      io.err(
        `note: ${unmatchedPredictions.length} prediction file(s) match no ground truth and are ignored: ${unmatchedPredictions.slice(0, 5).join(', ')}\n`,
      );
    }
    const report = score(pairs, { metrics, fnRule, iouThreshold, connectivity }, io, Boolean(values.quiet));
    if (values.json === '-') {
      io.out(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    if (metrics !== 'nuclei') {
      io.out(
        `${formatEvaluation(report)}\nFN rule: ${fnRule}. pooled = over all objects of the part (GlaS challenge); per-image mean = mean of per-image scores.\n`,
      );
    }
    if (metrics !== 'glas') {
      io.out(
        `${metrics === 'all' ? '\n' : ''}${formatNucleiEvaluation(report)}\n` +
          `AJI (Kumar 2017), AJI+ (Graham 2019), PQ = DQ x SQ with matches at IoU > ${iouThreshold}; mean = mean over images.\n`,
      );
    }
    if (values.json) {
      writeAtomic(values.json, `${JSON.stringify(report, null, 2)}\n`);
      io.out(`wrote ${values.json}\n`);
    }
    return 0;
  },
};
