import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Image, LabelMap } from '@qfcn/contract';
import { encodePng, overlay, readLabelMap } from '@qfcn/data';
import { formatMarkdownTable, formatTable } from '../format';
import { renderChart } from '../report/renderChart';
import { writeAtomic } from './stepStore';
import { PAPER_ROWS } from './paper';
import type { ExperimentData } from './prepareDataset';
import type { ReproductionResult, ResultRow } from './runReproduction';

const fmt = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

function bytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

/** The paper-style table: one row per configuration; F1, Object Dice, Object Hausdorff per test part (pooled), memory. */
export function resultTable(result: Pick<ReproductionResult, 'rows'>, parts: readonly string[]): { header: string[]; rows: string[][] } {
  const header = ['suggestion', 'training', 'FCNs', 'annotated'];
  for (const p of parts) header.push(`${p} F1`, `${p} ObjDice`, `${p} ObjHaus`);
  header.push('weights', 'memory ÷');
  const rows = result.rows.map((r: ResultRow) => [
    r.suggestion,
    r.training,
    String(r.members),
    String(r.annotated),
    ...parts.flatMap((p) => {
      const s = r.scores[p]?.pooled;
      return s ? [fmt(s.f1, 3), fmt(s.objectDice, 3), fmt(s.objectHausdorff, 2)] : ['', '', ''];
    }),
    bytes(r.weightBytes),
    `${r.memoryRatio.toFixed(1)}x`,
  ]);
  return { header, rows };
}

