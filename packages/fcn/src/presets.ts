/**
 * Named sizes of the suggestive-annotation FCN (docs/algorithms.md §3).
 *
 * The channel plan of the paper is 256, 256, 512, 1024, 1024, 1024 over six encoder stages. Every
 * preset keeps that plan and scales it by a width multiplier, and may use fewer stages:
 *
 * | preset  | width | stages | encoder channels          | decoder | input multiple of |
 * |---------|-------|--------|---------------------------|---------|-------------------|
 * | `paper` | 1     | 6      | 256,256,512,1024,1024,1024 | 64      | 32                |
 * | `small` | 1/4   | 6      | 64,64,128,256,256,256      | 16      | 32                |
 * | `tiny`  | 1/16  | 4      | 16,16,32,64                | 8       | 8                 |
 *
 * `tiny` is sized to train on two CPU cores in minutes on 64–128 px crops; `small` is the laptop
 * model for real data; `paper` is the full GPU-sized network.
 */
export interface FcnPreset {
  readonly widthMultiplier: number;
  readonly stages: number;
  readonly decoderChannels: number;
}

/** The full channel plan of [Yang17], one entry per encoder stage. */
export const PAPER_CHANNELS: readonly number[] = Object.freeze([256, 256, 512, 1024, 1024, 1024]);

/** Decoder channels per stage at width 1 (the paper's 64). */
export const PAPER_DECODER_CHANNELS = 64;

export const FCN_PRESETS: Readonly<Record<'paper' | 'small' | 'tiny', FcnPreset>> = Object.freeze({
  paper: Object.freeze({ widthMultiplier: 1, stages: 6, decoderChannels: 64 }),
  small: Object.freeze({ widthMultiplier: 1 / 4, stages: 6, decoderChannels: 16 }),
  tiny: Object.freeze({ widthMultiplier: 1 / 16, stages: 4, decoderChannels: 8 }),
});

export type FcnPresetName = keyof typeof FCN_PRESETS;
