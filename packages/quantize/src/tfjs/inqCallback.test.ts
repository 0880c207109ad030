import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findOffLevel } from '@qfcn/quantize';
import { createInq } from './createInq';
import { inqCallback } from './inqCallback';
import { bitsOf, tinyConvNet } from './testModels';

describe('inqCallback', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('model.fit with plain Adam + L2 regularizer: frozen kernel entries bit-identical, the rest learns, no leaks', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          inputShape: [5],
          units: 8,
          activation: 'relu',
          kernelRegularizer: tf.regularizers.l2({ l2: 1e-3 }),
          kernelInitializer: tf.initializers.glorotNormal({ seed: 1 }),
        }),
        tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotNormal({ seed: 2 }) }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const x = tf.randomNormal([32, 5], 0, 1, 'float32', 3);
    const y = tf.randomNormal([32, 2], 0, 1, 'float32', 4);
    const inq = createInq(model, { bits: 7 });
    const callback = inqCallback(inq);
    let tensors: number | undefined;
    for (let s = 0; s < inq.schedule.length; s++) {
      inq.advance();
      const before = model.weights.map((w) => bitsOf(w.read()));
      await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, callbacks: [callback] });
      model.weights.forEach((w, k) => {
        const now = bitsOf(w.read());
        if (!inq.names.includes(w.name)) {
          expect(now, `${w.name} (float) learns`).not.toEqual(before[k]);
          return;
        }
        const mask = inq.frozenMask(w.name);
        expect(
          [...mask].filter((m, i) => m && now[i] !== before[k]![i]),
          `${w.name} step ${s}`,
        ).toEqual([]);
        expect(
          [...mask].filter((m, i) => !m && now[i] === before[k]![i]),
          `${w.name} step ${s}`,
        ).toEqual([]);
      });
      if (tensors !== undefined) expect(tf.memory().numTensors).toBe(tensors);
      tensors = tf.memory().numTensors;
    }
    for (const [name, p] of inq.params()) {
      expect(
        findOffLevel(
          model.weights
            .find((w) => w.name === name)!
            .read()
            .dataSync() as Float32Array,
          p,
        ),
      ).toBe(-1);
    }
    tf.dispose([x, y]);
    inq.dispose();
    model.dispose();
  });

  it('epochsPerStep 1 with 4 epochs walks the whole schedule inside one fit call', async () => {
    const model = tinyConvNet(3);
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
    const x = tf.randomNormal([4, 6, 6, 1], 0, 1, 'float32', 5);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0], 'int32'), 3);
    const inq = createInq(model, { bits: 5 });
    const steps: number[] = [];
    await model.fit(x, y, {
      epochs: 4,
      verbose: 0,
      callbacks: [inqCallback(inq, { epochsPerStep: 1 }), { onEpochEnd: async () => void steps.push(inq.step) }],
    });
    expect(steps).toEqual([0, 1, 2, 3]);
    tf.dispose([x, y]);
    inq.dispose();
    model.dispose();
  });

  it('finishOnTrainEnd: one epoch without any advance() still ends fully quantized', async () => {
    const model = tinyConvNet(4);
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
    const x = tf.randomNormal([4, 6, 6, 1], 0, 1, 'float32', 6);
    const y = tf.oneHot(tf.tensor1d([2, 1, 0, 0], 'int32'), 3);
    const inq = createInq(model, { bits: 5 });
    await model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [inqCallback(inq, { finishOnTrainEnd: true })] });
    expect(inq.done).toBe(true);
    for (const [name, p] of inq.params()) {
      expect(
        findOffLevel(
          model.weights
            .find((w) => w.name === name)!
            .read()
            .dataSync() as Float32Array,
          p,
        ),
      ).toBe(-1);
    }
    tf.dispose([x, y]);
    inq.dispose();
    model.dispose();
  });

  it('bad input: no INQ run, epochsPerStep 1.5', () => {
    expect(() => inqCallback(null as never)).toThrow(/expected an INQ run/);
    expect(() => inqCallback({ enforce() {} } as never, { epochsPerStep: 1.5 })).toThrow(/integer ≥ 1/);
  });
});
