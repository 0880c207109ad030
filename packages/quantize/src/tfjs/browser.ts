/**
 * Browser-safe entry of `@qfcn/quantize/tfjs` (bundlers outside Node): all but the file-system
 * `savePackedModel` / `loadPackedModel` (Node: the `node` condition). `loadPackedWeights` sets
 * bytes from `loadWeights`/`readSource` (URL, ArrayBuffer, File) into a model.
 *
 * `@qfcn/quantize/tfjs` — TensorFlow.js adapters of @qfcn/quantize: INQ on any tfjs model, the
 * masked optimizer, a trainer hook and a `model.fit` callback, straight-through fake quantization,
 * and packing/loading of model weights. Needs `@tensorflow/tfjs-core` (any tfjs flavour brings it).
 */
export { collectWeights } from './collectWeights';
export type { VariableLike, WeightSource } from './internal';
export {
  createInq,
  DEFAULT_INQ_EXCLUDE,
  DEFAULT_INQ_INCLUDE,
  type Inq,
  type InqOptions,
  type InqState,
  type WeightPattern,
} from './createInq';
export { maskedOptimizer, MaskedOptimizer, type Enforcer, type MaskedOptimizerOptions } from './maskedOptimizer';
export { inqHook, type HookContext, type HookWeight, type InqHook, type InqHookOptions } from './inqHook';
export { inqCallback, type InqFitCallback } from './inqCallback';
export { fakeQuantize, type FakeQuantizeOptions } from './fakeQuantize';
export { modelWeightTensors, packModel, type PackModelOptions } from './packModel';
export { unpackToTensors } from './unpackToTensors';
export { setModelWeights, type SetWeightsOptions } from './setModelWeights';
export { loadPackedWeights } from './loadPackedWeights';
