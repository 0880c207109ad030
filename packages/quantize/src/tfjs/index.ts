/**
 * `@qfcn/quantize/tfjs` — TensorFlow.js adapters of @qfcn/quantize: INQ on any tfjs model, the
 * masked optimizer, a trainer hook and a `model.fit` callback, straight-through fake quantization,
 * and packing/loading of model weights. Needs `@tensorflow/tfjs-core` (any tfjs flavour brings it).
 *
 * The Node entry: everything of the browser-safe entry (`./browser`), plus the file-system
 * `savePackedModel` / `loadPackedModel`.
 */
export * from './browser';
export { savePackedModel } from './savePackedModel';
export { loadPackedModel } from './loadPackedModel';
