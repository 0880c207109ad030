import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sizeReport, unpackWeights } from '@qfcn/quantize';
import { createInq } from './createInq';
import { modelWeightTensors, packModel } from './packModel';
import { tinyConvNet } from './testModels';

describe('packModel', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('tiny conv net after 5-bit INQ: kernels as 5-bit codes (6.4× for the 432 dense weights), the rest float32', () => {
    const model = tinyConvNet();
    const inq = createInq(model, { bits: 5 });
    inq.finish();
    const bytes = packModel(model, { inq });
    const { tensors } = unpackWeights(bytes);
    expect(tensors.map((t) => t.name)).toEqual(model.weights.map((w) => w.name));
    expect(tensors.map((t) => t.quantization?.kind ?? 'float32')).toEqual([
      'power-of-two',
      'float32',
      'float32',
      'float32',
      'power-of-two',
      'float32',
      'float32',
      'float32',
    ]);
    const report = sizeReport(bytes);
    // dense 144×3 = 432 weights → 270 bytes of 5-bit codes: exactly 6.4×;
    // conv 3×3×1×4 = 36 weights → 22.5 bytes, padded to 23
    expect(report.tensors[4]).toMatchObject({ count: 432, floatBytes: 1728, packedBytes: 270 });
    expect(report.tensors[4]!.floatBytes / report.tensors[4]!.packedBytes).toBe(6.4);
    expect(report.tensors[0]).toMatchObject({ count: 36, floatBytes: 144, packedBytes: 23 });
    expect(report.quantized).toEqual({ tensors: 2, count: 468, floatBytes: 1872, packedBytes: 293, ratio: 1872 / 293 });
    expect(report.packedBytes).toBe(bytes.length);
    inq.dispose();
    model.dispose();
  });

  it('modelWeightTensors: extra params by name; unknown names rejected', () => {
    const model = tinyConvNet();
    const name = model.weights[0]!.name;
    const inq = createInq(model, { include: name, bits: 3 });
    inq.finish();
    const tensors = modelWeightTensors(model, { params: { [name]: inq.params().get(name)! } });
    expect(tensors[0]!.quantization).toEqual(inq.params().get(name));
    expect(tensors.filter((t) => t.quantization)).toHaveLength(1);
    expect(() =>
      modelWeightTensors(model, { params: { 'no/such': { kind: 'power-of-two', bits: 3, n1: 0 } } }),
    ).toThrow(/no weight named 'no\/such'/);
    inq.dispose();
    model.dispose();
  });

  it('INQ not finished → NotOnLevelError telling to quantize first', () => {
    const model = tinyConvNet();
    const inq = createInq(model, { bits: 5 });
    inq.advance();
    expect(() => packModel(model, { inq })).toThrow(expect.objectContaining({ code: 'NOT_ON_LEVEL' }));
    inq.dispose();
    model.dispose();
  });
});
