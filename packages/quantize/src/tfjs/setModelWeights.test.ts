import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setModelWeights } from './setModelWeights';
import { bitsOf, tinyConvNet } from './testModels';
import { modelWeightTensors } from './packModel';

describe('setModelWeights', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('into a second instance of the same architecture (other layer names): matched by order, bit-exact', () => {
    const a = tinyConvNet(1);
    const b = tinyConvNet(2);
    expect(a.weights[0]!.name).not.toBe(b.weights[0]!.name);
    expect(setModelWeights(b, modelWeightTensors(a))).toEqual({ match: 'order', count: 8 });
    b.weights.forEach((w, i) => expect(bitsOf(w.read())).toEqual(bitsOf(a.weights[i]!.read())));
    a.dispose();
    b.dispose();
  });

  it('by name into a Map, in any order', () => {
    const x = tf.variable(tf.zeros([2]), true, `set-x-${Math.random()}`);
    const y = tf.variable(tf.zeros([1]), true, `set-y-${Math.random()}`);
    const target = new Map([
      ['x', x],
      ['y', y],
    ]);
    const result = setModelWeights(target, [
      { name: 'y', shape: [1], values: Float32Array.of(3) },
      { name: 'x', shape: [2], values: Float32Array.of(1, 2) },
    ]);
    expect(result).toEqual({ match: 'name', count: 2 });
    expect(Array.from(x.dataSync())).toEqual([1, 2]);
    expect(Array.from(y.dataSync())).toEqual([3]);
    tf.dispose([x, y]);
  });

  it('a NaN or Infinity in a stored tensor names it and leaves every variable untouched', () => {
    const x = tf.variable(tf.zeros([2]), true, `set-x3-${Math.random()}`);
    const y = tf.variable(tf.zeros([1]), true, `set-y3-${Math.random()}`);
    const target = new Map([
      ['x', x],
      ['y', y],
    ]);
    for (const bad of [Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(() =>
        setModelWeights(target, [
          { name: 'x', shape: [2], values: Float32Array.of(1, 2) },
          { name: 'y', shape: [1], values: Float32Array.of(bad) },
        ]),
      ).toThrow(new RegExp(`'y': the stored tensor 'y' holds ${bad} at index 0; weights must be finite`));
      expect(Array.from(x.dataSync())).toEqual([0, 0]);
    }
    tf.dispose([x, y]);
  });

  it('a shape mismatch names the weight and leaves every variable untouched', () => {
    const x = tf.variable(tf.zeros([2]), true, `set-x2-${Math.random()}`);
    const y = tf.variable(tf.zeros([1]), true, `set-y2-${Math.random()}`);
    const target = new Map([
      ['x', x],
      ['y', y],
    ]);
    expect(() =>
      setModelWeights(target, [
        { name: 'x', shape: [2], values: Float32Array.of(1, 2) },
        { name: 'y', shape: [2], values: Float32Array.of(1, 2) },
      ]),
    ).toThrow(/'y': has shape \[1\], the stored tensor 'y' has \[2\]/);
    expect(Array.from(x.dataSync())).toEqual([0, 0]);
    expect(() => setModelWeights(target, [{ name: 'x', shape: [2], values: Float32Array.of(1, 2) }])).toThrow(
      /1 stored tensors, the model has 2 weights/,
    );
    expect(() =>
      setModelWeights(
        target,
        [
          { name: 'x', shape: [2], values: new Float32Array(2) },
          { name: 'z', shape: [1], values: new Float32Array(1) },
        ],
        { match: 'name' },
      ),
    ).toThrow(/no weights named z/);
    tf.dispose([x, y]);
  });
});
