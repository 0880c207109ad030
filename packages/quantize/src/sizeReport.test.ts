import { describe, expect, it } from 'vitest';
import type { WeightTensor } from './contract';
import { packWeights } from './packWeights';
import { quantizePowerOfTwo } from './quantizePowerOfTwo';
import { powerOfTwoLevels } from './powerOfTwoLevels';
import { sizeReport } from './sizeReport';
import { gaussianWeights } from './test/fixtures';

/** A 3×3×16×32 conv kernel quantized at `bits` plus a float32 bias of 32. */
function convLayer(bits: number): WeightTensor[] {
  const w = gaussianWeights(3 * 3 * 16 * 32, { seed: bits, std: 0.05 });
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  return [
    {
      name: 'conv/kernel',
      shape: [3, 3, 16, 32],
      values: quantizePowerOfTwo(w, { bits }),
      quantization: { kind: 'power-of-two', bits, n1: powerOfTwoLevels(max, bits).n1 },
    },
    { name: 'conv/bias', shape: [32], values: new Float32Array(32) },
  ];
}

describe('sizeReport', () => {
  it.each([
    [5, 6.4],
    [6, 32 / 6],
    [7, 32 / 7],
  ])('3×3×16×32 kernel at %d bits: quantized ratio is exactly 32/b = %f', (bits, ratio) => {
    const report = sizeReport(convLayer(bits));
    expect(report.quantized.ratio).toBe(ratio);
    expect(report.quantized.floatBytes).toBe(4608 * 4);
    expect(report.quantized.packedBytes).toBe((4608 * bits) / 8);
  });

  it('5 bits: 6.4× for the kernel, less overall (float bias + headers); equals the real file size', () => {
    const tensors = convLayer(5);
    const report = sizeReport(tensors);
    const bytes = packWeights(tensors);
    expect(report.packedBytes).toBe(bytes.length);
    expect(report.floatBytes).toBe((4608 + 32) * 4);
    expect(report.ratio).toBe(report.floatBytes / bytes.length);
    // 16 header + 8 trailer + kernel (2+11 name, 4 descriptor, 16 shape, 16 params, 4 length, 2880)
    // + bias (2+9 name, 4 descriptor, 4 shape, 4 length, 128) = 3108 bytes
    expect(bytes.length).toBe(3108);
    expect(report.ratio).toBe(18560 / 3108);
    expect(report.tensors.map((t) => [t.name, t.kind, t.bits, t.floatBytes, t.packedBytes])).toEqual([
      ['conv/kernel', 'power-of-two', 5, 18432, 2880],
      ['conv/bias', 'float32', 32, 128, 128],
    ]);
    expect(sizeReport(bytes)).toEqual(report);
  });

  it('3 weights at 5 bits round the payload up to 2 bytes; nothing quantized → ratio 1', () => {
    const t = {
      name: 'k',
      shape: [3],
      values: Float32Array.of(1, 0.5, 0),
      quantization: { kind: 'power-of-two' as const, bits: 5, n1: 0 },
    };
    expect(sizeReport([t]).quantized).toEqual({ tensors: 1, count: 3, floatBytes: 12, packedBytes: 2, ratio: 6 });
    expect(sizeReport([{ name: 'b', shape: [2], values: Float32Array.of(1, 2) }]).quantized.ratio).toBe(1);
  });

  it('a corrupt file or a non-array → typed errors', () => {
    expect(() => sizeReport(new Uint8Array(5))).toThrow(expect.objectContaining({ code: 'CORRUPT_FILE' }));
    expect(() => sizeReport({} as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
