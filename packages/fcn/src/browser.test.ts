import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserBundle } from '../../../test-support/browserBundle';

describe('@qfcn/fcn in the browser', () => {
  it('the root browser entry (loadModelFrom, predictImage, toInstances, FcnEnsemble) bundles with platform browser and pulls in no Node built-in', async () => {
    const r = await browserBundle(resolve(import.meta.dirname, 'browser.ts'));
    expect(r.errors).toEqual([]);
    expect(r.nodeBuiltins).toEqual([]);
  }, 120_000);

  it('importing the Node entry registers no wasm backend (only initBackend chooses backends)', async () => {
    const tf = await import('@tensorflow/tfjs');
    await import('./index');
    expect(tf.findBackendFactory('wasm')).toBeNull();
  }, 120_000);
});
