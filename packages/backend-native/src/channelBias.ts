import type { TensorInfo } from '@tensorflow/tfjs-core';
import { floatValues } from './floatValues';
import type { NativeBackend } from './nativeBackend';

/**
 * A bias tensor as one value per output channel (length `channels`), or `null` when the bias
 * broadcasts in some other way (then the fused kernel runs on cpu).
 *
 * When to use: by FusedConv2D and _FusedMatMul before fusing the bias into oneDNN.
 *
 * Details: accepted shapes are a scalar or `[1]` (repeated to every channel), and `[..., C]` with
 * every leading dim 1 — except that `channelsFirst` accepts only rank 1 (`[C]`, which tfjs aligns
 * with the channel axis in NCHW). Default `channelsFirst = false`.
 *
 * Example: `channelBias(backend, bias, 32)` → Float32Array(32) or null
 */
export function channelBias(
  backend: NativeBackend,
  bias: TensorInfo,
  channels: number,
  options: { channelsFirst?: boolean } = {},
): Float32Array | null {
  const { channelsFirst = false } = options;
  const values = floatValues(backend, bias);
  if (!values) return null;
  if (values.length === 1) return new Float32Array(channels).fill(values[0]!);
  if (values.length !== channels) return null;
  const shape = bias.shape;
  if (channelsFirst) return shape.length === 1 ? values : null;
  return shape[shape.length - 1] === channels ? values : null;
}
