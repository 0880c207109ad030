/**
 * Argument checks shared by the quantizers (internal; not exported from the package).
 */
import { BitsOutOfRangeError, EmptyTensorError, InvalidArgumentError, NonFiniteValueError } from '../errors';

/** Throws unless `values` is a non-empty Float32Array of finite numbers; returns max |value|. */
export function assertFloatValues(values: unknown, argument = 'values'): number {
  if (!(values instanceof Float32Array)) {
    const got = values === null ? 'null' : typeof values === 'object' ? values.constructor?.name : typeof values;
    throw new InvalidArgumentError(argument, `expected a Float32Array of weights, got ${got}`);
  }
  if (values.length === 0) throw new EmptyTensorError(argument);
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const a = v < 0 ? -v : v;
    if (a > max) max = a;
    else if (!(a <= max)) throw new NonFiniteValueError(argument, i, v); // NaN
  }
  if (max === Infinity) {
    const index = values.findIndex((v) => !Number.isFinite(v));
    throw new NonFiniteValueError(argument, index, values[index]!);
  }
  return max;
}

/** Throws `BitsOutOfRangeError` unless `bits` is an integer in [min, max]. */
export function assertBits(bits: unknown, min: number, max: number, what: string): number {
  if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < min || bits > max) {
    throw new BitsOutOfRangeError(bits, min, max, what);
  }
  return bits;
}

/** Throws unless `value` is a finite number > 0. */
export function assertPositive(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(argument, `expected a finite number > 0, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `codes` is a Uint16Array. */
export function assertCodes(codes: unknown, argument = 'codes'): Uint16Array {
  if (!(codes instanceof Uint16Array)) {
    throw new InvalidArgumentError(argument, 'expected a Uint16Array of codes');
  }
  return codes;
}

/** Throws unless `params` belongs to the quantizer `kind` with `bits`. */
export function assertParams(params: { kind?: unknown; bits?: unknown } | undefined, kind: string, bits: number): void {
  if (typeof params !== 'object' || params === null) {
    throw new InvalidArgumentError('params', `expected the parameters of a ${kind} quantizer, got ${String(params)}`);
  }
  if (params.kind !== kind || params.bits !== bits) {
    throw new InvalidArgumentError(
      'params',
      `parameters are for ${String(params.kind)} at ${String(params.bits)} bits, this quantizer is ${kind} at ${bits} bits`,
    );
  }
}
