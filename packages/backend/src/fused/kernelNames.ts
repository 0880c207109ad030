// The fused kernels' names and attributes are declared once, in @qfcn/contract's kernelNames.ts.
export {
  AdamUpdate,
  BatchNormTraining,
  BatchNormTrainingGrad,
  FUSED_KERNELS,
  type AdamUpdateAttrs,
  type AdamUpdateInputs,
  type BatchNormTrainingAttrs,
  type BatchNormTrainingInputs,
  type BatchNormTrainingGradInputs,
} from '@qfcn/contract';
