import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packWeights } from './packWeights';
import { saveWeightsFile } from './saveWeightsFile';
import { tinyQuantizedTensors } from './test/fixtures';

describe('saveWeightsFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-quantize-save-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes exactly the packWeights bytes and returns their length', async () => {
    const path = join(dir, 'tiny.qfcn');
    const n = await saveWeightsFile(path, tinyQuantizedTensors());
    const expected = packWeights(tinyQuantizedTensors());
    expect(n).toBe(expected.length);
    expect(Array.from(readFileSync(path))).toEqual(Array.from(expected));
  });

  it('replaces an existing file and leaves no temporary file behind', async () => {
    const path = join(dir, 'replace.qfcn');
    writeFileSync(path, 'old contents');
    await saveWeightsFile(path, tinyQuantizedTensors());
    expect(readFileSync(path).subarray(0, 8).toString()).toBe('QFCNPACK');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a packing error writes nothing; missing parent folders are created', async () => {
    const path = join(dir, 'never.qfcn');
    const bad = [
      {
        name: 'k',
        shape: [1],
        values: Float32Array.of(0.3),
        quantization: { kind: 'power-of-two' as const, bits: 3, n1: -2 },
      },
    ];
    await expect(saveWeightsFile(path, bad)).rejects.toMatchObject({ code: 'NOT_ON_LEVEL' });
    expect(readdirSync(dir)).not.toContain('never.qfcn');
    await saveWeightsFile(join(dir, 'no', 'such', 'dir.qfcn'), tinyQuantizedTensors());
    expect(readdirSync(join(dir, 'no', 'such'))).toEqual(['dir.qfcn']);
    await expect(saveWeightsFile('', tinyQuantizedTensors())).rejects.toMatchObject({ argument: 'path' });
  });
});
