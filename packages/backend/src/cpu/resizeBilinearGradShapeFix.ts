import { ResizeBilinearGrad, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';

/** Marker for configs made by {@link resizeBilinearGradShapeFix}. */
const FIXED = Symbol.for('qfcn.resizeBilinearGradShapeFix');

/**
 * Internal: wraps a `ResizeBilinearGrad` kernel whose output has height and width swapped in its
 * shape. tfjs-backend-cpu 4.22 returns `[batch, xWidth, xHeight, depth]` although it writes the
 * values in `[batch, xHeight, xWidth, depth]` order, so the gradient of `tf.image.resizeBilinear`
 * fails on every non-square input ("gradient of input 'images' has shape 1,5,4,3, which does not
 * match the shape of the input 1,4,5,3"). The wrapper reports the images' shape, leaving values as
 * they are.
 */
export function resizeBilinearGradShapeFix(original: KernelConfig): KernelConfig {
  if ((original as unknown as Record<symbol, unknown>)[FIXED]) return original;
  const kernelFunc: KernelFunc = (args) => {
    const out = original.kernelFunc(args) as TensorInfo;
    const images = (args.inputs as { images: TensorInfo }).images;
    return out.shape.join() === images.shape.join() ? out : { ...out, shape: [...images.shape] };
  };
  return Object.assign({ ...original, kernelName: ResizeBilinearGrad, kernelFunc }, { [FIXED]: true });
}
