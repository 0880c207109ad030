/** Integer typed arrays accepted as label storage (0 = background, 1..N = objects). */
export type IntegerArray =
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array
  | Int8Array
  | Int16Array
  | Int32Array;

/**
 * A 2-D map of object labels, row-major: the label of pixel (x, y) is `data[y * width + x]`.
 * 0 is background; every other value is one object, whatever its pixels' connectivity (a label in
 * two disconnected pieces is one object). Labels need not be consecutive and may exceed 255 or 65535.
 * Structurally identical to `LabelMap` of @qfcn/contract.
 */
export interface LabelMap {
  readonly width: number;
  readonly height: number;
  readonly data: IntegerArray;
}

/**
 * The part of an `ndarray` (scijs) that the metrics read: a 2-D view with `shape = [height, width]`.
 * Typed structurally, so any ndarray version (or a look-alike) works without depending on the package.
 */
export interface NdArrayLike {
  readonly shape: readonly number[];
  readonly stride: readonly number[];
  readonly offset: number;
  readonly data: ArrayLike<number>;
}

/** A label map with any numeric storage (validated to hold non-negative integers). */
export interface LooseLabelMap {
  readonly width: number;
  readonly height: number;
  readonly data: ArrayLike<number>;
}

/**
 * What every function of this package accepts as a label map or mask: a `LabelMap`, a
 * `{ width, height, data }` whose data is a float array or plain array of integer values, or a 2-D
 * ndarray of shape `[height, width]`. See `toLabelMap` for the rules.
 */
export type LabelMapInput = LabelMap | LooseLabelMap | NdArrayLike;

/** Which pixels count as neighbours: 4 (edges) or 8 (edges and corners). */
export type Connectivity = 4 | 8;

/** How false negatives are counted by the detection F1 (see `f1Score`). */
export type FnRule = 'official' | 'unmatched';

/** How far an object is from "nothing" when the other map of its image has no object at all. */
export type EmptyDistance = 'diagonal' | number;
