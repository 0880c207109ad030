import { connectedComponents } from '@qfcn/metrics';
import type { Rng } from '../rng/createRng';

/** One synthetic gland: a star-shaped outline r(θ) around a centre, plus rendering parameters. */
export interface Gland {
  readonly cx: number;
  readonly cy: number;
  /** Mean radius in pixels. */
  readonly radius: number;
  /** Outline harmonics: r(θ) = radius · (1 + Σ a·cos(kθ + φ)). */
  readonly harmonics: ReadonlyArray<{ k: number; a: number; phase: number }>;
  readonly malignant: boolean;
}

export interface LayoutOptions {
  readonly width: number;
  readonly height: number;
  readonly malignant: boolean;
  /** Pixels per unit: 1 at 120 px image height. */
  readonly scale: number;
}

/** Outline radius of a gland in direction θ (never below 35% of its mean radius). */
export function radiusAt(g: Gland, theta: number): number {
  let f = 1;
  for (const h of g.harmonics) f += h.a * Math.cos(h.k * theta + h.phase);
  return g.radius * Math.max(0.35, f);
}

/**
 * `radiusAt` for the direction of the unit vector (c, s), without trigonometry: cos(kθ + φ) =
 * cos(kθ)cos φ − sin(kθ)sin φ, with cos(kθ), sin(kθ) by repeated complex multiplication.
 */
function radiusAtUnit(g: PreparedGland, c: number, s: number): number {
  let f = 1;
  let ck = 1;
  let sk = 0;
  let k = 0;
  for (let i = 0; i < g.ks.length; i++) {
    while (k < g.ks[i]!) {
      const t = ck * c - sk * s;
      sk = ck * s + sk * c;
      ck = t;
      k++;
    }
    f += g.as[i]! * (ck * g.cosPhase[i]! - sk * g.sinPhase[i]!);
  }
  return g.radius * Math.max(0.35, f);
}

interface PreparedGland {
  radius: number;
  ks: Int32Array;
  as: Float64Array;
  cosPhase: Float64Array;
  sinPhase: Float64Array;
}

function prepare(g: Gland): PreparedGland {
  const hs = [...g.harmonics].sort((a, b) => a.k - b.k);
  return {
    radius: g.radius,
    ks: Int32Array.from(hs, (h) => h.k),
    as: Float64Array.from(hs, (h) => h.a),
    cosPhase: Float64Array.from(hs, (h) => Math.cos(h.phase)),
    sinPhase: Float64Array.from(hs, (h) => Math.sin(h.phase)),
  };
}

function makeGland(rng: Rng, cx: number, cy: number, radius: number, malignant: boolean): Gland {
  const harmonics: Array<{ k: number; a: number; phase: number }> = [];
  const phase = (): number => rng.uniform(0, 2 * Math.PI);
  if (malignant) {
    harmonics.push({ k: 2, a: rng.uniform(0, 0.35), phase: phase() });
    for (let k = 3; k <= 7; k++) harmonics.push({ k, a: rng.uniform(0, 0.2) / (k - 1) ** 0.6, phase: phase() });
  } else {
    harmonics.push({ k: 2, a: rng.uniform(0.04, 0.28), phase: phase() });
    harmonics.push({ k: 3, a: rng.uniform(0, 0.05), phase: phase() });
    harmonics.push({ k: 4, a: rng.uniform(0, 0.03), phase: phase() });
  }
  return { cx, cy, radius, harmonics, malignant };
}

function area(g: Gland): number {
  let extra = 0;
  for (const h of g.harmonics) extra += (h.a * h.a) / 2;
  return Math.PI * g.radius * g.radius * (1 + extra);
}

function visibleFraction(g: Gland, width: number, height: number): number {
  let inside = 0;
  for (let i = 0; i < 16; i++) {
    const t = (i / 16) * 2 * Math.PI;
    const r = radiusAt(g, t) * 0.7;
    const x = g.cx + r * Math.cos(t);
    const y = g.cy + r * Math.sin(t);
    if (x >= 0 && x < width && y >= 0 && y < height) inside++;
  }
  return inside / 16;
}

/** How far apart two glands are relative to touching along the line between their centres (1 = touching). */
function separation(a: Gland, b: Gland): number {
  const dx = b.cx - a.cx;
  const dy = b.cy - a.cy;
  const theta = Math.atan2(dy, dx);
  return Math.hypot(dx, dy) / (radiusAt(a, theta) + radiusAt(b, theta + Math.PI));
}

/**
 * Places glands until they cover the target fraction of the image: benign fewer, rounder and mostly
 * apart; malignant more, irregular and crowded. Some glands are placed against a neighbour on purpose
 * (slightly overlapping outlines, which `rasterizeGlands` splits into a shared edge).
 */
