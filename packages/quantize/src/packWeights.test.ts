import { describe, expect, it } from 'vitest';
import type { WeightTensor } from './contract';
import { crc32 } from './crc32';
import { packWeights } from './packWeights';
import { quantizePowerOfTwo } from './quantizePowerOfTwo';
import { createQuantizer } from './createQuantizer';
import { unpackWeights } from './unpackWeights';
import { gaussianWeights } from './test/fixtures';

const bitsOf = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('packWeights', () => {
  it('one 3-bit kernel [0.25, -0.125, 0, 0.25], n1 -2: the 57 bytes, byte by byte', () => {
    const bytes = packWeights([
      {
        name: 'k',
        shape: [4],
        values: Float32Array.of(0.25, -0.125, 0, 0.25),
        quantization: { kind: 'power-of-two', bits: 3, n1: -2 },
      },
    ]);
    const f64 = (x: number) => Array.from(new Uint8Array(Float64Array.of(x).buffer));
    // codes 0b101, 0b110, 0, 0b101, LSB-first: byte0 = 101 | 110<<3 | 00<<6 = 53, byte1 = 0 | 101<<1 = 10
    const expected = [
      ...'QFCNPACK'.split('').map((c) => c.charCodeAt(0)),
      1,
      0,
      0,
      0,
      1,
      0,
      0,
      0, // header
      1,
      0,
      0x6b, // name 'k'
      1,
      3,
      1,
      0, // kind power-of-two, 3 bits, rank 1
      4,
      0,
      0,
      0, // shape [4]
      ...f64(-2),
      ...f64(0), // n1, unused slot
      2,
      0,
      0,
      0,
      53,
      10, // payload
      57,
      0,
      0,
      0, // total length
    ];
    expect(bytes.length).toBe(57);
    expect(Array.from(bytes.subarray(0, 53))).toEqual(expected);
    expect(new DataView(bytes.buffer).getUint32(53, true)).toBe(crc32(bytes.subarray(0, 53)));
  });

  it('round trip is bit-exact: float32 NaN/-0/subnormal, scalar, empty, every quantizer kind and width', () => {
    const odd = new Float32Array(new Uint32Array([0x7fc00001, 0x80000000, 0x00000001, 0x3f800000]).buffer);
    const tensors: WeightTensor[] = [
      { name: 'odd floats', shape: [2, 2], values: odd },
      { name: 'scalar', shape: [], values: Float32Array.of(3.5) },
      { name: 'empty', shape: [0, 3], values: new Float32Array(0) },
    ];
    const w = gaussianWeights(101, { seed: 3, std: 0.1 });
    for (let bits = 2; bits <= 8; bits++) {
      tensors.push({
        name: `pow2-${bits}`,
        shape: [101],
        values: quantizePowerOfTwo(w, { bits }),
        quantization: createQuantizer({ kind: 'power-of-two', bits }).calibrate(w),
      });
    }
    for (const [kind, bits] of [
      ['uniform', 16],
      ['uniform', 5],
      ['ternary', 2],
      ['dorefa', 1],
      ['dorefa', 7],
    ] as const) {
      const q = createQuantizer({ kind, bits });
      const p = q.calibrate(w);
      tensors.push({ name: `${kind}-${bits}`, shape: [1, 101], values: q.quantize(w, p), quantization: p });
    }
    const bytes = packWeights(tensors);
    const back = unpackWeights(bytes);
    expect(back.version).toBe(1);
    expect(back.tensors.map((t) => t.name)).toEqual(tensors.map((t) => t.name));
    back.tensors.forEach((t, i) => {
      expect(t.shape, t.name).toEqual(tensors[i]!.shape);
      expect(bitsOf(t.values), t.name).toEqual(bitsOf(tensors[i]!.values));
      expect(t.quantization, t.name).toEqual(tensors[i]!.quantization);
    });
    expect(Array.from(packWeights(back.tensors))).toEqual(Array.from(bytes));
  });

  it('a value that is not a level → NotOnLevelError naming tensor and index', () => {
    const t = {
      name: 'k',
      shape: [3],
      values: Float32Array.of(0.25, 0.2, 0),
      quantization: { kind: 'power-of-two' as const, bits: 3, n1: -2 },
    };
    expect(() => packWeights([t])).toThrow(
      expect.objectContaining({ code: 'NOT_ON_LEVEL', index: 1, argument: 'k.values' }),
    );
  });

  it('bad input: duplicate names, shape/size mismatch, non-float values, NaN in a quantized tensor', () => {
    const a = { name: 'a', shape: [1], values: Float32Array.of(1) };
    expect(() => packWeights([a, a])).toThrow(/duplicate tensor name 'a'/);
    expect(() => packWeights([{ ...a, shape: [2] }])).toThrow(/\[2\] has 2 elements but values has 1/);
    expect(() => packWeights([{ ...a, shape: [1.5] }])).toThrow(/not an integer/);
    expect(() => packWeights([{ ...a, values: Int32Array.of(1) as unknown as Float32Array }])).toThrow(
      /only float32 tensors/,
    );
    expect(() => packWeights([{ ...a, name: '' }])).toThrow(/non-empty string/);
    expect(() =>
      packWeights([{ ...a, values: Float32Array.of(NaN), quantization: { kind: 'power-of-two', bits: 3, n1: 0 } }]),
    ).toThrow(expect.objectContaining({ code: 'NON_FINITE_VALUE' }));
  });
});
