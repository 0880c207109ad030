import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fnv1a, readCheckpointFile, writeCheckpointFile } from './checkpointFile';

describe('checkpoint file', () => {
  it('fnv1a("a") = 0xe40c292c, fnv1a("") = 0x811c9dc5 (published test vectors)', () => {
    expect(fnv1a(new Uint8Array([]))).toBe(0x811c9dc5);
    expect(fnv1a(new TextEncoder().encode('a'))).toBe(0xe40c292c);
    expect(fnv1a(new TextEncoder().encode('foobar'))).toBe(0xbf9cf968);
  });

  it('round trip: header, float32 2x2, float32 3, uint8 5 and float64 1 arrays come back exactly', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'qfcn-ckpt-')), 'c.qfcn');
    writeCheckpointFile(path, { epoch: 3, note: 'x' }, [
      { name: 'a', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) },
      { name: 'b', shape: [3], data: new Float32Array([-0.5, 1e-30, Math.PI]) },
      { name: 'mask', shape: [5], data: new Uint8Array([1, 0, 255, 7, 3]) },
      { name: 'd', shape: [1], data: new Float64Array([Math.E]) },
    ]);
    const { header, arrays } = readCheckpointFile(path);
    expect(header.epoch).toBe(3);
    expect(header.note).toBe('x');
    expect(Array.from(arrays.get('a')!.data)).toEqual([1, 2, 3, 4]);
    expect(arrays.get('b')!.data).toEqual(new Float32Array([-0.5, 1e-30, Math.PI]));
    expect(arrays.get('b')!.shape).toEqual([3]);
    expect(arrays.get('mask')!.data).toEqual(new Uint8Array([1, 0, 255, 7, 3]));
    expect(arrays.get('d')!.data).toEqual(new Float64Array([Math.E]));
  });

  it('truncated, altered and foreign files → CorruptFileError; missing → DataError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-ckpt-'));
    const path = join(dir, 'c.qfcn');
    writeCheckpointFile(path, {}, [{ name: 'a', shape: [4], data: new Float32Array([1, 2, 3, 4]) }]);
    const good = readFileSync(path);
    writeFileSync(path, good.subarray(0, good.byteLength - 1));
    expect(() => readCheckpointFile(path)).toThrowError(/header declares 16/);
    const altered = Buffer.from(good);
    altered[altered.byteLength - 1]! ^= 1;
    writeFileSync(path, altered);
    expect(() => readCheckpointFile(path)).toThrowError(/checksum mismatch/);
    writeFileSync(path, 'hello world, not a checkpoint');
    expect(() => readCheckpointFile(path)).toThrowError(/bad magic/);
    expect(() => readCheckpointFile(join(dir, 'none'))).toThrowError(expect.objectContaining({ code: 'DATA_ERROR' }));
  });
});
