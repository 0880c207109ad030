import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findOffLevel } from '@qfcn/quantize';
import { inqHook, type HookContext } from './inqHook';
import { bitsOf } from './testModels';

/** The `TrainingHook` shape of @qfcn/contract, restated (this package may not import it). */
interface ContractTrainingHook {
  readonly name: string;
  onTrainBegin?(ctx: HookContext): void | Promise<void>;
  onEpochBegin?(ctx: HookContext): void | Promise<void>;
  afterUpdate?(ctx: HookContext): void;
  onEpochEnd?(ctx: HookContext, logs: Readonly<Record<string, number>>): void | Promise<void>;
  onTrainEnd?(ctx: HookContext): void | Promise<void>;
  saveState?(): unknown;
  restoreState?(state: unknown): void;
}

const trash: { dispose(): void }[] = [];

/** A minimal trainer like @qfcn/fcn's: hooks around SGD-with-momentum steps on a linear model. */
function trainer(seed: number) {
  const kernel = tf.variable(
    tf.randomNormal([6, 4], 0, 0.5, 'float32', seed),
    true,
    `hook/kernel-${seed}-${Math.random()}`,
  );
  const bias = tf.variable(tf.zeros([4]), true, `hook/bias-${seed}-${Math.random()}`);
  trash.push(kernel, bias);
  const weights = new Map<string, tf.Variable>([
    ['dense/kernel', kernel],
    ['dense/bias', bias],
  ]);
  const x = tf.randomNormal([10, 6], 0, 1, 'float32', seed + 1);
  const y = tf.randomNormal([10, 4], 0, 1, 'float32', seed + 2);
  trash.push(x, y);
  const optimizer = tf.train.momentum(0.05, 0.9);
  trash.push(optimizer);
  let step = 0;
  const run = async (hook: ContractTrainingHook, fromEpoch: number, toEpoch: number, stepsPerEpoch = 5) => {
    const ctx = (epoch: number): HookContext => ({ weights, epoch, step });
    await hook.onTrainBegin?.(ctx(fromEpoch));
    for (let epoch = fromEpoch; epoch < toEpoch; epoch++) {
      await hook.onEpochBegin?.(ctx(epoch));
      for (let i = 0; i < stepsPerEpoch; i++) {
        optimizer
          .minimize(() => tf.losses.meanSquaredError(y, tf.add(tf.matMul(x, kernel), bias)) as tf.Scalar, true)
          ?.dispose();
        step++;
        hook.afterUpdate?.(ctx(epoch));
      }
      await hook.onEpochEnd?.(ctx(epoch), { loss: 0 });
    }
  };
  return {
    weights,
    kernel,
    run,
    end: (hook: ContractTrainingHook, epoch: number) => hook.onTrainEnd?.({ weights, epoch, step }),
  };
}

