import type { LabelMap } from '../types';
import { mulberry32 } from './mulberry32';

export interface SyntheticGlandOptions {
  /** PRNG seed. Required: every random choice is reproducible. */
  readonly seed: number;
  /** Width in pixels. Default 775 (a GlaS image). */
  readonly width?: number;
  /** Height in pixels. Default 522. */
  readonly height?: number;
  /** Number of ground-truth glands drawn (some may be covered by later ones). Default 15. */
  readonly glands?: number;
  /** Radius range of the glands' ellipse axes in pixels. Default [20, 70]. */
  readonly radius?: readonly [number, number];
}

interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  angle: number;
}

function paint(
  data: Int32Array,
  width: number,
  height: number,
  e: Ellipse,
  label: number,
  split?: { nx: number; ny: number; other: number },
): void {
  const r = Math.max(e.rx, e.ry);
  const x0 = Math.max(0, Math.floor(e.cx - r));
  const x1 = Math.min(width - 1, Math.ceil(e.cx + r));
  const y0 = Math.max(0, Math.floor(e.cy - r));
  const y1 = Math.min(height - 1, Math.ceil(e.cy + r));
  const c = Math.cos(e.angle);
  const s = Math.sin(e.angle);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = x - e.cx;
      const dy = y - e.cy;
      const u = (dx * c + dy * s) / e.rx;
      const v = (-dx * s + dy * c) / e.ry;
      if (u * u + v * v > 1) continue;
      data[y * width + x] = split && dx * split.nx + dy * split.ny > 0 ? split.other : label;
    }
  }
}

/**
 * A seeded, GlaS-like (ground truth, segmentation) pair of label maps for tests and benchmarks.
 *
 * Ground truth: `glands` random ellipses (later ones overwrite earlier ones, so glands touch).
 * Segmentation: each gland redrawn with a shifted centre, scaled radii and a rotated axis, and
 * by chance missed (10%), split in two along a line through its centre (10%) or merged with the
 * previous segment (10%); plus 0–3 small false-positive blobs. Segmentation labels are
 * non-consecutive (multiples of 7 starting at 1000, above 255). Both maps use `Int32Array`.
 *
 * @example
 * const { segmentation, groundTruth } = syntheticGlandPair({ seed: 1 });
 * objectDice(segmentation, groundTruth); // about 0.8
 */
export function syntheticGlandPair(options: SyntheticGlandOptions): { segmentation: LabelMap; groundTruth: LabelMap } {
  const { seed, width = 775, height = 522, glands = 15, radius = [20, 70] } = options;
  const rand = mulberry32(seed);
  const between = (a: number, b: number): number => a + (b - a) * rand();
  const gt = new Int32Array(width * height);
  const seg = new Int32Array(width * height);
  const ellipses: Ellipse[] = [];
  for (let i = 0; i < glands; i++) {
    const e = {
      cx: between(0, width),
      cy: between(0, height),
      rx: between(radius[0], radius[1]),
      ry: between(radius[0], radius[1]),
      angle: between(0, Math.PI),
    };
    ellipses.push(e);
    paint(gt, width, height, e, i + 1);
  }
  let label = 1000;
  let previous = 0;
  for (const e of ellipses) {
    const act = rand();
    const p: Ellipse = {
      cx: e.cx + between(-6, 6),
      cy: e.cy + between(-6, 6),
      rx: e.rx * between(0.85, 1.15),
      ry: e.ry * between(0.85, 1.15),
      angle: e.angle + between(-0.2, 0.2),
    };
    if (act < 0.1) continue;
    if (act < 0.2) {
      const t = between(0, Math.PI);
      paint(seg, width, height, p, label, { nx: Math.cos(t), ny: Math.sin(t), other: label + 7 });
      previous = label + 7;
      label += 14;
    } else if (act < 0.3 && previous) {
      paint(seg, width, height, p, previous);
    } else {
      paint(seg, width, height, p, label);
      previous = label;
      label += 7;
    }
  }
  const blobs = Math.floor(between(0, 4));
  for (let i = 0; i < blobs; i++) {
    const r = between(3, 10);
    paint(seg, width, height, { cx: between(0, width), cy: between(0, height), rx: r, ry: r, angle: 0 }, label);
    label += 7;
  }
  return { segmentation: { width, height, data: seg }, groundTruth: { width, height, data: gt } };
}
