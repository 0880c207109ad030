import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findOffLevel, powerOfTwoLevels, quantizePowerOfTwo, uniformQuantizer } from '@qfcn/quantize';
import { createInq } from './createInq';
import { bitsOf, tinyConvNet } from './testModels';

const trash: { dispose(): void }[] = [];
const keep = <T extends { dispose(): void }>(x: T): T => {
  trash.push(x);
  return x;
};

function kernelMap(values: number[], shape = [values.length], name = 'w/kernel') {
  return new Map([[name, keep(tf.variable(tf.tensor(values, shape), true, `${name}-${Math.random()}`))]]);
}

describe('createInq', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => {
    trash.splice(0).forEach((t) => t.dispose());
  });

  it('tiny conv net: quantizes the conv and dense kernels only, not biases or batch norm', () => {
    const model = keep(tinyConvNet());
    const inq = keep(createInq(model));
    expect(inq.names).toEqual([model.weights[0]!.name, model.weights[4]!.name]);
    expect(inq.bits).toBe(5);
    expect(inq.schedule).toEqual([0.5, 0.75, 0.875, 1]);
    inq.finish();
    for (const w of model.weights) {
      const values = w.read().dataSync() as Float32Array;
      const p = inq.params().get(w.name);
      if (p) expect(findOffLevel(values, p), w.name).toBe(-1);
      else if (w.name.endsWith('/bias') && w.name.includes('dense'))
        expect(values.every((v) => v === Math.fround(0.1))).toBe(true);
    }
  });

  it('8 weights, schedule 0.5/0.75/0.875/1: 4, 6, 7, 8 frozen, largest |w| first, at their nearest level', () => {
    const w = [0.9, -0.05, 0.3, -0.6, 0.12, 0.02, -0.45, 0.2];
    const vars = kernelMap(w);
    const inq = keep(createInq(vars, { bits: 3 }));
    // max 0.9 → n1 = floor(log2(1.2)) = 0, 3 bits → n2 = -1: levels 0, ±0.5, ±1
    expect(inq.params().get('w/kernel')).toEqual({ kind: 'power-of-two', bits: 3, n1: 0 });
    expect(inq.portion).toBe(0);
    expect(inq.advance()).toEqual({ step: 0, portion: 0.5 });
    expect(Array.from(inq.frozenMask('w/kernel'))).toEqual([1, 0, 1, 1, 0, 0, 1, 0]);
    expect(Array.from(vars.get('w/kernel')!.dataSync())).toEqual(
      [1, -0.05, 0.5, -0.5, 0.12, 0.02, -0.5, 0.2].map(Math.fround),
    );
    inq.advance();
    expect(Array.from(inq.frozenMask('w/kernel'))).toEqual([1, 0, 1, 1, 1, 0, 1, 1]);
    inq.advance();
    expect(Array.from(inq.frozenMask('w/kernel'))).toEqual([1, 1, 1, 1, 1, 0, 1, 1]);
    inq.advance();
    expect(inq.done).toBe(true);
    expect(Array.from(vars.get('w/kernel')!.dataSync())).toEqual([1, 0, 0.5, -0.5, 0, 0, -0.5, 0]);
    expect(() => inq.advance()).toThrow(/all 4 steps are applied already/);
  });

  it('n1 is fixed from the float weights at creation, even if the weights grow before the first step', () => {
    const vars = kernelMap([0.3, -0.1, 0.05, 0.2]);
    const inq = keep(createInq(vars, { bits: 5, schedule: [1] }));
    expect(inq.params().get('w/kernel')!.n1).toBe(powerOfTwoLevels(0.3, 5).n1);
    vars.get('w/kernel')!.assign(tf.tensor([3, -0.1, 0.05, 0.2]));
    inq.advance();
    // 3 saturates at 2^n1 = 0.25
    expect(Array.from(vars.get('w/kernel')!.dataSync())).toEqual(
      Array.from(quantizePowerOfTwo(Float32Array.of(3, -0.1, 0.05, 0.2), { bits: 5, maxAbs: 0.3 })),
    );
    expect(vars.get('w/kernel')!.dataSync()[0]).toBe(0.25);
  });

  it('the reference-code schedule 0.3/0.6/0.8/1 on 10 weights freezes 3, 6, 8, 10', () => {
    const vars = kernelMap([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => v / 10));
    const inq = keep(createInq(vars, { schedule: [0.3, 0.6, 0.8, 1] }));
    const counts = inq.schedule.map(() => {
      inq.advance();
      return inq.frozenMask('w/kernel').reduce((a, b) => a + b, 0);
    });
    expect(counts).toEqual([3, 6, 8, 10]);
  });

  it('random partition: same seed same masks, other seed other masks', () => {
    const values = Array.from({ length: 200 }, (_, i) => Math.sin(i + 1));
    const run = (seed: number) => {
      const inq = keep(createInq(kernelMap(values), { partition: 'random', seed }));
      inq.advance();
      return Array.from(inq.frozenMask('w/kernel'));
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
    expect(run(3).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('another quantizer behind the same schedule: uniform 4 bits', () => {
    const vars = kernelMap([0.7, -0.35, 0.1, 0.05]);
    const inq = keep(createInq(vars, { quantizer: uniformQuantizer({ bits: 4 }), schedule: [1] }));
    inq.advance();
    expect(findOffLevel(vars.get('w/kernel')!.dataSync() as Float32Array, inq.params().get('w/kernel')!)).toBe(-1);
  });

  it('include/exclude: names, arrays, predicates; exclude wins', () => {
    const model = keep(tinyConvNet());
    const conv = model.weights[0]!.name;
    expect(keep(createInq(model, { include: conv })).names).toEqual([conv]);
    expect(keep(createInq(model, { include: (n) => n.endsWith('kernel'), exclude: [/dense/] })).names).toEqual([conv]);
    expect(keep(createInq(model, { include: [/gamma$/], exclude: [] })).names).toEqual([model.weights[2]!.name]);
  });

  it('bad input: nothing to quantize, int32 kernel, all-zero kernel, NaN kernel, bad schedule and bits', () => {
    const model = keep(tinyConvNet());
    expect(() => createInq(model, { include: /does-not-exist/ })).toThrow(
      expect.objectContaining({ code: 'NOTHING_TO_QUANTIZE' }),
    );
    expect(() => createInq(model, { include: /does-not-exist/ })).toThrow(/weights seen: .*conv2d.*\/kernel/);
    const int = new Map([
      ['i/kernel', keep(tf.variable(tf.tensor([1, 2], [2], 'int32'), true, `int-${Math.random()}`))],
    ]);
    expect(() => createInq(int)).toThrow(/'i\/kernel': is int32; only float32 weights/);
    expect(() => createInq(kernelMap([0, 0, 0]))).toThrow(/'w\/kernel': all weights are 0/);
    expect(() => createInq(kernelMap([0.1, NaN]))).toThrow(
      expect.objectContaining({ code: 'NON_FINITE_VALUE', argument: 'w/kernel' }),
    );
    expect(() => createInq(kernelMap([0.1]), { schedule: [0.5, 0.9] })).toThrow(
      expect.objectContaining({ code: 'INVALID_SCHEDULE' }),
    );
    expect(() => createInq(kernelMap([0.1]), { schedule: [0.6, 0.5, 1] })).toThrow(
      expect.objectContaining({ code: 'INVALID_SCHEDULE' }),
    );
    expect(() => createInq(kernelMap([0.1]), { bits: 9 })).toThrow(
      expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }),
    );
    expect(() => createInq(kernelMap([0.1]), { bits: 3, quantizer: uniformQuantizer({ bits: 4 }) })).toThrow(
      /differs from the given quantizer/,
    );
  });

  it('a step on diverged (NaN) weights fails and leaves the run unchanged', () => {
    const vars = kernelMap([0.5, 0.25, 0.1, 0.05]);
    const inq = keep(createInq(vars));
    inq.advance();
    const mask = Array.from(inq.frozenMask('w/kernel'));
    vars.get('w/kernel')!.assign(tf.tensor([0.5, 0.25, NaN, 0.05]));
    expect(() => inq.advance()).toThrow(expect.objectContaining({ code: 'NON_FINITE_VALUE', argument: 'w/kernel' }));
    expect(inq.step).toBe(0);
    expect(Array.from(inq.frozenMask('w/kernel'))).toEqual(mask);
  });

  it('saveState/restoreState: a fresh run over the same weights continues identically', () => {
    const values = Array.from({ length: 64 }, (_, i) => Math.cos(i * 0.7) * 0.4);
    const a = kernelMap(values, [8, 8]);
    const runA = keep(createInq(a, { bits: 6, partition: 'random', seed: 9 }));
    runA.advance();
    runA.advance();
    const state = JSON.parse(JSON.stringify(runA.saveState()));
    expect(state).toMatchObject({ format: 'qfcn-inq-state', version: 1, kind: 'power-of-two', bits: 6, step: 1 });
    // a "resumed process": new variable with the checkpoint values, new INQ run, state restored
    const b = kernelMap(Array.from(a.get('w/kernel')!.dataSync()), [8, 8]);
    const runB = keep(createInq(b, { bits: 6, partition: 'random', seed: 9 }));
    runB.restoreState(state);
    expect(runB.step).toBe(1);
    expect(Array.from(runB.frozenMask('w/kernel'))).toEqual(Array.from(runA.frozenMask('w/kernel')));
    // the frozen values are enforced after restore
    b.get('w/kernel')!.assign(tf.zeros([8, 8]));
    runB.enforce();
    const mask = runA.frozenMask('w/kernel');
    const av = a.get('w/kernel')!.dataSync();
    const bv = b.get('w/kernel')!.dataSync();
    mask.forEach((m, i) => m && expect(bv[i]).toBe(av[i]));
    b.get('w/kernel')!.assign(a.get('w/kernel')!);
    runA.finish();
    runB.finish();
    expect(bitsOf(b.get('w/kernel')!)).toEqual(bitsOf(a.get('w/kernel')!));
  });

  it('restoreState rejects foreign states, other settings and weights that are not levels where frozen', () => {
    const vars = kernelMap([0.5, 0.25, 0.1, 0.05]);
    const inq = keep(createInq(vars, { bits: 5 }));
    inq.advance();
    const state = inq.saveState();
    expect(() => inq.restoreState({ format: 'other' })).toThrow(/not an INQ state/);
    expect(() => keep(createInq(kernelMap([0.5, 0.25, 0.1, 0.05]), { bits: 6 })).restoreState(state)).toThrow(
      /saved for power-of-two at 5 bits/,
    );
    expect(() =>
      keep(createInq(kernelMap([0.5, 0.25, 0.1, 0.05]), { schedule: [0.3, 1] })).restoreState(state),
    ).toThrow(/saved with schedule/);
    expect(() => keep(createInq(kernelMap([0.5, 0.25, 0.1, 0.05], [4], 'v/kernel'))).restoreState(state)).toThrow(
      /saved for tensors \[w\/kernel\]/,
    );
    // float weights (not the checkpoint's) where the state says frozen
    expect(() => keep(createInq(kernelMap([0.51, 0.26, 0.1, 0.05]))).restoreState(state)).toThrow(
      /'w\/kernel'\[0\] = 0.5\d+ is frozen in the state but not a level/,
    );
  });

  it('leak-free: tensor count stable over advance + 50 enforce calls, back to start after dispose', () => {
    const model = keep(tinyConvNet());
    const start = tf.memory().numTensors;
    const inq = createInq(model);
    inq.advance();
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) inq.enforce();
    expect(tf.memory().numTensors).toBe(afterFirst);
    inq.finish();
    expect(tf.memory().numTensors).toBe(afterFirst);
    inq.dispose();
    expect(tf.memory().numTensors).toBe(start);
    expect(() => inq.enforce()).toThrow(/disposed/);
  });
});
