// The fused kernels' names and attributes are declared once, in @qfcn/contract's kernelNames.ts.
export {
  AdamUpdate,
  BatchNormTraining,
  BatchNormTrainingGrad,
  FUSED_KERNELS,
  type AdamUpdateAttrs,
  type BatchNormTrainingAttrs,
} from '@qfcn/contract';
