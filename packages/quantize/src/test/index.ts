/**
 * `@qfcn/quantize/test`: fixtures for your own tests of code that uses @qfcn/quantize.
 */
export { gaussianWeights, tinyQuantizedTensors } from './fixtures';
export { mulberry32 } from '../random/mulberry32';
