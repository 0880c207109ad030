/**
 * Fixtures for tests of code that uses @qfcn/data: `import { labelMap6x6 } from '@qfcn/data/test'`.
 * Every fixture is a function returning a fresh copy, so a test cannot change another's input.
 */
import type { Image, LabelMap, Sample } from '@qfcn/contract';
import { generateSyntheticSample } from '../synthetic/generateSyntheticSample';

/**
 * 6×6 label map with three objects: 1 (3×3, on the left border) touching 2 (2×3), and 3 (1×3) on the
 * bottom border.
 *
 * ```
 * 0 0 0 0 0 0
 * 1 1 1 2 2 0
 * 1 1 1 2 2 0
 * 1 1 1 2 2 0
 * 0 0 0 0 0 0
 * 0 0 0 3 3 3
 * ```
 */
export function labelMap6x6(): LabelMap {
  // prettier-ignore
  const data = new Uint8Array([
    0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 0, 1, 1, 1, 2, 2, 0, 1, 1, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3,
  ]);
  return { width: 6, height: 6, data };
}

/** 6×6 RGB image matching `labelMap6x6`: pink background, each object a flat colour. */
export function image6x6(): Image {
  const colours: Record<number, [number, number, number]> = {
    0: [240, 180, 210],
    1: [120, 60, 160],
    2: [90, 40, 140],
    3: [200, 120, 190],
  };
  const labels = labelMap6x6().data;
  const data = new Uint8Array(36 * 3);
  labels.forEach((l, i) => data.set(colours[l]!, i * 3));
  return { width: 6, height: 6, channels: 3, data };
}

/** 6×6 labelled sample (`image6x6` + `labelMap6x6`). */
export function sample6x6(): Sample {
  return { id: 'fixture_6x6', image: image6x6(), label: labelMap6x6() };
}

/** A 48×32 synthetic H&E gland sample (seed 1), with exact instance labels; ~5 ms to make. */
export function tinySyntheticSample(): Sample {
  return generateSyntheticSample({ width: 48, height: 32, seed: 1, id: 'tiny_synthetic' });
}
