import type * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError } from '@qfcn/contract';
import { FCN_DISTANCE_OUTPUT, FCN_HV_OUTPUT } from './createFcn';

/** What a built (or loaded) FCN looks like from the outside. */
export interface FcnInfo {
  /** Number of encoder stages. */
  readonly stages: number;
  /** Output channels of each encoder stage. */
  readonly channels: readonly number[];
  /** Input height and width must be multiples of this: `2^(stages-1)`. */
  readonly divisor: number;
  readonly inputChannels: number;
  /** Length of the descriptor (channels of the last stage). */
  readonly descriptorSize: number;
  /** Total number of weights (trainable and batch-norm statistics). */
  readonly parameters: number;
  readonly trainableParameters: number;
  /** Whether the model has the fourth output, `distance` (`createFcn({ distanceHead: true })`). */
  readonly distanceHead: boolean;
  /** Whether the model has the last output `hv` (`createFcn({ hvHead: true })`). */
  readonly hvHead: boolean;
  /** Channels of the separating heads' own decoder (`createFcn({ contourDecoderChannels })`); 0 when shared. */
  readonly contourDecoderChannels: number;
}

/**
 * Reads the architecture of a model made by {@link createFcn}, also after {@link loadModel}.
 *
 * When to use: to find the input divisor, descriptor size or parameter count of a model you did not
 * build yourself; every function of this package that takes a model validates it with this.
 *
 * Details: stages are found by their `stage{s}_out` layers and the outputs must be
 * `object`, `contour`, `descriptor` (see {@link FCN_OUTPUTS}), optionally followed by `distance`, then
 * optionally by `hv`; anything else throws
 * {@link InvalidArgumentError}.
 *
 * @example
 * inspectFcn(createFcn({ preset: 'tiny' })).divisor // 8
 */
export function inspectFcn(model: tf.LayersModel): FcnInfo {
  const names = model.outputNames ?? [];
  const distanceHead = names[3] === FCN_DISTANCE_OUTPUT;
  const hvHead = names.at(-1) === FCN_HV_OUTPUT && names.length === (distanceHead ? 5 : 4);
  if (
    names.length !== 3 + (distanceHead ? 1 : 0) + (hvHead ? 1 : 0) ||
    names[0] !== 'object' ||
    names[1] !== 'contour' ||
    names[2] !== 'descriptor'
  ) {
    throw new InvalidArgumentError(
      'model',
      `not a qfcn FCN: outputs must be [object, contour, descriptor], then optionally distance, then optionally hv; got [${names.join(', ')}]`,
    );
  }
  const channels: number[] = [];
  for (let s = 0; ; s++) {
    const c = outputChannels(model, `stage${s}_out`);
    if (c === undefined) break;
    channels.push(c);
  }
  if (channels.length === 0) {
    throw new InvalidArgumentError('model', 'not a qfcn FCN: no stage0_out layer');
  }
  // a shared decoder has no such layer
  const contourDecoderChannels = outputChannels(model, 'contour_dec_b_relu') ?? 0;
  const inputShape = model.inputs[0]!.shape;
  const size = (shape: readonly (number | null)[]) => shape.reduce<number>((a, b) => a * (b ?? 1), 1);
  let parameters = 0;
  for (const w of model.weights) parameters += size(w.shape);
  let trainableParameters = 0;
  for (const w of model.trainableWeights) trainableParameters += size(w.shape);
  return {
    stages: channels.length,
    channels,
    divisor: 2 ** (channels.length - 1),
    inputChannels: inputShape[inputShape.length - 1] as number,
    descriptorSize: channels[channels.length - 1]!,
    parameters,
    trainableParameters,
    distanceHead,
    hvHead,
    contourDecoderChannels,
  };
}

/** The channel count of the named layer's output, or undefined where the model has no such layer. */
function outputChannels(model: tf.LayersModel, name: string): number | undefined {
  const layer = model.layers.find((l) => l.name === name);
  if (layer === undefined) return undefined;
  const shape = layer.outputShape as number[];
  return shape[shape.length - 1];
}
