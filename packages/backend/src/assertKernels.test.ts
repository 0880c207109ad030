import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { assertKernels } from './assertKernels';
import { MissingKernelError } from './errors';
import { restoreWasmKernels } from './restoreWasmKernels';

describe('assertKernels', () => {
  it('cpu has every training kernel', () => {
    expect(() => assertKernels('cpu')).not.toThrow();
  });

  it('stock wasm lacks exactly Conv2DBackpropFilter, named in a MISSING_KERNEL error with the fix', () => {
    restoreWasmKernels();
    let error: unknown;
    try {
      assertKernels('wasm');
    } catch (e) {
      error = e;
    }
    expect(QfcnError.isInstance(error)).toBe(true);
    expect(MissingKernelError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MISSING_KERNEL', backend: 'wasm', kernels: ['Conv2DBackpropFilter'] });
    expect((error as Error).message).toBe(
      "Backend 'wasm' has no kernel for 'Conv2DBackpropFilter'. Call registerWasmTrainingKernels() or initBackend('wasm') from @qfcn/backend",
    );
  });

  it('an unknown backend lacks every listed kernel, sorted and without repeats', () => {
    expect(() => assertKernels('nowhere', ['Relu', 'Conv2D', 'Relu'])).toThrow(
      "Backend 'nowhere' has no kernel for 'Conv2D', 'Relu'",
    );
  });

  it('empty backend name: INVALID_ARGUMENT', () => {
    expect(() => assertKernels('')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('the explicit list is all that is checked', () => {
    expect(() => assertKernels('cpu', [])).not.toThrow();
    expect(() => assertKernels('cpu', ['Conv2D', 'MaxPool'])).not.toThrow();
    expect(tf.getKernel('Conv2D', 'cpu')).toBeDefined();
  });
});
