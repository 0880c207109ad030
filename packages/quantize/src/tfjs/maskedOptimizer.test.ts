import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findOffLevel } from '@qfcn/quantize';
import { createInq } from './createInq';
import { maskedOptimizer } from './maskedOptimizer';

const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));

/** A 2-layer regression problem: kernels 8×6 and 6×3 (quantized), biases (float). */
function problem(seed: number) {
  const vars = new Map<string, tf.Variable>([
    ['l1/kernel', tf.variable(tf.randomNormal([8, 6], 0, 0.5, 'float32', seed), true, `l1/kernel-${seed}`)],
    ['l1/bias', tf.variable(tf.zeros([6]), true, `l1/bias-${seed}`)],
    ['l2/kernel', tf.variable(tf.randomNormal([6, 3], 0, 0.5, 'float32', seed + 1), true, `l2/kernel-${seed}`)],
    ['l2/bias', tf.variable(tf.zeros([3]), true, `l2/bias-${seed}`)],
  ]);
  const x = tf.randomNormal([12, 8], 0, 1, 'float32', seed + 2);
  const y = tf.randomNormal([12, 3], 0, 1, 'float32', seed + 3);
  const loss = (l2: number) => () =>
    tf.tidy(() => {
      const h = tf.tanh(tf.add(tf.matMul(x, vars.get('l1/kernel')!), vars.get('l1/bias')!));
      const out = tf.add(tf.matMul(h, vars.get('l2/kernel')!), vars.get('l2/bias')!);
      let l = tf.losses.meanSquaredError(y, out) as tf.Scalar;
      if (l2 > 0)
        l = tf.add(
          l,
          tf.mul(l2, tf.add(tf.sum(tf.square(vars.get('l1/kernel')!)), tf.sum(tf.square(vars.get('l2/kernel')!)))),
        ) as tf.Scalar;
      return l;
    });
  const dispose = () => {
    tf.dispose([...vars.values(), x, y]);
  };
  return { vars, loss, dispose };
}

const STEPS = Number(process.env.QFCN_SLOW ? 10000 : 2000);

describe('maskedOptimizer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const configs: [string, () => tf.Optimizer, number, number][] = [
    ['SGD', () => tf.train.sgd(0.05), 0, 0],
    ['momentum 0.9 + L2 loss term', () => tf.train.momentum(0.02, 0.9), 1e-3, 0],
    ['Adam + decoupled weight decay 1e-3', () => tf.train.adam(0.01), 0, 1e-3],
    ['Adam + L2 loss term', () => tf.train.adam(0.01), 1e-3, 0],
  ];

  it.each(configs)(
    `%s, ${STEPS} steps over the schedule 0.5/0.75/0.875/1: frozen bit-identical, free still learning, all levels at the end`,
    (_, makeOptimizer, l2, weightDecay) => {
      const { vars, loss, dispose } = problem(11);
      const inq = createInq(vars, { bits: 5 });
      const optimizer = maskedOptimizer(makeOptimizer(), inq, { weightDecay });
      const perStep = STEPS / inq.schedule.length;
      let tensorsAtPhaseEnd: number | undefined;
      for (let s = 0; s < inq.schedule.length; s++) {
        inq.advance();
        const start = new Map([...vars].map(([n, v]) => [n, bits(v)]));
        for (let i = 0; i < perStep; i++) optimizer.minimize(loss(l2), true)?.dispose();
        for (const name of inq.names) {
          const mask = inq.frozenMask(name);
          const now = bits(vars.get(name)!);
          const before = start.get(name)!;
          let frozenMoved = 0;
          let freeStill = 0;
          mask.forEach((m, i) => {
            if (m && now[i] !== before[i]) frozenMoved++;
            if (!m && now[i] === before[i]) freeStill++;
          });
          expect(frozenMoved, `${name} step ${s}: frozen entries that moved`).toBe(0);
          expect(freeStill, `${name} step ${s}: free entries that did not move`).toBe(0);
        }
        for (const bias of ['l1/bias', 'l2/bias']) expect(bits(vars.get(bias)!)).not.toEqual(start.get(bias));
        const n = tf.memory().numTensors;
        if (tensorsAtPhaseEnd !== undefined) expect(n, 'tensors leaked during a phase').toBe(tensorsAtPhaseEnd);
        tensorsAtPhaseEnd = n;
      }
      expect(inq.done).toBe(true);
      for (const [name, p] of inq.params()) {
        expect(findOffLevel(vars.get(name)!.dataSync() as Float32Array, p), name).toBe(-1);
      }
      inq.dispose();
      optimizer.dispose();
      dispose();
    },
  );

  it('control: masking only the gradient lets momentum move frozen weights (why the final update is masked)', () => {
    const { vars, loss, dispose } = problem(21);
    const inq = createInq(vars, { bits: 5 });
    const optimizer = tf.train.momentum(0.02, 0.9);
    // build up velocity first, then freeze half and keep training with masked gradients only
    for (let i = 0; i < 20; i++) optimizer.minimize(loss(0), true)?.dispose();
    inq.advance();
    const frozen = bits(vars.get('l1/kernel')!);
    const mask = inq.frozenMask('l1/kernel');
    const maskTensor = tf.tensor(mask, [8, 6], 'float32');
    for (let i = 0; i < 20; i++) {
      const { value, grads } = tf.variableGrads(loss(0), [...vars.values()]);
      const g = grads[vars.get('l1/kernel')!.name]!;
      grads[vars.get('l1/kernel')!.name] = tf.mul(g, tf.sub(1, maskTensor));
      optimizer.applyGradients(grads as never);
      tf.dispose([value, g, ...Object.values(grads)]);
    }
    const now = bits(vars.get('l1/kernel')!);
    const moved = [...mask].filter((m, i) => m && now[i] !== frozen[i]).length;
    expect(moved).toBeGreaterThan(0);
    tf.dispose(maskTensor);
    inq.dispose();
    optimizer.dispose();
    dispose();
  });

  it('works as a model.compile optimizer (it is a tf.Optimizer) and delegates iterations', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    const inq = createInq(model, { bits: 6 });
    const optimizer = maskedOptimizer(tf.train.adam(0.01), inq);
    model.compile({ optimizer, loss: 'meanSquaredError' });
    inq.advance();
    const kernel = model.weights[0]!.read();
    const frozen = bits(kernel);
    const mask = inq.frozenMask(model.weights[0]!.name);
    const x = tf.randomNormal([8, 3], 0, 1, 'float32', 5);
    const y = tf.randomNormal([8, 2], 0, 1, 'float32', 6);
    await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
    expect(optimizer.iterations).toBe(6);
    const now = bits(model.weights[0]!.read());
    expect([...mask].filter((m, i) => m && now[i] !== frozen[i])).toEqual([]);
    tf.dispose([x, y]);
    inq.dispose();
    model.dispose();
  });

  it('bad input: not an optimizer, no INQ, weightDecay 1', () => {
    expect(() => maskedOptimizer({} as tf.Optimizer, { enforce() {} })).toThrow(/expected a tf.Optimizer/);
    expect(() => maskedOptimizer(tf.train.sgd(0.1), {} as never)).toThrow(/expected an INQ run/);
    expect(() => maskedOptimizer(tf.train.sgd(0.1), { enforce() {} }, { weightDecay: 1 })).toThrow(/\[0, 1\)/);
  });
});
