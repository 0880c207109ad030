import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { assertGradients } from './assertGradients';

describe('assertGradients', () => {
  it('with @tensorflow/tfjs imported every required gradient is registered', () => {
    expect(() => assertGradients()).not.toThrow();
  });

  it('Relu gradient unregistered: MISSING_GRADIENT naming Relu and how to fix it', () => {
    const relu = tf.getGradient('Relu')!;
    tf.unregisterGradient('Relu');
    try {
      expect(() => assertGradients()).toThrow(expect.objectContaining({ code: 'MISSING_GRADIENT', kernels: ['Relu'] }));
      expect(() => assertGradients()).toThrow(/No gradient registered for 'Relu'\. Import '@tensorflow\/tfjs'/);
    } finally {
      tf.registerGradient(relu);
    }
  });

  it('an explicit list: unknown kernel names are reported sorted', () => {
    expect(() => assertGradients(['Zeta2', 'Conv2D', 'Alpha1'])).toThrow(
      "No gradient registered for 'Alpha1', 'Zeta2'",
    );
  });
});
