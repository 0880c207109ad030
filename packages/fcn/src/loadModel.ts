import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CorruptFileError, DataError } from '@qfcn/contract';
import { MODEL_FILES } from './saveModel';

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
 * {@link CorruptFileError}.
 *
 * @example
 * const model = await loadModel('./out/tiny');
 */
export async function loadModel(path: string): Promise<tf.LayersModel> {
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
  if (!Array.isArray(modelJson.weightsManifest)) {
    throw new CorruptFileError('model.json has no weightsManifest', { path: jsonPath });
  }
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
      { path: dir },
    );
  }
  const weightData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  try {
    return await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs,
        weightData,
        ...(modelJson.userDefinedMetadata ? { userDefinedMetadata: modelJson.userDefinedMetadata } : {}),
      }),
    );
  } catch (e) {
    throw new CorruptFileError(`model.json could not be rebuilt: ${(e as Error).message}`, { path: jsonPath, cause: e });
  }
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
