import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { packWeights } from './packWeights';
import { unpackWeights } from './unpackWeights';
import { tinyQuantizedTensors } from './test/fixtures';

const corrupt = (bytes: Uint8Array, message: RegExp) => {
  expect(() => unpackWeights(bytes)).toThrow(message);
  expect(() => unpackWeights(bytes)).toThrow(expect.objectContaining({ code: 'CORRUPT_FILE' }));
};

/** Rewrites the trailer so that only the record-level checks can catch the change. */
const reseal = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  view.setUint32(bytes.length - 8, bytes.length, true);
  view.setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)), true);
  return bytes;
};

describe('unpackWeights', () => {
  const good = packWeights(tinyQuantizedTensors());

  it('tiny kernel + bias: decodes names, shapes, values and params', () => {
    const { tensors } = unpackWeights(good);
    expect(tensors).toEqual([
      {
        name: 'conv/kernel',
        shape: [2, 2],
        values: Float32Array.of(0.25, -0.125, 0, 0.25),
        quantization: { kind: 'power-of-two', bits: 3, n1: -2 },
      },
      { name: 'conv/bias', shape: [1], values: Float32Array.of(0.1) },
    ]);
  });

  it('every truncation (0 … length−1 bytes) is rejected', () => {
    for (let n = 0; n < good.length; n++) {
      expect(() => unpackWeights(good.subarray(0, n)), `${n} bytes`).toThrow(
        expect.objectContaining({ code: 'CORRUPT_FILE' }),
      );
    }
    corrupt(good.subarray(0, 10), /truncated: 10 bytes/);
    corrupt(good.subarray(0, good.length - 1), /not a qfcn|truncated|checksum/);
  });

  it('every single-bit flip anywhere in the file is rejected', () => {
    for (let i = 0; i < good.length; i++) {
      const bad = good.slice();
      bad[i]! ^= 1 << (i % 8);
      expect(() => unpackWeights(bad), `byte ${i}`).toThrow(expect.objectContaining({ code: 'CORRUPT_FILE' }));
    }
    const bad = good.slice();
    bad[40]! ^= 0x10;
    corrupt(
      bad,
      /checksum mismatch \(stored CRC-32 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\): the file was altered or damaged/,
    );
  });

  it('foreign files: PNG signature, JSON, zeros', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(40));
    corrupt(png, /not a qfcn packed weights file/);
    corrupt(
      new TextEncoder().encode(JSON.stringify({ weights: [1, 2, 3], format: 'layers-model' })),
      /not a qfcn packed weights file/,
    );
    corrupt(new Uint8Array(64), /not a qfcn packed weights file/);
  });

  it('version 2, unknown flags, appended bytes', () => {
    const v2 = good.slice();
    v2[8] = 2;
    corrupt(reseal(v2), /unsupported format version 2; this reader knows version 1/);
    const flagged = good.slice();
    flagged[10] = 1;
    corrupt(reseal(flagged), /unknown flags 0x1/);
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    corrupt(longer, /checksum|has extra bytes|truncated/);
  });

  it('consistent checksum but broken records: kind id 9, wrong payload length, invalid code, count too large', () => {
    // record 0 starts at 16: name length 2 + 11 bytes, then kind at 29, bits 30, rank 31
    const kind = good.slice();
    kind[29] = 9;
    corrupt(reseal(kind), /tensor 'conv\/kernel': unknown kind id 9/);
    const payload = good.slice();
    payload[16 + 13 + 4 + 8 + 16] = 3; // payload length 2 → 3
    corrupt(reseal(payload), /payload of 3 bytes, expected 2/);
    const code = good.slice();
    code[16 + 13 + 4 + 8 + 16 + 4] = 0b010; // first code 0b010: top bit clear but not zero
    corrupt(reseal(code), /tensor 'conv\/kernel': .*code 2 at index 0 is not a valid power-of-two code/);
    const count = good.slice();
    count[12] = 3;
    corrupt(reseal(count), /record 2: the name length runs past the end/);
  });

  it('the path is named in the error; non-bytes input is an argument error', () => {
    expect(() => unpackWeights(good.subarray(0, 5), { path: 'model.qfcn' })).toThrow(/^model.qfcn: truncated/);
    expect(() => unpackWeights([1, 2] as unknown as Uint8Array)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
