import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { pairFiles } from './pairFiles';

function folder(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-pair-'));
  for (const f of files) writeFileSync(join(dir, f), '');
  return dir;
}

describe('pairFiles', () => {
  it('GlaS layout: testA_1 does not claim testA_10, parts grouped', () => {
    const gt = folder([
      'testA_1.bmp',
      'testA_1_anno.bmp',
      'testA_10.bmp',
      'testA_10_anno.bmp',
      'testB_3_anno.bmp',
      'Grade.csv',
    ]);
    const pred = folder(['testA_1_pred.png', 'testA_10.png', 'testB_3-seg.tif']);
    const r = pairFiles(pred, gt);
    expect(r.pairs.map((p) => [p.id, p.group, p.prediction.split('/').pop()])).toEqual([
      ['testA_1', 'testA', 'testA_1_pred.png'],
      ['testA_10', 'testA', 'testA_10.png'],
      ['testB_3', 'testB', 'testB_3-seg.tif'],
    ]);
    expect(r.missingPredictions).toEqual([]);
  });

  it('MoNuSeg layout: _label files are the annotations, images beside them ignored', () => {
    const gt = folder(['TCGA-1.png', 'TCGA-1_label.png', 'TCGA-2.png', 'TCGA-2_label.png']);
    const pred = folder(['TCGA-1.png', 'extra.png']);
    const r = pairFiles(pred, gt);
    expect(r.pairs.map((p) => [p.id, p.group])).toEqual([['TCGA-1', 'all']]);
    expect(r.missingPredictions).toEqual(['TCGA-2']);
    expect(r.unmatchedPredictions).toEqual(['extra.png']);
  });

  it('qfcn predict output: <id>_instances.png pairs, <id>_overlay.png is skipped', () => {
    const gt = folder(['img1.png', 'img1_label.png']);
    const pred = folder(['img1_instances.png', 'img1_overlay.png']);
    const r = pairFiles(pred, gt);
    expect(r.pairs.map((p) => p.prediction.split('/').pop())).toEqual(['img1_instances.png']);
    expect(r.unmatchedPredictions).toEqual([]);
  });

  it('MoNuSeg XML and QuPath GeoJSON ground truth: polygon files are the annotations, the image beside each gives its size', () => {
    const gt = folder(['TCGA-1.tif', 'TCGA-1.xml', 'TCGA-2.png', 'TCGA-2.geojson', 'TCGA-3.GeoJSON', 'notes.txt']);
    const pred = folder([
      'TCGA-1_instances.png',
      'TCGA-2_instances.geojson',
      'TCGA-3_instances.png',
      'TCGA-3_overlay.png',
    ]);
    const r = pairFiles(pred, gt);
    const name = (p: string | undefined) => p?.split('/').pop();
    expect(r.pairs.map((p) => [p.id, name(p.groundTruth), name(p.prediction), name(p.image), p.group])).toEqual([
      ['TCGA-1', 'TCGA-1.xml', 'TCGA-1_instances.png', 'TCGA-1.tif', 'all'],
      ['TCGA-2', 'TCGA-2.geojson', 'TCGA-2_instances.geojson', 'TCGA-2.png', 'all'],
      ['TCGA-3', 'TCGA-3.GeoJSON', 'TCGA-3_instances.png', undefined, 'all'],
    ]);
    expect(r.missingPredictions).toEqual([]);
    expect(r.unmatchedPredictions).toEqual([]);
  });

  it('raster ground truth has no image field; label and polygon annotations may mix across ids', () => {
    const gt = folder(['a.png', 'a_label.png', 'b.png', 'b.xml']);
    const pred = folder(['a.png', 'b.png']);
    const r = pairFiles(pred, gt);
    expect(r.pairs.map((p) => [p.id, p.groundTruth.split('/').pop(), p.image?.split('/').pop()])).toEqual([
      ['a', 'a_label.png', undefined],
      ['b', 'b.xml', 'b.png'],
    ]);
  });

  it('two ground-truth files for one id (label image and XML, XML and GeoJSON) is an error naming both', () => {
    let gt = folder(['a.png', 'a_label.png', 'a.xml']);
    const pred = folder(['a.png']);
    expect(() => pairFiles(pred, gt)).toThrow(/two ground-truth files for id 'a': \S*a\.xml and \S*a_label\.png/);
    gt = folder(['a.geojson', 'a.xml']);
    expect(() => pairFiles(pred, gt)).toThrow(/two ground-truth files for id 'a': \S*a\.geojson and \S*a\.xml/);
  });

  it('predict --format both: <id>_instances.geojson beside <id>_instances.png is skipped (the PNG is read)', () => {
    const gt = folder(['img1_label.png', 'img2_label.png']);
    const pred = folder(['img1_instances.png', 'img1_instances.geojson', 'img2_instances.geojson']);
    const r = pairFiles(pred, gt);
    expect(r.pairs.map((p) => p.prediction.split('/').pop())).toEqual(['img1_instances.png', 'img2_instances.geojson']);
    expect(r.unmatchedPredictions).toEqual([]);
  });

  it('a GeoJSON and an image of different names for one id are two predictions; .xml is never a prediction', () => {
    const gt = folder(['a_label.png', 'b_label.png']);
    expect(() => pairFiles(folder(['a_pred.png', 'a.geojson']), gt)).toThrow(/two predictions for 'a'/);
    const r = pairFiles(folder(['a.png', 'b.png', 'b.xml']), gt);
    expect(r.pairs.map((p) => p.prediction.split('/').pop())).toEqual(['a.png', 'b.png']);
    expect(r.unmatchedPredictions).toEqual([]);
  });

  it('two predictions for one id is an error naming both', () => {
    const gt = folder(['a_label.png']);
    const pred = folder(['a.png', 'a_v2.png']);
    expect(() => pairFiles(pred, gt)).toThrow(/two predictions for 'a'/);
  });

  it('missing directory is a typed DataError', () => {
    const gt = folder(['a_label.png']);
    let caught: unknown;
    try {
      pairFiles(join(gt, 'nope'), gt);
    } catch (e) {
      caught = e;
    }
    expect(QfcnError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/cannot read prediction directory/);
  });

  it('empty ground-truth folder is an error', () => {
    const gt = folder([]);
    mkdirSync(join(gt, 'sub'));
    expect(() => pairFiles(gt, gt)).toThrow(
      /no ground-truth images \(\.png, \.bmp, \.tif\) or annotations \(\.geojson, \.xml\)/,
    );
  });
});
