import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asRgb, assertOutputPath } from './common';

describe('asRgb', () => {
  it('2x1 RGBA → RGB without the alpha values; RGB is returned as it is', () => {
    const rgba = { width: 2, height: 1, channels: 4 as const, data: Uint8Array.of(1, 2, 3, 255, 4, 5, 6, 0) };
    expect(asRgb(rgba, 'a.png')).toEqual({ width: 2, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) });
    const rgb = { width: 1, height: 1, channels: 3 as const, data: Uint8Array.of(7, 8, 9) };
    expect(asRgb(rgb, 'b.png')).toBe(rgb);
  });

  it('a grey image is refused naming the file', () => {
    const grey = { width: 1, height: 1, channels: 1 as const, data: Uint8Array.of(7) };
    expect(() => asRgb(grey, 'slides/g.png')).toThrowError(
      /slides\/g\.png.*1-channel \(grey\) image; the FCNs take RGB/s,
    );
  });
});

describe('assertOutputPath', () => {
  it('folder outputs: a file, or a path under a file, is refused naming the flag; new or existing folders pass', () => {
    const root = mkdtempSync(join(tmpdir(), 'qfcn-out-'));
    const file = join(root, 'f.txt');
    writeFileSync(file, 'x');
    mkdirSync(join(root, 'd'));
    expect(() => assertOutputPath(file, 'out', 'folder')).toThrowError(/--out .*f\.txt is a file, not a folder/);
    expect(() => assertOutputPath(join(file, 'a', 'b'), 'out', 'folder')).toThrowError(/--out .*f\.txt is a file/);
    expect(() => assertOutputPath(join(root, 'd'), 'out', 'folder')).not.toThrow();
    expect(() => assertOutputPath(join(root, 'new', 'deeper'), 'out', 'folder')).not.toThrow();
  });

  it('file outputs: a folder is refused naming the flag; a new file passes', () => {
    const root = mkdtempSync(join(tmpdir(), 'qfcn-out-'));
    expect(() => assertOutputPath(root, 'json', 'file')).toThrowError(/--json .* is a folder, not a file/);
    expect(() => assertOutputPath(join(root, 'scores.json'), 'json', 'file')).not.toThrow();
  });
});
