import { readdirSync, statSync } from 'node:fs';
import { extname, join, basename } from 'node:path';
import { DataError } from '@qfcn/contract';

/** File extensions read as images or label maps. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.bmp', '.tif', '.tiff']);
/** Suffixes that mark a ground-truth annotation file: GlaS `_anno`, MoNuSeg folders `_label`, common `_mask`/`_gt`. */
export const LABEL_SUFFIXES: readonly string[] = ['_anno', '_label', '_labels', '_mask', '_gt'];
/** Picture files `qfcn predict` writes beside the label maps: never predictions. */
export const PICTURE_SUFFIXES: readonly string[] = ['_overlay'];
/**
 * Polygon annotation files read as ground truth: QuPath GeoJSON (`<id>.geojson`) and Aperio
 * ImageScope XML (`<id>.xml`, the official MoNuSeg format). Only `.geojson` is also read as a prediction.
 */
export const VECTOR_EXTENSIONS: ReadonlySet<string> = new Set(['.geojson', '.xml']);
/** Polygon files read as predictions (`qfcn predict --format geojson` writes `<id>_instances.geojson`). */
export const VECTOR_PREDICTION_EXTENSIONS: ReadonlySet<string> = new Set(['.geojson']);

export interface FilePair {
  /** Image id: the ground-truth file name without extension and annotation suffix (`testA_1`). */
  readonly id: string;
  readonly groundTruth: string;
  readonly prediction: string;
  /** GlaS test part (`testA`, `testB`, `train`) or `all` for other datasets. */
  readonly group: string;
  /**
   * For a polygon ground truth (`.geojson`, `.xml`): the image beside it in the ground-truth folder
   * (`<id>.tif`, `<id>.png`, …), when there is one — it gives the label map's size.
   */
  readonly image?: string;
}

/** The kind of an annotation or prediction file, from its extension. */
export function fileKind(path: string): 'raster' | 'geojson' | 'xml' {
  const ext = extname(path).toLowerCase();
  return ext === '.geojson' ? 'geojson' : ext === '.xml' ? 'xml' : 'raster';
}

export interface PairResult {
  readonly pairs: FilePair[];
  /** Ground-truth ids with no prediction. */
  readonly missingPredictions: string[];
  /** Prediction files that match no ground truth. */
  readonly unmatchedPredictions: string[];
}

function listFiles(dir: string, what: string, extensions: readonly ReadonlySet<string>[]): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new DataError(`${what} is not a directory`, { path: dir });
    names = readdirSync(dir);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`cannot read ${what} directory (${(error as Error).message})`, { path: dir, cause: error });
  }
  return names.filter((n) => !n.startsWith('.') && extensions.some((e) => e.has(extname(n).toLowerCase()))).sort();
}

function stem(name: string): string {
  return basename(name, extname(name));
}

function stripLabelSuffix(s: string): string | undefined {
  for (const suffix of LABEL_SUFFIXES) if (s.endsWith(suffix)) return s.slice(0, -suffix.length);
  return undefined;
}

function groupOf(id: string): string {
  const m = /^(testA|testB|train)_\d+$/.exec(id);
  return m ? m[1]! : 'all';
}

/** True when `name` is `id` itself or `id` followed by a separator (so `testA_1` does not claim `testA_10`). */
function belongsTo(name: string, id: string): boolean {
  if (name === id) return true;
  return name.startsWith(id) && /^[-_.\s]/.test(name.slice(id.length));
}

/**
 * Pairs prediction files with ground-truth annotations by name.
 *
 * Details: in the ground-truth folder, the annotations are the files with an annotation suffix
 * (`_anno`, `_label`, `_mask`, `_gt`) and the polygon files (`<id>.geojson` from QuPath, `<id>.xml`
 * from MoNuSeg / Aperio ImageScope) when any exist (so a GlaS or MoNuSeg folder with images beside
 * labels works); otherwise every image file is one. Two annotations for one id (`a_label.png` and
 * `a.xml`) are an error naming both. A polygon annotation gets the image beside it (`<id>.tif`,
 * `<id>.png`, …) as `image`, which gives its size.
 *
 * A prediction (an image, or a `.geojson` as `qfcn predict --format geojson` writes) belongs to id
 * `testA_1` when its name is `testA_1` or starts with `testA_1` and a separator
 * (`testA_1_pred.png`, `testA_1-seg.tif`, `testA_1_instances.geojson`). The longest matching id
 * wins; two predictions for one id are an error, except that a `.geojson` beside an image of the
 * same name (`--format both`) is skipped: the image is read. Overlay pictures (`<id>_overlay.png`,
 * as written by `qfcn predict`) are skipped.
 */
export function pairFiles(predictionDir: string, groundTruthDir: string): PairResult {
  const gtFiles = listFiles(groundTruthDir, 'ground-truth', [IMAGE_EXTENSIONS, VECTOR_EXTENSIONS]);
  const isAnnotation = (f: string) => fileKind(f) !== 'raster' || stripLabelSuffix(stem(f)) !== undefined;
  const annotated = gtFiles.filter(isAnnotation);
  const labels = (annotated.length > 0 ? annotated : gtFiles).map((f) => ({
    id: stripLabelSuffix(stem(f)) ?? stem(f),
    file: join(groundTruthDir, f),
  }));
  if (labels.length === 0) {
    throw new DataError('no ground-truth images (.png, .bmp, .tif) or annotations (.geojson, .xml) found', {
      path: groundTruthDir,
    });
  }
  const ids = new Map<string, string>();
  for (const l of labels) {
    if (ids.has(l.id)) throw new DataError(`two ground-truth files for id '${l.id}': ${ids.get(l.id)} and ${l.file}`);
    ids.set(l.id, l.file);
  }
  // Images beside polygon annotations: they give the label map's size.
  const images = new Map<string, string>();
  if (annotated.length > 0) {
    for (const f of gtFiles) if (!isAnnotation(f) && !images.has(stem(f))) images.set(stem(f), join(groundTruthDir, f));
  }
  const byId = new Map<string, string>();
  const unmatchedPredictions: string[] = [];
  const predFiles = listFiles(predictionDir, 'prediction', [IMAGE_EXTENSIONS, VECTOR_PREDICTION_EXTENSIONS]);
  const rasterStems = new Set(predFiles.filter((f) => fileKind(f) === 'raster').map(stem));
  for (const f of predFiles) {
    const s = stem(f);
    if (PICTURE_SUFFIXES.some((suffix) => s.endsWith(suffix))) continue;
    if (fileKind(f) !== 'raster' && rasterStems.has(s)) continue; // --format both: the label image is read
    const candidates = [...ids.keys()].filter((id) => belongsTo(s, id)).sort((a, b) => b.length - a.length);
    const id = candidates[0];
    if (id === undefined) {
      unmatchedPredictions.push(f);
      continue;
    }
    const previous = byId.get(id);
    if (previous) throw new DataError(`two predictions for '${id}': ${previous} and ${join(predictionDir, f)}`);
    byId.set(id, join(predictionDir, f));
  }
  const pairs: FilePair[] = [];
  const missingPredictions: string[] = [];
  for (const [id, groundTruth] of ids) {
    const prediction = byId.get(id);
    const image = fileKind(groundTruth) === 'raster' ? undefined : images.get(id);
    if (prediction) pairs.push({ id, groundTruth, prediction, group: groupOf(id), ...(image ? { image } : {}) });
    else missingPredictions.push(id);
  }
  const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  pairs.sort((a, b) => natural(a.id, b.id));
  missingPredictions.sort(natural);
  return { pairs, missingPredictions, unmatchedPredictions };
}
