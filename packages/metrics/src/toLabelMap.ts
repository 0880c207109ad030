import { LabelValueError, ShapeError } from './errors';
import type { IntegerArray, LabelMap, LabelMapInput, NdArrayLike } from './types';

export interface ToLabelMapOptions {
  /** Name of the argument, used in error messages. Default `'labelMap'`. */
  readonly name?: string;
}

const MAX_LABEL = 4294967295; // 2^32 - 1, the largest value a Uint32Array holds

function isUnsignedIntegerArray(data: unknown): data is Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array {
  return (
    data instanceof Uint8Array ||
    data instanceof Uint8ClampedArray ||
    data instanceof Uint16Array ||
    data instanceof Uint32Array
  );
}

function isSignedIntegerArray(data: unknown): data is Int8Array | Int16Array | Int32Array {
  return data instanceof Int8Array || data instanceof Int16Array || data instanceof Int32Array;
}

function typeName(data: unknown): string {
  if (data === null) return 'null';
  if (typeof data !== 'object') return typeof data;
  return (data as object).constructor?.name ?? 'object';
}

function assertSize(name: string, width: unknown, height: unknown): void {
  for (const [what, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new ShapeError(name, `${what} must be a positive integer, got ${String(v)}`);
    }
  }
  if ((width as number) * (height as number) > 2 ** 31 - 1) {
    throw new ShapeError(name, `${width}x${height} has more than 2^31 - 1 pixels`);
  }
}

function assertArrayType(name: string, data: unknown): asserts data is ArrayLike<number> {
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    throw new LabelValueError(name, -1, `${typeName(data)} is not supported; use Uint32Array or Int32Array`);
  }
  if (!(ArrayBuffer.isView(data) || Array.isArray(data))) {
    throw new LabelValueError(
      name,
      -1,
      `data must be an integer typed array or an array of numbers, got ${typeName(data)}`,
    );
  }
}

/** Copies loose numeric data (float arrays, plain arrays, strided views) into a Uint32Array, checking each value. */
function copyChecked(
  name: string,
  height: number,
  width: number,
  read: (y: number, x: number) => unknown,
): Uint32Array {
  const out = new Uint32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = read(y, x);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_LABEL) {
        throw new LabelValueError(
          name,
          y * width + x,
          `pixel (x=${x}, y=${y}) is ${String(v)}; labels must be integers in 0..${MAX_LABEL}`,
        );
      }
      out[y * width + x] = v;
    }
  }
  return out;
}

function assertNonNegative(name: string, data: Int8Array | Int16Array | Int32Array, width: number): void {
  for (let i = 0; i < data.length; i++) {
    if (data[i]! < 0) {
      throw new LabelValueError(
        name,
        i,
        `pixel (x=${i % width}, y=${Math.floor(i / width)}) is ${data[i]}; labels must be non-negative`,
      );
    }
  }
}

function isNdArrayLike(input: object): input is NdArrayLike {
  return 'shape' in input && 'stride' in input && 'data' in input;
}

/**
 * Validates a label map (or mask) and returns it as a `LabelMap` with integer typed-array storage.
 *
 * **When to use**: to check user input once, up front, with a clear error; every function of this
 * package calls it on its inputs, so calling it yourself is only needed to normalise storage.
 *
 * **Details**: accepts
 * - `{ width, height, data }` with any integer typed array (Uint8/Uint8Clamped/Uint16/Uint32/Int8/
 *   Int16/Int32): returned as is, without a copy (signed arrays are scanned for negative values);
 * - `{ width, height, data }` with a Float32Array, Float64Array or plain array whose values are all
 *   integers in 0..2^32−1: copied into a Uint32Array;
 * - a 2-D ndarray (`shape = [height, width]`, any strides and offset, typed or plain data): a
 *   contiguous integer typed array is used without a copy when the view is row-major and covers all of
 *   `data`; any other view is copied (into the same integer type, or Uint32Array for float/plain data).
 *
 * Errors: `ShapeError` (`WRONG_SHAPE`) for a non-2-D shape, a width/height that is not a positive
 * integer, or `data.length ≠ width·height`; `LabelValueError` (`INVALID_LABELS`) for fractional, NaN,
 * negative or > 2^32−1 values and for BigInt or non-numeric arrays. Labels are never renumbered.
 *
 * @example
 * toLabelMap({ width: 2, height: 1, data: [0, 70000] }); // { width: 2, height: 1, data: Uint32Array [0, 70000] }
 * toLabelMap(ndarray(new Uint16Array([0, 1, 2, 0]), [2, 2])); // { width: 2, height: 2, data: Uint16Array [0, 1, 2, 0] }
 */
