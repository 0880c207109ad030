/**
 * Small weight fixtures for tests (this package's and users'): seeded, tiny, readable.
 */
import type { WeightTensor } from '../contract';
import { mulberry32 } from '../random/mulberry32';

/**
 * `count` normally distributed float32 weights (Box–Muller over mulberry32), reproducible.
 *
 * @example gaussianWeights(9, { seed: 1, std: 0.1 })  // a 3×3 kernel's worth
 */
export function gaussianWeights(
  count: number,
  options: { seed?: number; std?: number; mean?: number } = {},
): Float32Array {
  const rand = mulberry32(options.seed ?? 0);
  const std = options.std ?? 1;
  const mean = options.mean ?? 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u = 1 - rand();
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = mean + std * r * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[i + 1] = mean + std * r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/**
 * A textbook packed-file example: one 3-bit power-of-two kernel (n1 = −2, levels 0, ±⅛, ±¼)
 * and one float32 bias.
 */
export function tinyQuantizedTensors(): WeightTensor[] {
  return [
    {
      name: 'conv/kernel',
      shape: [2, 2],
      values: Float32Array.of(0.25, -0.125, 0, 0.25),
      quantization: { kind: 'power-of-two', bits: 3, n1: -2 },
    },
    { name: 'conv/bias', shape: [1], values: Float32Array.of(0.1) },
  ];
}
