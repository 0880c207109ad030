import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { assertKernels } from './assertKernels';
import { initBackend } from './initBackend';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels';
import { restoreWasmKernels } from './restoreWasmKernels';

tf.env().set('PROD', true);

/** An importer for which nothing optional is installed (the situation on this machine). */
const nothingInstalled = async (specifier: string): Promise<never> => {
  const error = new Error(`Cannot find package '${specifier}' imported from /app/index.js`) as Error & { code: string };
  error.code = 'ERR_MODULE_NOT_FOUND';
  throw error;
};

/** A fake `@qfcn/backend-native`: registers `qfcn-native` as a cpu clone lacking `without`. */
function fakeNative(result: { ok: boolean; reason: string; threads?: number }, without: string[] = []) {
  return async (specifier: string) => {
    if (specifier !== '@qfcn/backend-native') return nothingInstalled(specifier);
    return {
      registerNativeBackend: async () => {
        if (!result.ok) return result;
        for (const k of tf.getKernelsForBackend('cpu')) {
          if (!without.includes(k.kernelName)) tf.registerKernel({ ...k, backendName: 'qfcn-native' });
        }
        tf.registerBackend('qfcn-native', () => new MathBackendCPU(), 0);
        return result;
      },
    };
  };
}

function removeFakeNative() {
  if (tf.findBackendFactory('qfcn-native') == null) return;
  if (tf.getBackend() === 'qfcn-native') tf.setBackend('cpu');
  for (const k of tf.getKernelsForBackend('qfcn-native')) tf.unregisterKernel(k.kernelName, 'qfcn-native');
  tf.removeBackend('qfcn-native');
}

afterEach(async () => {
  removeFakeNative();
  registerWasmTrainingKernels();
  await tf.setBackend('cpu');
});

