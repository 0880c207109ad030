import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from './readImage';
import { writePng } from './writePng';

describe('writePng', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-png-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a 2x2 grey PNG into a new sub-directory and leaves no temporary file', () => {
    const path = join(dir, 'sub', 'a.png');
    writePng(path, { width: 2, height: 2, channels: 1, data: new Uint8Array([0, 64, 128, 255]) });
    expect(Array.from(readImage(path).data)).toEqual([0, 64, 128, 255]);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a.png']);
  });

  it('replaces an existing file; a bad image leaves the old file untouched', () => {
    const path = join(dir, 'b.png');
    writeFileSync(path, 'old');
    writePng(path, { width: 1, height: 1, channels: 3, data: new Uint8Array([1, 2, 3]) });
    expect(Array.from(readImage(path).data)).toEqual([1, 2, 3]);
    expect(() => writePng(path, { width: 1, height: 1, channels: 3, data: new Uint8Array(2) })).toThrowError(/needs 3/);
    expect(Array.from(readImage(path).data)).toEqual([1, 2, 3]);
  });

  it('an unwritable target is a DataError naming the path, with no stray temporary file', () => {
    const blocker = join(dir, 'file-not-dir');
    writeFileSync(blocker, 'x');
    expect(() =>
      writePng(join(blocker, 'c.png'), { width: 1, height: 1, channels: 1, data: new Uint8Array(1) }),
    ).toThrowError(new RegExp(`^${join(blocker, 'c.png')}: cannot write`));
    expect(existsSync(join(blocker, 'c.png'))).toBe(false);
  });
});
