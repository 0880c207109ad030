import type * as tf from '@tensorflow/tfjs';
import { buildModel } from './internal/buildModel';
import { readModelArtifacts } from './internal/fileIO';

/**
 * Loads a tfjs layers model saved in the standard format (`model.json` + weight files), e.g. by
 * {@link saveModel} or by Python's `tensorflowjs` converter, without `@tensorflow/tfjs-node`.
 *
 * When to use: to reuse a trained FCN in Node (in a browser, or from URLs, `File`s and bytes, use
 * {@link loadModelFrom}).
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
  return buildModel(readModelArtifacts(path), path);
}
