import * as tf from '@tensorflow/tfjs';
import { statSync } from 'node:fs';
import { InvalidArgumentError } from '@qfcn/contract';
import { foreignEntries, writeDirAtomic } from './internal/atomic';

/** File names written by {@link saveModel}. */
export const MODEL_FILES = Object.freeze({ json: 'model.json', weights: 'weights.bin' });

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
 * with `tf.loadLayersModel('https://…/model.json')` in a browser.
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
  if (typeof dir !== 'string' || dir.length === 0) throw new InvalidArgumentError('dir', 'must be a non-empty path');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
    if (!isDir) throw new InvalidArgumentError('dir', `${dir} exists and is not a directory`);
  } catch (e) {
    if (InvalidArgumentError.isInstance(e)) throw e;
  }
  const foreign = foreignEntries(dir, [MODEL_FILES.json, MODEL_FILES.weights]);
  if (foreign.length > 0) {
    throw new InvalidArgumentError(
      'dir',
      `${dir} already holds other files (${foreign.slice(0, 5).join(', ')}); refusing to replace it`,
    );
  }
  let info: SavedModelInfo | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${MODEL_FILES.weights}`], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      const json = JSON.stringify(modelJson);
      writeDirAtomic(dir, { [MODEL_FILES.weights]: new Uint8Array(weightData), [MODEL_FILES.json]: json });
      info = { dir, weightBytes: weightData.byteLength, modelJsonBytes: Buffer.byteLength(json) };
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: Buffer.byteLength(JSON.stringify(artifacts.modelTopology)),
          weightSpecsBytes: Buffer.byteLength(JSON.stringify(artifacts.weightSpecs ?? [])),
          weightDataBytes: weightData.byteLength,
        },
      };
    }),
  );
  return info as SavedModelInfo;
}
