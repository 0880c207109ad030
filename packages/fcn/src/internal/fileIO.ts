import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CorruptFileError, DataError, InvalidArgumentError } from '@qfcn/contract';
import { foreignEntries, writeDirAtomic } from './atomic';

/** File names of a saved model directory. */
export const MODEL_FILES = Object.freeze({ json: 'model.json', weights: 'weights.bin' });

/** A tfjs save handler writing `dir/model.json` + `dir/weights.bin` atomically (see `saveModel`). */
export function fileSaveHandler(
  dir: string,
  onSaved?: (info: { weightBytes: number; modelJsonBytes: number }) => void,
): tf.io.IOHandler {
  if (typeof dir !== 'string' || dir.length === 0) throw new InvalidArgumentError('dir', 'must be a non-empty path');
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new InvalidArgumentError('dir', `${dir} exists and is not a directory`);
  const foreign = foreignEntries(dir, [MODEL_FILES.json, MODEL_FILES.weights]);
  if (foreign.length > 0) {
    throw new InvalidArgumentError(
      'dir',
      `${dir} already holds other files (${foreign.slice(0, 5).join(', ')}); refusing to replace it`,
    );
  }
  return tf.io.withSaveHandler(async (artifacts) => {
    const weightData =
      artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
    const json = JSON.stringify({
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [`./${MODEL_FILES.weights}`], weights: artifacts.weightSpecs ?? [] }],
      ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
    });
    writeDirAtomic(dir, { [MODEL_FILES.weights]: new Uint8Array(weightData), [MODEL_FILES.json]: json });
    const modelJsonBytes = Buffer.byteLength(json);
    onSaved?.({ weightBytes: weightData.byteLength, modelJsonBytes });
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        modelTopologyBytes: Buffer.byteLength(JSON.stringify(artifacts.modelTopology)),
        weightSpecsBytes: Buffer.byteLength(JSON.stringify(artifacts.weightSpecs ?? [])),
        weightDataBytes: weightData.byteLength,
      },
    };
  });
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2 };

function specBytes(spec: tf.io.WeightsManifestEntry): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  if (spec.quantization) {
    const q = spec.quantization.dtype;
    return count * (q === 'uint8' ? 1 : q === 'uint16' || q === 'float16' ? 2 : 4);
  }
  return count * (DTYPE_BYTES[spec.dtype] ?? 4);
}

/** Reads a standard tfjs model (directory or its `model.json`) into model artifacts (see `loadModel`). */
export function readModelArtifacts(path: string): tf.io.ModelArtifacts {
  const jsonPath = existsSync(path) && statSync(path).isDirectory() ? join(path, MODEL_FILES.json) : path;
  if (!existsSync(jsonPath)) throw new DataError('no model.json here', { path: jsonPath });
  const dir = resolve(jsonPath, '..');
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(readFileSync(jsonPath, 'utf8')) as tf.io.ModelJSON;
  } catch (e) {
    throw new CorruptFileError('model.json is not valid JSON', { path: jsonPath, cause: e });
  }
  if (typeof modelJson !== 'object' || modelJson === null || modelJson.modelTopology == null) {
    throw new CorruptFileError('model.json has no modelTopology', { path: jsonPath });
  }
  if (!Array.isArray(modelJson.weightsManifest))
    throw new CorruptFileError('model.json has no weightsManifest', { path: jsonPath });
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Buffer[] = [];
  for (const group of modelJson.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      const file = join(dir, p);
      if (!existsSync(file)) throw new DataError(`weight file '${p}' named in model.json is missing`, { path: file });
      buffers.push(readFileSync(file));
    }
  }
  const data = Buffer.concat(buffers);
  const expected = weightSpecs.reduce((sum, spec) => sum + specBytes(spec), 0);
  if (data.byteLength !== expected) {
    throw new CorruptFileError(
      `weight files hold ${data.byteLength} bytes, the manifest declares ${expected} (truncated or foreign file)`,
      {
        path: dir,
      },
    );
  }
  return {
    modelTopology: modelJson.modelTopology,
    weightSpecs,
    weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
    ...(modelJson.format ? { format: modelJson.format } : {}),
    ...(modelJson.userDefinedMetadata ? { userDefinedMetadata: modelJson.userDefinedMetadata } : {}),
  };
}
