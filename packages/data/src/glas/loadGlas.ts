import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset, Sample } from '@qfcn/contract';
import { DataError, InvalidArgumentError } from '@qfcn/contract';
import { readImage } from '../io/readImage';
import { readLabelMap } from '../io/readLabelMap';
import { parseGlasGrades, type GlasGrade } from './parseGlasGrades';
import { verifyGlas } from './verifyGlas';

export type GlasSplit = 'train' | 'testA' | 'testB';

export interface LoadGlasOptions {
  /** Splits to load (default all three). */
  readonly splits?: readonly GlasSplit[];
  /** Load the `_anno.bmp` annotations (default true); false loads images only, e.g. for prediction. */
  readonly labels?: boolean;
  /** `Grade.csv` must exist and list every image (default true); false: grades used when present. */
  readonly requireGrades?: boolean;
  /** Run `verifyGlas` first and throw when the copy differs from the official release (default false). */
  readonly verify?: boolean;
  /** Dataset name (default `'glas'`). */
  readonly name?: string;
}

const FILE = /^(train|testA|testB)_(\d+)(_anno)?\.bmp$/;

/**
 * Loads a folder in the GlaS layout (the official release, or `writeSyntheticGlas` output) as a
 * contract `Dataset` with splits `train`, `testA`, `testB`.
 *
 * When to use: training and evaluating on GlaS or on the synthetic default dataset.
 *
 * Details: files `<split>_<N>.bmp` (24-bit RGB images) and `<split>_<N>_anno.bmp` (8-bit palettised,
 * palette index = gland label, read raw), and `Grade.csv`. Samples are ordered by N; ids are the file
 * stems (`train_12`). `meta`: `split`, `index`, `grade` (benign/malignant), `patientId`, `gradeDetail`
 * (Sirinukunwattana 2015) when Grade.csv lists the image, and `imagePath`/`labelPath`. Other files are
 * ignored. A requested split with no images is an empty array; no images at all is an error.
 * Errors (`DataError`, naming the files): folder missing, no GlaS images, an image without its
 * annotation or the reverse, annotation size ≠ image size, Grade.csv missing or malformed or without
 * a row for an image (unless `requireGrades: false`), any unreadable image, and — with `verify` — a
 * copy that differs from the manifest (the message lists what differs).
 *
 * @example
 * const glas = await loadGlas('/data/GlaS');
 * glas.splits.train.length;          // 85
 * glas.splits.testA[0].meta?.grade;  // 'benign'
 */
export async function loadGlas(dir: string, options: LoadGlasOptions = {}): Promise<Dataset> {
  const splits = options.splits ?? (['train', 'testA', 'testB'] as const);
  for (const s of splits) {
    if (s !== 'train' && s !== 'testA' && s !== 'testB')
      throw new InvalidArgumentError('splits', `unknown GlaS split '${String(s)}' (train, testA, testB)`);
  }
  const withLabels = options.labels ?? true;
  const requireGrades = options.requireGrades ?? true;

  if (options.verify) {
    const report = await verifyGlas(dir);
    if (!report.ok) {
      const parts = [
        report.missing.length
          ? `${report.missing.length} missing (${report.missing.slice(0, 5).join(', ')}${report.missing.length > 5 ? ', …' : ''})`
          : '',
        report.extra.length
          ? `${report.extra.length} extra (${report.extra.slice(0, 5).join(', ')}${report.extra.length > 5 ? ', …' : ''})`
          : '',
        report.altered.length
          ? `${report.altered.length} altered (${report.altered
              .slice(0, 5)
              .map((a) => a.name)
              .join(', ')}${report.altered.length > 5 ? ', …' : ''})`
          : '',
      ].filter(Boolean);
      throw new DataError(`not an unmodified GlaS release: ${parts.join('; ')}`, { path: dir });
    }
  }

  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new DataError(`cannot read the GlaS folder: ${(error as Error).message}`, { path: dir, cause: error });
  }
  const images = new Map<string, { split: GlasSplit; index: number; file: string }>();
  const annotations = new Map<string, string>();
  for (const name of names) {
    const m = FILE.exec(name);
    if (!m) continue;
    const id = `${m[1]}_${Number(m[2])}`;
    const seen = m[3] ? annotations.get(id) : images.get(id)?.file;
    if (seen) throw new DataError(`${seen} and ${name} are the same image number`, { path: dir });
    if (m[3]) annotations.set(id, name);
    else images.set(id, { split: m[1] as GlasSplit, index: Number(m[2]), file: name });
  }
  if (images.size === 0)
    throw new DataError('no GlaS images (train_N.bmp, testA_N.bmp, testB_N.bmp) in this folder', { path: dir });
  if (withLabels) {
    for (const [id, file] of annotations) {
      if (!images.has(id)) throw new DataError(`annotation ${file} has no image ${id}.bmp`, { path: dir });
    }
  }

  let grades: Map<string, GlasGrade> | undefined;
  const gradePath = join(dir, 'Grade.csv');
  try {
    grades = parseGlasGrades(await readFile(gradePath, 'utf8'), gradePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (requireGrades)
      throw new DataError('Grade.csv not found (pass requireGrades: false to load without grades)', {
        path: dir,
        cause: error,
      });
  }

  const result: Record<string, Sample[]> = {};
  for (const split of splits) {
    const ids = [...images].filter(([, v]) => v.split === split).sort((a, b) => a[1].index - b[1].index);
    const samples: Sample[] = [];
    for (const [id, { index, file }] of ids) {
      const imagePath = join(dir, file);
      const image = readImage(await readBytes(imagePath), { name: imagePath });
      const meta: Record<string, string | number> = { split, index, imagePath };
      const grade = grades?.get(id);
      if (grade) {
        meta.grade = grade.grade;
        meta.patientId = grade.patientId;
        if (grade.detail) meta.gradeDetail = grade.detail;
      } else if (grades && requireGrades) {
        throw new DataError(`no row for ${id} (pass requireGrades: false to allow this)`, { path: gradePath });
      }
      let label: ReturnType<typeof readLabelMap> | undefined;
      if (withLabels) {
        const annotation = annotations.get(id);
        if (!annotation) throw new DataError(`image ${file} has no annotation ${id}_anno.bmp`, { path: dir });
        const labelPath = join(dir, annotation);
        label = readLabelMap(await readBytes(labelPath), { name: labelPath });
        if (label.width !== image.width || label.height !== image.height) {
          throw new DataError(
            `annotation is ${label.width}x${label.height} but ${imagePath} is ${image.width}x${image.height}`,
            { path: labelPath },
          );
        }
        meta.labelPath = labelPath;
      }
      samples.push(label ? { id, image, label, meta } : { id, image, meta });
    }
    result[split] = samples;
  }
  return { name: options.name ?? 'glas', splits: result };
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new DataError(`cannot read: ${(error as Error).message}`, { path, cause: error });
  }
}
