/**
 * Browser-safe root entry (what bundlers get for `@qfcn/quantize` outside Node): everything but the
 * file-system functions `saveWeightsFile` / `loadWeightsFile`, which Node gets through the `node`
 * export condition (`./index`) or `@qfcn/quantize/node`. No Node built-ins, no side effects.
 *
 * @qfcn/quantize — INQ and power-of-two weight quantizers with real bit-packed storage.
 *
 * This root entry is the typed-array core: no TensorFlow.js import. The tfjs adapters (INQ on a
 * `tf.LayersModel` or a map of `tf.Variable`s, the masked optimizer, training hooks, STE
 * fake-quantization, model packing) live in `@qfcn/quantize/tfjs`.
 */
export type { QuantizationParams, Quantizer, QuantizerKind, WeightTensor } from './contract';
export {
  BitsOutOfRangeError,
  CorruptFileError,
  EmptyTensorError,
  InvalidArgumentError,
  InvalidScheduleError,
  NonFiniteValueError,
  NotOnLevelError,
  NothingToQuantizeError,
  QuantizeError,
} from './errors';
export { POWER_OF_TWO_MAX_BITS, POWER_OF_TWO_MIN_BITS, powerOfTwoLevels } from './powerOfTwoLevels';
export { quantizePowerOfTwo, type QuantizePowerOfTwoOptions } from './quantizePowerOfTwo';
export { powerOfTwoQuantizer } from './powerOfTwoQuantizer';
export { uniformQuantizer } from './uniformQuantizer';
export { ternaryQuantizer } from './ternaryQuantizer';
export { dorefaQuantizer } from './dorefaQuantizer';
export { QUANTIZER_KINDS, createQuantizer } from './createQuantizer';
export { findOffLevel } from './findOffLevel';
export { inqPartition, type InqPartitionOptions, type InqPartitionStrategy } from './inqPartition';
export { DEFAULT_INQ_SCHEDULE, assertInqSchedule, validateInqSchedule } from './assertInqSchedule';
export { packCodes } from './packCodes';
export { unpackCodes } from './unpackCodes';
export { crc32 } from './crc32';
export { packWeights } from './packWeights';
export { unpackWeights, type UnpackedWeights } from './unpackWeights';
export { loadWeights } from './loadWeights';
export { readSource, sourceName, type ByteSource } from './readSource';
export { sizeReport, type SizeReport, type TensorSize } from './sizeReport';
export { formatSizeReport } from './formatSizeReport';
export { mulberry32 } from './random/mulberry32';
