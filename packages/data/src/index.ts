/**
 * @qfcn/data — datasets for qfcn: image I/O (BMP, PNG, TIFF), the GlaS loader and manifest check, folder
 * datasets, the synthetic H&E gland generator, augmentation, training targets, overlays and a seeded PRNG.
 *
 * The Node entry: everything of the browser-safe entry (`./browser`: PRNG, PNG/BMP encoding, GeoJSON
 * interop on label maps, synthetic samples, augmentation, targets, overlays), plus what needs the file
 * system or zlib below.
 */
export * from './browser';

// image I/O
export { readImage } from './io/readImage';
export { readLabelMap } from './io/readLabelMap';
export { readImageSize } from './io/readImageSize';
export { writePng } from './io/writePng';
export { writeLabelMapPng } from './io/writeLabelMapPng';
export type { ImageSource, ImageFormat, ReadOptions } from './io/source';

// GlaS
export { loadGlas, type GlasSplit, type LoadGlasOptions } from './glas/loadGlas';
export { verifyGlas, type GlasVerifyReport, type GlasAlteredFile, type VerifyGlasOptions } from './glas/verifyGlas';
export { glasManifest, type GlasManifestEntry } from './glas/glasManifest';
export { parseGlasGrades, type GlasGrade } from './glas/parseGlasGrades';

// folder datasets
export { loadFolderDataset, type LoadFolderDatasetOptions } from './folder/loadFolderDataset';

// annotation interop on files: GeoJSON (QuPath) and Aperio ImageScope XML (MoNuSeg)
export { readGeoJSONLabelMap, type ReadGeoJSONLabelMapOptions } from './interop/readGeoJSONLabelMap';
export { writeGeoJSON } from './interop/writeGeoJSON';
export type { TextSource } from './interop/loadText';
export { readMoNuSegXml, type ReadMoNuSegXmlOptions } from './interop/readMoNuSegXml';

// synthetic glands written as a GlaS folder
export {
  writeSyntheticGlas,
  type WriteSyntheticGlasOptions,
  type SyntheticGlasSummary,
} from './synthetic/writeSyntheticGlas';
