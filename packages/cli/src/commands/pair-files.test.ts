import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { pairFiles } from './pair-files';

function folder(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-pair-'));
  for (const f of files) writeFileSync(join(dir, f), '');
  return dir;
}

describe('pairFiles', () => {
  it('GlaS layout: testA_1 does not claim testA_10, parts grouped', () => {
    const gt = folder(['testA_1.bmp', 'testA_1_anno.bmp', 'testA_10.bmp', 'testA_10_anno.bmp', 'testB_3_anno.bmp', 'Grade.csv']);
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
    expect(() => pairFiles(gt, gt)).toThrow(/no ground-truth images/);
  });
});
