import { describe, expect, it } from 'vitest';
import { formatSizeReport } from './formatSizeReport';
import { sizeReport } from './sizeReport';

describe('formatSizeReport', () => {
  const tensors = [
    {
      name: 'conv/kernel',
      shape: [2, 2, 1, 2],
      values: new Float32Array(8),
      quantization: { kind: 'power-of-two' as const, bits: 5, n1: 0 },
    },
    { name: 'conv/bias', shape: [2], values: new Float32Array(2) },
  ];

  it('8-weight 5-bit kernel + 2 float biases: per-tensor rows and totals', () => {
    const report = sizeReport(tensors);
    expect(formatSizeReport(report)).toBe(
      [
        '| tensor | shape | stored as | float32 bytes | packed bytes | ratio |',
        '|---|---|---|---:|---:|---:|',
        '| conv/kernel | 2×2×1×2 | power-of-two 5 bit | 32 | 5 | 6.40× |',
        '| conv/bias | 2 | float32 | 8 | 8 | 1.00× |',
        '| **quantized tensors** (1) | 8 weights | codes | 32 | 5 | 6.40× |',
        `| **whole file** (2 tensors) | | codes + float32 + headers | 40 | ${report.packedBytes} | ${(40 / report.packedBytes).toFixed(2)}× |`,
      ].join('\n'),
    );
  });

  it('perTensor false keeps the two total rows only', () => {
    expect(formatSizeReport(sizeReport(tensors), { perTensor: false }).split('\n')).toHaveLength(4);
  });
});
