// One optimizer step of trainFcn: forward, losses (object BCE [+ soft Dice], contour BCE [, distance BCE]
// [, hv MSE + 2 x gradient MSE]), Adam.
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
  /** Weight of the hv head's loss (used when the batch has the hv target). */
  hvWeight: number;
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
): { total: number; object: number; contour: number; distance?: number; hv?: number } {
  const { contourWeight, contourPositiveWeight, objectDiceWeight, distanceWeight, hvWeight } = settings;
  const { n, crop, channels } = batch;
  let objectLoss = 0;
  let contourLoss = 0;
  let distanceLoss: number | undefined;
  let hvLoss: number | undefined;
  const total = tf.tidy(() => {
    const x = tf.tensor4d(batch.x, [n, crop, crop, channels]);
    const yObject = tf.tensor4d(batch.object, [n, crop, crop, 1]);
    const yContour = tf.tensor4d(batch.contour, [n, crop, crop, 1]);
    const yDistance = batch.distance ? tf.tensor4d(batch.distance, [n, crop, crop, 1]) : undefined;
    const yHv = batch.hv ? tf.tensor4d(batch.hv, [n, crop, crop, 2]) : undefined;
    const contourWeights = batch.contourWeights
      ? tf.tensor4d(batch.contourWeights, [n, crop, crop, 1])
      : contourPositiveWeight;
    const { value, grads } = tf.variableGrads(
      () => {
        // trainModel outputs the heads' logits: object, contour[, distance], then the hv maps (after tanh)
        const outputs = trainModel.apply(x, { training: true }) as tf.Tensor[];
        const [zObject, zContour] = outputs as [tf.Tensor, tf.Tensor];
        const zDistance = yDistance ? outputs[2] : undefined;
        const pHv = yHv ? outputs.at(-1) : undefined;
        const lo =
          objectDiceWeight > 0
            ? tf.add(bce(yObject, zObject), tf.mul(softDiceLoss(yObject, zObject), objectDiceWeight))
            : bce(yObject, zObject);
        const lc = bce(yContour, zContour, contourWeights);
        objectLoss = lo.dataSync()[0]!;
        contourLoss = lc.dataSync()[0]!;
        let sum: tf.Tensor = tf.add(lo, tf.mul(lc, contourWeight));
        if (yDistance && zDistance) {
          const ld = bce(yDistance, zDistance);
          distanceLoss = ld.dataSync()[0]!;
          sum = tf.add(sum, tf.mul(ld, distanceWeight));
        }
        if (yHv && pHv) {
          const lh = hvMapLoss(yHv, pHv, yObject);
          hvLoss = lh.dataSync()[0]!;
          sum = tf.add(sum, tf.mul(lh, hvWeight));
        }
        return sum as tf.Scalar;
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
    ...(hvLoss !== undefined ? { hv: hvLoss } : {}),
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

/** 3x3 Sobel kernels scaled by 1/8, so a ramp of slope a gives a: d/dx and d/dy, `[3, 3, 1, 1]`. */
const SOBEL_X = [-1, 0, 1, -2, 0, 2, -1, 0, 1].map((v) => v / 8);
const SOBEL_Y = [-1, -2, -1, 0, 0, 0, 1, 2, 1].map((v) => v / 8);

/**
 * HoVer-Net's loss of the hv maps (Graham et al. 2019): the mean squared error over all pixels plus
 * twice the mean squared error of their Sobel gradients — d/dx of h and d/dy of v — over object pixels.
 */
export function hvMapLoss(target: tf.Tensor, predicted: tf.Tensor, objectMask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const mse = tf.mean(tf.square(tf.sub(predicted, target)));
    const kx = tf.tensor4d(SOBEL_X, [3, 3, 1, 1]);
    const ky = tf.tensor4d(SOBEL_Y, [3, 3, 1, 1]);
    const grad = (hv: tf.Tensor) => {
      const [h, v] = tf.split(hv as tf.Tensor4D, 2, 3) as [tf.Tensor4D, tf.Tensor4D];
      return tf.concat([tf.conv2d(h, kx, 1, 'same'), tf.conv2d(v, ky, 1, 'same')], 3);
    };
    const error = tf.square(tf.sub(grad(predicted), grad(target)));
    const focus = tf.concat([objectMask, objectMask], 3);
    const msge = tf.div(tf.sum(tf.mul(error, focus)), tf.add(tf.sum(focus), 1e-8));
    return tf.add(mse, tf.mul(msge, 2)) as tf.Scalar;
  });
}
