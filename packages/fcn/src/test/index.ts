export { createTestFcn, type TestFcnOptions } from './createTestFcn';
export { createPixelwiseFcn } from './createPixelwiseFcn';
export { discSamples, type DiscSamplesOptions } from './discSamples';
