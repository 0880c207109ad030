/**
 * @qfcn/data — datasets for qfcn: image I/O (BMP, PNG, TIFF), the GlaS loader and manifest check, folder
 * datasets, the synthetic H&E gland generator, augmentation, training targets, overlays and a seeded PRNG.
 */

// seeded randomness
export { createRng, type Rng, type RngState } from './rng/createRng';

// image I/O
export { readImage } from './io/readImage';
export { readLabelMap } from './io/readLabelMap';
export { readImageSize } from './io/readImageSize';
export { encodePng } from './io/encodePng';
export { writePng } from './io/writePng';
export { encodeLabelMapPng } from './io/encodeLabelMapPng';
export { writeLabelMapPng } from './io/writeLabelMapPng';
export { encodeBmp } from './io/encodeBmp';
export { encodeLabelMapBmp } from './io/encodeLabelMapBmp';
export type { ImageSource, ImageFormat, ReadOptions } from './io/source';

// GlaS
export { loadGlas, type GlasSplit, type LoadGlasOptions } from './glas/loadGlas';
export { verifyGlas, type GlasVerifyReport, type GlasAlteredFile, type VerifyGlasOptions } from './glas/verifyGlas';
export { glasManifest, type GlasManifestEntry } from './glas/glasManifest';
export { parseGlasGrades, type GlasGrade } from './glas/parseGlasGrades';

// folder datasets
export { loadFolderDataset, type LoadFolderDatasetOptions } from './folder/loadFolderDataset';

// annotation interop: GeoJSON (QuPath) and Aperio ImageScope XML (MoNuSeg)
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
export { readGeoJSONLabelMap, type ReadGeoJSONLabelMapOptions } from './interop/readGeoJSONLabelMap';
export { writeGeoJSON } from './interop/writeGeoJSON';
export type { TextSource } from './interop/loadText';
export { readMoNuSegXml, type ReadMoNuSegXmlOptions } from './interop/readMoNuSegXml';

// synthetic glands
export { generateSyntheticSample, type SyntheticSampleOptions } from './synthetic/generateSyntheticSample';
export {
  writeSyntheticGlas,
  type WriteSyntheticGlasOptions,
  type SyntheticGlasSummary,
} from './synthetic/writeSyntheticGlas';

// augmentation and training targets
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
export { objectTarget } from './targets/objectTarget';

// pictures
export { overlay, type OverlayOptions } from './overlay/overlay';
export { labelColor } from './overlay/labelColor';
