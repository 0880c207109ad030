import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@qfcn/quantize';

/** `{ name, tensor }` as tf optimizers exchange weights (not exported by tfjs-core's index). */
type NamedTensor = { name: string; tensor: tf.Tensor };

/** What the masked optimizer needs from INQ (an `Inq` from `createInq` has it). */
export interface Enforcer {
  enforce(): void;
}

/** Options of {@link maskedOptimizer}. */
export interface MaskedOptimizerOptions {
  /**
   * Decoupled weight decay (AdamW-style) applied after each inner step to every updated variable:
   * `w ← w · (1 − weightDecay)`, before the mask. Default 0. (Coupled L2 — a loss term or a
   * tf.layers regularizer — needs nothing here: it is part of the gradient.)
   */
  weightDecay?: number;
}

/** A `tf.Optimizer` whose every update is followed by INQ's `enforce()` (see {@link maskedOptimizer}). */
export class MaskedOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'MaskedOptimizer';
  }

  constructor(
    readonly inner: tf.Optimizer,
    readonly inq: Enforcer,
    readonly weightDecay: number,
  ) {
    super();
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    this.inner.applyGradients(variableGradients);
    if (this.weightDecay > 0) {
      const names = Array.isArray(variableGradients)
        ? variableGradients.map((g) => g.name)
        : Object.keys(variableGradients);
      const registry = tf.engine().registeredVariables;
      tf.tidy(() => {
        for (const name of names) {
          const v = registry[name];
          if (v) v.assign(tf.mul(v, 1 - this.weightDecay));
        }
      });
    }
    this.inq.enforce();
  }

  override get iterations(): number {
    return this.inner.iterations;
  }

  override dispose(): void {
    this.inner.dispose();
  }

  override getWeights(): Promise<NamedTensor[]> {
    return this.inner.getWeights();
  }

  override setWeights(weightValues: NamedTensor[]): Promise<void> {
    return this.inner.setWeights(weightValues);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...this.inner.getConfig(), weightDecay: this.weightDecay };
  }
}

/**
 * Wraps any tfjs optimizer so that frozen INQ weights never move: after each update the frozen
 * values are re-imposed, i.e. the mask is applied to the **final** update.
 *
 * **When to use**: INQ with your own training loop (`optimizer.minimize(...)`) or with
 * `model.compile({ optimizer })` — `model.fit` calls `minimize`, which calls `applyGradients`.
 *
 * **Details**: masking the gradient is not enough — momentum, Adam's moment estimates and weight
 * decay would still move frozen weights (a pitfall of public re-implementations, tested here).
 * The wrapper runs the inner optimizer, optionally applies decoupled weight decay, then calls
 * `inq.enforce()`, which sets every frozen weight back to its frozen value (bit for bit); the
 * inner optimizer's state for frozen entries is simply never used. `iterations`, `getWeights`,
 * `setWeights`, `dispose` delegate to the inner optimizer.
 *
 * @example
 * const inq = createInq(vars, { bits: 7 });
 * const opt = maskedOptimizer(tf.train.momentum(0.01, 0.9), inq);
 * inq.advance();
 * for (let i = 0; i < 1000; i++) opt.minimize(() => loss(vars));
 */
export function maskedOptimizer(
  optimizer: tf.Optimizer,
  inq: Enforcer,
  options: MaskedOptimizerOptions = {},
): MaskedOptimizer {
  if (!optimizer || typeof (optimizer as tf.Optimizer).applyGradients !== 'function') {
    throw new InvalidArgumentError('optimizer', 'expected a tf.Optimizer');
  }
  if (!inq || typeof inq.enforce !== 'function')
    throw new InvalidArgumentError('inq', 'expected an INQ run (createInq)');
  const weightDecay = options.weightDecay ?? 0;
  if (typeof weightDecay !== 'number' || !(weightDecay >= 0 && weightDecay < 1)) {
    throw new InvalidArgumentError('weightDecay', `expected a number in [0, 1), got ${String(weightDecay)}`);
  }
  return new MaskedOptimizer(optimizer, inq, weightDecay);
}
