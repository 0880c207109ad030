import * as tf from '@tensorflow/tfjs';
import { CorruptFileError } from '@qfcn/contract';

/** Rebuilds a layers model from artifacts and checks every weight is finite (browser-safe; see `loadModel`). */
export async function buildModel(artifacts: tf.io.ModelArtifacts, path: string): Promise<tf.LayersModel> {
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new CorruptFileError(`model.json could not be rebuilt: ${(e as Error).message}`, { path, cause: e });
  }
  assertFiniteWeights(model, path);
  return model;
}

/** Throws `CorruptFileError` (and disposes the model) when a weight holds NaN or ±Infinity. */
export function assertFiniteWeights(model: tf.LayersModel, path: string): void {
  for (const w of model.weights) {
    const data = w.read().dataSync();
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      model.dispose();
      throw new CorruptFileError(
        `weight ${w.originalName} holds ${data[bad]} at index ${bad}: weights must be finite`,
        { path },
      );
    }
  }
}
