// The exponential moving average of a model's weights that trainFcn keeps with `averageWeights`.
import * as tf from '@tensorflow/tfjs';

/** A tensor with its own copy of `t`'s values (never sharing its buffer). */
const copyOf = (t: tf.Tensor): tf.Tensor => tf.tensor(t.dataSync() as Float32Array, t.shape, 'float32');

/** A non-trainable variable holding its own copy of `t`'s values. */
function variableOf(t: tf.Tensor): tf.Variable {
  const copy = copyOf(t);
  const v = tf.variable(copy, false);
  copy.dispose();
  return v;
}

/**
 * An exponential moving average (EMA) of every weight of `model` — trainable weights and batch-norm
 * statistics alike: after each optimizer step from `startStep` on, `a ← decay·a + (1 − decay)·w`
 * (the first update copies `w`). Validation, checkpoint selection and the final weights use the
 * average, which smooths the noise of the last steps that a single checkpoint carries.
 */
export class WeightAverage {
  private average: tf.Variable[] | null = null;

  constructor(
    private readonly model: tf.LayersModel,
    readonly decay: number,
    readonly startStep: number,
  ) {}

  /** Whether the average has started (a step ≥ `startStep` was taken). */
  get started(): boolean {
    return this.average !== null;
  }

  /** Folds the weights after optimizer step `step` (1-based: steps taken so far) into the average. */
  update(step: number): void {
    if (step < this.startStep) return;
    const weights = this.model.weights.map((w) => w.read());
    if (!this.average) {
      this.average = weights.map(variableOf);
      return;
    }
    const average = this.average;
    const d = this.decay;
    tf.tidy(() => {
      weights.forEach((w, i) => average[i]!.assign(tf.add(tf.mul(average[i]!, d), tf.mul(w, 1 - d))));
    });
  }

  /** Runs `fn` with the average in the model (the trained weights as they were afterwards). */
  withAverage<T>(fn: () => T): T {
    if (!this.average) return fn();
    const trained = this.model.weights.map((w) => copyOf(w.read()));
    try {
      this.writeInto();
      return fn();
    } finally {
      this.model.weights.forEach((w, i) => w.write(trained[i]!));
      tf.dispose(trained);
    }
  }

  /** Puts the average into the model's weights (the end of training). */
  writeInto(): void {
    const average = this.average;
    if (!average) return;
    this.model.weights.forEach((w, i) => {
      const copy = copyOf(average[i]!);
      w.write(copy);
      copy.dispose();
    });
  }

  /** The average's values (for a checkpoint or the best-validation copy), or null before it started. */
  values(): Float32Array[] | null {
    return this.average ? this.average.map((a) => (a.dataSync() as Float32Array).slice()) : null;
  }

  /** Restores values saved by {@link values} (null: not started). */
  restore(values: readonly Float32Array[] | null): void {
    this.dispose();
    if (!values) return;
    this.average = this.model.weights.map((w, i) => {
      const t = tf.tensor(values[i]!, w.shape as number[]); // a fresh buffer: no copy needed
      const v = tf.variable(t, false);
      t.dispose();
      return v;
    });
  }

  dispose(): void {
    if (this.average) tf.dispose(this.average);
    this.average = null;
  }
}
