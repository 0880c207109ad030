import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBmp } from '../io/encodeBmp';
import { encodeLabelMapBmp } from '../io/encodeLabelMapBmp';
import { generateSyntheticSample } from '../synthetic/generateSyntheticSample';
import { writeSyntheticGlas } from '../synthetic/writeSyntheticGlas';
import { loadGlas } from './loadGlas';

describe('loadGlas', () => {
  const root = mkdtempSync(join(tmpdir(), 'qfcn-glas-'));
  const dir = join(root, 'glas');
  beforeAll(async () => {
    await writeSyntheticGlas(dir, { train: 3, testA: 2, testB: 2, size: [48, 32], seed: 4 });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A copy of the synthetic folder to break in one way. */
  function copy(name: string): string {
    const target = join(root, name);
    mkdirSync(target);
    for (const f of ['train_1', 'train_2', 'train_3', 'testA_1', 'testA_2', 'testB_1', 'testB_2']) {
      copyFileSync(join(dir, `${f}.bmp`), join(target, `${f}.bmp`));
      copyFileSync(join(dir, `${f}_anno.bmp`), join(target, `${f}_anno.bmp`));
    }
    copyFileSync(join(dir, 'Grade.csv'), join(target, 'Grade.csv'));
    return target;
  }

  it('splits train 3 / testA 2 / testB 2, ordered by number, with grades and the generator pixels', async () => {
    const glas = await loadGlas(dir);
    expect(glas.name).toBe('glas');
    expect(Object.keys(glas.splits)).toEqual(['train', 'testA', 'testB']);
    expect(glas.splits.train!.map((s) => s.id)).toEqual(['train_1', 'train_2', 'train_3']);
    const s = glas.splits.testA![1]!;
    expect(s.meta).toMatchObject({
      split: 'testA',
      index: 2,
      patientId: 2,
      imagePath: join(dir, 'testA_2.bmp'),
      labelPath: join(dir, 'testA_2_anno.bmp'),
    });
    const generated = generateSyntheticSample({
      width: 48,
      height: 32,
      seed: '4:testA:2',
      grade: s.meta!.grade as 'benign' | 'malignant',
    });
    expect(Buffer.from(s.image.data).equals(Buffer.from(generated.image.data))).toBe(true);
    expect(Array.from(s.label!.data)).toEqual(Array.from(generated.label!.data));
    expect(['healthy', 'adenomatous', 'moderately differentiated', 'poorly differentiated']).toContain(
      s.meta!.gradeDetail,
    );
  });

  it('numbering is numeric (train_10 after train_2); splits and labels options', async () => {
    const d = copy('numeric');
    renameSync(join(d, 'train_3.bmp'), join(d, 'train_10.bmp'));
    renameSync(join(d, 'train_3_anno.bmp'), join(d, 'train_10_anno.bmp'));
    writeFileSync(join(d, 'Grade.csv'), readFileSync(join(d, 'Grade.csv'), 'latin1').replace('train_3,', 'train_10,'));
    const glas = await loadGlas(d, { splits: ['train'], labels: false, name: 'mine' });
    expect(glas.name).toBe('mine');
    expect(Object.keys(glas.splits)).toEqual(['train']);
    expect(glas.splits.train!.map((s) => s.id)).toEqual(['train_1', 'train_2', 'train_10']);
    expect(glas.splits.train![0]!.label).toBeUndefined();
  });

  it('missing annotation, orphan annotation, size mismatch', async () => {
    const a = copy('noanno');
    rmSync(join(a, 'testB_2_anno.bmp'));
    await expect(loadGlas(a)).rejects.toThrowError(`${a}: image testB_2.bmp has no annotation testB_2_anno.bmp`);
    expect((await loadGlas(a, { labels: false })).splits.testB!.length).toBe(2);

    const b = copy('orphan');
    rmSync(join(b, 'train_2.bmp'));
    await expect(loadGlas(b)).rejects.toThrowError(`${b}: annotation train_2_anno.bmp has no image train_2.bmp`);

    const c = copy('size');
    writeFileSync(
      join(c, 'train_1_anno.bmp'),
      encodeLabelMapBmp({ width: 47, height: 32, data: new Uint8Array(47 * 32) }),
    );
    await expect(loadGlas(c)).rejects.toThrowError(
      `${join(c, 'train_1_anno.bmp')}: annotation is 47x32 but ${join(c, 'train_1.bmp')} is 48x32`,
    );
  });

  it('Grade.csv missing or without a row; requireGrades: false', async () => {
    const a = copy('nogrades');
    rmSync(join(a, 'Grade.csv'));
    await expect(loadGlas(a)).rejects.toThrowError(/Grade\.csv not found/);
    const loaded = await loadGlas(a, { requireGrades: false });
    expect(loaded.splits.train![0]!.meta?.grade).toBeUndefined();

    const b = copy('norow');
    const csv = readFileSync(join(b, 'Grade.csv'), 'latin1')
      .split('\r\n')
      .filter((l) => !l.startsWith('train_2,'));
    writeFileSync(join(b, 'Grade.csv'), csv.join('\r\n'));
    await expect(loadGlas(b)).rejects.toThrowError(
      `${join(b, 'Grade.csv')}: no row for train_2 (pass requireGrades: false to allow this)`,
    );
  });

  it('corrupt image file, empty folder, missing folder, unknown split', async () => {
    const a = copy('corrupt');
    writeFileSync(join(a, 'testA_1.bmp'), readFileSync(join(a, 'testA_1.bmp')).subarray(0, 300));
    await expect(loadGlas(a)).rejects.toThrowError(new RegExp(`^${join(a, 'testA_1.bmp')}: truncated BMP`));
    const empty = join(root, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'readme.txt'), 'hi');
    await expect(loadGlas(empty)).rejects.toThrowError(
      `${empty}: no GlaS images (train_N.bmp, testA_N.bmp, testB_N.bmp) in this folder`,
    );
    await expect(loadGlas(join(root, 'absent'))).rejects.toThrowError(/absent: cannot read the GlaS folder/);
    await expect(loadGlas(dir, { splits: ['val' as 'train'] })).rejects.toThrowError(/unknown GlaS split 'val'/);
  });

  it('verify: true refuses a copy that is not the official release, listing what differs', async () => {
    await expect(loadGlas(dir, { verify: true })).rejects.toThrowError(
      /not an unmodified GlaS release: 316 missing \(.*\); 15 altered \(Grade\.csv, testA_1\.bmp/,
    );
  });

  it('a grey 8-bit BMP image is accepted as a 1-channel image', async () => {
    const d = join(root, 'grey');
    mkdirSync(d);
    writeFileSync(
      join(d, 'train_1.bmp'),
      encodeBmp({ width: 2, height: 1, channels: 1, data: new Uint8Array([5, 6]) }),
    );
    writeFileSync(
      join(d, 'train_1_anno.bmp'),
      encodeLabelMapBmp({ width: 2, height: 1, data: new Uint8Array([0, 1]) }),
    );
    const glas = await loadGlas(d, { requireGrades: false });
    expect(glas.splits.train![0]!.image.channels).toBe(1);
    expect(glas.splits.testA).toEqual([]);
  });
});
