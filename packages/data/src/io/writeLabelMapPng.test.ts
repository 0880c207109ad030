import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabelMap } from './readLabelMap';
import { writeLabelMapPng } from './writeLabelMapPng';

describe('writeLabelMapPng', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-label-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('2x2 labels with 300 (above 8 bits) round-trip exactly', () => {
    const path = join(dir, 'x_label.png');
    writeLabelMapPng(path, { width: 2, height: 2, data: new Uint16Array([0, 300, 300, 2]) });
    expect(Array.from(readLabelMap(path).data)).toEqual([0, 300, 300, 2]);
  });

  it('a label above 65535 writes nothing', () => {
    expect(() =>
      writeLabelMapPng(join(dir, 'big.png'), { width: 1, height: 1, data: new Uint32Array([70000]) }),
    ).toThrowError(/70000/);
    expect(readdirSync(dir)).toEqual(['x_label.png']);
  });
});
