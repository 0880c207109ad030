import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Image, Sample } from '@qfcn/contract';
import { DataError } from '@qfcn/contract';
import { loadFolderDataset, loadGlas, readImage } from '@qfcn/data';
import { FcnEnsemble, FcnModel, type TileOptions } from '@qfcn/fcn';
import { UsageError } from '../args';
import { IMAGE_EXTENSIONS, LABEL_SUFFIXES, PICTURE_SUFFIXES } from './pairFiles';

/** Labelled training samples from a GlaS folder (its train split) or a `<id>.png` + `<id>_label.png` folder. */
export async function loadTrainingSamples(dir: string, kind: string | undefined): Promise<Sample[]> {
  if (!existsSync(dir)) throw new DataError('dataset folder does not exist', { path: dir });
  const isGlas =
    kind === 'glas' || (kind === undefined && readdirSync(dir).some((f) => /^train_\d+_anno\.bmp$/.test(f)));
  if (kind !== undefined && kind !== 'glas' && kind !== 'folder')
    throw new UsageError(`--dataset must be glas or folder, got '${kind}'`);
  if (isGlas) return [...((await loadGlas(dir, { splits: ['train'] })).splits.train ?? [])];
  const ds = await loadFolderDataset(dir);
  const samples = Object.values(ds.splits).flat();
  if (samples.length === 0) throw new DataError('no labelled images found', { path: dir });
  return samples.map((s) => ({ ...s, image: asRgb(s.image, join(dir, s.id)) }));
}

/**
 * The FCNs take RGB: RGBA images lose their alpha channel (PNG exports often carry one), grey
 * images are refused naming the file (H&E colour cannot be recovered from grey).
 */
export function asRgb(image: Image, file: string): Image {
  if (image.channels === 3) return image;
  if (image.channels === 4) {
    const n = image.width * image.height;
    const data = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) {
      data[3 * i] = image.data[4 * i]!;
      data[3 * i + 1] = image.data[4 * i + 1]!;
      data[3 * i + 2] = image.data[4 * i + 2]!;
    }
    return { width: image.width, height: image.height, channels: 3, data };
  }
  throw new DataError(`is a ${image.channels}-channel (grey) image; the FCNs take RGB H&E images`, { path: file });
}

/**
 * Checks an output path before any work: a folder output (`kind: 'folder'`) must not be a file nor
 * lie under one; a file output must not be a folder nor lie under a file. Names the flag.
 */
export function assertOutputPath(path: string, flag: string, kind: 'folder' | 'file'): void {
  if (existsSync(path)) {
    const isDir = statSync(path).isDirectory();
    if (kind === 'folder' && !isDir) throw new UsageError(`--${flag} ${path} is a file, not a folder`);
    if (kind === 'file' && isDir) throw new UsageError(`--${flag} ${path} is a folder, not a file`);
    return;
  }
  // the nearest existing ancestor must be a folder
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) throw new UsageError(`--${flag} ${path}: ${dir} is a file`);
      return;
    }
    if (dirname(dir) === dir) return;
  }
}

/**
 * Checks an input path before any work: it must exist and be a folder (`kind: 'folder'`) or a file.
 * Names the flag.
 */
export function assertInputPath(path: string, flag: string, kind: 'folder' | 'file'): void {
  if (!existsSync(path)) throw new UsageError(`--${flag} ${path} does not exist`);
  const isDir = statSync(path).isDirectory();
  if (kind === 'folder' && !isDir) throw new UsageError(`--${flag} ${path} is a file, not a folder`);
  if (kind === 'file' && isDir) throw new UsageError(`--${flag} ${path} is a folder, not a file`);
}

/** Outputs of `qfcn predict` and annotation files: not input images. */
const NOT_INPUT_SUFFIXES = [...LABEL_SUFFIXES, ...PICTURE_SUFFIXES, '_instances'];

/** The images of a folder (annotation-like files skipped), by id, in natural order. */
export function listImages(dir: string): { id: string; path: string }[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new DataError('image folder does not exist', { path: dir });
  const files = readdirSync(dir)
    .filter((f) => IMAGE_EXTENSIONS.has(extname(f).toLowerCase()))
    .map((f) => ({ id: basename(f, extname(f)), path: join(dir, f) }))
    .filter((f) => !NOT_INPUT_SUFFIXES.some((suffix) => f.id.endsWith(suffix)))
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  if (files.length === 0) throw new DataError('no images (.png, .bmp, .tif) found', { path: dir });
  // outputs are named by id: two inputs with one id would overwrite each other's results
  for (let i = 1; i < files.length; i++) {
    if (files[i]!.id === files[i - 1]!.id) {
      throw new DataError(
        `${basename(files[i - 1]!.path)} and ${basename(files[i]!.path)} have the same id '${files[i]!.id}'; rename one`,
        { path: dir },
      );
    }
  }
  return files;
}

export function loadImage(path: string): Image {
  return asRgb(readImage(path), path);
}

/** Loads a trained model folder: an ensemble (`ensemble.json`) or a single FCN (`model.json`). */
export async function loadEnsemble(dir: string, tileOptions: TileOptions = {}): Promise<FcnEnsemble> {
  if (existsSync(join(dir, 'ensemble.json'))) return FcnEnsemble.load(dir, tileOptions);
  if (existsSync(join(dir, 'model.json'))) return new FcnEnsemble([await FcnModel.load(dir, tileOptions)]);
  throw new DataError('not a qfcn model folder: expected ensemble.json (qfcn train) or model.json (one FCN)', {
    path: dir,
  });
}
