import * as tf from '@tensorflow/tfjs';
import { batchNormTraining } from '@qfcn/backend';

const FUSED = Symbol.for('qfcn.fusedBatchNorm');

/** The fields of tfjs-layers' BatchNormalization that its training path uses. */
interface BatchNormLayer {
  getClassName(): string;
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[];
  axis: number;
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  gamma?: { read(): tf.Tensor };
  beta?: { read(): tf.Tensor };
  movingMean: { read(): tf.Tensor; write(value: tf.Tensor): void };
  movingVariance: { read(): tf.Tensor; write(value: tf.Tensor): void };
  [FUSED]?: true;
}

/**
 * Makes the batch-norm layers of a tfjs-layers model train through one fused kernel each way
 * (`batchNormTraining` of `@qfcn/backend`) instead of `tf.moments` + `tf.batchNorm`, and returns
 * how many layers it changed.
 *
 * When to use: `trainFcn` calls it on the model it trains; call it on your own tfjs-layers model
 * (any with `BatchNormalization` layers on the last axis) before training it on cpu, qfcn-native or
 * wasm, where the fused kernels are registered (`initBackend`): it cuts the kernels of a batch-norm
 * layer from about fifteen per training step to two.
 *
 * Details: replaces each such layer instance's `call` for `training: true` only: the output is
 * `γ(x-μ)/√(σ²+ε) + β` with the batch's statistics and the moving averages are updated exactly as
 * tfjs does (`moving ← moving - (moving - batch)·(1 - momentum)`). Inference, weights, the saved
 * model (`BatchNormalization` layers, loadable anywhere) and layers with `center`/`scale` off or
 * another axis are untouched. Statistics are accumulated in float64, so training differs from the
 * stock layer in the last bits. Idempotent.
 *
 * @example
 * const model = await tf.loadLayersModel('file://model/model.json');
 * useFusedBatchNorm(model); // e.g. 42
 */
export function useFusedBatchNorm(model: tf.LayersModel): number {
  let changed = 0;
  for (const layer of model.layers as unknown as BatchNormLayer[]) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    if (layer[FUSED]) {
      changed++;
      continue;
    }
    if (!layer.center || !layer.scale) continue;
    const original = layer.call.bind(layer);
    layer.call = (inputs, kwargs) => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const lastAxis = layer.axis === -1 || layer.axis === x.rank - 1;
      if (!kwargs?.training || !lastAxis || x.rank < 2) return original(inputs, kwargs);
      return tf.tidy(() => {
        const { y, mean, variance } = batchNormTraining(x, layer.gamma!.read(), layer.beta!.read(), layer.epsilon);
        const decay = 1 - layer.momentum;
        for (const [moving, batch] of [
          [layer.movingMean, mean],
          [layer.movingVariance, variance],
        ] as const) {
          tf.tidy(() => {
            const value = moving.read();
            moving.write(tf.sub(value, tf.mul(tf.sub(value, batch), decay)));
          });
        }
        return y;
      });
    };
    layer[FUSED] = true;
    changed++;
  }
  return changed;
}