export function placeGlands(rng: Rng, o: LayoutOptions): Gland[] {
  const { width, height, malignant, scale } = o;
  const coverage = malignant ? rng.uniform(0.36, 0.52) : rng.uniform(0.28, 0.42);
  const touchChance = malignant ? 0.55 : 0.35;
  const glands: Gland[] = [];
  let covered = 0;
  const target = coverage * width * height;
  for (let attempt = 0; attempt < 600 && covered < target; attempt++) {
    const radius = (malignant ? rng.uniform(9, 21) : rng.uniform(12, 18)) * scale;
    let cx: number;
    let cy: number;
    let partner: Gland | undefined;
    if (glands.length > 0 && rng.chance(touchChance)) {
      partner = rng.pick(glands);
      const alpha = rng.uniform(0, 2 * Math.PI);
      // provisional centre at twice the mean radius, refined once the outline is known
      cx = partner.cx + Math.cos(alpha) * (partner.radius + radius);
      cy = partner.cy + Math.sin(alpha) * (partner.radius + radius);
      const probe = makeGland(rng, cx, cy, radius, malignant);
      const d = (radiusAt(partner, alpha) + radiusAt(probe, alpha + Math.PI)) * rng.uniform(0.86, 0.95);
      cx = partner.cx + Math.cos(alpha) * d;
      cy = partner.cy + Math.sin(alpha) * d;
      const g: Gland = { ...probe, cx, cy };
      if (accept(g, partner)) add(g);
    } else {
      cx = rng.uniform(-0.3 * radius, width + 0.3 * radius);
      cy = rng.uniform(-0.3 * radius, height + 0.3 * radius);
      const g = makeGland(rng, cx, cy, radius, malignant);
      if (accept(g, undefined)) add(g);
    }
  }
  return glands;

  function accept(g: Gland, partner: Gland | undefined): boolean {
    if (visibleFraction(g, width, height) < 0.25) return false;
    for (const e of glands) {
      const s = separation(e, g);
      if (e === partner ? s < 0.8 : s < 1.06) return false;
    }
    return true;
  }
  function add(g: Gland): void {
    glands.push(g);
    covered += area(g) * visibleFraction(g, width, height);
  }
}

/**
 * Rasterizes glands into an instance label map: each pixel goes to the gland whose normalised
 * distance |p − c| / r(θ) (plus a little edge noise) is smallest, when below 1. Overlapping outlines
 * thus meet on a shared edge. Fragments are cleaned up — each label keeps its largest 4-connected
 * piece; labels under `minArea` pixels are dropped — and labels are renumbered 1..N in raster order
 * of their first pixel. Returns the labels and, per label, its gland.
 */
export function rasterizeGlands(
  glands: readonly Gland[],
  width: number,
  height: number,
  edgeNoise: Float32Array,
  minArea: number,
): { labels: Int32Array; glandOf: Gland[] } {
  const n = width * height;
  const raw = new Int32Array(n);
  const best = new Float32Array(n).fill(1);
  const boxes: Array<[number, number, number, number]> = [];
  glands.forEach((g, gi) => {
    const pg = prepare(g);
    let rmax = 0;
    for (const h of g.harmonics) rmax += Math.abs(h.a);
    const reach = g.radius * (1 + rmax) + 2;
    const x0 = Math.max(0, Math.floor(g.cx - reach));
    const x1 = Math.min(width - 1, Math.ceil(g.cx + reach));
    const y0 = Math.max(0, Math.floor(g.cy - reach));
    const y1 = Math.min(height - 1, Math.ceil(g.cy + reach));
    boxes.push([x0, y0, x1, y1]);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const dx = x - g.cx;
        const dy = y - g.cy;
        const len = Math.sqrt(dx * dx + dy * dy);
        const p = y * width + x;
        const d = len === 0 ? 0 : len / radiusAtUnit(pg, dx / len, dy / len) + 0.035 * edgeNoise[p]!;
        if (d < best[p]!) {
          best[p] = d;
          raw[p] = gi + 1;
        }
      }
    }
  });

  // keep the largest 4-connected piece of each gland (labelled inside the gland's box)
  const keep = new Uint8Array(glands.length + 1);
  for (let gi = 1; gi <= glands.length; gi++) {
    const [x0, y0, x1, y1] = boxes[gi - 1]!;
    if (x0 > x1 || y0 > y1) continue;
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    const mask = new Uint8Array(bw * bh);
    let any = false;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        if (raw[y * width + x] === gi) {
          mask[(y - y0) * bw + (x - x0)] = 1;
          any = true;
        }
      }
    }
    if (!any) continue;
    keep[gi] = 1;
    const cc = connectedComponents({ width: bw, height: bh, data: mask }, { connectivity: 4 });
    if (cc.count === 1) continue;
    const sizes = new Int32Array(cc.count + 1);
    for (let q = 0; q < cc.data.length; q++) sizes[cc.data[q]!]!++;
    let largest = 1;
    for (let c = 2; c <= cc.count; c++) if (sizes[c]! > sizes[largest]!) largest = c;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const c = cc.data[(y - y0) * bw + (x - x0)];
        if (c !== 0 && c !== largest) raw[y * width + x] = 0;
      }
    }
  }

  const sizes = new Int32Array(glands.length + 1);
  for (let p = 0; p < n; p++) sizes[raw[p]!]!++;
  const relabel = new Int32Array(glands.length + 1);
  const glandOf: Gland[] = [];
  const labels = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const gi = raw[p]!;
    if (gi === 0 || !keep[gi] || sizes[gi]! < minArea) continue;
    if (relabel[gi] === 0) {
      glandOf.push(glands[gi - 1]!);
      relabel[gi] = glandOf.length;
    }
    labels[p] = relabel[gi]!;
  }
  return { labels, glandOf };
}
