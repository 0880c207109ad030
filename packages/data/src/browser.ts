/**
 * @qfcn/data in a web page — the browser-safe root entry (what bundlers get for `@qfcn/data` outside
 * Node): the seeded PRNG, PNG/BMP encoding, GeoJSON interop on label maps, the synthetic gland
 * generator, augmentation, training targets and overlays. File-system readers and writers, TIFF
 * (zlib) and the GlaS loader are Node-only: the `node` export condition (`./index`) or
 * `@qfcn/data/node`.
 */
export { createRng, type Rng, type RngState } from './rng/createRng';
export { encodePng } from './io/encodePng';
export { encodeLabelMapPng } from './io/encodeLabelMapPng';
export { encodeBmp } from './io/encodeBmp';
export { encodeLabelMapBmp } from './io/encodeLabelMapBmp';
export { labelMapToGeoJSON, type LabelMapToGeoJSONOptions } from './interop/labelMapToGeoJSON';
export { geoJSONToLabelMap, type GeoJSONToLabelMapOptions, type GeoJSONInput } from './interop/geoJSONToLabelMap';
export type {
  GeoJSONFeatureCollection,
  GeoJSONFeature,
  GeoJSONPolygon,
  GeoJSONMultiPolygon,
  GeoJSONPosition,
  LabelFeatureProperties,
  QuPathClassification,
} from './interop/geojson';
export { generateSyntheticSample, type SyntheticSampleOptions } from './synthetic/generateSyntheticSample';
export {
  augment,
  HE_AUGMENTATION,
  type AugmentOptions,
  type ColorJitterOptions,
  type ElasticOptions,
  type StainOptions,
  type ScaleOptions,
  type BlurOptions,
  type NoiseOptions,
} from './augment/augment';
export { contourTarget, type ContourTargetOptions } from './targets/contourTarget';
export { distanceTarget } from './targets/distanceTarget';
export { hvTarget } from './targets/hvTarget';
export { touchingTarget } from './targets/touchingTarget';
export { objectTarget } from './targets/objectTarget';
export { assertColorStatistics, colorStatistics, type ColorStatistics } from './color/colorStatistics';
export { matchColorStatistics } from './color/matchColorStatistics';
export { meanColorStatistics } from './color/meanColorStatistics';
export { overlay, type OverlayOptions } from './overlay/overlay';
export { labelColor } from './overlay/labelColor';
