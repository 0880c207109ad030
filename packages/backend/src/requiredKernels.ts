/**
 * Every tfjs kernel one training step of the qfcn FCN runs: forward pass, backward pass, Adam update.
 *
 * When to use: `assertKernels(backend, requiredTrainingKernels)` before training on a backend
 * (`initBackend` does it for you). Check a model of your own with `traceKernels` instead.
 *
 * Details: determined empirically, by tracing (`traceKernels`) a training step of
 * `createProbeNet` (`@qfcn/backend/test`: bottleneck residual block with batch norm, max-pool, 4×4
 * stride-2 transposed conv, bilinear upsampling, concat, fused 1×1 conv with bias, sigmoid, BCE on
 * probabilities and on logits, Adam) and of the same net written with tf.layers, on the cpu
 * backend. `requiredKernels.test.ts` re-traces both and fails when this list is out of date.
 * Batch norm runs as `FusedBatchNorm` forward (tfjs composes its gradient from `Rsqrt`, `Sum`,
 * `Tile`, ...); transposed convs run as `Conv2DBackpropInput`.
 */
export const requiredTrainingKernels: readonly string[] = Object.freeze([
  'Abs',
  'Add',
  'Cast',
  'ClipByValue',
  'Concat',
  'Conv2D',
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'Exp',
  'FusedBatchNorm',
  'FusedConv2D',
  'GreaterEqual',
  'Identity',
  'LessEqual',
  'Log',
  'Log1p',
  'LogicalAnd',
  'MaxPool',
  'MaxPoolGrad',
  'Mean',
  'Multiply',
  'Neg',
  'PadV2',
  'RealDiv',
  'Relu',
  'Reshape',
  'ResizeBilinear',
  'ResizeBilinearGrad',
  'Rsqrt',
  'Select',
  'Sigmoid',
  'Slice',
  'SplitV',
  'Sqrt',
  'Square',
  'Step',
  'Sub',
  'Sum',
  'Tile',
  'ZerosLike',
]);

/**
 * The kernels of the FCN's forward pass (prediction, with batch statistics as in training).
 *
 * When to use: `initBackend(choice, { check: 'inference' })` checks only these, for prediction-only
 * work such as scoring the unlabeled pool.
 */
export const requiredInferenceKernels: readonly string[] = Object.freeze([
  'Add',
  'Cast',
  'Concat',
  'Conv2D',
  'Conv2DBackpropInput',
  'FusedBatchNorm',
  'FusedConv2D',
  'Identity',
  'MaxPool',
  'Mean',
  'Multiply',
  'Relu',
  'Reshape',
  'ResizeBilinear',
  'Sigmoid',
  'Slice',
  'Square',
  'Sub',
]);

/**
 * Kernels that training differentiates through and whose gradient tfjs looks up in its gradient
 * registry (`tf.getGradient`). `FusedConv2D` is absent: it carries its own gradient.
 *
 * When to use: `assertGradients()` (called by `initBackend` for training) checks these are
 * registered: tfjs-core alone registers none, `@tensorflow/tfjs` registers all.
 */
export const requiredGradientKernels: readonly string[] = Object.freeze([
  'Abs',
  'Add',
  'Cast',
  'ClipByValue',
  'Concat',
  'Conv2D',
  'Conv2DBackpropInput',
  'Exp',
  'FusedBatchNorm',
  'Identity',
  'Log',
  'Log1p',
  'MaxPool',
  'Mean',
  'Multiply',
  'Neg',
  'RealDiv',
  'Relu',
  'Reshape',
  'ResizeBilinear',
  'Sigmoid',
  'Slice',
  'Square',
  'Sub',
  'Sum',
]);
