import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceDirAtomic, writeDirAtomic } from './replaceDirAtomic';
import { temporaryOwner, temporarySibling } from './temporarySibling';
import { writeFileAtomic } from './writeFileAtomic';
import { writeFileAtomicAsync } from './writeFileAtomicAsync';

const scratch = () => mkdtempSync(join(tmpdir(), 'qfcn-internal-'));

describe('temporarySibling', () => {
  it('names a hidden sibling with the tag, the pid and a counter; two calls differ', () => {
    const a = temporarySibling('/m/model.json');
    const b = temporarySibling('/m/model.json', 'old');
    expect(a).toMatch(new RegExp(`^/m/\\.model\\.json\\.tmp-${process.pid}-[0-9a-z]+-[0-9a-z]+$`));
    expect(b).toMatch(/^\/m\/\.model\.json\.old-/);
    expect(temporarySibling('plain')).toMatch(/^\.plain\.tmp-/);
  });

  it('temporaryOwner reads the pid back from a name it made; other names give undefined', () => {
    expect(temporaryOwner(temporarySibling('/m/model.json').slice(3))).toBe(process.pid);
    expect(temporaryOwner('.a.png.old-17-x-0')).toBe(17);
    for (const name of ['model.json', '.hidden', '.x.tmp-17', 'notes.tmp-17-a-0'])
      expect(temporaryOwner(name)).toBeUndefined();
  });
});

describe.each([
  ['writeFileAtomic', async (p: string, d: Uint8Array | string) => writeFileAtomic(p, d)],
  ['writeFileAtomicAsync', writeFileAtomicAsync],
])('%s', (_name, write) => {
  it('creates parent folders, writes text and bytes, replaces an old file, leaves no temporary', async () => {
    const dir = scratch();
    const file = join(dir, 'a', 'b', 'out.txt');
    await write(file, 'first');
    await write(file, new Uint8Array([104, 105]));
    expect(readFileSync(file, 'utf8')).toBe('hi');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['out.txt']);
  });

  it('a target that is a folder: throws, the folder is untouched and the temporary is removed', async () => {
    const dir = scratch();
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x');
    await expect(write(target, 'data')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readFileSync(join(target, 'keep'), 'utf8')).toBe('x');
  });
});

describe('writeFileAtomic { createParents: false }', () => {
  it('a missing folder is an error (ENOENT) and nothing is created', () => {
    const dir = scratch();
    expect(() => writeFileAtomic(join(dir, 'absent', 'out.txt'), 'x', { createParents: false })).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('replaceDirAtomic / writeDirAtomic', () => {
  it('writeDirAtomic writes a new folder, then replaces it whole (old files gone), no leftovers', () => {
    const dir = scratch();
    const target = join(dir, 'model');
    writeDirAtomic(target, { 'a.json': '{}', 'b.bin': new Uint8Array([1, 2, 3]) });
    writeDirAtomic(target, { 'c.json': '[]' });
    expect(readdirSync(target)).toEqual(['c.json']);
    expect(readdirSync(dir)).toEqual(['model']);
  });

  it('replaceDirAtomic: a failing fill leaves the old folder as it was and removes the temporary', async () => {
    const dir = scratch();
    const target = join(dir, 'model');
    writeDirAtomic(target, { 'old.json': 'old' });
    await expect(
      replaceDirAtomic(target, (tmp) => {
        writeFileSync(join(tmp, 'half.json'), 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readdirSync(dir)).toEqual(['model']);
    expect(readFileSync(join(target, 'old.json'), 'utf8')).toBe('old');
    await replaceDirAtomic(target, (tmp) => writeFileSync(join(tmp, 'new.json'), 'new'));
    expect(readdirSync(target)).toEqual(['new.json']);
    expect(existsSync(join(target, 'old.json'))).toBe(false);
  });
});
