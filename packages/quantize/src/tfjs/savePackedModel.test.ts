import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInq } from './createInq';
import { packModel } from './packModel';
import { savePackedModel } from './savePackedModel';
import { tinyConvNet } from './testModels';

describe('savePackedModel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-quantize-model-'));
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the packModel bytes atomically (no temporary file left)', async () => {
    const model = tinyConvNet();
    const inq = createInq(model, { bits: 6 });
    inq.finish();
    const path = join(dir, 'tiny.qfcn');
    const n = await savePackedModel(path, model, { inq });
    expect(Array.from(readFileSync(path))).toEqual(Array.from(packModel(model, { inq })));
    expect(n).toBe(readFileSync(path).length);
    expect(readdirSync(dir)).toEqual(['tiny.qfcn']);
    inq.dispose();
    model.dispose();
  });

  it('an unfinished INQ run writes nothing', async () => {
    const model = tinyConvNet();
    const inq = createInq(model, { bits: 6 });
    inq.advance();
    await expect(savePackedModel(join(dir, 'half.qfcn'), model, { inq })).rejects.toMatchObject({
      code: 'NOT_ON_LEVEL',
    });
    expect(readdirSync(dir)).not.toContain('half.qfcn');
    inq.dispose();
    model.dispose();
  });
});
