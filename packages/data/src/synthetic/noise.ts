/**
 * Seeded 2-D value noise for the synthetic tissue generator (internal).
 *
 * Lattice values come from an integer hash of (x, y, seed), so a field needs no storage and can be
 * sampled anywhere; interpolation is bilinear with a smoothstep fade. Output is in [-1, 1].
 */
export type Noise2D = (x: number, y: number) => number;

function hash(ix: number, iy: number, seed: number): number {
  let h = Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1) ^ seed;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2147483647.5 - 1;
}

/** Value noise with features about `cell` pixels across. */
export function valueNoise(seed: number, cell: number): Noise2D {
  const inv = 1 / cell;
  return (x, y) => {
    const fx = x * inv;
    const fy = y * inv;
    const ix = Math.floor(fx);
    const iy = Math.floor(fy);
    let tx = fx - ix;
    let ty = fy - iy;
    tx = tx * tx * (3 - 2 * tx);
    ty = ty * ty * (3 - 2 * ty);
    const a = hash(ix, iy, seed);
    const b = hash(ix + 1, iy, seed);
    const c = hash(ix, iy + 1, seed);
    const d = hash(ix + 1, iy + 1, seed);
    return a + (b - a) * tx + (c - a) * ty + (a - b - c + d) * tx * ty;
  };
}

/** Fractal sum of `octaves` value-noise layers (each half the size and half the weight), scaled to about [-1, 1]. */
export function fractalNoise(seed: number, cell: number, octaves = 3): Noise2D {
  const layers: Noise2D[] = [];
  let norm = 0;
  for (let o = 0; o < octaves; o++) {
    layers.push(valueNoise((seed + Math.imul(o + 1, 0x9e3779b9)) | 0, cell / 2 ** o));
    norm += 0.5 ** o;
  }
  return (x, y) => {
    let sum = 0;
    for (let o = 0; o < layers.length; o++) sum += layers[o]!(x, y) * 0.5 ** o;
    return sum / norm;
  };
}

/** Noise stretched `stretch` times along direction `angle`: fibres and streaks. */
export function fibreNoise(seed: number, cell: number, angle: number, stretch: number, octaves = 3): Noise2D {
  const base = fractalNoise(seed, cell, octaves);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return (x, y) => base((x * c + y * s) / stretch, -x * s + y * c);
}

/**
 * `fractalNoise(seed, cell, octaves)` sampled at every integer pixel of a width × height grid, computed
 * separably from precomputed lattices (the same values, far fewer hash evaluations).
 */
export function fractalField(seed: number, cell: number, octaves: number, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  let norm = 0;
  for (let o = 0; o < octaves; o++) norm += 0.5 ** o;
  for (let o = 0; o < octaves; o++) {
    const layerSeed = (seed + Math.imul(o + 1, 0x9e3779b9)) | 0;
    const inv = 1 / (cell / 2 ** o);
    const weight = 0.5 ** o / norm;
    const ixs = new Int32Array(width);
    const txs = new Float32Array(width);
    for (let x = 0; x < width; x++) {
      const f = x * inv;
      ixs[x] = Math.floor(f);
      const t = f - ixs[x]!;
      txs[x] = t * t * (3 - 2 * t);
    }
    const gw = ixs[width - 1]! + 2;
    const gh = Math.floor((height - 1) * inv) + 2;
    const lattice = new Float32Array(gw * gh);
    for (let j = 0; j < gh; j++) for (let i = 0; i < gw; i++) lattice[j * gw + i] = hash(i, j, layerSeed);
    for (let y = 0; y < height; y++) {
      const f = y * inv;
      const iy = Math.floor(f);
      let ty = f - iy;
      ty = ty * ty * (3 - 2 * ty);
      const row0 = iy * gw;
      const row1 = row0 + gw;
      for (let x = 0; x < width; x++) {
        const ix = ixs[x]!;
        const tx = txs[x]!;
        const a = lattice[row0 + ix]!;
        const b = lattice[row0 + ix + 1]!;
        const c = lattice[row1 + ix]!;
        const d = lattice[row1 + ix + 1]!;
        out[y * width + x]! += weight * (a + (b - a) * tx + (c - a) * ty + (a - b - c + d) * tx * ty);
      }
    }
  }
  return out;
}
