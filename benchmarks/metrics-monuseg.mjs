// Shared by the metrics benchmarks (metrics.bench.mjs, nuclei.bench.mjs): the real MoNuSeg label maps
// of ../shared/data/monuseg/train with a seeded "prediction" for each, and finding a python3 for the peers.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from 'fast-png';
import { mulberry32 } from '@qfcn/metrics/test';

const here = dirname(fileURLToPath(import.meta.url));
export const monusegDir = process.env.QFCN_MONUSEG_DIR ?? resolve(here, '../../shared/data/monuseg/train');

/** Seeded "prediction" for a nucleus label map: each nucleus shifted by up to 2 px, 5% dropped, 5% merged with the previous one, 12 false-positive discs. */
export function perturbNuclei(gt, seed) {
  const rand = mulberry32(seed);
  const { width: W, height: H, data } = gt;
  const labels = [...new Set(data)].filter((v) => v !== 0).sort((a, b) => a - b);
  const target = new Map();
  const shift = new Map();
  let previous = 0;
  for (const l of labels) {
    const r = rand();
    const t = r < 0.05 ? 0 : r < 0.1 && previous ? previous : 3 * l + 1;
    target.set(l, t);
    if (t && t !== previous) previous = t;
    shift.set(l, [Math.floor(rand() * 5) - 2, Math.floor(rand() * 5) - 2]);
  }
  const seg = new Int32Array(W * H);
  for (let y = 0, p = 0; y < H; y++) {
    for (let x = 0; x < W; x++, p++) {
      const l = data[p];
      if (!l || !target.get(l)) continue;
      const [dx, dy] = shift.get(l);
      const xx = x + dx;
      const yy = y + dy;
      if (xx >= 0 && xx < W && yy >= 0 && yy < H) seg[yy * W + xx] = target.get(l);
    }
  }
  let fp = 10_000_000;
  for (let k = 0; k < 12; k++) {
    const cx = rand() * W;
    const cy = rand() * H;
    const r = 3 + rand() * 4;
    fp++;
    for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(H - 1, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(W - 1, Math.ceil(cx + r)); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) seg[y * W + x] = fp;
      }
    }
  }
  return { width: W, height: H, data: seg };
}

export function toInt32(map) {
  return { width: map.width, height: map.height, data: Int32Array.from(map.data) };
}

/**
 * The MoNuSeg label PNGs as `{ id, segmentation, groundTruth }` (both Int32Array maps; the
 * segmentation is `perturbNuclei(gt, 1000 + i)`), or `{ pairs: [], note }` when the folder or its
 * files are absent.
 */
export function loadMonusegPairs() {
  if (!existsSync(monusegDir)) return { pairs: [], note: `${monusegDir} absent: MoNuSeg part skipped` };
  const files = readdirSync(monusegDir)
    .filter((f) => f.endsWith('_label.png'))
    .sort();
  if (!files.length) return { pairs: [], note: `no *_label.png in ${monusegDir}: MoNuSeg part skipped` };
  const pairs = files.map((f, i) => {
    const png = decode(readFileSync(join(monusegDir, f)));
    if (png.channels !== 1) throw new Error(`${f}: expected a 1-channel label PNG, got ${png.channels} channels`);
    const gt = toInt32({ width: png.width, height: png.height, data: png.data });
    return { id: f.replace('_label.png', ''), segmentation: perturbNuclei(gt, 1000 + i), groundTruth: gt };
  });
  return { pairs, note: '' };
}

/** A python3 that imports `modules` (QFCN_PYTHON, python3, /usr/bin/python3), or null. */
export function findPython(modules = 'numpy, scipy') {
  for (const cmd of [process.env.QFCN_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean)) {
    const r = spawnSync(cmd, ['-c', `import ${modules}`], { encoding: 'utf8' });
    if (r.status === 0) return cmd;
  }
  return null;
}
