import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticGlas } from '../synthetic/writeSyntheticGlas';
import { sharedPath } from '../io/testing/sharedData';
import { verifyGlas } from './verifyGlas';

// FIPS 180-2 test vectors: sha256("abc") and sha256("")
const SHA_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const SHA_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('verifyGlas', () => {
  const root = mkdtempSync(join(tmpdir(), 'qfcn-verify-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('custom manifest: one file intact, one altered, one missing, one extra; hidden files and folders ignored', async () => {
    const dir = join(root, 'custom');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'a.bmp'), 'abc');
    writeFileSync(join(dir, 'b.bmp'), 'abd');
    writeFileSync(join(dir, 'extra.txt'), '');
    writeFileSync(join(dir, '.DS_Store'), 'x');
    const manifest = [
      { name: 'a.bmp', size: 3, sha256: SHA_ABC },
      { name: 'b.bmp', size: 3, sha256: SHA_ABC },
      { name: 'c.bmp', size: 0, sha256: SHA_EMPTY },
    ];
    const report = await verifyGlas(dir, { manifest });
    expect(report.ok).toBe(false);
    expect(report.verified).toBe(1);
    expect(report.missing).toEqual(['c.bmp']);
    expect(report.extra).toEqual(['extra.txt']);
    expect(report.altered).toEqual([
      {
        name: 'b.bmp',
        expectedSize: 3,
        actualSize: 3,
        expectedSha256: SHA_ABC,
        actualSha256: 'a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9',
      },
    ]);
  });

  it('custom manifest, everything intact → ok', async () => {
    const dir = join(root, 'ok');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.bmp'), 'abc');
    writeFileSync(join(dir, 'empty.bmp'), '');
    const report = await verifyGlas(dir, {
      manifest: [
        { name: 'a.bmp', size: 3, sha256: SHA_ABC },
        { name: 'empty.bmp', size: 0, sha256: SHA_EMPTY },
      ],
    });
    expect(report).toMatchObject({ ok: true, verified: 2, missing: [], extra: [], altered: [] });
  });

  it('shipped manifest on a synthetic GlaS folder: synthetic files are altered, the rest missing', async () => {
    const dir = join(root, 'synthetic');
    await writeSyntheticGlas(dir, { train: 2, testA: 1, testB: 1, size: [40, 30], seed: 1 });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const report = await verifyGlas(dir);
    expect(report.ok).toBe(false);
    expect(report.altered.map((a) => a.name)).toEqual([
      'Grade.csv',
      'testA_1.bmp',
      'testA_1_anno.bmp',
      'testB_1.bmp',
      'testB_1_anno.bmp',
      'train_1.bmp',
      'train_1_anno.bmp',
      'train_2.bmp',
      'train_2_anno.bmp',
    ]);
    expect(report.altered.find((a) => a.name === 'train_1.bmp')).toMatchObject({
      expectedSize: 1215270,
      actualSize: 54 + 120 * 30,
    });
    expect(report.missing.length).toBe(331 - 9);
    expect(report.extra).toEqual(['notes.txt']);
  });

  const officialGrades = sharedPath('glas', 'Grade.csv');
  it.skipIf(!existsSync(officialGrades))(
    `shipped manifest accepts the official Grade.csv${existsSync(officialGrades) ? '' : ` (skipped: ${officialGrades} not present)`}`,
    async () => {
      const dir = join(root, 'grades');
      mkdirSync(dir);
      copyFileSync(officialGrades, join(dir, 'Grade.csv'));
      const report = await verifyGlas(dir);
      expect(report.verified).toBe(1);
      expect(report.altered).toEqual([]);
      expect(report.missing.length).toBe(330);
    },
  );

  it('a missing folder is a DataError', async () => {
    await expect(verifyGlas(join(root, 'nope'))).rejects.toThrowError(/nope: cannot read the GlaS folder/);
  });
});
