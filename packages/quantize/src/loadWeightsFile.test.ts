import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWeightsFile } from './loadWeightsFile';
import { saveWeightsFile } from './saveWeightsFile';
import { tinyQuantizedTensors } from './test/fixtures';

describe('loadWeightsFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-quantize-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads back what saveWeightsFile wrote (kernel + bias)', async () => {
    const path = join(dir, 'tiny.qfcn');
    await saveWeightsFile(path, tinyQuantizedTensors());
    expect((await loadWeightsFile(path)).tensors).toEqual(tinyQuantizedTensors());
  });

  it('a truncated file on disk → CorruptFileError naming the path', async () => {
    const path = join(dir, 'cut.qfcn');
    await saveWeightsFile(path, tinyQuantizedTensors());
    writeFileSync(path, readFileSync(path).subarray(0, 30));
    await expect(loadWeightsFile(path)).rejects.toMatchObject({ code: 'CORRUPT_FILE', path });
    await expect(loadWeightsFile(path)).rejects.toThrow(`${path}: `);
  });

  it('a missing file → ENOENT', async () => {
    await expect(loadWeightsFile(join(dir, 'missing.qfcn'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
