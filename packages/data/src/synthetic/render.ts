import { distanceTransform } from '@qfcn/metrics';
import type { Rng } from '../rng/createRng';
import type { Gland } from './glands';
import { fibreNoise, fractalField } from './noise';

/**
 * Renders H&E-like tissue for a gland label map (internal).
 *
 * The picture is built in stain space, as a microscope forms it: every pixel gets a haematoxylin
 * (nuclei, blue-purple) and an eosin (cytoplasm and stroma, pink) concentration, and the colour follows
 * Beer–Lambert, I = I0 · exp(−(h·H + e·E)), with the Macenko reference stain vectors H and E perturbed
 * per image (stain variation). Content follows the labels exactly: epithelium and lumen only inside
 * glands, stroma and stromal nuclei only outside.
 */
export interface RenderOptions {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly malignant: boolean;
  /** Standard deviation of the per-pixel noise in 8-bit units. */
  readonly noise: number;
}

const H_REF = [0.5626, 0.7201, 0.4062];
const E_REF = [0.2159, 0.8012, 0.5581];

function seedOf(rng: Rng): number {
  return rng.uint32() | 0;
}

export function renderTissue(rng: Rng, labels: Int32Array, glandOf: readonly Gland[], o: RenderOptions): Uint8Array {
  const { width, height, scale: s, malignant } = o;
  const n = width * height;

  // depth of each gland pixel below the gland's edge (0 on the edge; the image border is no edge)
  const interior = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const l = labels[p];
      if (l === 0) continue;
      const differs =
        (x > 0 && labels[p - 1] !== l) ||
        (x < width - 1 && labels[p + 1] !== l) ||
        (y > 0 && labels[p - width] !== l) ||
        (y < height - 1 && labels[p + width] !== l);
      interior[p] = differs ? 0 : 1;
    }
  }
  const depth = distanceTransform({ width, height, data: interior }, { to: 'background' }).data;
  for (let p = 0; p < n; p++) if (!Number.isFinite(depth[p])) depth[p] = 1e6; // one gland fills the image

  const fibreAngle = rng.uniform(0, Math.PI);
  const fibres = fibreNoise(seedOf(rng), 2.5 * s, fibreAngle, 6, 3);
  const field = (cell: number, octaves: number): Float32Array =>
    fractalField(seedOf(rng), cell, octaves, width, height);
  const stroma = field(12 * s, 3);
  const stromaH = field(12 * s, 2);
  const loose = field(22 * s, 2);
  const epi = field(4 * s, 2);
  const lumenTex = field(5 * s, 2);
  const thick = field(9 * s, 2);
  const cribriform = field(4.5 * s, 2);
  const grain = field(1.4 * s, 1);

  // per-gland epithelium thickness and lumen type
  const glandStyle = glandOf.map((g) => {
    const t = (g.malignant ? rng.uniform(3.8, 6.5) : rng.uniform(3.2, 5)) * s;
    const lumen = !g.malignant ? 'open' : rng.chance(0.15) ? 'solid' : rng.chance(0.3) ? 'cribriform' : 'open';
    return { t, lumen, secretion: rng.uniform(0, 0.16) };
  });

  const H = new Float32Array(n);
  const E = new Float32Array(n);
  const looseLevel = rng.uniform(0.3, 0.55);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const l = labels[p]!;
      if (l === 0) {
        let e = 0.46 + 0.2 * fibres(x, y) + 0.08 * stroma[p]!;
        const lo = loose[p]!;
        if (lo > looseLevel) e *= Math.max(0.25, 1 - 3 * (lo - looseLevel));
        E[p] = Math.max(0.03, e);
        H[p] = 0.06 + 0.03 * stromaH[p]!;
        continue;
      }
      const style = glandStyle[l - 1]!;
      const d = depth[p]!;
      const t = style.t * (1 + 0.3 * thick[p]!);
      let lumenness = Math.min(1, Math.max(0, d - t)); // 0 in epithelium, 1 a pixel into the lumen
      if (style.lumen === 'solid') lumenness = 0;
      if (style.lumen === 'cribriform') lumenness *= cribriform[p]! > 0.15 ? 1 : 0;
      const ne = epi[p]!;
      const epiH = (malignant ? 0.24 : 0.2) + 0.05 * ne;
      const epiE = (malignant ? 0.5 : 0.47) + 0.08 * ne + (d < 1 ? 0.12 : 0);
      const lumE = 0.05 + style.secretion * Math.max(0, lumenTex[p]! + 0.3);
      const lumH = 0.02;
      H[p] = epiH + (lumH - epiH) * lumenness;
      E[p] = epiE + (lumE - epiE) * lumenness;
    }
  }

  const nucleus = (
    cx: number,
    cy: number,
    ux: number,
    uy: number,
    a: number,
    b: number,
    h: number,
    allowed: number,
    vesicular = false,
  ): void => {
    const reach = Math.ceil(Math.max(a, b)) + 1;
    const x0 = Math.max(0, Math.floor(cx - reach));
    const x1 = Math.min(width - 1, Math.ceil(cx + reach));
    const y0 = Math.max(0, Math.floor(cy - reach));
    const y1 = Math.min(height - 1, Math.ceil(cy + reach));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const p = y * width + x;
        if (labels[p] !== allowed) continue;
        const dx = x - cx;
        const dy = y - cy;
        const du = (dx * ux + dy * uy) / a;
        const dv = (-dx * uy + dy * ux) / b;
        const q = du * du + dv * dv;
        if (q >= 1.3) continue;
        const alpha = Math.min(1, Math.max(0, (1.3 - q) * 2.5));
        const core = vesicular && q < 0.45 ? 0.55 : 1;
        const hh = h * core * (0.9 + 0.15 * grain[p]!);
        H[p] = H[p]! + (Math.max(H[p]!, hh) - H[p]!) * alpha;
        E[p] = E[p]! + (0.12 - E[p]!) * alpha * 0.7;
      }
    }
  };

  // epithelial nuclei: basal row (benign) or crowded, stratified, pleomorphic (malignant)
  // a background grid with cells of spacing/√2 holds at most one accepted nucleus each (Bridson)
  const spacing = (malignant ? 3.3 : 3.0) * s;
  const cell = spacing / Math.SQRT2;
  const gridW = Math.ceil(width / cell) + 1;
  const gridH = Math.ceil(height / cell) + 1;
  const gridX = new Float32Array(gridW * gridH).fill(Number.NaN);
  const gridY = new Float32Array(gridW * gridH);
  const free = (x: number, y: number): boolean => {
    const gx = Math.floor(x / cell);
    const gy = Math.floor(y / cell);
    for (let j = Math.max(0, gy - 2); j <= Math.min(gridH - 1, gy + 2); j++) {
      for (let i = Math.max(0, gx - 2); i <= Math.min(gridW - 1, gx + 2); i++) {
        const k = j * gridW + i;
        const px = gridX[k]!;
        if (!Number.isNaN(px) && (px - x) * (px - x) + (gridY[k]! - y) * (gridY[k]! - y) < spacing * spacing)
          return false;
      }
    }
    return true;
  };
  const occupy = (x: number, y: number): void => {
    const k = Math.floor(y / cell) * gridW + Math.floor(x / cell);
    gridX[k] = x;
    gridY[k] = y;
  };
  const candidates: number[] = [];
  for (let p = 0; p < n; p++) {
    const l = labels[p]!;
    if (l === 0) continue;
    const t = glandStyle[l - 1]!.t;
    const d = depth[p]!;
    const lo = malignant ? 0.15 * t : 0.18 * t;
    const hi = malignant ? (glandStyle[l - 1]!.lumen === 'open' ? 0.95 * t : 2.2 * t) : 0.5 * t;
    if (d >= lo && d <= hi) candidates.push(p);
  }
  rng.shuffle(candidates);
  const goblets: Array<[number, number, number]> = [];
  for (const p of candidates) {
    const x = p % width;
    const y = (p - x) / width;
    if (!free(x, y)) continue;
    occupy(x, y);
    const l = labels[p]!;
    // orientation: along the depth gradient, i.e. perpendicular to the basement membrane
    const gx = depth[y * width + Math.min(width - 1, x + 1)]! - depth[y * width + Math.max(0, x - 1)]!;
    const gy = depth[Math.min(height - 1, y + 1) * width + x]! - depth[Math.max(0, y - 1) * width + x]!;
    const norm = Math.hypot(gx, gy) || 1;
    const ux = gx / norm;
    const uy = gy / norm;
    if (!malignant && rng.chance(0.18)) {
      goblets.push([x + ux * 1.2 * s, y + uy * 1.2 * s, l]);
      continue;
    }
    if (malignant) {
      const a = rng.uniform(2.1, 3.4) * s;
      nucleus(x, y, ux, uy, a, a * rng.uniform(0.5, 0.8), rng.uniform(0.95, 1.4), l, rng.chance(0.25));
    } else {
      nucleus(x, y, ux, uy, rng.uniform(2.2, 2.8) * s, rng.uniform(1.1, 1.5) * s, rng.uniform(0.75, 1.0), l);
    }
  }
  // goblet cells: pale mucin vacuoles between the nuclei of benign epithelium
  for (const [gx, gy, l] of goblets) {
    const r = rng.uniform(1.4, 2.1) * s;
    const reach = Math.ceil(r) + 1;
    for (let y = Math.max(0, Math.floor(gy - reach)); y <= Math.min(height - 1, Math.ceil(gy + reach)); y++) {
      for (let x = Math.max(0, Math.floor(gx - reach)); x <= Math.min(width - 1, Math.ceil(gx + reach)); x++) {
        const p = y * width + x;
        if (labels[p] !== l || Math.hypot(x - gx, y - gy) > r) continue;
        H[p] = 0.08;
        E[p] = 0.1;
      }
    }
  }

  // stromal nuclei: elongated fibroblasts along the fibres, round dark lymphocytes
  let background = 0;
  for (let p = 0; p < n; p++) if (labels[p] === 0) background++;
  const stromal = Math.round((background / (s * s)) * (malignant ? 0.009 : 0.006));
  const fx = Math.cos(fibreAngle);
  const fy = Math.sin(fibreAngle);
  for (let i = 0; i < stromal; i++) {
    const x = rng.uniform(0, width);
    const y = rng.uniform(0, height);
    if (labels[Math.floor(y) * width + Math.floor(x)] !== 0) continue;
    if (rng.chance(0.55)) {
      const wobble = rng.normal(0, 0.25);
      nucleus(
        x,
        y,
        fx * Math.cos(wobble) - fy * Math.sin(wobble),
        fx * Math.sin(wobble) + fy * Math.cos(wobble),
        rng.uniform(2.2, 3.2) * s,
        rng.uniform(0.6, 0.9) * s,
        rng.uniform(0.6, 0.85),
        0,
      );
    } else {
      const r = rng.uniform(1.0, 1.4) * s;
      nucleus(x, y, 1, 0, r, r, rng.uniform(1.1, 1.4), 0);
    }
  }
  // malignant lumens collect debris ("dirty necrosis")
  if (malignant) {
    for (let i = 0; i < n / (40 * s * s); i++) {
      const p = rng.int(n);
      const l = labels[p]!;
      if (l === 0 || depth[p]! < glandStyle[l - 1]!.t + 2 * s) continue;
      const r = rng.uniform(0.5, 1.1) * s;
      nucleus(p % width, Math.floor(p / width), 1, 0, r, r, rng.uniform(0.7, 1.2), l);
    }
  }

  blur121(H, width, height);
  blur121(E, width, height);

  // per-image stain variation and Beer–Lambert colour formation
  const perturb = (v: number[]): number[] => {
    const w = v.map((c) => Math.max(0.02, c + rng.normal(0, 0.05)));
    const norm = Math.hypot(w[0]!, w[1]!, w[2]!);
    return w.map((c) => c / norm);
  };
  const hv = perturb(H_REF);
  const ev = perturb(E_REF);
  const kh = rng.uniform(0.8, 1.2);
  const ke = rng.uniform(0.75, 1.25);
  const i0 = [rng.uniform(236, 252), rng.uniform(230, 248), rng.uniform(236, 252)];
  const vignette = rng.uniform(0, 0.06);
  // pixel noise: draws from a seeded table of 4096 normal variates (fast, and plenty for noise)
  const gaussian = new Float32Array(4096);
  for (let i = 0; i < gaussian.length; i++) gaussian[i] = rng.normal(0, o.noise);
  const out = new Uint8Array(n * 3);
  const cx = width / 2;
  const cy = height / 2;
  const rr = cx * cx + cy * cy;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const light = 1 - vignette * (((x - cx) ** 2 + (y - cy) ** 2) / rr);
      const h = kh * H[p]!;
      const e = ke * E[p]!;
      for (let c = 0; c < 3; c++) {
        const v = i0[c]! * light * Math.exp(-(h * hv[c]! + e * ev[c]!)) + gaussian[rng.uint32() >>> 20]!;
        out[p * 3 + c] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
      }
    }
  }
  return out;
}

/** In-place separable [1 2 1] / 4 blur (edges replicate): the optics' slight softness. */
function blur121(a: Float32Array, width: number, height: number): void {
  const tmp = new Float32Array(a.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const l = a[p - (x > 0 ? 1 : 0)]!;
      const r = a[p + (x < width - 1 ? 1 : 0)]!;
      tmp[p] = (l + 2 * a[p]! + r) / 4;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const u = tmp[p - (y > 0 ? width : 0)]!;
      const d = tmp[p + (y < height - 1 ? width : 0)]!;
      a[p] = (u + 2 * tmp[p]! + d) / 4;
    }
  }
}
