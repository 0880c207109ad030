export { createPixelwiseFcn } from './createPixelwiseFcn';
export { discSamples, type DiscSamplesOptions } from './discSamples';
