import { existsSync, mkdtempSync, mkdirSync, copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRng,
  labelMapToGeoJSON,
  readLabelMap,
  readMoNuSegXml,
  writeGeoJSON,
  writeLabelMapPng,
  writePng,
} from '@qfcn/data';
import { evaluate } from '@qfcn/metrics';
import { main } from '../main';
import { capture } from '../testing';

/** An 8x8 label map with the given rectangles [label, x0, y0, x1, y1) painted in order. */
function rects(list: [number, number, number, number, number][]) {
  const data = new Uint16Array(64);
  for (const [label, x0, y0, x1, y1] of list)
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * 8 + x] = label;
  return { width: 8, height: 8, data };
}

/** An Aperio ImageScope XML (MoNuSeg's format) with one square region per rectangle [x0, y0, x1, y1) (vertices on pixel centres). */
function xml(list: [number, number, number, number][]): string {
  const regions = list.map(
    ([x0, y0, x1, y1], i) =>
      `<Region Id="${i + 1}" Type="0"><Attributes/><Vertices>` +
      [
        [x0, y0],
        [x1 - 1, y0],
        [x1 - 1, y1 - 1],
        [x0, y1 - 1],
      ]
        .map(([x, y]) => `<Vertex X="${x}" Y="${y}" Z="0"/>`)
        .join('') +
      '</Vertices></Region>',
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Annotations MicronsPerPixel="0.252"><Annotation Id="1"><Regions>${regions.join('\n')}</Regions></Annotation></Annotations>\n`;
}

/** An 8x8 RGB image (its content does not matter: it gives the size of polygon ground truth). */
const rgb8 = { width: 8, height: 8, channels: 3 as const, data: new Uint8Array(192) };

/**
 * A MoNuSeg-style folder: `n` RGB 48x48 `<id>.png` tiles with `<id>.xml` (ImageScope) annotations —
 * squares and diamonds (polygons) of dark nuclei on a pink background, the pixels painted from the
 * XML's own label map so image and annotation agree.
 */
function monusegXmlFolder(n: number, seed: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-xml-e2e-'));
  const rng = createRng(seed);
  for (let i = 0; i < n; i++) {
    const regions: string[] = [];
    for (let cell = 0; cell < 9; cell++) {
      if (rng.chance(0.35)) continue;
      const cx = (cell % 3) * 16 + 8 + rng.int(3) - 1;
      const cy = Math.floor(cell / 3) * 16 + 8 + rng.int(3) - 1;
      const r = 3 + rng.int(3);
      const vertices = rng.chance(0.5)
        ? [
            [cx - r, cy - r],
            [cx + r, cy - r],
            [cx + r, cy + r],
            [cx - r, cy + r],
          ]
        : [
            [cx, cy - r - 1],
            [cx + r + 1, cy],
            [cx, cy + r + 1],
            [cx - r - 1, cy],
          ];
      regions.push(
        `<Region Id="${regions.length + 1}" Type="0"><Vertices>${vertices.map(([x, y]) => `<Vertex X="${x}" Y="${y}" Z="0"/>`).join('')}</Vertices></Region>`,
      );
    }
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<Annotations MicronsPerPixel="0.252"><Annotation Id="1"><Regions>\n${regions.join('\n')}\n</Regions></Annotation></Annotations>\n`;
    writeFileSync(join(dir, `tile${i}.xml`), text);
    const labels = readMoNuSegXml(text, { width: 48, height: 48 });
    const data = new Uint8Array(48 * 48 * 3);
    for (let p = 0; p < 48 * 48; p++) {
      const [r, g, b] = labels.data[p] ? [70, 35, 115] : [235, 175, 205];
      data[3 * p] = r + rng.int(21) - 10;
      data[3 * p + 1] = g + rng.int(21) - 10;
      data[3 * p + 2] = b + rng.int(21) - 10;
    }
    writePng(join(dir, `tile${i}.png`), { width: 48, height: 48, channels: 3, data });
  }
  return dir;
}

function dirs() {
  const root = mkdtempSync(join(tmpdir(), 'qfcn-eval-'));
  const gt = join(root, 'gt');
  const pred = join(root, 'pred');
  mkdirSync(gt);
  mkdirSync(pred);
  return { root, gt, pred };
}

