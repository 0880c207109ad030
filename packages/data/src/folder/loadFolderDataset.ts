import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { Dataset, Sample } from '@qfcn/contract';
import { DataError, InvalidArgumentError } from '@qfcn/contract';
import { readGeoJSONLabelMap } from '../interop/readGeoJSONLabelMap';
import { readMoNuSegXml } from '../interop/readMoNuSegXml';
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
/** Polygon annotations: `<id>.xml` (MoNuSeg / Aperio ImageScope), `<id>.geojson` (QuPath). */
const POLYGON_EXTENSIONS = new Set(['.xml', '.geojson']);

interface Pair {
  image?: string;
  /** Label files of this id; more than one is an error when the id has an image. */
  labels: string[];
}

const isPolygonFile = (name: string): boolean => POLYGON_EXTENSIONS.has(extname(name).toLowerCase());

/**
 * Loads a folder of images and instance label maps named `<id>.png` + `<id>_label.png` (the layout
 * of `../shared/data/monuseg`), or images with polygon annotations `<id>.xml` (official MoNuSeg:
 * `<id>.tif` + `<id>.xml`) or `<id>.geojson` (QuPath), as a contract `Dataset`.
 *
 * When to use: any data that is not GlaS — MoNuSeg tiles, your own annotated images, or a folder of
 * unlabeled images to predict on (`requireLabels: false`).
 *
 * Details:
 * - Files `.png`, `.bmp`, `.tif`, `.tiff` (any case); image and label may use different formats.
 *   Labels are read raw with `readLabelMap` (16-bit PNG, palettised BMP indices, integer TIFF).
 * - Polygon labels beside the image, at the image's size: `<id>.xml` or `<id><suffix>.xml` through
 *   `readMoNuSegXml`, `<id>.geojson` or `<id><suffix>.geojson` through `readGeoJSONLabelMap`. An
 *   `.xml`/`.geojson` file whose id has no image is ignored (like any other file).
 * - If `dir` holds images, they form one split named `split` (default `all`); otherwise each
 *   sub-folder holding images is a split (e.g. `monuseg/` → `train`). Other files are ignored.
 * - Samples are sorted by id (numeric-aware); `meta`: `split`, `imagePath`, `labelPath` (if any).
 * Errors (`DataError`, naming the files): folder missing; no images; a label without an image; two
 * images with the same id; two labels for one id (e.g. `a_label.png` and `a.xml`); an image without a
 * label when `requireLabels`; a label whose size differs from its image; unreadable or non-integer
 * label files; malformed XML/GeoJSON or polygons outside the image (see `readMoNuSegXml`,
 * `readGeoJSONLabelMap`).
 *
 * @example
 * const monuseg = await loadFolderDataset('../shared/data/monuseg'); // splits: { train: 13 samples }
 * const pool = await loadFolderDataset('unlabeled/', { requireLabels: false });
 * const official = await loadFolderDataset('monuseg-tiles/'); // TCGA-….tif + TCGA-….xml pairs
 */
export async function loadFolderDataset(dir: string, options: LoadFolderDatasetOptions = {}): Promise<Dataset> {
  const suffix = options.labelSuffix ?? '_label';
  if (typeof suffix !== 'string' || suffix.length === 0)
    throw new InvalidArgumentError('labelSuffix', 'must be a non-empty string');
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
  if (splitDirs.length === 0)
    throw new DataError('no images (.png, .bmp, .tif, .tiff) in this folder or its sub-folders', { path: dir });

  const splits: Record<string, Sample[]> = {};
  for (const [split, path] of splitDirs) {
    const pairs = new Map<string, Pair>();
    const files = (await list(path))
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
    for (const file of files) {
      const polygons = isPolygonFile(file);
      if (!polygons && !isImageFile(file)) continue;
      const stem = file.slice(0, file.length - extname(file).length);
      const suffixed = stem.endsWith(suffix) && stem.length > suffix.length;
      const id = suffixed ? stem.slice(0, stem.length - suffix.length) : stem;
      const pair = pairs.get(id) ?? { labels: [] };
      if (suffixed || polygons) pair.labels.push(file);
      else if (pair.image) throw new DataError(`${pair.image} and ${file} are both the image of '${id}'`, { path });
      else pair.image = file;
      pairs.set(id, pair);
    }
    const samples: Sample[] = [];
    const ids = [...pairs.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const id of ids) {
      const pair = pairs.get(id)!;
      if (!pair.image) {
        // polygon files without an image are ignored like any other file; raster labels are an error
        const raster = pair.labels.find((name) => !isPolygonFile(name));
        if (raster) throw new DataError(`label ${raster} has no image ${id}.<png|bmp|tif>`, { path });
        continue;
      }
      if (pair.labels.length > 1) {
        const names =
          pair.labels.length === 2
            ? pair.labels.join(' and ')
            : `${pair.labels.slice(0, -1).join(', ')} and ${pair.labels[pair.labels.length - 1]}`;
        throw new DataError(
          `${names} are ${pair.labels.length === 2 ? 'both the label' : 'all labels'} of '${id}' (keep one)`,
          { path },
        );
      }
      const labelFile = pair.labels[0];
      if (!labelFile && requireLabels) {
        throw new DataError(
          `image ${pair.image} has no label ${id}${suffix}.<png|bmp|tif> (pass requireLabels: false to allow unlabeled images)`,
          { path },
        );
      }
      const imagePath = join(path, pair.image);
      const image = readImage(await readBytes(imagePath), { name: imagePath });
      const meta: Record<string, string> = { split, imagePath };
      if (!labelFile) {
        samples.push({ id, image, meta });
        continue;
      }
      const labelPath = join(path, labelFile);
      const bytes = await readBytes(labelPath);
      const size = { width: image.width, height: image.height, name: labelPath };
      const kind = extname(labelFile).toLowerCase();
      const label =
        kind === '.xml'
          ? readMoNuSegXml(bytes, size)
          : kind === '.geojson'
            ? readGeoJSONLabelMap(bytes, size)
            : readLabelMap(bytes, { name: labelPath });
      if (label.width !== image.width || label.height !== image.height) {
        throw new DataError(
          `label is ${label.width}x${label.height} but its image ${pair.image} is ${image.width}x${image.height}`,
          { path: labelPath },
        );
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
    const problem =
      code === 'ENOENT'
        ? 'folder not found'
        : code === 'ENOTDIR'
          ? 'not a folder'
          : `cannot read the folder: ${(error as Error).message}`;
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
