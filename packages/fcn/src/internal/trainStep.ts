// One optimizer step of trainFcn: forward, losses (object BCE [+ soft Dice], contour BCE [, distance BCE]), Adam.
import * as tf from '@tensorflow/tfjs';
import type { Adam } from '../Adam';
import { bce } from './bce';
import type { Batch } from './trainBatch';

/** A trainable weight by its name (`layer/kernel`, …). */
export interface Trainable {
  readonly name: string;
  readonly variable: tf.Variable;
}

/** Loss weights and the update of one optimizer step. */
export interface StepSettings {
  contourWeight: number;
  contourPositiveWeight: number;
  objectDiceWeight: number;
  /** Weight of the distance head's loss (used when the batch has the distance target). */
  distanceWeight: number;
  /** Learning rate of this step. */
  rate: number;
  /** Per-variable decoupled weight decay, when any. */
  decay: readonly number[] | undefined;
}

/** Runs one step on `batch` and returns its losses; leak-free. */
export function step(
  trainModel: tf.LayersModel,
  adam: Adam,
  trainable: readonly Trainable[],
  batch: Batch,
  settings: StepSettings,
): { total: number; object: number; contour: number; distance?: number } {
  const { contourWeight, contourPositiveWeight, objectDiceWeight, distanceWeight } = settings;
  const { n, crop, channels } = batch;
  let objectLoss = 0;
  let contourLoss = 0;
  let distanceLoss: number | undefined;
  const total = tf.tidy(() => {
    const x = tf.tensor4d(batch.x, [n, crop, crop, channels]);
    const yObject = tf.tensor4d(batch.object, [n, crop, crop, 1]);
    const yContour = tf.tensor4d(batch.contour, [n, crop, crop, 1]);
    const yDistance = batch.distance ? tf.tensor4d(batch.distance, [n, crop, crop, 1]) : undefined;
    const contourWeights = batch.contourWeights
      ? tf.tensor4d(batch.contourWeights, [n, crop, crop, 1])
      : contourPositiveWeight;
    const { value, grads } = tf.variableGrads(
      () => {
        // trainModel outputs the heads' logits: object, contour[, distance]
        const [zObject, zContour, zDistance] = trainModel.apply(x, { training: true }) as [
          tf.Tensor,
          tf.Tensor,
          tf.Tensor?,
        ];
        const lo =
          objectDiceWeight > 0
            ? tf.add(bce(yObject, zObject), tf.mul(softDiceLoss(yObject, zObject), objectDiceWeight))
            : bce(yObject, zObject);
        const lc = bce(yContour, zContour, contourWeights);
        objectLoss = lo.dataSync()[0]!;
        contourLoss = lc.dataSync()[0]!;
        const sum = tf.add(lo, tf.mul(lc, contourWeight));
        if (!yDistance || !zDistance) return sum as tf.Scalar;
        const ld = bce(yDistance, zDistance);
        distanceLoss = ld.dataSync()[0]!;
        return tf.add(sum, tf.mul(ld, distanceWeight)) as tf.Scalar;
      },
      trainable.map((t) => t.variable),
    );
    adam.apply(
      trainable.map((t) => grads[t.variable.name]!),
      settings.rate,
      settings.decay,
    );
    return value.dataSync()[0]!;
  });
  return {
    total,
    object: objectLoss,
    contour: contourLoss,
    ...(distanceLoss !== undefined ? { distance: distanceLoss } : {}),
  };
}

/** `1 − (2Σpy + 1)/(Σp + Σy + 1)` over the whole batch, `p = sigmoid(logits)`. */
function softDiceLoss(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.sigmoid(logits);
    const inter = tf.sum(tf.mul(p, labels));
    const total = tf.add(tf.sum(p), tf.sum(labels));
    return tf.sub(1, tf.div(tf.add(tf.mul(inter, 2), 1), tf.add(total, 1))) as tf.Scalar;
  });
}