describe('qfcn evaluate', () => {
  it('8x8 GlaS parts: 4x4 gland predicted as 3x4 → F1 1, Dice 24/28, Hausdorff 1; testB perfect', async () => {
    const { gt, pred, root } = dirs();
    writeLabelMapPng(join(gt, 'testA_1_anno.png'), rects([[1, 2, 2, 6, 6]]));
    writeLabelMapPng(join(pred, 'testA_1_pred.png'), rects([[7, 2, 2, 5, 6]]));
    writeLabelMapPng(
      join(gt, 'testB_2_anno.png'),
      rects([
        [1, 0, 0, 2, 2],
        [2, 4, 4, 8, 8],
      ]),
    );
    writeLabelMapPng(
      join(pred, 'testB_2.png'),
      rects([
        [3, 0, 0, 2, 2],
        [9, 4, 4, 8, 8],
      ]),
    );
    const io = capture();
    const json = join(root, 'scores.json');
    expect(await main(['evaluate', '--pred', pred, '--gt', gt, '--json', json], io)).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const a = report.groups.testA.pooled;
    expect([a.tp, a.fp, a.fn, a.f1]).toEqual([1, 0, 0, 1]);
    expect(a.objectDice).toBeCloseTo(24 / 28, 12);
    expect(a.objectHausdorff).toBeCloseTo(1, 12);
    const b = report.groups.testB.pooled;
    expect([b.tp, b.fp, b.fn, b.f1, b.objectDice, b.objectHausdorff]).toEqual([2, 0, 0, 1, 1, 0]);
    expect(io.stdout).toMatch(/testA\s+1\s+pooled\s+1\.0000\s+0\.8571\s+1\.000\s+1\s+0\s+0/);
  });

  it('binary masks (0/255, two squares each): a warning naming both files, scored as one object; --connectivity 4 labels the pieces', async () => {
    const { gt, pred, root } = dirs();
    writeLabelMapPng(
      join(gt, 'a_label.png'),
      rects([
        [255, 0, 0, 3, 3],
        [255, 5, 5, 8, 8],
      ]),
    );
    writeLabelMapPng(
      join(pred, 'a_instances.png'),
      rects([
        [1, 0, 0, 3, 3],
        [1, 5, 5, 8, 7],
      ]),
    );
    let io = capture();
    const json = join(root, 'binary.json');
    expect(await main(['evaluate', '--pred', pred, '--gt', gt, '--metrics', 'glas', '--json', json], io)).toBe(0);
    expect(io.stderr).toMatch(
      /warning: .*a_label\.png looks like a binary mask \(one value, 255, in 2 separate pieces\)/,
    );
    expect(io.stderr).toMatch(/a_instances\.png looks like a binary mask \(one value, 1, in 2 separate pieces\)/);
    expect(JSON.parse(readFileSync(json, 'utf8')).groups.all.pooled.tp).toBe(1);
    io = capture();
    expect(
      await main(
        ['evaluate', '--pred', pred, '--gt', gt, '--metrics', 'glas', '--connectivity', '4', '--json', json],
        io,
      ),
    ).toBe(0);
    expect(io.stderr).not.toMatch(/warning/);
    const pooled = JSON.parse(readFileSync(json, 'utf8')).groups.all.pooled;
    expect([pooled.tp, pooled.fp, pooled.fn]).toEqual([2, 0, 0]);
    io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt, '--connectivity', '6'], io)).toBe(2);
    expect(io.stderr).toMatch(/--connectivity must be 4 or 8/);
  });

  it('missing prediction → exit 2 naming the image', async () => {
    const { gt, pred } = dirs();
    writeLabelMapPng(join(gt, 'a_label.png'), rects([[1, 0, 0, 2, 2]]));
    writeLabelMapPng(join(gt, 'b_label.png'), rects([[1, 0, 0, 2, 2]]));
    writeLabelMapPng(join(pred, 'a.png'), rects([[1, 0, 0, 2, 2]]));
    const io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt], io)).toBe(2);
    expect(io.stderr).toMatch(/no prediction for 1 ground-truth image\(s\): b/);
  });

  it('size mismatch 8x8 vs 4x4 → exit 2', async () => {
    const { gt, pred } = dirs();
    writeLabelMapPng(join(gt, 'a_label.png'), rects([[1, 0, 0, 2, 2]]));
    writeLabelMapPng(join(pred, 'a.png'), { width: 4, height: 4, data: new Uint16Array(16) });
    const io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt], io)).toBe(2);
    expect(io.stderr).toMatch(/size mismatch for 'a': prediction is 4x4, ground truth 8x8/);
  });

  it('RGB prediction is not a label map → exit 2', async () => {
    const { gt, pred } = dirs();
    writeLabelMapPng(join(gt, 'a_label.png'), rects([[1, 0, 0, 2, 2]]));
    writePng(join(pred, 'a.png'), { width: 8, height: 8, channels: 3, data: new Uint8Array(192) });
    const io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt], io)).toBe(2);
    expect(io.stderr).toMatch(/label map/i);
  });

  it('unreadable file → exit 2 naming it', async () => {
    const { gt, pred } = dirs();
    writeLabelMapPng(join(gt, 'a_label.png'), rects([[1, 0, 0, 2, 2]]));
    copyFileSync(join(gt, 'a_label.png'), join(pred, 'a.png'));
    const bytes = readFileSync(join(pred, 'a.png'));
    (await import('node:fs')).writeFileSync(join(pred, 'a.png'), bytes.subarray(0, 20));
    const io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt], io)).toBe(2);
    expect(io.stderr).toMatch(/a\.png/);
  });

  it('bad --fn-rule is a usage error with help', async () => {
    const io = capture();
    expect(await main(['evaluate', '--pred', 'x', '--gt', 'y', '--fn-rule', 'sometimes'], io)).toBe(2);
    expect(io.stderr).toMatch(/--fn-rule must be 'official' or 'unmatched'/);
    expect(io.stderr).toMatch(/Usage: qfcn evaluate/);
  });

  it('GlaS folder (*_anno): default --metrics glas — JSON as before, no nuclei fields, no nuclei table', async () => {
    const { gt, pred } = dirs();
    writeLabelMapPng(join(gt, 'testA_1_anno.png'), rects([[1, 2, 2, 6, 6]]));
    writeLabelMapPng(join(pred, 'testA_1.png'), rects([[5, 2, 2, 6, 6]]));
    const io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt, '--json', '-'], io)).toBe(0);
    const report = JSON.parse(io.stdout);
    expect(report.metrics).toBe('glas');
    expect(report.fnRule).toBe('official');
    expect('iouThreshold' in report).toBe(false);
    expect(Object.keys(report.groups.testA)).toEqual(['pooled', 'perImageMean', 'images', 'numImages', 'fnRule']);
    expect(report.groups.testA.images[0].aji).toBeUndefined();
    const table = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt], table)).toBe(0);
    expect(table.stdout).not.toMatch(/AJI/);
  });

  it('--metrics nuclei: per-image AJI, AJI+, PQ/DQ/SQ and their mean — equal to evaluate() of @qfcn/metrics; table rows per image and the mean', async () => {
    const { gt, pred, root } = dirs();
    const g1 = rects([
      [1, 0, 0, 4, 4],
      [2, 4, 4, 8, 8],
    ]);
    const s1 = rects([
      [4, 0, 0, 3, 4],
      [5, 4, 4, 8, 8],
      [6, 0, 6, 2, 8],
    ]);
    const g2 = rects([[1, 2, 2, 6, 6]]);
    const s2 = rects([[1, 2, 2, 6, 5]]);
    writeLabelMapPng(join(gt, 'a_label.png'), g1);
    writeLabelMapPng(join(pred, 'a_instances.png'), s1);
    writeLabelMapPng(join(gt, 'b_label.png'), g2);
    writeLabelMapPng(join(pred, 'b_instances.png'), s2);
    const json = join(root, 'nuclei.json');
    const io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt, '--metrics', 'nuclei', '--json', json], io)).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const direct = evaluate(
      [
        { id: 'a', segmentation: s1, groundTruth: g1 },
        { id: 'b', segmentation: s2, groundTruth: g2 },
      ],
      { metrics: 'nuclei' },
    );
    expect(report).toEqual({
      metrics: 'nuclei',
      iouThreshold: 0.5,
      groups: { all: JSON.parse(JSON.stringify(direct)) },
    });
    expect(report.groups.all.pooled).toBeUndefined();
    // a: 2 of 3 predicted objects match (IoU 12/16, 1), one FP; AJI = (12 + 16) / (16 + 16 + 4)
    expect(report.groups.all.images[0]).toMatchObject({ id: 'a', pqTp: 2, pqFp: 1, pqFn: 0 });
    expect(report.groups.all.images[0].aji).toBeCloseTo(28 / 36, 12);
    expect(report.groups.all.perImageMean.aji).toBeCloseTo((28 / 36 + 12 / 16) / 2, 12);
    expect(io.stdout).toMatch(/part\s+image\s+AJI\s+AJI\+\s+PQ\s+DQ\s+SQ\s+PQ TP\s+PQ FP\s+PQ FN/);
    expect(io.stdout).toMatch(/all\s+a\s+0\.7778\s+\S+\s+\S+\s+\S+\s+\S+\s+2\s+1\s+0/);
    expect(io.stdout).toMatch(/all\s+b\s+0\.7500\s/);
    expect(io.stdout).toMatch(/all\s+mean of 2\s+0\.7639\s/);
    expect(io.stdout).not.toMatch(/Object Dice/);
  });

  it('non-GlaS folder: default --metrics all — GlaS and nuclei fields, both tables; --iou-threshold 0.75 changes PQ as evaluate() does', async () => {
    const { gt, pred } = dirs();
    const g = rects([
      [1, 0, 0, 4, 4],
      [2, 4, 4, 8, 8],
    ]);
    const s = rects([
      [1, 0, 0, 3, 4],
      [2, 4, 4, 8, 8],
    ]); // IoU 0.75 and 1
    writeLabelMapPng(join(gt, 'x_label.png'), g);
    writeLabelMapPng(join(pred, 'x.png'), s);
    let io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt, '--json', '-'], io)).toBe(0);
    let report = JSON.parse(io.stdout);
    expect(report.metrics).toBe('all');
    expect(report.groups.all).toEqual(
      JSON.parse(JSON.stringify(evaluate([{ id: 'x', segmentation: s, groundTruth: g }], { metrics: 'all' }))),
    );
    expect(report.groups.all.images[0].pqTp).toBe(2);
    io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt, '--json', '-', '--iou-threshold', '0.75'], io)).toBe(0);
    report = JSON.parse(io.stdout);
    expect(report.iouThreshold).toBe(0.75);
    expect(report.groups.all.images[0]).toMatchObject({ pqTp: 1, pqFp: 1, pqFn: 1, pq: 0.5 });
    expect(report.groups.all.perImageMean.pq).toBe(
      evaluate([{ id: 'x', segmentation: s, groundTruth: g }], { metrics: 'all', iouThreshold: 0.75 }).perImageMean.pq,
    );
    io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt], io)).toBe(0);
    expect(io.stdout).toMatch(/all\s+1\s+pooled\s+1\.0000/);
    expect(io.stdout).toMatch(/all\s+x\s+0\.8750\s/); // AJI (12 + 16) / (16 + 16)
  });

  it('bad --metrics / --iou-threshold → exit 2 naming the flag; --iou-threshold with glas, --fn-rule with nuclei → exit 2', async () => {
    const { gt, pred } = dirs();
    writeLabelMapPng(join(gt, 'testA_1_anno.png'), rects([[1, 0, 0, 2, 2]]));
    writeLabelMapPng(join(pred, 'testA_1.png'), rects([[1, 0, 0, 2, 2]]));
    const cases: [string[], RegExp][] = [
      [['--metrics', 'aji'], /--metrics must be glas, nuclei or all, got 'aji'/],
      [['--iou-threshold', '0.3', '--metrics', 'all'], /--iou-threshold must be in \[0\.5, 1\).*got '0\.3'/],
      [['--iou-threshold', '1', '--metrics', 'nuclei'], /--iou-threshold must be in \[0\.5, 1\)/],
      [['--iou-threshold', 'half', '--metrics', 'nuclei'], /--iou-threshold expects a number, got 'half'/],
      [
        ['--iou-threshold', '0.6'],
        /--iou-threshold is for PQ \(--metrics nuclei or all\), but the metrics are glas \(the default for GlaS folders\)/,
      ],
      [['--iou-threshold', '0.6', '--metrics', 'glas'], /--iou-threshold is for PQ/],
      [['--fn-rule', 'unmatched', '--metrics', 'nuclei'], /--fn-rule is for the GlaS scores/],
    ];
    for (const [flags, message] of cases) {
      const io = capture();
      expect(await main(['evaluate', '--pred', pred, '--gt', gt, ...flags], io), flags.join(' ')).toBe(2);
      expect(io.stderr).toMatch(message);
      expect(io.stderr).toMatch(/Usage: qfcn evaluate/);
    }
  });

  it('MoNuSeg XML ground truth (<id>.xml beside <id>.png), GeoJSON ground truth without an image, GeoJSON prediction: same scores as the label maps', async () => {
    const { gt, pred, root } = dirs();
    const gA = rects([
      [1, 0, 0, 3, 3],
      [2, 4, 1, 7, 5],
    ]);
    const sA = rects([
      [3, 0, 0, 3, 2],
      [9, 4, 1, 7, 5],
      [4, 6, 6, 8, 8],
    ]);
    const gB = rects([[1, 1, 1, 5, 5]]);
    const sB = rects([[2, 1, 1, 5, 4]]);
    const gC = rects([
      [1, 2, 2, 4, 4],
      [2, 5, 5, 8, 8],
    ]);
    const sC = rects([[1, 2, 2, 4, 4]]);
    writePng(join(gt, 'A.png'), rgb8);
    writeFileSync(
      join(gt, 'A.xml'),
      xml([
        [0, 0, 3, 3],
        [4, 1, 7, 5],
      ]),
    );
    writeLabelMapPng(join(pred, 'A_instances.png'), sA);
    writeGeoJSON(join(gt, 'B.geojson'), labelMapToGeoJSON(gB)); // no image beside: size from the prediction
    writeLabelMapPng(join(pred, 'B_instances.png'), sB);
    writeLabelMapPng(join(gt, 'C_label.png'), gC);
    writeGeoJSON(join(pred, 'C_instances.geojson'), labelMapToGeoJSON(sC)); // size from the ground truth
    const json = join(root, 'mixed.json');
    const io = capture();
    expect(
      await main(['evaluate', '--pred', pred, '--gt', gt, '--metrics', 'all', '--json', json, '--quiet'], io),
    ).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const direct = evaluate(
      [
        { id: 'A', segmentation: sA, groundTruth: gA },
        { id: 'B', segmentation: sB, groundTruth: gB },
        { id: 'C', segmentation: sC, groundTruth: gC },
      ],
      { metrics: 'all' },
    );
    expect(report.groups.all).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(report.groups.all.images.map((r: { numGroundTruth: number }) => r.numGroundTruth)).toEqual([2, 1, 2]);
    expect(report.groups.all.images[2]).toMatchObject({ pqTp: 1, pqFn: 1, pqFp: 0 });
  });

  it('polygon files: size mismatch with the image beside, both polygons without an image, an XML of another image, ambiguous ground truth → exit 2 with the reason', async () => {
    let { gt, pred } = dirs();
    writePng(join(gt, 'A.png'), rgb8);
    writeFileSync(join(gt, 'A.xml'), xml([[0, 0, 3, 3]]));
    writeLabelMapPng(join(pred, 'A.png'), { width: 4, height: 4, data: new Uint16Array(16) });
    let io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt], io)).toBe(2);
    expect(io.stderr).toMatch(/size mismatch for 'A': prediction is 4x4, ground truth 8x8/);

    ({ gt, pred } = dirs());
    writeGeoJSON(join(gt, 'A.geojson'), labelMapToGeoJSON(rects([[1, 0, 0, 3, 3]])));
    writeGeoJSON(join(pred, 'A_instances.geojson'), labelMapToGeoJSON(rects([[1, 0, 0, 3, 3]])));
    io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt], io)).toBe(2);
    expect(io.stderr).toMatch(/cannot tell the size of 'A'.*both polygon files/);

    ({ gt, pred } = dirs());
    writeFileSync(join(gt, 'A.xml'), xml([[0, 0, 30, 30]]));
    writeLabelMapPng(join(pred, 'A.png'), rects([[1, 0, 0, 3, 3]]));
    io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt], io)).toBe(2);
    expect(io.stderr).toMatch(/A\.xml.*outside the 8x8 image/s);

    ({ gt, pred } = dirs());
    writeFileSync(join(gt, 'A.xml'), xml([[0, 0, 3, 3]]));
    writeLabelMapPng(join(gt, 'A_label.png'), rects([[1, 0, 0, 3, 3]]));
    writeLabelMapPng(join(pred, 'A.png'), rects([[1, 0, 0, 3, 3]]));
    io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', gt], io)).toBe(2);
    expect(io.stderr).toMatch(/two ground-truth files for id 'A': \S*A\.xml and \S*A_label\.png/);
  });

  it('end to end on a MoNuSeg-style XML folder (<id>.png + <id>.xml): train → predict → evaluate --metrics all equals evaluate() on the same label maps', async () => {
    const data = monusegXmlFolder(5, 12);
    const work = mkdtempSync(join(tmpdir(), 'qfcn-xml-e2e-out-'));
    const model = join(work, 'model');
    const pred = join(work, 'pred');
    const json = join(work, 'scores.json');
    let io = capture();
    expect(
      await main(
        [
          'train',
          '--data',
          data,
          '--out',
          model,
          '--preset',
          'tiny',
          '--epochs',
          '2',
          '--crop',
          '32',
          '--backend',
          'wasm',
          '--quiet',
        ],
        io,
      ),
      io.stderr,
    ).toBe(0);
    io = capture();
    expect(
      await main(['predict', '--model', model, '--images', data, '--out', pred, '--backend', 'wasm', '--quiet'], io),
      io.stderr,
    ).toBe(0);
    io = capture();
    expect(
      await main(['evaluate', '--pred', pred, '--gt', data, '--metrics', 'all', '--json', json], io),
      io.stderr,
    ).toBe(0);
    expect(io.stdout).toMatch(/AJI/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.metrics).toBe('all');
    const all = report.groups.all;
    expect(all.images.map((r: { id: string }) => r.id)).toEqual(['tile0', 'tile1', 'tile2', 'tile3', 'tile4']);
    for (const row of [...all.images, all.perImageMean]) {
      for (const key of ['aji', 'ajiPlus', 'pq', 'dq', 'sq', 'f1', 'objectDice']) {
        expect(row[key], key).toBeGreaterThanOrEqual(0);
        expect(row[key], key).toBeLessThanOrEqual(1);
      }
    }
    const pairs = all.images.map(({ id }: { id: string }) => ({
      id,
      segmentation: readLabelMap(join(pred, `${id}_instances.png`)),
      groundTruth: readMoNuSegXml(join(data, `${id}.xml`), { width: 48, height: 48 }),
    }));
    expect(pairs.every((p: { groundTruth: { data: Uint16Array } }) => p.groundTruth.data.some((v) => v > 0))).toBe(
      true,
    );
    expect(all).toEqual(JSON.parse(JSON.stringify(evaluate(pairs, { metrics: 'all' }))));
  }, 120_000);

  const monuseg = resolve(__dirname, '../../../../../shared/data/monuseg/train');
  describe.skipIf(!existsSync(monuseg))(`real MoNuSeg tiles (skipped: ${monuseg} absent)`, () => {
    it('13 real 1000x1000 tiles scored against themselves → every nucleus a TP, Dice 1, Hausdorff 0', async () => {
      const pred = mkdtempSync(join(tmpdir(), 'qfcn-monuseg-'));
      for (const f of readdirSync(monuseg).filter((n) => n.endsWith('_label.png'))) {
        copyFileSync(join(monuseg, f), join(pred, f.replace('_label', '_pred')));
      }
      const io = capture();
      expect(await main(['evaluate', '--pred', pred, '--gt', monuseg, '--json', '-', '--quiet'], io)).toBe(0);
      const all = JSON.parse(io.stdout).groups.all;
      expect(all.numImages).toBe(13);
      expect(all.pooled.tp).toBe(all.pooled.numGroundTruth);
      expect(all.pooled.numGroundTruth).toBeGreaterThan(4000);
      expect([all.pooled.fp, all.pooled.fn, all.pooled.f1, all.pooled.objectDice, all.pooled.objectHausdorff]).toEqual([
        0, 0, 1, 1, 0,
      ]);
    });
  });
});
