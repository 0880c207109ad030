import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from './initBackend';

// The browser initBackend, run in Node: no navigator.gpu, no webgl; the candidates it skips say why.
describe('initBackend (browser entry)', () => {
  it('auto without webgpu/webgl and with wasm failing to load: cpu, and the reason names every skipped candidate', async () => {
    const lines: string[] = [];
    const info = await initBackend('auto', {
      log: (l) => lines.push(l),
      importModule: async (s) => {
        throw new Error(`${s} blocked in this test`);
      },
    });
    expect(info.name).toBe('cpu');
    expect(info.reason).toMatch(
      /^auto: webgpu: navigator\.gpu is absent; webgl: .*; wasm: @tensorflow\/tfjs-backend-wasm failed to load: .*blocked in this test; so cpu/,
    );
    expect(lines).toEqual([`qfcn backend: cpu (${info.reason})`]);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('a named backend that is not registered: BackendUnavailableError listing the registered ones', async () => {
    await expect(initBackend('webgpu', { log: false })).rejects.toThrow(/navigator\.gpu is absent/);
    await expect(initBackend('nope', { log: false })).rejects.toThrow(
      /no backend named 'nope' is registered \(registered: .*cpu/,
    );
  });

  it('bad options: InvalidArgumentError', async () => {
    await expect(initBackend('auto', { wasmThreads: 9 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(initBackend('auto', { check: 'x' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
