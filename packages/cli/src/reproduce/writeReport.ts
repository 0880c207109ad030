import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Image, LabelMap } from '@qfcn/contract';
import { encodePng, overlay, readLabelMap } from '@qfcn/data';
import { formatMarkdownTable, formatTable } from '../format';
import { renderChart } from '../report/renderChart';
import { writeFileAtomic as writeAtomic } from '@qfcn/internal/node';
import { PAPER_ROWS } from './paper';
import type { ExperimentData } from './prepareDataset';
import type { ReproductionResult, SummaryRow } from './types';
import { formatInterval, type ClaimResult, type Interval } from './claims';

const fmt = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

function bytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

const pm = (ci: Interval, digits: number) =>
  ci.n === 0
    ? ''
    : ci.n < 2 || !Number.isFinite(ci.halfWidth)
      ? fmt(ci.mean, digits)
      : `${fmt(ci.mean, digits)} ± ${fmt(ci.halfWidth, digits)}`;

/** The paper-style table over seeds: one row per configuration; mean ± 95% CI half-width of F1, Object Dice, Object Hausdorff per test part (pooled), memory. */
export function resultTable(
  result: Pick<ReproductionResult, 'summary'>,
  parts: readonly string[],
): { header: string[]; rows: string[][] } {
  const header = ['suggestion', 'training', 'FCNs', 'annotated', 'seeds'];
  for (const p of parts) header.push(`${p} F1`, `${p} ObjDice`, `${p} ObjHaus`);
  header.push('weights', 'memory ÷');
  const rows = result.summary.map((r: SummaryRow) => [
    r.suggestion,
    r.training,
    String(r.members),
    String(r.annotated),
    String(r.seeds),
    ...parts.flatMap((p) => {
      const s = r.scores[p];
      return s ? [pm(s.f1, 3), pm(s.objectDice, 3), pm(s.objectHausdorff, 1)] : ['', '', ''];
    }),
    bytes(r.weightBytes),
    `${r.memoryRatio.toFixed(1)}x`,
  ]);
  return { header, rows };
}

/** The claims table: claim, what the paper says, what this run measured (mean difference and 95% CI over seeds), verdict. */
export function claimsTable(claims: readonly ClaimResult[]): { header: string[]; rows: string[][] } {
  return {
    header: ['', 'claim', 'paper', 'measured', 'difference [95% CI]', 'verdict'],
    rows: claims.map((c) => [
      c.id,
      c.claim,
      c.paper,
      c.measured,
      c.judgement
        ? `${formatInterval(c.judgement.ci)} (${c.judgement.ci.n} seeds)`
        : c.value !== undefined
          ? `${c.value.toFixed(2)}×`
          : '—',
      c.verdict.toUpperCase(),
    ]),
  };
}

/** Two images side by side on white, each enlarged by `scale` (nearest neighbour) so small tiles stay readable. */
function sideBySide(a: Image, b: Image, scale = 1, gap = 4): Image {
  const width = (a.width + b.width) * scale + gap;
  const height = Math.max(a.height, b.height) * scale;
  const data = new Uint8Array(width * height * 3).fill(255);
  for (const [img, x0] of [
    [a, 0],
    [b, a.width * scale + gap],
  ] as const) {
    for (let y = 0; y < img.height * scale; y++) {
      for (let x = 0; x < img.width * scale; x++) {
        const src = (Math.floor(y / scale) * img.width + Math.floor(x / scale)) * img.channels;
        const dst = (y * width + x0 + x) * 3;
        for (let c = 0; c < 3; c++) data[dst + c] = img.data[src + (img.channels >= 3 ? c : 0)]!;
      }
    }
  }
  return { width, height, channels: 3, data };
}

/** A line on whether the all-data float FCNs look converged (synthetic glands: object Dice ≥ 0.90 is reachable). */
function convergenceNote(result: ReproductionResult, data: ExperimentData, part: string): string[] {
  const row = result.summary.find((r) => r.suggestion === 'all' && r.training === 'float' && r.members === 1);
  const ci = row?.scores[part]?.objectDice;
  if (!ci) return [];
  const low = data.kind === 'synthetic' && ci.mean < 0.9;
  return [
    `- Convergence check: all data, float, 1 FCN: ${part} object Dice ${pm(ci, 3)}.` +
      (low
        ? ' **Below 0.90**, which the tiny FCN reaches on synthetic glands when trained long enough: these models are under-trained, and the verdicts above are about under-trained models (raise `--steps`).'
        : ''),
  ];
}

