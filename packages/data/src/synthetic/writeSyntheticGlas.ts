import { join } from 'node:path';
import { InvalidArgumentError } from '@qfcn/contract';
import { encodeBmp } from '../io/encodeBmp';
import { encodeLabelMapBmp } from '../io/encodeLabelMapBmp';
import { createRng } from '../rng/createRng';
import { writeFileAtomic } from '../util/writeFileAtomic';
import { generateSyntheticSample } from './generateSyntheticSample';

export interface WriteSyntheticGlasOptions {
  /** Number of training images (default 24). */
  readonly train?: number;
  /** Number of test A images (default 12). */
  readonly testA?: number;
  /** Number of test B images (default 8). */
  readonly testB?: number;
  /** Image size: `{ width, height }`, `[width, height]` or one number for a square (default 160×120). */
  readonly size?: { width: number; height: number } | readonly [number, number] | number;
  /** Seed of the whole dataset (default 0). */
  readonly seed?: number;
}

/** What `writeSyntheticGlas` wrote. */
export interface SyntheticGlasSummary {
  readonly dir: string;
  /** File names written, in writing order (images, annotations, then `Grade.csv`). */
  readonly files: readonly string[];
  readonly samples: ReadonlyArray<{
    readonly id: string;
    readonly grade: 'benign' | 'malignant';
    readonly glands: number;
  }>;
}

/** Benign share of each GlaS split (train 37/85, test A 33/60, test B 4/20), reproduced in the synthetic set. */
const BENIGN_SHARE = { train: 37 / 85, testA: 33 / 60, testB: 4 / 20 } as const;
const GRADE_HEADER = 'name,patient ID, grade (GlaS), grade (Sirinukunwattana et al. 2015)';

function parseSize(size: WriteSyntheticGlasOptions['size']): { width: number; height: number } {
  if (size === undefined) return { width: 160, height: 120 };
  if (typeof size === 'number') return { width: size, height: size };
  if (Array.isArray(size)) return { width: size[0], height: size[1] };
  const s = size as { width: number; height: number };
  if (typeof s === 'object' && s !== null) return { width: s.width, height: s.height };
  throw new InvalidArgumentError(
    'size',
    `expected { width, height }, [width, height] or a number, got ${String(size)}`,
  );
}

/**
 * Writes a synthetic gland dataset in the exact GlaS file layout: `train_N.bmp` (24-bit RGB),
 * `train_N_anno.bmp` (8-bit palettised, palette index = gland label), the same for `testA_` and
 * `testB_`, and `Grade.csv` (GlaS header, CRLF line ends, no final newline).
 *
 * When to use: the default dataset of qfcn — `loadGlas(dir)` reads it like the real GlaS, so every
 * loader path, the trainer and the experiments run without the non-redistributable data.
 *
 * Details: images come from `generateSyntheticSample`. Each split has GlaS's benign share (train
 * 37/85, test A 33/60, test B 4/20), the grades shuffled by the seed; sample `<split>_<i>` is seeded by
 * `(seed, split, i)` and its grade, so the same options always give byte-identical files. Grades in the
 * Sirinukunwattana column: benign → `healthy`/`adenomatous`, malignant → `moderately differentiated`/
 * `poorly differentiated`; patient IDs cycle 1..16. Files are written atomically into `dir` (created
 * if needed); other files there are left alone. Returns the file names and per-sample grades.
 *
 * @example
 * await writeSyntheticGlas('data/synthetic', { train: 24, testA: 12, testB: 8, size: [160, 120], seed: 1 });
 * const glas = await loadGlas('data/synthetic');
 */
export async function writeSyntheticGlas(
  dir: string,
  options: WriteSyntheticGlasOptions = {},
): Promise<SyntheticGlasSummary> {
  if (typeof dir !== 'string' || dir.length === 0) throw new InvalidArgumentError('dir', 'must be a non-empty path');
  const { width, height } = parseSize(options.size);
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError('seed', `must be a safe integer, got ${seed}`);
  const counts = { train: options.train ?? 24, testA: options.testA ?? 12, testB: options.testB ?? 8 };
  for (const [split, count] of Object.entries(counts)) {
    if (!Number.isInteger(count) || count < 0 || count > 10000)
      throw new InvalidArgumentError(split, `must be an integer in [0, 10000], got ${count}`);
  }
  if (counts.train + counts.testA + counts.testB === 0)
    throw new InvalidArgumentError('options', 'train, testA and testB are all 0: nothing to write');

  const files: string[] = [];
  const samples: Array<{ id: string; grade: 'benign' | 'malignant'; glands: number }> = [];
  const rows: string[] = [];
  for (const split of ['train', 'testA', 'testB'] as const) {
    const n = counts[split];
    const rng = createRng(`${seed}:${split}:grades`);
    const benign = Math.round(n * BENIGN_SHARE[split]);
    const grades = rng.shuffle(
      Array.from({ length: n }, (_, i) => (i < benign ? 'benign' : 'malignant') as 'benign' | 'malignant'),
    );
    for (let i = 1; i <= n; i++) {
      const id = `${split}_${i}`;
      const grade = grades[i - 1]!;
      const sample = generateSyntheticSample({ width, height, seed: `${seed}:${split}:${i}`, grade, id });
      const label = sample.label!;
      if (!(label.data instanceof Uint8Array)) {
        throw new InvalidArgumentError(
          'size',
          `${id} has more than 255 glands, which a GlaS 8-bit annotation cannot hold; use a smaller size`,
        );
      }
      writeFileAtomic(join(dir, `${id}.bmp`), encodeBmp(sample.image));
      writeFileAtomic(join(dir, `${id}_anno.bmp`), encodeLabelMapBmp(label));
      files.push(`${id}.bmp`, `${id}_anno.bmp`);
      const detail =
        grade === 'benign'
          ? rng.pick(['healthy', 'adenomatous'])
          : rng.pick(['moderately differentiated', 'poorly differentiated']);
      rows.push(`${id},${((i - 1) % 16) + 1}, ${grade}, ${detail}`);
      samples.push({ id, grade, glands: Number(sample.meta?.glands ?? 0) });
    }
  }
  rows.sort();
  writeFileAtomic(join(dir, 'Grade.csv'), [GRADE_HEADER, ...rows].join('\r\n'));
  files.push('Grade.csv');
  return { dir, files, samples };
}
