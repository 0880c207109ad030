import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { Dataset, Sample } from '@qfcn/contract';
import { DataError, InvalidArgumentError } from '@qfcn/contract';
import { readImage } from '../io/readImage';
import { readLabelMap } from '../io/readLabelMap';

export interface LoadFolderDatasetOptions {
  /** Suffix of label files: `<id><suffix>.<ext>` labels `<id>.<ext>` (default `'_label'`). */
  readonly labelSuffix?: string;
  /** Every image must have a label (default true). False allows unlabeled images, e.g. for prediction. */
  readonly requireLabels?: boolean;
  /** Split name when the images lie directly in `dir` (default `'all'`). */
  readonly split?: string;
  /** Dataset name (default: the folder's name). */
  readonly name?: string;
}

const EXTENSIONS = new Set(['.png', '.bmp', '.tif', '.tiff']);

interface Pair {
  image?: string;
  label?: string;
}

/**
 * Loads a folder of images and instance label maps named `<id>.png` + `<id>_label.png` (the layout
 * of `../shared/data/monuseg`) as a contract `Dataset`.
 *
 * When to use: any data that is not GlaS — MoNuSeg tiles, your own annotated images, or a folder of
 * unlabeled images to predict on (`requireLabels: false`).
 *
 * Details:
 * - Files `.png`, `.bmp`, `.tif`, `.tiff` (any case); image and label may use different formats.
 *   Labels are read raw with `readLabelMap` (16-bit PNG, palettised BMP indices, integer TIFF).
 * - If `dir` holds images, they form one split named `split` (default `all`); otherwise each
 *   sub-folder holding images is a split (e.g. `monuseg/` → `train`). Other files are ignored.
 * - Samples are sorted by id (numeric-aware); `meta`: `split`, `imagePath`, `labelPath` (if any).
 * Errors (`DataError`, naming the files): folder missing; no images; a label without an image; two
 * images with the same id; an image without a label when `requireLabels`; a label whose size differs
 * from its image; unreadable or non-integer label files.
 *
 * @example
 * const monuseg = await loadFolderDataset('../shared/data/monuseg'); // splits: { train: 13 samples }
 * const pool = await loadFolderDataset('unlabeled/', { requireLabels: false });
 */
export async function loadFolderDataset(dir: string, options: LoadFolderDatasetOptions = {}): Promise<Dataset> {
  const suffix = options.labelSuffix ?? '_label';
  if (typeof suffix !== 'string' || suffix.length === 0) throw new InvalidArgumentError('labelSuffix', 'must be a non-empty string');
  const requireLabels = options.requireLabels ?? true;
  const entries = await list(dir);
  const isImageFile = (name: string): boolean => EXTENSIONS.has(extname(name).toLowerCase()) && !name.startsWith('.');

  const splitDirs: Array<[string, string]> = [];
  if (entries.some((e) => e.isFile() && isImageFile(e.name))) {
    splitDirs.push([options.split ?? 'all', dir]);
  } else {
    for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const sub = join(dir, e.name);
      if ((await list(sub)).some((x) => x.isFile() && isImageFile(x.name))) splitDirs.push([e.name, sub]);
    }
  }
  if (splitDirs.length === 0) throw new DataError('no images (.png, .bmp, .tif, .tiff) in this folder or its sub-folders', { path: dir });

  const splits: Record<string, Sample[]> = {};
  for (const [split, path] of splitDirs) {
    const pairs = new Map<string, Pair>();
    for (const e of await list(path)) {
      if (!e.isFile() || !isImageFile(e.name)) continue;
      const stem = e.name.slice(0, e.name.length - extname(e.name).length);
      const isLabel = stem.endsWith(suffix) && stem.length > suffix.length;
      const id = isLabel ? stem.slice(0, stem.length - suffix.length) : stem;
      const pair = pairs.get(id) ?? {};
      const slot = isLabel ? 'label' : 'image';
      if (pair[slot]) throw new DataError(`${pair[slot]} and ${e.name} are both the ${slot} of '${id}'`, { path });
      pair[slot] = e.name;
      pairs.set(id, pair);
    }
    const samples: Sample[] = [];
    const ids = [...pairs.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const id of ids) {
      const pair = pairs.get(id)!;
      if (!pair.image) throw new DataError(`label ${pair.label} has no image ${id}.<png|bmp|tif>`, { path });
      if (!pair.label && requireLabels) {
        throw new DataError(`image ${pair.image} has no label ${id}${suffix}.<png|bmp|tif> (pass requireLabels: false to allow unlabeled images)`, { path });
      }
      const imagePath = join(path, pair.image);
      const image = readImage(await readBytes(imagePath), { name: imagePath });
      const meta: Record<string, string> = { split, imagePath };
      if (!pair.label) {
        samples.push({ id, image, meta });
        continue;
      }
      const labelPath = join(path, pair.label);
      const label = readLabelMap(await readBytes(labelPath), { name: labelPath });
      if (label.width !== image.width || label.height !== image.height) {
        throw new DataError(`label is ${label.width}x${label.height} but its image ${pair.image} is ${image.width}x${image.height}`, { path: labelPath });
      }
      meta.labelPath = labelPath;
      samples.push({ id, image, label, meta });
    }
    splits[split] = samples;
  }
  return { name: options.name ?? basename(resolve(dir)), splits };
}

async function list(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'folder not found' : code === 'ENOTDIR' ? 'not a folder' : `cannot read the folder: ${(error as Error).message}`;
    throw new DataError(problem, { path: dir, cause: error });
  }
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new DataError(`cannot read: ${(error as Error).message}`, { path, cause: error });
  }
}
