import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectFcn } from '../inspectFcn';
import { createTestFcn } from './createTestFcn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('createTestFcn', () => {
  it('2 stages of 8 channels, divisor 2, 8-d descriptor; seed 1 by default', () => {
    const model = createTestFcn();
    const info = inspectFcn(model);
    expect([info.stages, info.channels, info.divisor, info.descriptorSize]).toEqual([2, [8, 8], 2, 8]);
    const again = createTestFcn({ seed: 1 });
    expect(again.getWeights()[0]!.dataSync()).toEqual(model.getWeights()[0]!.dataSync());
    // 3x3 3→8 + BN, 3x3 8→8 + BN (248 + 608); 2 bottlenecks 8→2→2→8 (2 x 116); decoder 2 x (1x1 8→4 + BN)
    // + one 4x4x4x4 transposed conv (352); fuse 3x3 8→4 + BN, 1x1 4→4 + BN (304 + 32); heads 2 x 5
    expect(info.parameters).toBe(1786);
    model.dispose();
    again.dispose();
  });
});
