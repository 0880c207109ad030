import * as tf from '@tensorflow/tfjs';
import { adamUpdate } from '@qfcn/backend';

/** Hyper-parameters of {@link Adam}. */
export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015) in the TensorFlow form: `w -= lr·√(1-β2^t)/(1-β1^t) · m / (√v + ε)`.
 *
 * When to use: `trainFcn` uses it; use it in your own loop for the same update, with one fused
 * kernel per variable (`adamUpdate` of `@qfcn/backend`) and state you can save and restore exactly.
 *
 * @example
 * const adam = new Adam(model.trainableWeights.map((w) => w.read() as tf.Variable), { learningRate: 1e-3 });
 * const { grads } = tf.variableGrads(loss, adam.variables as tf.Variable[]);
 * adam.apply(adam.variables.map((v) => grads[v.name]));
 *
 * Written here rather than using `tf.train.adam` so that its whole state is explicit and
 * serialisable: the step count `t` is an integer and the bias corrections are recomputed from it in
 * float64, so a run resumed from a checkpoint continues bit-identically (tfjs' optimizer keeps
 * running products β^t in float32 variables that `setWeights` can only approximate).
 */
export class Adam {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Number of updates applied so far. */
  step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    readonly variables: readonly tf.Variable[],
    options: AdamOptions,
  ) {
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.m = variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
    this.v = variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
  }

  /**
   * Applies one update; `grads[i]` belongs to `variables[i]`. Does not dispose the gradients.
   * `learningRate` overrides the constructor's for this step (a schedule); `decay`, when given,
   * applies decoupled weight decay (AdamW, Loshchilov & Hutter 2019) `w -= learningRate · decay[i] · w`
   * before the Adam step, to the variables whose `decay[i]` is non-zero.
   */
  apply(grads: readonly tf.Tensor[], learningRate: number = this.learningRate, decay?: readonly number[]): void {
    this.step += 1;
    const t = this.step;
    const lrT = (learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    if (decay) {
      this.variables.forEach((w, i) => {
        if (decay[i]) tf.tidy(() => w.assign(tf.mul(w, 1 - learningRate * decay[i]!)));
      });
    }
    const attrs = { learningRate: lrT, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
    // one fused kernel per variable where the backend has it (@qfcn/backend), identical bits either way
    this.variables.forEach((w, i) => {
      tf.tidy(() => {
        const next = adamUpdate(w, grads[i]!, this.m[i]!, this.v[i]!, attrs);
        this.m[i]!.assign(next.m);
        this.v[i]!.assign(next.v);
        w.assign(next.w);
      });
    });
  }

  /** First and second moments, in variable order, as float32 copies. */
  async getState(): Promise<{ step: number; m: Float32Array[]; v: Float32Array[] }> {
    const m = await Promise.all(this.m.map(async (x) => (await x.data()) as Float32Array));
    const v = await Promise.all(this.v.map(async (x) => (await x.data()) as Float32Array));
    return { step: this.step, m, v };
  }

  setState(state: { step: number; m: readonly Float32Array[]; v: readonly Float32Array[] }): void {
    this.step = state.step;
    tf.tidy(() => {
      this.m.forEach((x, i) => x.assign(tf.tensor(state.m[i]!, x.shape, 'float32')));
      this.v.forEach((x, i) => x.assign(tf.tensor(state.v[i]!, x.shape, 'float32')));
    });
  }

  dispose(): void {
    for (const x of [...this.m, ...this.v]) x.dispose();
  }
}
