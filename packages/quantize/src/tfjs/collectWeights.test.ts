import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectWeights } from './collectWeights';
import { tinyConvNet } from './testModels';

describe('collectWeights', () => {
  let model: tf.LayersModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = tinyConvNet();
  });
  afterAll(() => model.dispose());

  it('tiny conv net: 8 weights in model.weights order (trainable first), incl. batch-norm moving statistics', () => {
    const vars = collectWeights(model);
    const suffixes = [...vars.keys()].map((n) => n.split('/').pop());
    expect(suffixes).toEqual(['kernel', 'bias', 'gamma', 'beta', 'kernel', 'bias', 'moving_mean', 'moving_variance']);
    expect([...vars.keys()]).toEqual(model.weights.map((w) => w.originalName));
    // the values are the variables optimizers update
    expect([...vars.values()][0]).toBe(model.weights[0]!.read());
    expect([...vars.values()][0]!.shape).toEqual([3, 3, 1, 4]);
  });

  it('two models with the same layer names: keys are the stable originalName, not the suffixed name', () => {
    const a = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], name: 'same' })] });
    const b = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], name: 'same' })] });
    try {
      expect(b.weights[0]!.name).not.toBe(a.weights[0]!.name);
      expect([...collectWeights(a).keys()]).toEqual(['same/kernel', 'same/bias']);
      expect([...collectWeights(b).keys()]).toEqual(['same/kernel', 'same/bias']);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('a Map of variables or LayerVariables and a record keep their keys', () => {
    const a = tf.variable(tf.zeros([2]), true, 'collect-a');
    const fromMap = collectWeights(
      new Map<string, unknown>([
        ['a', a],
        ['k', model.weights[0]],
      ]) as never,
    );
    expect([...fromMap.keys()]).toEqual(['a', 'k']);
    expect(fromMap.get('k')).toBe(model.weights[0]!.read());
    expect(collectWeights({ first: a }).get('first')).toBe(a);
    a.dispose();
  });

  it('a plain tensor, a number and null are rejected', () => {
    const t = tf.zeros([2]);
    expect(() => collectWeights({ t } as never)).toThrow(/Invalid argument 't': expected a tf.Variable/);
    expect(() => collectWeights({ n: 3 } as never)).toThrow(/expected a tf.Variable/);
    expect(() => collectWeights(null as never)).toThrow(/expected a tf.LayersModel/);
    t.dispose();
  });
});
