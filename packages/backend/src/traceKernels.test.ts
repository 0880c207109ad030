import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { traceKernels } from './traceKernels';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('traceKernels', () => {
  it('relu(conv2d) of 1x4x4x1 by 3x3x1x2 same: Conv2D, Relu', async () => {
    const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
    const w = tf.ones([3, 3, 1, 2]) as tf.Tensor4D;
    expect(await traceKernels(() => tf.tidy(() => tf.relu(tf.conv2d(x, w, 1, 'same'))))).toEqual(['Conv2D', 'Relu']);
    tf.dispose([x, w]);
  });

  it('gradient of sum(conv2d) w.r.t. filter adds the backward kernels', async () => {
    const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
    const w = tf.ones([3, 3, 1, 2]) as tf.Tensor4D;
    const names = await traceKernels(() =>
      tf.tidy(() => tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(x, f as tf.Tensor4D, 1, 'same')))(w)),
    );
    expect(names).toContain('Conv2D');
    expect(names).toContain('Conv2DBackpropFilter');
    expect(names).not.toContain('Conv2DBackpropInput'); // x is not differentiated
    tf.dispose([x, w]);
  });

  it('custom-gradient pseudo kernels are dropped: fused conv traces as FusedConv2D only', async () => {
    const x = tf.ones([1, 3, 3, 1]) as tf.Tensor4D;
    const w = tf.ones([1, 1, 1, 1]) as tf.Tensor4D;
    const names = await traceKernels(() =>
      tf.tidy(() =>
        tf.grad((f: tf.Tensor) => tf.sum(tf.fused.conv2d({ x, filter: f as tf.Tensor4D, strides: 1, pad: 'same' })))(w),
      ),
    );
    expect(names).toContain('FusedConv2D');
    expect(names.some((n) => n.endsWith('__op'))).toBe(false);
    tf.dispose([x, w]);
  });

  it('async functions are awaited; numbers of tensors unchanged afterwards', async () => {
    const before = tf.memory().numTensors;
    const names = await traceKernels(async () => {
      const s = tf.scalar(3);
      const t = tf.square(s);
      await t.data();
      tf.dispose([s, t]);
    });
    expect(names).toEqual(['Square']);
    expect(tf.memory().numTensors).toBe(before);
  });
});
