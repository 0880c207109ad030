import type * as tf from '@tensorflow/tfjs';
import { fileSaveHandler } from './internal/fileIO';

export { MODEL_FILES } from './internal/fileIO';

/** What {@link saveModel} wrote. */
export interface SavedModelInfo {
  readonly dir: string;
  readonly weightBytes: number;
  readonly modelJsonBytes: number;
}

/**
 * Saves a tfjs layers model to a directory in the standard tfjs format (`model.json` +
 * `weights.bin`), atomically, without `@tensorflow/tfjs-node`.
 *
 * When to use: to keep a trained FCN; the directory loads back with {@link loadModel} in Node and
 * with `tf.loadLayersModel('https://…/model.json')` in a browser. (After {@link registerFileRouter},
 * `model.save('file://dir')` does the same.)
 *
 * Details: the files are written to a temporary sibling directory, fsynced and renamed to `dir`; an
 * existing `dir` is replaced only if it holds nothing but those two files (anything else throws
 * {@link InvalidArgumentError}, so a wrong path never deletes unrelated files). `model.json` has
 * `format: 'layers-model'`, the model topology and one weights-manifest group. Weights are stored
 * float32 exactly as in memory: a saved model loads back bit-identically.
 *
 * @example
 * await saveModel(createFcn({ preset: 'tiny' }), './out/tiny');
 */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<SavedModelInfo> {
  let info: SavedModelInfo | undefined;
  await model.save(fileSaveHandler(dir, (i) => (info = { dir, ...i })));
  return info as SavedModelInfo;
}
