import type * as tf from '@tensorflow/tfjs';
import { createFcn } from '../createFcn';

/** Options of {@link createTestFcn}. */
export interface TestFcnOptions {
  /** Weight seed. Default 1. */
  seed?: number;
  /** Image channels. Default 3. */
  inputChannels?: 1 | 3 | 4;
}

/**
 * The real FCN architecture at the smallest useful size: 2 stages of 8 channels, 4 decoder
 * channels, 1,786 weights, inputs any multiple of 2. Trains a step on 2 × 16² crops in about 0.1 s
 * on wasm — for tests of code that trains, saves, ensembles or quantizes FCNs.
 *
 * @example
 * const model = createTestFcn({ seed: 3 });
 * await trainFcn(model, discSamples(3), { epochs: 2, batchSize: 2, crop: 16 });
 */
export function createTestFcn(options: TestFcnOptions = {}): tf.LayersModel {
  return createFcn({
    widthMultiplier: 1 / 32,
    stages: 2,
    decoderChannels: 4,
    seed: options.seed ?? 1,
    inputChannels: options.inputChannels ?? 3,
  });
}
