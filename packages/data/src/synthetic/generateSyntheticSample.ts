import type { Sample } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { createRng } from '../rng/createRng';
import { placeGlands, rasterizeGlands } from './glands';
import { fractalField } from './noise';
import { renderTissue } from './render';

export interface SyntheticSampleOptions {
  /** Image width in pixels (default 160). */
  readonly width?: number;
  /** Image height in pixels (default 120). */
  readonly height?: number;
  /** Seed of everything in the sample (default 0). Same seed and options → same pixels. */
  readonly seed?: number | string;
  /** Gland morphology (default: drawn from the seed, benign or malignant with equal odds). */
  readonly grade?: 'benign' | 'malignant';
  /**
   * Pixels per tissue unit (default `min(width, height) / 120`): glands have a mean radius of 12–18
   * units (benign) or 9–21 (malignant), so they keep their proportion to the image at any size.
   */
  readonly scale?: number;
  /** Standard deviation of per-pixel noise, 8-bit units (default: drawn per image in [2, 5]). */
  readonly noise?: number;
  /** Sample id (default `synthetic_<seed>`). */
  readonly id?: string;
}

/**
 * Generates one synthetic H&E-like colon-gland image with its exact instance label map.
 *
 * When to use: the embedded default dataset — tests, examples, benchmarks and CPU-sized training
 * that must run without the (non-redistributable) GlaS data. `writeSyntheticGlas` writes a whole
 * dataset of these in the GlaS file layout.
 *
 * Details: glands are star-shaped outlines r(θ) built from a few cosine harmonics — benign: round to
 * oval, moderately many, mostly apart; malignant: irregular, crowded, more often touching. Touching
 * glands share an edge and keep separate labels. Each gland has an epithelial rim (purple, with a
 * basal row of elongated nuclei and pale goblet cells when benign; thicker, stratified, pleomorphic
 * nuclei when malignant) around a pale lumen (malignant: sometimes solid or cribriform, with debris).
 * Stroma is pink and fibrous with scattered fibroblasts and lymphocytes. Colour is formed in stain
 * space (haematoxylin and eosin, Beer–Lambert) with per-image stain vectors, intensities, illumination
 * and noise. Labels are exact: gland = epithelium + lumen, as GlaS annotates; each label is one
 * 4-connected region; labels are numbered 1..N in raster order; glands cut by the border are kept
 * when at least 30·scale² pixels remain. `label.data` is a `Uint8Array` (≤ 255 glands) or
 * `Uint16Array`. `meta`: `grade`, `glands`, `seed`, `source: 'synthetic'`.
 * Cost: linear in the pixel count (a 775×522 image takes about 20× a 160×120 one).
 *
 * @example
 * const sample = generateSyntheticSample({ seed: 7, grade: 'malignant' });
 * writePng('synthetic.png', sample.image);
 * writePng('synthetic_overlay.png', overlay(sample.image, sample.label!));
 */
export function generateSyntheticSample(options: SyntheticSampleOptions = {}): Sample {
  const width = options.width ?? 160;
  const height = options.height ?? 120;
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || v < 8 || v > 8192)
      throw new InvalidArgumentError(name, `must be an integer in [8, 8192], got ${v}`);
  }
  const seed = options.seed ?? 0;
  const rng = createRng(seed);
  const grade = options.grade ?? (rng.chance(0.5) ? 'malignant' : 'benign');
  if (grade !== 'benign' && grade !== 'malignant')
    throw new InvalidArgumentError('grade', `must be 'benign' or 'malignant', got ${String(grade)}`);
  const scale = options.scale ?? Math.min(width, height) / 120;
  if (!(scale > 0 && Number.isFinite(scale)))
    throw new InvalidArgumentError('scale', `must be a positive number, got ${scale}`);
  const noise = options.noise ?? rng.uniform(2, 5);
  if (!(noise >= 0 && Number.isFinite(noise)))
    throw new InvalidArgumentError('noise', `must be a non-negative number, got ${noise}`);
  const malignant = grade === 'malignant';

  const glands = placeGlands(rng, { width, height, malignant, scale });
  const edge = fractalField(rng.uint32() | 0, 3 * scale, 2, width, height);
  const { labels, glandOf } = rasterizeGlands(glands, width, height, edge, 30 * scale * scale);
  const image = renderTissue(rng, labels, glandOf, { width, height, scale, malignant, noise });
  const data = glandOf.length <= 255 ? new Uint8Array(labels) : new Uint16Array(labels);
  return {
    id: options.id ?? `synthetic_${seed}`,
    image: { width, height, channels: 3, data: image },
    label: { width, height, data },
    meta: { grade, glands: glandOf.length, seed: String(seed), source: 'synthetic' },
  };
}
