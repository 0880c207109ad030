import { InvalidArgumentError, type Image, type LabelMap, type Pool, type AnnotationOracle } from '@qfcn/contract';
import { mulberry32 } from '../rng';

/** What a fake pool image stands for: its cluster (similar-looking images) and how hard it is. */
export interface FakeTraits {
  /** 0..255; images of a cluster get the same descriptor from a fake ensemble. */
  readonly cluster: number;
  /** 0..255; a fake ensemble's members disagree in proportion to it. */
  readonly difficulty: number;
}

export interface FakePoolOptions {
  /** Explicit traits, one per image (ids `img000`, `img001`, …). Overrides size/clusters/seed. */
  readonly images?: readonly FakeTraits[];
  /** Number of generated images. Default 24. */
  readonly size?: number;
  /** Clusters of generated images (image i is in cluster i mod clusters). Default 3. */
  readonly clusters?: number;
  /** Seed of the generated difficulties. Default 0. */
  readonly seed?: number;
  /** Image size. Default 4 × 4. */
  readonly width?: number;
  readonly height?: number;
}

export interface FakePool extends Pool {
  /** The traits behind an id. */
  traits(id: string): FakeTraits;
  /** Number of `image()` calls so far. */
  readonly imageCalls: number;
}

export interface FakeOracle extends AnnotationOracle {
  /** Every id annotated so far, in call order (repeats included). */
  readonly calls: string[];
}

/**
 * A deterministic pool of tiny grey images for testing active-learning code without a network.
 *
 * **When to use**: with `createFakeTrainer` and `createFakeOracle`, to test a pipeline's bookkeeping
 * (budget, resume, logging) in milliseconds.
 *
 * **Details**: each image is `width × height × 1`; byte 0 holds the cluster, byte 1 the difficulty,
 * the rest a fixed pattern. Generated difficulties are `floor(256 · u)` for u from mulberry32(seed).
 *
 * @example
 * const pool = createFakePool({ images: [{ cluster: 0, difficulty: 200 }, { cluster: 1, difficulty: 50 }] });
 * pool.ids(); // ['img000', 'img001']
 */
export function createFakePool(options: FakePoolOptions = {}): FakePool {
  const { size = 24, clusters = 3, seed = 0, width = 4, height = 4 } = options;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width * height < 2) {
    throw new InvalidArgumentError('width, height', 'fake images need at least 2 pixels');
  }
  let traits: FakeTraits[];
  if (options.images) {
    traits = options.images.map((t, i) => {
      for (const key of ['cluster', 'difficulty'] as const) {
        if (!Number.isInteger(t[key]) || t[key] < 0 || t[key] > 255) {
          throw new InvalidArgumentError('images', `image ${i}: ${key} ${t[key]} must be an integer in 0..255`);
        }
      }
      return { cluster: t.cluster, difficulty: t.difficulty };
    });
  } else {
    if (!Number.isInteger(size) || size < 1)
      throw new InvalidArgumentError('size', `${size} must be a positive integer`);
    if (!Number.isInteger(clusters) || clusters < 1 || clusters > 256)
      throw new InvalidArgumentError('clusters', `${clusters} must be in 1..256`);
    const rng = mulberry32(seed);
    traits = Array.from({ length: size }, (_, i) => ({ cluster: i % clusters, difficulty: Math.floor(rng() * 256) }));
  }
  const ids = traits.map((_, i) => `img${String(i).padStart(3, '0')}`);
  const byId = new Map(ids.map((id, i) => [id, i]));
  const images = traits.map((t): Image => {
    const data = new Uint8Array(width * height);
    for (let p = 2; p < data.length; p++) data[p] = (t.cluster * 37 + p * 11) & 255;
    data[0] = t.cluster;
    data[1] = t.difficulty;
    return { width, height, channels: 1, data };
  });
  let imageCalls = 0;
  const index = (id: string): number => {
    const i = byId.get(id);
    if (i === undefined) throw new InvalidArgumentError('id', `'${id}' is not in the fake pool`);
    return i;
  };
  return {
    ids: () => ids.slice(),
    image(id) {
      imageCalls++;
      return images[index(id)]!;
    },
    traits: (id) => traits[index(id)]!,
    get imageCalls() {
      return imageCalls;
    },
  };
}

/**
 * An oracle for a fake pool: "reveals" a label map (one object: pixels with x + y < width) and records
 * every call, so tests can check which ids were annotated and how often.
 *
 * @example
 * const oracle = createFakeOracle(pool);
 * await oracle.annotate('img003'); oracle.calls; // ['img003']
 */
export function createFakeOracle(pool: FakePool): FakeOracle {
  const calls: string[] = [];
  return {
    calls,
    async annotate(id): Promise<LabelMap> {
      const image = await pool.image(id);
      calls.push(id);
      const data = new Uint8Array(image.width * image.height);
      for (let y = 0; y < image.height; y++) {
        for (let x = 0; x < image.width; x++) data[y * image.width + x] = x + y < image.width ? 1 : 0;
      }
      return { width: image.width, height: image.height, data };
    },
  };
}
