import * as tf from '@tensorflow/tfjs';
import { CorruptFileError } from '@qfcn/contract';
import { readModelArtifacts } from './internal/fileIO';

/**
 * Loads a tfjs layers model saved in the standard format (`model.json` + weight files), e.g. by
 * {@link saveModel} or by Python's `tensorflowjs` converter, without `@tensorflow/tfjs-node`.
 *
 * When to use: to reuse a trained FCN in Node (in a browser use `tf.loadLayersModel(url)`).
 *
 * Details: `path` is the directory or the `model.json` itself. All weight files named by the
 * manifest are read and concatenated in manifest order. A missing directory or file throws
 * {@link DataError}; unparsable JSON, a missing topology/manifest, weight files whose total size
 * differs from what the manifest declares, or topology the layers API rejects throw
 * {@link CorruptFileError}, and so do weights that are not all finite (NaN or ±Infinity would
 * predict empty maps without an error).
 *
 * @example
 * const model = await loadModel('./out/tiny');
 */
export async function loadModel(path: string): Promise<tf.LayersModel> {
  const artifacts = readModelArtifacts(path);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new CorruptFileError(`model.json could not be rebuilt: ${(e as Error).message}`, { path, cause: e });
  }
  for (const w of model.weights) {
    const data = w.read().dataSync();
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      model.dispose();
      throw new CorruptFileError(`weight ${w.originalName} holds ${data[bad]} at index ${bad}: weights must be finite`, { path });
    }
  }
  return model;
}
