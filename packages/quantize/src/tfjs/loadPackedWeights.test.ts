import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInq } from './createInq';
import { loadPackedWeights } from './loadPackedWeights';
import { packModel } from './packModel';
import { bitsOf, tinyConvNet } from './testModels';

describe('loadPackedWeights', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('7-bit INQ model → bytes → fresh model: same weights and same predictions, bit for bit', () => {
    const model = tinyConvNet(1);
    const inq = createInq(model, { bits: 7 });
    inq.finish();
    const bytes = packModel(model, { inq });
    const fresh = tinyConvNet(9);
    expect(loadPackedWeights(fresh, bytes)).toEqual({ match: 'order', count: 8 });
    fresh.weights.forEach((w, i) => expect(bitsOf(w.read()), w.name).toEqual(bitsOf(model.weights[i]!.read())));
    const x = tf.randomNormal([3, 6, 6, 1], 0, 1, 'float32', 4);
    const p1 = model.predict(x) as tf.Tensor;
    const p2 = fresh.predict(x) as tf.Tensor;
    expect(bitsOf(p2)).toEqual(bitsOf(p1));
    tf.dispose([x, p1, p2]);
    inq.dispose();
    model.dispose();
    fresh.dispose();
  });

  it('corrupt bytes → CorruptFileError before anything is written; unknown match mode', () => {
    const model = tinyConvNet(1);
    const inq = createInq(model, { bits: 5 });
    inq.finish();
    const good = packModel(model, { inq });
    const bytes = good.slice();
    bytes[100]! ^= 1;
    const fresh = tinyConvNet(2);
    const before = bitsOf(fresh.weights[0]!.read());
    expect(() => loadPackedWeights(fresh, bytes, { path: 'm.qfcn' })).toThrow(/^m.qfcn: checksum mismatch/);
    expect(bitsOf(fresh.weights[0]!.read())).toEqual(before);
    expect(() => loadPackedWeights(fresh, good, { match: 'fuzzy' as never })).toThrow(/'auto', 'name' or 'order'/);
    inq.dispose();
    model.dispose();
    fresh.dispose();
  });
});
