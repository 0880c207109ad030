import type { QuantizationParams } from '../contract';
import { InvalidArgumentError } from '../errors';
import { assertParams } from './checks';

/** Checks params of a scale-based quantizer and returns `params.scale` (finite, > 0). */
export function scaleParam(params: QuantizationParams, kind: string, bits: number): number {
  assertParams(params, kind, bits);
  const s = params.scale;
  if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0) {
    throw new InvalidArgumentError('params.scale', `expected a finite number > 0, got ${String(s)}`);
  }
  return s;
}
