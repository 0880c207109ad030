import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadWeights as loadWeightsBrowser } from './loadWeights';
import { loadWeights } from './node/loadWeights';
import { packWeights } from './packWeights';

const tensors = [{ name: 'w', shape: [2, 2], values: new Float32Array([0.5, -0.25, 0, 1]) }];
const bytes = packWeights(tensors);

describe('loadWeights', () => {
  it('takes an ArrayBuffer, a Uint8Array, a Blob/File and (Node) a path or file: URL; all give the same tensors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-lw-'));
    const file = join(dir, 'm.qfcnq');
    writeFileSync(file, bytes);
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const sources = [ab, bytes, new Blob([bytes]), new File([bytes], 'm.qfcnq'), file, pathToFileURL(file)];
    for (const source of sources) {
      const { tensors: got } = await loadWeights(source as never);
      expect(Array.from(got[0]!.values)).toEqual([0.5, -0.25, 0, 1]);
    }
    for (const source of [ab, bytes, new File([bytes], 'm.qfcnq')]) {
      expect(Array.from((await loadWeightsBrowser(source)).tensors[0]!.values)).toEqual([0.5, -0.25, 0, 1]);
    }
  });

  it('browser loadWeights fetches URLs (http); a failing status names the URL', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      if (req.url === '/m.qfcnq') res.end(Buffer.from(bytes));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const { tensors: got } = await loadWeightsBrowser(`http://127.0.0.1:${port}/m.qfcnq`);
      expect(got[0]!.shape).toEqual([2, 2]);
      await expect(loadWeightsBrowser(new URL(`http://127.0.0.1:${port}/none`))).rejects.toThrow(
        /none failed: HTTP 404/,
      );
    } finally {
      server.close();
    }
  });

  it('corrupt bytes: CorruptFileError naming the file', async () => {
    await expect(loadWeights(new File([bytes.slice(0, 10)], 'x.qfcnq'))).rejects.toThrow(/x\.qfcnq/);
  });
});
