import * as tf from '@tensorflow/tfjs';

/**
 * Mean binary cross-entropy from logits, `mean_i w_i · [max(z,0) − z·y + log(1 + e^−|z|)]`, with
 * `w_i = positiveWeight` where `y_i = 1` and 1 elsewhere, or `w_i` read from a tensor of per-pixel
 * weights of the labels' shape (the stable form tfjs' `sigmoidCrossEntropy` uses; divided by the
 * pixel count, not by the weight sum: weights must be positive).
 */
export function bce(labels: tf.Tensor, logits: tf.Tensor, positiveWeight: number | tf.Tensor = 1): tf.Scalar {
  return tf.tidy(() => {
    const weights =
      typeof positiveWeight !== 'number'
        ? positiveWeight
        : positiveWeight === 1
          ? undefined
          : tf.add(tf.mul(labels, positiveWeight - 1), 1);
    return tf.losses.sigmoidCrossEntropy(labels, logits, weights, 0, tf.Reduction.SUM_BY_NONZERO_WEIGHTS) as tf.Scalar;
  });
}
