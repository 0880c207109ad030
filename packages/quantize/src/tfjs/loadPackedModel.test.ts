import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInq } from './createInq';
import { loadPackedModel } from './loadPackedModel';
import { savePackedModel } from './savePackedModel';
import { bitsOf, tinyConvNet } from './testModels';

describe('loadPackedModel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-quantize-load-model-'));
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('disk round trip of a 5-bit INQ model into a fresh instance is bit-exact', async () => {
    const model = tinyConvNet(1);
    const inq = createInq(model, { bits: 5 });
    inq.finish();
    const path = join(dir, 'm.qfcn');
    await savePackedModel(path, model, { inq });
    const fresh = tinyConvNet(5);
    expect(await loadPackedModel(path, fresh)).toEqual({ match: 'order', count: 8 });
    fresh.weights.forEach((w, i) => expect(bitsOf(w.read())).toEqual(bitsOf(model.weights[i]!.read())));
    inq.dispose();
    model.dispose();
    fresh.dispose();
  });

  it('a truncated file → CorruptFileError naming the path', async () => {
    const model = tinyConvNet(1);
    const path = join(dir, 'float.qfcn');
    await savePackedModel(path, model);
    writeFileSync(path, readFileSync(path).subarray(0, 200));
    await expect(loadPackedModel(path, model)).rejects.toMatchObject({ code: 'CORRUPT_FILE', path });
    model.dispose();
  });
});