export function toLabelMap(input: LabelMapInput, options: ToLabelMapOptions = {}): LabelMap {
  return coerceLabelMap(input, options.name ?? 'labelMap', true);
}

/**
 * `toLabelMap` for internal callers. With `checkSigns = false`, signed integer storage is not scanned
 * for negative values: the caller must reject them itself (the object indexer does, in its own pass).
 */
export function coerceLabelMap(input: LabelMapInput, name: string, checkSigns: boolean): LabelMap {
  if (typeof input !== 'object' || input === null) {
    throw new ShapeError(name, `expected { width, height, data } or a 2-D ndarray, got ${typeName(input)}`);
  }
  if (isNdArrayLike(input)) {
    const { shape, stride, offset, data } = input;
    if (!Array.isArray(shape) || shape.length !== 2) {
      throw new ShapeError(name, `an ndarray must be 2-D with shape [height, width], got shape [${String(shape)}]`);
    }
    const [height, width] = shape as [number, number];
    assertSize(name, width, height);
    assertArrayType(name, data);
    const s0 = stride[0]!;
    const s1 = stride[1]!;
    const off = offset ?? 0;
    if (!Number.isInteger(s0) || !Number.isInteger(s1) || !Number.isInteger(off)) {
      throw new ShapeError(name, `ndarray stride [${String(stride)}] and offset ${String(offset)} must be integers`);
    }
    const corners = [off, off + (height - 1) * s0, off + (width - 1) * s1, off + (height - 1) * s0 + (width - 1) * s1];
    if (Math.min(...corners) < 0 || Math.max(...corners) >= data.length) {
      throw new ShapeError(
        name,
        `ndarray view (offset ${off}, stride [${s0}, ${s1}]) reaches outside its ${data.length} elements`,
      );
    }
    const contiguous = s0 === width && s1 === 1 && off === 0 && data.length === width * height;
    if (isUnsignedIntegerArray(data) || isSignedIntegerArray(data)) {
      let out: IntegerArray;
      if (contiguous) {
        out = data;
      } else {
        const Ctor = data.constructor as new (n: number) => IntegerArray;
        out = new Ctor(width * height);
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) out[y * width + x] = data[off + y * s0 + x * s1]!;
        }
      }
      if (checkSigns && isSignedIntegerArray(out)) assertNonNegative(name, out, width);
      return { width, height, data: out };
    }
    return { width, height, data: copyChecked(name, height, width, (y, x) => data[off + y * s0 + x * s1]) };
  }
  const { width, height, data } = input as { width: unknown; height: unknown; data: unknown };
  assertSize(name, width, height);
  assertArrayType(name, data);
  const w = width as number;
  const h = height as number;
  if (data.length !== w * h) {
    throw new ShapeError(name, `data has ${data.length} elements but width x height = ${w}x${h} = ${w * h}`);
  }
  if (isUnsignedIntegerArray(data)) return { width: w, height: h, data };
  if (isSignedIntegerArray(data)) {
    if (checkSigns) assertNonNegative(name, data, w);
    return { width: w, height: h, data };
  }
  return { width: w, height: h, data: copyChecked(name, h, w, (y, x) => data[y * w + x]) };
}