/** Two images side by side on white, each enlarged by `scale` (nearest neighbour) so small tiles stay readable. */
function sideBySide(a: Image, b: Image, scale = 1, gap = 4): Image {
  const width = (a.width + b.width) * scale + gap;
  const height = Math.max(a.height, b.height) * scale;
  const data = new Uint8Array(width * height * 3).fill(255);
  for (const [img, x0] of [[a, 0], [b, a.width * scale + gap]] as const) {
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

/** Writes `results.json`, `report.md`, the PNG plots and overlays into `result.options.out`. */
export async function writeReport(result: ReproductionResult, data: ExperimentData, log: (line: string) => void): Promise<void> {
  const out = result.options.out;
  const parts = Object.keys(data.test);
  const M = Math.max(...result.options.members);
  writeAtomic(join(out, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);

  // Plots.
  const first = parts[0]!;
  const bitRows = result.rows.filter((r) => r.members === M && (r.suggestion === 'SA' || r.suggestion.startsWith('QSA') || r.suggestion === 'all'));
  const plots: Record<string, Uint8Array> = {};
  plots['accuracy-vs-bits.png'] = await renderChart({
    title: `Object Dice (${first}, ${M} FCNs) vs weight bit width of the final FCNs`,
    width: 420,
    height: 260,
    data: { values: bitRows.map((r) => ({ bits: r.bits ?? 32, dice: r.scores[first]?.pooled.objectDice, set: r.suggestion })) },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'bits', type: 'ordinal', title: 'bits (32 = float)' },
      y: { field: 'dice', type: 'quantitative', title: 'Object Dice', scale: { zero: false } },
      color: { field: 'set', type: 'nominal', title: 'annotated set' },
    },
  });
  const budgetPoints = result.suggestions.flatMap((s) =>
    s.curve.map((c) => ({ strategy: s.name, fraction: c.annotated / result.dataset.train, dice: c.objectDice })),
  );
  plots['accuracy-vs-budget.png'] = await renderChart({
    title: `Object Dice (${first}) of each round's suggesting ensemble vs annotated fraction`,
    width: 420,
    height: 260,
    data: { values: budgetPoints },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'fraction', type: 'quantitative', title: 'annotated fraction of the training pool' },
      y: { field: 'dice', type: 'quantitative', title: 'Object Dice', scale: { zero: false } },
      color: { field: 'strategy', type: 'nominal' },
    },
  });
  const curvePoints = Object.entries(result.curves).flatMap(([set, members]) =>
    (members[0] ?? []).map((c) => ({ set, epoch: c.epoch + 1, loss: c.loss })),
  );
  plots['training-curves.png'] = await renderChart({
    title: 'Training loss (BCE object + contour) of float FCN #1 per annotated set',
    width: 420,
    height: 260,
    data: { values: curvePoints },
    mark: 'line',
    encoding: {
      x: { field: 'epoch', type: 'quantitative' },
      y: { field: 'loss', type: 'quantitative', scale: { type: 'log' } },
      color: { field: 'set', type: 'nominal', title: 'annotated set' },
    },
  });
  for (const [name, png] of Object.entries(plots)) writeAtomic(join(out, name), png);

  // Overlays: ground truth (left) and the best configuration's instances (right) on a few test images.
  const best = [...result.rows]
    .filter((r) => r.members === M)
    .sort((a, b) => (b.scores[first]?.pooled.objectDice ?? 0) - (a.scores[first]?.pooled.objectDice ?? 0))[0];
  const overlays: string[] = [];
  if (best) {
    for (const s of data.test[first]!.slice(0, 3)) {
      const predFile = join(out, 'predictions', best.suggestion, best.training, `${s.id}_pred.png`);
      if (!existsSync(predFile) || !s.label) continue;
      const pred: LabelMap = readLabelMap(predFile);
      const scale = Math.max(1, Math.min(4, Math.floor(360 / s.image.width)));
      const png = encodePng(sideBySide(overlay(s.image, s.label, { thickness: 1 }), overlay(s.image, pred, { thickness: 1 }), scale));
      const name = `overlay-${s.id}.png`;
      writeAtomic(join(out, name), png);
      overlays.push(name);
    }
  }

  // Markdown.
  const { header, rows } = resultTable(result, parts);
  const o = result.options;
  const lines = [
    `# qfcn reproduce — ${result.dataset.name}`,
    '',
    `Method of Xu et al., *Quantization of Fully Convolutional Networks for Accurate Biomedical Image Segmentation* (CVPR 2018): suggestive annotation (Yang et al. 2017) and network training with INQ weight quantization.`,
    '',
    `- Data: ${result.dataset.name}; ${result.dataset.train} training images; test parts: ${Object.entries(result.dataset.test).map(([k, v]) => `${k} (${v} images)`).join(', ')}.`,
    ...result.dataset.notes.map((n) => `  ${n}`),
    `- Network: FCN preset \`${o.preset}\`, ${o.epochs} float epochs, INQ schedule 0.5/0.75/0.875/1 with ${o.epochsPerStep} epochs per step, crops ${o.crop}px, seed ${o.seed}.`,
    `- Suggestion: ensembles of ${o.suggestMembers} FCNs, budget ${Math.round(o.budget * 100)}% of the pool; strategies ${result.suggestions.map((s) => s.name).join(', ')}.`,
    `- Backend: \`${result.backend.name}\` — ${result.backend.reason}`,
    `- Wall time: ${(result.seconds / 60).toFixed(1)} min (this invocation; resumed steps are not re-timed).`,
    '',
    '## Results',
    '',
    'Scores are pooled over all objects of each test part (the GlaS challenge definition; `results.json` also has per-image means). Object Hausdorff in pixels. "weights" is the memory of the ensemble\'s weights: float32, or the bit-packed INQ file for QNT; "memory ÷" is the reduction versus float32.',
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
        PAPER_ROWS.map((r) => [r.method, ...[r.testA, r.testB].flatMap((t) => [t.f1.toFixed(3), t.objectDice.toFixed(3), t.objectHausdorff.toFixed(2)])]),
      ),
      '',
    );
  } else {
    lines.push(`The published GlaS numbers (SPEC §1) do not apply to this dataset; run with \`--dataset glas --data DIR\` to compare with them.`, '');
  }
  lines.push(
    '## Suggestion rounds',
    '',
    formatMarkdownTable(
      ['strategy', 'round', 'chosen', 'mean uncertainty', 'F (representativeness)'],
      result.suggestions.flatMap((s) =>
        s.rounds.map((r) => {
          const u = r.uncertainty.filter((x): x is number => x !== null);
          return [s.name, String(r.round), r.chosen.join(' '), u.length ? (u.reduce((a, b) => a + b, 0) / u.length).toExponential(3) : '—', r.representativeness === null ? '—' : r.representativeness.toFixed(3)];
        }),
      ),
    ),
    '',
    '## Figures',
    '',
    '![accuracy vs bit width](accuracy-vs-bits.png)',
    '',
    '![accuracy vs annotation budget](accuracy-vs-budget.png)',
    '',
    '![training curves](training-curves.png)',
    '',
    ...overlays.flatMap((f) => [`Ground truth (left) and ${best!.suggestion} + ${best!.training}, ${M} FCNs (right): \`${f}\``, '', `![${f}](${f})`, '']),
    '## Files',
    '',
    '- `results.json` — every number above, plus per-image-mean scores and round logs.',
    '- `models/<set>/<training>/member-<i>/` — trained FCNs in the standard tfjs format (model.json + weights.bin); `*.qfcnq` beside QNT members are the bit-packed INQ weights.',
    '- `predictions/<set>/<training>/` — instance label maps (16-bit PNG) of the largest ensemble.',
    '- `suggestion/*.json` — the round logs of suggestive annotation.',
    '',
  );
  writeAtomic(join(out, 'report.md'), lines.join('\n'));
  log(`\n${formatTable(header, rows)}\n`);
  log(`report: ${join(out, 'report.md')}`);
}
