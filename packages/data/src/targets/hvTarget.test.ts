import { describe, expect, it } from 'vitest';
import { labelMap6x6, tinySyntheticSample } from '../test/index';
import { hvTarget } from './hvTarget';

/** The h (channel 0) or v (channel 1) map as rows. */
const channel = (a: Float32Array, w: number, c: 0 | 1): number[][] =>
  Array.from({ length: a.length / 2 / w }, (_, y) => Array.from({ length: w }, (_, x) => a[2 * (y * w + x) + c]!));

describe('hvTarget', () => {
  it('4x1 object 1 1 1 then background: h = −1, 0, 1 around the centroid x = 1; v = 0 (one pixel high)', () => {
    const t = hvTarget({ width: 4, height: 1, data: new Uint8Array([1, 1, 1, 0]) });
    expect(Array.from(t)).toEqual([-1, 0, 0, 0, 1, 0, 0, 0]);
  });

  it('6x6 three objects: each spans −1..1 on its own axes, touching objects 1 and 2 jump from 1 to −1', () => {
    // labels: 000000 / 111220 / 111220 / 111220 / 000000 / 000333
    // object 1: centroid (1, 2); object 2: (3.5, 2), offsets ±0.5; object 3: (4, 5), one pixel high
    const t = hvTarget(labelMap6x6());
    expect(channel(t, 6, 0)).toEqual([
      [0, 0, 0, 0, 0, 0],
      [-1, 0, 1, -1, 1, 0],
      [-1, 0, 1, -1, 1, 0],
      [-1, 0, 1, -1, 1, 0],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, -1, 0, 1],
    ]);
    expect(channel(t, 6, 1)).toEqual([
      [0, 0, 0, 0, 0, 0],
      [-1, -1, -1, -1, -1, 0],
      [0, 0, 0, 0, 0, 0],
      [1, 1, 1, 1, 1, 0],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
    ]);
  });

  it('3x2 L-shape: the two sides of the centroid (0.75, 0.25) are scaled apart', () => {
    // pixels (0,0) (1,0) (2,0) (0,1): dx −0.75, 0.25, 1.25, −0.75 → −1, 0.2, 1, −1;
    // dy −0.25 ×3, 0.75 → −1 ×3, 1
    const t = hvTarget({ width: 3, height: 2, data: new Uint8Array([5, 5, 5, 5, 0, 0]) });
    expect(channel(t, 3, 0)).toEqual([[-1, 0.2, 1].map(Math.fround), [-1, 0, 0]]);
    expect(channel(t, 3, 1)).toEqual([
      [-1, -1, -1],
      [1, 0, 0],
    ]);
  });

  it('a synthetic gland label flipped left-right: h is negated and mirrored, v only mirrored; every object reaches ±1', () => {
    const label = tinySyntheticSample().label!;
    const { width, height } = label;
    const flipped = {
      ...label,
      data: label.data.map((_, i) => label.data[i - (i % width) + (width - 1 - (i % width))]!),
    };
    const a = hvTarget(label);
    const b = hvTarget(flipped);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        const j = y * width + (width - 1 - x);
        expect(b[2 * j]).toBeCloseTo(-a[2 * i]!, 5);
        expect(b[2 * j + 1]).toBeCloseTo(a[2 * i + 1]!, 5);
      }
    }
    const labels = new Set(label.data);
    labels.delete(0);
    expect(labels.size).toBeGreaterThan(0);
    for (const l of labels) {
      const h = Array.from(label.data.keys())
        .filter((i) => label.data[i] === l)
        .map((i) => a[2 * i]!);
      expect(Math.max(...h)).toBe(1);
      expect(Math.min(...h)).toBe(-1);
    }
  });

  it('bad input: a label map whose data does not match its size', () => {
    expect(() => hvTarget({ width: 3, height: 3, data: new Uint8Array(4) })).toThrowError(/labelMap/);
  });
});
