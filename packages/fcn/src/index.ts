export { FCN_PRESETS, PAPER_CHANNELS, PAPER_DECODER_CHANNELS } from './presets';
export type { FcnPreset, FcnPresetName } from './presets';
export { resolveFcnConfig } from './resolveFcnConfig';
export type { FcnOptions, FcnConfig } from './resolveFcnConfig';
export { createFcn, FCN_OUTPUTS } from './createFcn';
export { inspectFcn } from './inspectFcn';
export type { FcnInfo } from './inspectFcn';
