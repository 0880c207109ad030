import type { LabelMap } from '@qfcn/contract';

// The label map types are the contract's (the one definition for every package).
export type { IntegerArray, LabelMap } from '@qfcn/contract';

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
