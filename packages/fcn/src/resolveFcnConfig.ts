import { InvalidArgumentError } from '@qfcn/contract';
import { FCN_PRESETS, PAPER_CHANNELS, PAPER_DECODER_CHANNELS, type FcnPresetName } from './presets';

/** Options of {@link createFcn}: a preset, optionally overridden field by field. */
export interface FcnOptions {
  /** Named size: `paper`, `small` or `tiny`. Default `small`. */
  preset?: string;
  /** Scales every channel count of the paper's plan (channels are rounded to multiples of 4, at least 4). */
  widthMultiplier?: number;
  /** Number of encoder stages, 1..6 (the first `stages` entries of the paper's plan). */
  stages?: number;
  /** Channels of each decoder branch (default: the preset's, i.e. 64 x width). */
  decoderChannels?: number;
  /** Image channels the network takes: 1 (grey), 3 (RGB, default) or 4 (RGBA). */
  inputChannels?: 1 | 3 | 4;
  /** Seed of the weight initialisation. Default 0. */
  seed?: number;
  /**
   * Adds a third head, `distance`: each object pixel's normalized distance to its object's edge
   * (`distanceTarget` of `@qfcn/data`), whose peaks seed touching objects apart. Default false (the
   * paper's two heads).
   */
  distanceHead?: boolean;
  /**
   * Adds an `hv` head: HoVer-Net's horizontal and vertical offsets of each object pixel from its
   * object's centroid (`hvTarget` of `@qfcn/data`), whose jumps mark the lines between touching
   * objects. Default false.
   */
  hvHead?: boolean;
  /**
   * Gives the separating heads (`contour`, and `distance` / `hv` where present) a decoder of their
   * own of this many channels: two 3x3 conv + BN + ReLU layers on the concatenated upsampled branches,
   * beside the object head's `fuse_a` / `fuse_b` (HoVer-Net's separate branches, in the small). Default
   * 0: every head reads the one shared fused map (the paper's network).
   */
  contourDecoderChannels?: number;
}

/** A fully resolved architecture: what {@link createFcn} builds. */
export interface FcnConfig {
  readonly preset: string;
  readonly widthMultiplier: number;
  readonly stages: number;
  /** Output channels of each encoder stage. */
  readonly channels: readonly number[];
  readonly decoderChannels: number;
  readonly inputChannels: 1 | 3 | 4;
  readonly seed: number;
  /** Input height and width must be multiples of this: `2^(stages-1)`. */
  readonly divisor: number;
  /** Whether the network has the third, `distance` head. */
  readonly distanceHead: boolean;
  /** Whether the network has the `hv` head (after `distance` when both). */
  readonly hvHead: boolean;
  /** Channels of the separating heads' own decoder; 0 when they share the object head's. */
  readonly contourDecoderChannels: number;
}

/**
 * Resolves FCN options (a preset plus overrides) into a complete, validated architecture.
 *
 * When to use: to see what {@link createFcn} will build (channel plan, input divisor) before
 * building it, e.g. to validate a crop size.
 *
 * Details: the preset is looked up first (default `small`); `widthMultiplier`, `stages` and
 * `decoderChannels` override it. Channels are `max(4, round(C x w / 4) x 4)` so that a bottleneck's
 * inner width `C/4` is whole. Unknown presets, non-positive widths, stages outside 1..6 and input
 * channels other than 1/3/4, a `distanceHead` or `hvHead` that is not a boolean and a negative or
 * fractional `contourDecoderChannels` throw {@link InvalidArgumentError}.
 *
 * @example
 * resolveFcnConfig({ preset: 'tiny' }).channels // [16, 16, 32, 64]
 */
export function resolveFcnConfig(options: FcnOptions = {}): FcnConfig {
  const presetName = options.preset ?? 'small';
  if (!Object.hasOwn(FCN_PRESETS, presetName)) {
    throw new InvalidArgumentError(
      'preset',
      `unknown FCN preset '${presetName}'; valid presets are ${Object.keys(FCN_PRESETS).join(', ')}`,
    );
  }
  const preset = FCN_PRESETS[presetName as FcnPresetName];
  const widthMultiplier = options.widthMultiplier ?? preset.widthMultiplier;
  if (!(Number.isFinite(widthMultiplier) && widthMultiplier > 0)) {
    throw new InvalidArgumentError('widthMultiplier', `must be a positive number, got ${widthMultiplier}`);
  }
  const stages = options.stages ?? preset.stages;
  if (!Number.isInteger(stages) || stages < 1 || stages > PAPER_CHANNELS.length) {
    throw new InvalidArgumentError('stages', `must be an integer in 1..${PAPER_CHANNELS.length}, got ${stages}`);
  }
  const decoderChannels =
    options.decoderChannels ??
    (options.widthMultiplier === undefined
      ? preset.decoderChannels
      : Math.max(4, Math.round(PAPER_DECODER_CHANNELS * widthMultiplier)));
  if (!Number.isInteger(decoderChannels) || decoderChannels < 1) {
    throw new InvalidArgumentError('decoderChannels', `must be a positive integer, got ${decoderChannels}`);
  }
  const inputChannels = options.inputChannels ?? 3;
  if (inputChannels !== 1 && inputChannels !== 3 && inputChannels !== 4) {
    throw new InvalidArgumentError('inputChannels', `must be 1, 3 or 4, got ${inputChannels}`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) {
    throw new InvalidArgumentError('seed', `must be an integer, got ${seed}`);
  }
  const distanceHead = options.distanceHead ?? false;
  if (typeof distanceHead !== 'boolean') {
    throw new InvalidArgumentError('distanceHead', `must be true or false, got ${String(distanceHead)}`);
  }
  const hvHead = options.hvHead ?? false;
  if (typeof hvHead !== 'boolean') {
    throw new InvalidArgumentError('hvHead', `must be true or false, got ${String(hvHead)}`);
  }
  const contourDecoderChannels = options.contourDecoderChannels ?? 0;
  if (!Number.isInteger(contourDecoderChannels) || contourDecoderChannels < 0) {
    throw new InvalidArgumentError(
      'contourDecoderChannels',
      `must be a non-negative integer (0: shared decoder), got ${contourDecoderChannels}`,
    );
  }
  const channels = PAPER_CHANNELS.slice(0, stages).map((c) => Math.max(4, Math.round((c * widthMultiplier) / 4) * 4));
  return Object.freeze({
    preset: presetName,
    widthMultiplier,
    stages,
    channels: Object.freeze(channels),
    decoderChannels,
    inputChannels,
    seed,
    divisor: 2 ** (stages - 1),
    distanceHead,
    hvHead,
    contourDecoderChannels,
  });
}
