import { existsSync, mkdtempSync, mkdirSync, copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLabelMapPng, writePng } from '@qfcn/data';
import { main } from '../main';
import type { Io } from '../command';

function capture(): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', tty: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

/** An 8x8 label map with the given rectangles [label, x0, y0, x1, y1) painted in order. */
function rects(list: [number, number, number, number, number][]) {
  const data = new Uint16Array(64);
  for (const [label, x0, y0, x1, y1] of list) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * 8 + x] = label;
  return { width: 8, height: 8, data };
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
    writeLabelMapPng(join(gt, 'testB_2_anno.png'), rects([[1, 0, 0, 2, 2], [2, 4, 4, 8, 8]]));
    writeLabelMapPng(join(pred, 'testB_2.png'), rects([[3, 0, 0, 2, 2], [9, 4, 4, 8, 8]]));
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
      expect([all.pooled.fp, all.pooled.fn, all.pooled.f1, all.pooled.objectDice, all.pooled.objectHausdorff]).toEqual([0, 0, 1, 1, 0]);
    });
  });
});