describe('initBackend explicit choices', () => {
  it('cpu: name cpu, 1 thread, the 3 fused kernels (QfcnAdamUpdate, ...)', async () => {
    const info = await initBackend('cpu', { log: false });
    expect(info).toMatchObject({
      name: 'cpu',
      threads: 1,
      addedKernels: ['QfcnAdamUpdate', 'QfcnBatchNormTraining', 'QfcnBatchNormTrainingGrad'],
    }); // the fused kernels only
    expect(info.reason).toMatch(/^requested 'cpu'/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('wasm: registers its 9 kernels (Conv2DBackpropFilter, ...), passes the training check', async () => {
    const info = await initBackend('wasm', { log: false });
    expect(info.name).toBe('wasm');
    expect(info.threads).toBe(Math.min(8, availableParallelism())); // threaded build, every core
    expect(info.addedKernels).toEqual([
      'Conv2DBackpropFilter',
      'Conv2DBackpropInput',
      'MaxPoolGrad',
      'Tile',
      'Sum',
      'Mean',
      'Concat',
      'SplitV',
      'Identity',
      'QfcnAdamUpdate',
      'QfcnBatchNormTraining',
      'QfcnBatchNormTrainingGrad',
    ]);
    expect(info.reason).toContain('XNNPACK');
    expect(tf.getBackend()).toBe('wasm');
    expect(() => assertKernels('wasm')).not.toThrow();
  });

  it('wasmThreads outside 1..8 (0, 9, 2.5): InvalidArgumentError naming options.wasmThreads', async () => {
    for (const wasmThreads of [0, 9, 2.5]) {
      await expect(initBackend('wasm', { log: false, wasmThreads })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('options.wasmThreads'),
      });
    }
  });

  it('wasm without qfcn kernels: MissingKernelError naming Conv2DBackpropFilter', async () => {
    restoreWasmKernels();
    const error = await initBackend('wasm', { log: false, wasmKernels: false }).catch((e: unknown) => e);
    expect(QfcnError.isInstance(error)).toBe(true);
    expect((error as QfcnError).code).toBe('MISSING_KERNEL');
    expect((error as { kernels: string[] }).kernels).toEqual(['Conv2DBackpropFilter']);
    expect((error as Error).message).toContain("'wasm'");
  });

  it('wasm without qfcn kernels is fine for inference', async () => {
    restoreWasmKernels();
    const info = await initBackend('wasm', { log: false, wasmKernels: false, check: 'inference' });
    expect(info).toMatchObject({
      name: 'wasm',
      addedKernels: ['QfcnAdamUpdate', 'QfcnBatchNormTraining', 'QfcnBatchNormTrainingGrad'],
    });
  });

  it('tensorflow when tfjs-node is not installed (real importer): BACKEND_UNAVAILABLE naming both packages', async () => {
    const error = await initBackend('tensorflow', { log: false }).catch((e: unknown) => e);
    expect((error as QfcnError).code).toBe('BACKEND_UNAVAILABLE');
    expect((error as Error).message).toContain('@tensorflow/tfjs-node-gpu not installed');
    expect((error as Error).message).toContain('@tensorflow/tfjs-node not installed');
  });

  it('tensorflow whose package is there but fails to load: the load error is reported', async () => {
    const broken = async (specifier: string) => {
      throw new Error(`${specifier}: libtensorflow.so.2: cannot open shared object file`);
    };
    const error = await initBackend('tensorflow', { log: false, importModule: broken }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('@tensorflow/tfjs-node failed to load');
    expect((error as Error).message).toContain('libtensorflow.so.2');
  });

  it('an unregistered name: BACKEND_UNAVAILABLE listing the registered ones', async () => {
    const error = await initBackend('webgpu-nope', { log: false }).catch((e: unknown) => e);
    expect((error as QfcnError).code).toBe('BACKEND_UNAVAILABLE');
    expect((error as Error).message).toMatch(/registered: .*cpu.*wasm/);
  });

  it('invalid arguments: INVALID_ARGUMENT', async () => {
    await expect(initBackend('' as string, { log: false })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(initBackend('cpu', { log: false, check: 'everything' as 'none' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('training check without registered gradients: MISSING_GRADIENT naming the kernel', async () => {
    const relu = tf.getGradient('Relu')!;
    tf.unregisterGradient('Relu');
    try {
      await expect(initBackend('cpu', { log: false })).rejects.toMatchObject({
        code: 'MISSING_GRADIENT',
        kernels: ['Relu'],
      });
    } finally {
      tf.registerGradient(relu);
    }
  });
});

describe('initBackend auto', () => {
  it('nothing optional installed: wasm, with one log line giving every reason', async () => {
    const lines: string[] = [];
    const info = await initBackend('auto', { log: (line) => lines.push(line), importModule: nothingInstalled });
    expect(info.name).toBe('wasm');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toContain(info.reason);
    expect(info.reason).toMatch(
      /^auto: @tensorflow\/tfjs-node-gpu not installed; @tensorflow\/tfjs-node not installed; @qfcn\/backend-native not installed; so wasm/,
    );
  });

  it('qfcn-native installed and loading: chosen before wasm, with its reason and threads', async () => {
    const info = await initBackend('auto', {
      log: false,
      importModule: fakeNative({ ok: true, reason: 'oneDNN 3.0 via libdnnl.so.3', threads: 2 }),
    });
    expect(info).toMatchObject({
      name: 'qfcn-native',
      threads: 2,
      addedKernels: ['QfcnAdamUpdate', 'QfcnBatchNormTraining', 'QfcnBatchNormTrainingGrad'],
    });
    expect(info.reason).toContain('oneDNN 3.0 via libdnnl.so.3');
    expect(tf.getBackend()).toBe('qfcn-native');
  });

  it('qfcn-native installed but its addon missing: falls back to wasm saying why', async () => {
    const info = await initBackend('auto', {
      log: false,
      importModule: fakeNative({ ok: false, reason: 'addon not built: libdnnl-dev was not installed' }),
    });
    expect(info.name).toBe('wasm');
    expect(info.reason).toContain('@qfcn/backend-native unavailable: addon not built: libdnnl-dev was not installed');
  });

  it('qfcn-native lacking a training kernel: skipped, the kernel named', async () => {
    const info = await initBackend('auto', {
      log: false,
      importModule: fakeNative({ ok: true, reason: 'fake' }, ['MaxPoolGrad']),
    });
    expect(info.name).toBe('wasm');
    expect(info.reason).toContain('qfcn-native lacks MaxPoolGrad');
  });

  it('real importer: picks a backend that passes the training check', async () => {
    const info = await initBackend('auto', { log: false });
    expect(info.reason.startsWith('auto: ')).toBe(true);
    expect(['tensorflow', 'qfcn-native', 'wasm']).toContain(info.name);
    expect(() => assertKernels(info.name)).not.toThrow();
  });
});
