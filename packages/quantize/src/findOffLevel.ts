import type { QuantizationParams } from './contract';
import { createQuantizer } from './createQuantizer';
import { InvalidArgumentError } from './errors';

/**
 * Index of the first value that is not exactly a level of the quantizer described by `params`,
 * or −1 when every value is a level.
 *
 * **When to use**: to check that a tensor is fully quantized (e.g. after the last INQ step) before
 * packing it, or in your own tests (`expect(findOffLevel(w, p)).toBe(-1)`).
 *
 * **Details**: compares float32 bit patterns with the level set, except that `-0` counts as the
 * level 0. NaN is never a level.
 *
 * @example
 * findOffLevel(new Float32Array([0.25, -0.125, 0]), { kind: 'power-of-two', bits: 3, n1: -2 });  // -1
 * findOffLevel(new Float32Array([0.25, 0.2]), { kind: 'power-of-two', bits: 3, n1: -2 });        // 1
 */
export function findOffLevel(values: Float32Array, params: QuantizationParams): number {
  if (!(values instanceof Float32Array)) {
    throw new InvalidArgumentError('values', 'expected a Float32Array');
  }
  const levels = new Set<number>(createQuantizer(params).levels(params));
  for (let i = 0; i < values.length; i++) {
    if (!levels.has(values[i]!)) return i;
  }
  return -1;
}