describe('inqHook', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => {
    trash.splice(0).forEach((t) => t.dispose());
  });

  it('is a TrainingHook; epochsPerStep 2 over 8 epochs steps at epochs 0, 2, 4, 6 and ends fully quantized', async () => {
    const t = trainer(1);
    const hook = inqHook({ bits: 5, epochsPerStep: 2 });
    trash.push(hook);
    const asContract: ContractTrainingHook = hook;
    expect(asContract.name).toBe('inq');
    const seen: number[] = [];
    const spy: ContractTrainingHook = {
      ...hook,
      name: hook.name,
      onEpochBegin: (ctx) => {
        hook.onEpochBegin(ctx);
        seen.push(hook.inq!.step);
      },
    };
    await t.run(spy, 0, 8);
    expect(seen).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(hook.inq!.names).toEqual(['dense/kernel']);
    await t.end(hook, 8);
    expect(findOffLevel(t.kernel.dataSync() as Float32Array, hook.inq!.params().get('dense/kernel')!)).toBe(-1);
  });

  it('startEpoch 3, epochsPerStep 2 over 10 epochs: float until epoch 3, steps at 3, 5, 7, 9; n1 from the epoch-3 weights', async () => {
    const t = trainer(4);
    const hook = inqHook({ bits: 5, epochsPerStep: 2, startEpoch: 3 });
    trash.push(hook);
    const seen: (number | null)[] = [];
    let maxAbsAtStart = NaN;
    const spy: ContractTrainingHook = {
      ...hook,
      name: hook.name,
      onEpochBegin: (ctx) => {
        if (ctx.epoch === 3) maxAbsAtStart = Math.max(...Array.from(t.kernel.dataSync(), Math.abs));
        hook.onEpochBegin(ctx);
        seen.push(hook.inq ? hook.inq.step : null);
      },
    };
    await t.run(spy, 0, 11);
    expect(seen).toEqual([null, null, null, 0, 0, 1, 1, 2, 2, 3, 3]);
    // n1 = floor(log2(4s/3)) with s = max|W| when INQ starts (docs/algorithms.md §2), not at epoch 0.
    expect(hook.inq!.params().get('dense/kernel')!.n1).toBe(Math.floor(Math.log2((4 * maxAbsAtStart) / 3)));
    await t.end(hook, 11);
    expect(findOffLevel(t.kernel.dataSync() as Float32Array, hook.inq!.params().get('dense/kernel')!)).toBe(-1);
  });

  it('startEpoch must be an integer ≥ 0', () => {
    expect(() => inqHook({ startEpoch: -1 })).toThrow(/startEpoch/);
    expect(() => inqHook({ startEpoch: 1.5 })).toThrow(/startEpoch/);
  });

  it('afterUpdate masks the final update of momentum SGD: frozen entries bit-identical across an epoch', async () => {
    const t = trainer(2);
    const hook = inqHook({ bits: 6 });
    trash.push(hook);
    await hook.onTrainBegin({ weights: t.weights, epoch: 0, step: 0 });
    await t.run(hook, 0, 1); // one float epoch to build momentum
    hook.advance();
    const frozen = bitsOf(t.kernel);
    const mask = hook.inq!.frozenMask('dense/kernel');
    await t.run(hook, 1, 4);
    const now = bitsOf(t.kernel);
    expect([...mask].filter((m, i) => m && now[i] !== frozen[i])).toEqual([]);
    expect([...mask].filter((m, i) => !m && now[i] === frozen[i])).toEqual([]);
  });

  it('finishOnTrainEnd false leaves the schedule where it is', async () => {
    const t = trainer(3);
    const hook = inqHook({ epochsPerStep: 10, finishOnTrainEnd: false });
    trash.push(hook);
    await t.run(hook, 0, 2);
    await t.end(hook, 2);
    expect(hook.inq!.step).toBe(0);
    expect(hook.inq!.done).toBe(false);
  });

  it('checkpoint resume: saveState after epoch 3, restore into a new hook before training → same masks and weights as an uninterrupted run', async () => {
    // uninterrupted
    const a = trainer(4);
    const hookA = inqHook({ epochsPerStep: 2, partition: 'random', seed: 5 });
    trash.push(hookA);
    await a.run(hookA, 0, 6);
    // interrupted at epoch 3: state + weights are "checkpointed", a new process resumes
    const b = trainer(4);
    const hookB = inqHook({ epochsPerStep: 2, partition: 'random', seed: 5 });
    trash.push(hookB);
    await b.run(hookB, 0, 3);
    const state = JSON.parse(JSON.stringify(hookB.saveState()));
    const resumed = inqHook({ epochsPerStep: 2, partition: 'random', seed: 5 });
    trash.push(resumed);
    resumed.restoreState(state); // before binding: kept until onTrainBegin
    expect(resumed.saveState()).toEqual(state);
    await b.run(resumed, 3, 6);
    expect(resumed.inq!.step).toBe(hookA.inq!.step);
    expect(Array.from(resumed.inq!.frozenMask('dense/kernel'))).toEqual(
      Array.from(hookA.inq!.frozenMask('dense/kernel')),
    );
    // the frozen values agree bit for bit (free ones differ: optimizer state was not checkpointed)
    const mask = hookA.inq!.frozenMask('dense/kernel');
    const va = bitsOf(a.kernel);
    const vb = bitsOf(b.kernel);
    expect([...mask].filter((m, i) => m && va[i] !== vb[i])).toEqual([]);
  });

  it('bad input: epochsPerStep 0, a context without a weights map', () => {
    expect(() => inqHook({ epochsPerStep: 0 })).toThrow(expect.objectContaining({ argument: 'epochsPerStep' }));
    expect(() => inqHook().afterUpdate({ epoch: 0, step: 0 } as never)).toThrow(
      /needs a training context with a weights map/,
    );
  });
});