const errorBars = (x: object, color: object) => ({
  mark: { type: 'errorbar', ticks: { size: 12 } },
  encoding: { x, y: { field: 'low', type: 'quantitative', title: 'Object Dice' }, y2: { field: 'high' }, color },
});

/** Writes `results.json`, `report.md`, the PNG plots and overlays into `result.options.out`. */
export async function writeReport(
  result: ReproductionResult,
  data: ExperimentData,
  log: (line: string) => void,
): Promise<void> {
  const out = result.options.out;
  const o = result.options;
  const parts = Object.keys(data.test);
  const first = parts[0]!;
  writeAtomic(join(out, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  const point = (r: SummaryRow) => {
    const ci = r.scores[first]!.objectDice;
    return {
      dice: ci.mean,
      low: Number.isFinite(ci.low) ? ci.low : ci.mean,
      high: Number.isFinite(ci.high) ? ci.high : ci.mean,
    };
  };

  // Plots (mean over seeds, bars: 95% CI).
  const plots: Record<string, Uint8Array> = {};
  const bitRows = result.summary.filter(
    (r) =>
      r.suggestion === 'all' && r.members === Math.min(o.qntMembers, ...o.members.filter((m) => m >= o.qntMembers)),
  );
  const bitsX = { field: 'bits', type: 'ordinal', title: 'bits of the final FCNs (32 = float)' };
  const bitsColor = { field: 'FCNs', type: 'nominal' };
  plots['accuracy-vs-bits.png'] = await renderChart({
    title: `Object Dice (${first}, all data) vs weight bit width; mean ± 95% CI over ${o.seeds} seeds`,
    width: 420,
    height: 260,
    data: { values: bitRows.map((r) => ({ bits: r.bits ?? 32, FCNs: String(r.members), ...point(r) })) },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: bitsX,
          y: { field: 'dice', type: 'quantitative', title: 'Object Dice', scale: { zero: false } },
          color: bitsColor,
        },
      },
      errorBars(bitsX, bitsColor),
    ],
  } as never);
  const setRows = result.summary.filter((r) => r.training === 'float' && r.members === 1);
  const setX = { field: 'set', type: 'nominal', title: 'annotated set (1 FCN, float)', sort: null };
  plots['accuracy-by-set.png'] = await renderChart({
    title: `Object Dice (${first}) by annotated set; mean ± 95% CI over ${o.seeds} seeds`,
    width: 420,
    height: 260,
    data: { values: setRows.map((r) => ({ set: `${r.suggestion} (${r.annotated})`, ...point(r) })) },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { x: setX, y: { field: 'dice', type: 'quantitative', title: 'Object Dice', scale: { zero: false } } },
      },
      errorBars(setX, { value: 'black' }),
    ],
  } as never);
  const budgetPoints = result.suggestions.flatMap((s) =>
    s.curve.map((c) => ({
      strategy: s.name,
      seed: s.seed,
      fraction: c.annotated / result.dataset.pool,
      dice: c.objectDice,
    })),
  );
  plots['accuracy-vs-budget.png'] = await renderChart({
    title: `Object Dice (validation split) of each round's suggesting ensemble vs annotated fraction`,
    width: 420,
    height: 260,
    data: { values: budgetPoints },
    mark: { type: 'point' },
    encoding: {
      x: { field: 'fraction', type: 'quantitative', title: 'annotated fraction of the pool' },
      y: { field: 'dice', type: 'quantitative', title: 'Object Dice', scale: { zero: false } },
      color: { field: 'strategy', type: 'nominal' },
      shape: { field: 'seed', type: 'nominal' },
    },
  });
  const curvePoints = Object.entries(result.curves).flatMap(([set, c]) =>
    c.map((p) => ({ set, epoch: p.epoch + 1, loss: p.loss })),
  );
  plots['training-curves.png'] = await renderChart({
    title: 'Training loss of float FCN #1 per seed and annotated set',
    width: 420,
    height: 260,
    data: { values: curvePoints },
    mark: 'line',
    encoding: {
      x: { field: 'epoch', type: 'quantitative' },
      y: { field: 'loss', type: 'quantitative', scale: { type: 'log' } },
      color: { field: 'set', type: 'nominal', title: 'seed, set' },
    },
  });
  for (const [name, png] of Object.entries(plots)) writeAtomic(join(out, name), png);

  // Overlays: ground truth (left) and the all-data float ensemble's instances of the first seed (right).
  const M = Math.max(...o.members);
  const overlays: string[] = [];
  for (const s of data.test[first]!.slice(0, 3)) {
    const predFile = join(out, 'predictions', 'all', 'float', `${s.id}_pred.png`);
    if (!existsSync(predFile) || !s.label) continue;
    const pred: LabelMap = readLabelMap(predFile);
    const scale = Math.max(1, Math.min(4, Math.floor(360 / s.image.width)));
    const png = encodePng(
      sideBySide(overlay(s.image, s.label, { thickness: 1 }), overlay(s.image, pred, { thickness: 1 }), scale),
    );
    const name = `overlay-${s.id}.png`;
    writeAtomic(join(out, name), png);
    overlays.push(name);
  }

  // Markdown.
  const claims = claimsTable(result.claims);
  const { header, rows } = resultTable(result, parts);
  const plan = result.plan;
  const lines = [
    `# qfcn reproduce — ${result.dataset.name}`,
    '',
    `Method of Xu et al., *Quantization of Fully Convolutional Networks for Accurate Biomedical Image Segmentation* (CVPR 2018): suggestive annotation (Yang et al. 2017) and network training with INQ weight quantization.`,
    '',
    '## Claims',
    '',
    `Each difference is paired by seed (both sides trained with the same seed) over ${o.seeds} seed(s); the interval is the 95% Student t-interval of the mean difference. ` +
      "Verdict: **holds** when the whole interval lies on the paper's side of 0, **contradicted** when it lies entirely on the other side, **not shown** otherwise (and always with 1 seed). " +
      'Claim (f) is a non-inferiority test (its margin is in the row). Only the validation split (never test data) is used for any choice during training and suggestion.',
    '',
    formatMarkdownTable(claims.header, claims.rows),
    '',
    ...result.claims.filter((c) => c.note).map((c) => `- (${c.id}) ${c.note}`),
    ...convergenceNote(result, data, first),
    '',
    '## Setup',
    '',
    `- Data: ${result.dataset.name}; ${result.dataset.train} training images, of which ${result.dataset.validation} are held out per seed as validation (suggestion-round scores) and ${result.dataset.pool} form the pool; test parts: ${Object.entries(
      result.dataset.test,
    )
      .map(([k, v]) => `${k} (${v} images)`)
      .join(', ')}.`,
    ...result.dataset.notes.map((n) => `  ${n}`),
    `- Every final FCN (preset \`${o.preset}\`): the same budget of ${o.steps} optimizer steps (on the whole pool: ${plan.floatEpochs} float epochs + ${plan.inqEpochs} epochs of ${plan.stepsPerEpoch} steps = ${plan.totalSteps} steps), batch ${o.batchSize} × ${o.crop}² crops, Adam at ${o.learningRate} with warm-up and cosine decay to ${o.learningRate / 10} over the float epochs, then ${o.learningRate / 10} for the last 4 epochs: INQ's 4 steps (50/75/87.5/100 %) for QNT and QSA, plain float training for float FCNs and SA — equal steps and learning-rate policy.`,
    `- Final FCNs: trained on the whole annotated set (no bootstrap), member i initialised from (seed, i): ${o.subsetMembers} per suggested subset; on all data ${M} float (ensemble sizes ${o.members.join(', ')}) and ${o.qntMembers} QNT per bit width (${o.bits.join(', ')}).`,
    `- Suggestion: ensembles of ${o.suggestMembers} FCNs on bootstrap resamples, with the same schedule at ${o.steps} × annotated ÷ budget steps (as many crops per image as a final FCN of the annotated set; SA and QSA alike); budget ${Math.round(o.budget * 100)}% of the pool from a shared random initial set; strategies ${[...new Set(result.suggestions.map((s) => s.name))].join(', ')} (fg-random: uniform among pool images with a foreground fraction ≥ 10% under a pool-wide Otsu threshold, labels unused — the baseline active learning must beat).`,
    `- Post-processing of the final ensembles: ${postprocessingNote(result)}`,
    `- Seeds: ${o.seed}..${o.seed + o.seeds - 1}.`,
    `- Backend: \`${result.backend.name}\` — ${result.backend.reason}`,
    `- Wall time: ${(result.seconds / 60).toFixed(1)} min (this invocation; resumed steps are not re-timed).`,
    '',
    '## Results',
    '',
    `Mean ± 95% CI half-width over seeds. Scores are pooled over all objects of each test part (the GlaS challenge definition; \`results.json\` has every per-seed number and per-image means). Object Hausdorff in pixels. "weights" is the memory of the ensemble's weights: float32, or the bit-packed INQ file for QNT; "memory ÷" is the reduction versus float32.`,
    '',
    formatMarkdownTable(header, rows),
    '',
  ];
  if (data.kind === 'glas') {
    lines.push(
      '### Published results on GlaS (for comparison)',
      '',
      formatMarkdownTable(
        ['method', 'testA F1', 'testA ObjDice', 'testA ObjHaus', 'testB F1', 'testB ObjDice', 'testB ObjHaus'],
        PAPER_ROWS.map((r) => [
          r.method,
          ...[r.testA, r.testB].flatMap((t) => [
            t.f1.toFixed(3),
            t.objectDice.toFixed(3),
            t.objectHausdorff.toFixed(2),
          ]),
        ]),
      ),
      '',
    );
  } else {
    lines.push(
      `The published GlaS numbers (docs/algorithms.md §1) do not apply to this dataset; run with \`--dataset glas --data DIR\` to compare with them.`,
      '',
    );
  }
  lines.push(
    '## Suggestion rounds',
    '',
    formatMarkdownTable(
      ['seed', 'strategy', 'round', 'chosen', 'mean uncertainty', 'F (representativeness)'],
      result.suggestions.flatMap((s) =>
        s.rounds.map((r) => {
          const u = r.uncertainty.filter((x): x is number => x !== null);
          return [
            String(s.seed),
            s.name,
            String(r.round),
            r.chosen.join(' '),
            u.length ? (u.reduce((a, b) => a + b, 0) / u.length).toExponential(3) : '—',
            r.representativeness === null ? '—' : r.representativeness.toFixed(3),
          ];
        }),
      ),
    ),
    '',
    '## Figures',
    '',
    '![accuracy vs bit width](accuracy-vs-bits.png)',
    '',
    '![accuracy by annotated set](accuracy-by-set.png)',
    '',
    '![accuracy vs annotation budget](accuracy-vs-budget.png)',
    '',
    '![training curves](training-curves.png)',
    '',
    ...overlays.flatMap((f) => [
      `Ground truth (left) and all data + float, ${M} FCNs, seed ${o.seed} (right): \`${f}\``,
      '',
      `![${f}](${f})`,
      '',
    ]),
    '## Files',
    '',
    '- `results.json` — every per-seed number (`rows`), the means and intervals (`summary`), the claims with their per-seed differences, round logs.',
    '- `models/seed-<s>/<set>/<training>/member-<i>/` — trained FCNs in the standard tfjs format (model.json + weights.bin); `*.qfcnq` beside QNT members are the bit-packed INQ weights; `float-phase` is the shared float phase.',
    `- \`predictions/<set>/<training>/\` — instance label maps (16-bit PNG) of the largest ensemble, seed ${o.seed}.`,
    '- `suggestion/seed-<s>/*.json` — the round logs of suggestive annotation.',
    '',
  );
  writeAtomic(join(out, 'report.md'), lines.join('\n'));
  log(
    `\n${formatTable(
      claims.header.filter((h) => h !== 'paper'),
      claims.rows.map((r) => r.filter((_, i) => i !== 2)),
    )}\n`,
  );
  log(`\n${formatTable(header, rows)}\n`);
  log(`report: ${join(out, 'report.md')}`);
}

/** How the final ensembles' post-processing was chosen, counted over every ensemble of the run. */
function postprocessingNote(result: ReproductionResult): string {
  const selections = result.rows.flatMap((r) =>
    Object.values(r.scores)
      .slice(0, 1)
      .flatMap((p) => (p.selection ? [p.selection] : [])),
  );
  if (selections.length === 0) return 'toInstances defaults (no validation images).';
  const tuned = selections.filter((s) => s.tuned).length;
  const mean = (f: (s: (typeof selections)[number]) => number) =>
    selections.reduce((a, s) => a + f(s), 0) / selections.length;
  return (
    `chosen per ensemble on the ${result.dataset.validation} validation images by selectInstances — the tuneInstances grid (best mean AJI) ` +
    `only where it beat the toInstances defaults in cross-validation over the validation images (${selections[0]!.folds} folds), else the defaults: ` +
    `tuned in ${tuned} of ${selections.length} ensembles; cross-validated validation AJI ${mean((s) => s.crossValidated.tuned).toFixed(3)} tuned vs ${mean((s) => s.crossValidated.defaults).toFixed(3)} defaults (means).`
  );
}
