import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { requiredGradientKernels, requiredInferenceKernels, requiredTrainingKernels } from './requiredKernels';
import { createProbeNet } from './test/createProbeNet';
import { createLayersProbe } from './test/layersProbe';
import { traceKernels } from './traceKernels';

tf.env().set('PROD', true);

const union = (...lists: string[][]) => [...new Set(lists.flat())].sort();

describe('required kernel lists match a trace of the FCN ops on cpu (probe net 2x8x8x3, raw ops and tf.layers)', () => {
  let raw: { train: string[]; infer: string[]; loss: string[] };
  let layers: { train: string[]; infer: string[]; loss: string[] };

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor4d(
      Array.from({ length: 2 * 8 * 8 * 3 }, (_, i) => (i * 37) % 255),
      [2, 8, 8, 3],
    );
    const t = tf.tensor4d(
      Array.from({ length: 2 * 8 * 8 * 2 }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0)),
      [2, 8, 8, 2],
    );
    const net = createProbeNet();
    const adam = tf.train.adam(5e-4);
    raw = {
      train: await traceKernels(() => net.trainStep(adam, x, t)),
      infer: await traceKernels(() => tf.tidy(() => net.forward(x).probabilities)),
      loss: await traceKernels(() => tf.tidy(() => net.loss(x, t))),
    };
    const model = createLayersProbe();
    const t1 = tf.slice(t, [0, 0, 0, 0], [2, 8, 8, 1]);
    const lossFn = () =>
      tf.tidy(() => {
        const [object] = model.apply(x, { training: true }) as tf.Tensor[];
        return tf.mean(tf.metrics.binaryCrossentropy(t1, object!)) as tf.Scalar;
      });
    const adam2 = tf.train.adam(5e-4);
    layers = {
      train: await traceKernels(() => adam2.minimize(lossFn, true)?.dispose()),
      infer: await traceKernels(() => tf.tidy(() => model.predict(x))),
      loss: await traceKernels(lossFn),
    };
    net.dispose();
    model.dispose();
    tf.dispose([x, t, t1]);
  });

  it('requiredTrainingKernels = kernels of one Adam training step', () => {
    expect([...requiredTrainingKernels]).toEqual(union(raw.train, layers.train));
  });

  it('requiredInferenceKernels = kernels of one forward pass', () => {
    expect([...requiredInferenceKernels]).toEqual(union(raw.infer, layers.infer));
  });

  it('requiredGradientKernels = forward kernels of the loss with a registered gradient', () => {
    const forward = union(raw.loss, layers.loss);
    expect([...requiredGradientKernels]).toEqual(forward.filter((k) => tf.getGradient(k) != null));
    // The rest carry their own gradient (tf.customGrad): only FusedConv2D here.
    expect(forward.filter((k) => tf.getGradient(k) == null)).toEqual(['FusedConv2D']);
  });

  it('the training list contains the conv backprops, pooling and resize gradients', () => {
    for (const k of [
      'Conv2DBackpropFilter',
      'Conv2DBackpropInput',
      'MaxPoolGrad',
      'ResizeBilinearGrad',
      'FusedBatchNorm',
    ]) {
      expect(requiredTrainingKernels).toContain(k);
    }
  });
});
