import { describe, expect, it } from 'vitest';
import { findOffLevel } from '../findOffLevel';
import { gaussianWeights, tinyQuantizedTensors } from './fixtures';

describe('test fixtures', () => {
  it('gaussianWeights: reproducible by seed, 10 000 draws have mean ≈ 0.5 and std ≈ 0.1', () => {
    expect(Array.from(gaussianWeights(5, { seed: 1 }))).toEqual(Array.from(gaussianWeights(5, { seed: 1 })));
    expect(Array.from(gaussianWeights(5, { seed: 1 }))).not.toEqual(Array.from(gaussianWeights(5, { seed: 2 })));
    const w = gaussianWeights(10_000, { seed: 3, mean: 0.5, std: 0.1 });
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const std = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(std).toBeCloseTo(0.1, 2);
    expect(gaussianWeights(3).length).toBe(3);
  });

  it('tinyQuantizedTensors: the kernel is on its levels, the bias is float', () => {
    const tensors = tinyQuantizedTensors();
    const [kernel, bias] = [tensors[0]!, tensors[1]!];
    expect(findOffLevel(kernel.values, kernel.quantization!)).toBe(-1);
    expect(bias.quantization).toBeUndefined();
  });
});
