/**
 * @qfcn/quantize — INQ and power-of-two weight quantizers with real bit-packed storage.
 *
 * This root entry is the typed-array core: no TensorFlow.js import. The tfjs adapters (INQ on a
 * `tf.LayersModel` or a map of `tf.Variable`s, the masked optimizer, training hooks, STE
 * fake-quantization, model packing) live in `@qfcn/quantize/tfjs`.
 */
// everything of the browser-safe entry; `loadWeights` here also reads file paths (a local export
// takes precedence over the star export of the same name)
export * from './browser';
export { saveWeightsFile } from './saveWeightsFile';
export { loadWeightsFile } from './loadWeightsFile';
export { loadWeights } from './node/loadWeights';
