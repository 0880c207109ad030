import { headerSize, loadSource, type ImageFormat, type ImageSource, type ReadOptions } from './source';

/**
 * Width, height and format of a BMP, PNG or TIFF file, from its header only (no pixel decoding).
 *
 * When to use: checking that an image and its label map match, planning tiles, listing a dataset
 * without decoding every image.
 *
 * Details: TIFF reports its first page. Unknown, empty or header-truncated files throw `DataError`.
 *
 * @example
 * readImageSize('train_1.bmp'); // { width: 775, height: 522, format: 'BMP' }
 */
export function readImageSize(
  source: ImageSource,
  options: ReadOptions = {},
): { width: number; height: number; format: ImageFormat } {
  const { bytes, name } = loadSource(source, options);
  return headerSize(bytes, name);
}
