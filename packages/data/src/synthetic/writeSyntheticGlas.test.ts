import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../io/readImage';
import { readLabelMap } from '../io/readLabelMap';
import { generateSyntheticSample } from './generateSyntheticSample';
import { writeSyntheticGlas, type SyntheticGlasSummary } from './writeSyntheticGlas';

describe('writeSyntheticGlas', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-synglas-'));
  let summary: SyntheticGlasSummary;
  beforeAll(async () => {
    summary = await writeSyntheticGlas(dir, { train: 4, testA: 2, testB: 5, size: [64, 48], seed: 9 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes 11 images, 11 annotations and Grade.csv with GlaS names', () => {
    const names = readdirSync(dir).sort();
    expect(names.length).toBe(23);
    expect(names).toContain('train_4.bmp');
    expect(names).toContain('train_4_anno.bmp');
    expect(names).toContain('testB_5_anno.bmp');
    expect(names).toContain('Grade.csv');
    expect(summary.files.length).toBe(23);
  });

  it('images are 24-bit BMPs, annotations 8-bit palettised BMPs (bytes 28-29 of the header)', () => {
    const bpp = (name: string): number => readFileSync(join(dir, name)).readUInt16LE(28);
    expect(bpp('train_1.bmp')).toBe(24);
    expect(bpp('train_1_anno.bmp')).toBe(8);
  });

  it('files hold exactly generateSyntheticSample(seed "9:<split>:<i>", its grade)', () => {
    const row = summary.samples.find((s) => s.id === 'testA_2')!;
    const sample = generateSyntheticSample({
      width: 64,
      height: 48,
      seed: '9:testA:2',
      grade: row.grade,
      id: 'testA_2',
    });
    expect(Buffer.from(readImage(join(dir, 'testA_2.bmp')).data).equals(Buffer.from(sample.image.data))).toBe(true);
    expect(Array.from(readLabelMap(join(dir, 'testA_2_anno.bmp')).data)).toEqual(Array.from(sample.label!.data));
  });

  it('Grade.csv: GlaS header, CRLF, no final newline, sorted names, GlaS benign shares (train 2/4, testA 1/2, testB 1/5)', () => {
    const text = readFileSync(join(dir, 'Grade.csv'), 'latin1');
    expect(text.endsWith('\n')).toBe(false);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('name,patient ID, grade (GlaS), grade (Sirinukunwattana et al. 2015)');
    expect(lines.length).toBe(12);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([...lines.slice(1).map((l) => l.split(',')[0])].sort());
    const benign = (split: string): number =>
      lines.filter((l) => l.startsWith(`${split}_`) && l.includes(', benign, ')).length;
    expect([benign('train'), benign('testA'), benign('testB')]).toEqual([2, 1, 1]);
    expect(lines[1]).toMatch(
      /^testA_1,1, (benign, (healthy|adenomatous)|malignant, (moderately|poorly) differentiated)$/,
    );
  });

  it('the same options write byte-identical files', async () => {
    const again = mkdtempSync(join(tmpdir(), 'qfcn-synglas2-'));
    try {
      await writeSyntheticGlas(again, { train: 4, testA: 2, testB: 5, size: [64, 48], seed: 9 });
      for (const name of ['train_3.bmp', 'testB_5_anno.bmp', 'Grade.csv']) {
        expect(readFileSync(join(again, name)).equals(readFileSync(join(dir, name)))).toBe(true);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('bad options are InvalidArgumentErrors', async () => {
    await expect(writeSyntheticGlas(dir, { train: -1 })).rejects.toThrowError(/Invalid argument 'train'/);
    await expect(writeSyntheticGlas(dir, { train: 0, testA: 0, testB: 0 })).rejects.toThrowError(/nothing to write/);
    await expect(writeSyntheticGlas('', {})).rejects.toThrowError(/Invalid argument 'dir'/);
    await expect(writeSyntheticGlas(dir, { train: 1, testA: 0, testB: 0, size: 4 })).rejects.toThrowError(
      /Invalid argument 'width'/,
    );
  });
});
