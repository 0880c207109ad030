import type { Image, LabelMap } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';

/** Checks an image's geometry and storage, and that it has the channel count the model takes. */
export function assertImage(image: Image, expectedChannels: number, argument = 'image'): void {
  if (image === null || typeof image !== 'object') throw new InvalidArgumentError(argument, 'must be an Image object');
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new InvalidArgumentError(argument, `width and height must be positive integers, got ${width}x${height}`);
  }
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new InvalidArgumentError(argument, 'data must be a Uint8Array or Uint8ClampedArray');
  }
  if (data.length !== width * height * channels) {
    throw new InvalidArgumentError(
      argument,
      `data has ${data.length} values, expected width*height*channels = ${width}*${height}*${channels} = ${width * height * channels}`,
    );
  }
  if (channels !== expectedChannels) {
    throw new InvalidArgumentError(
      argument,
      `has ${channels} channel(s) but the model takes ${expectedChannels}` +
        (channels === 4 && expectedChannels === 3 ? ' (drop the alpha channel first)' : ''),
    );
  }
}

/** Checks that a label map has the geometry of its image. */
export function assertLabel(label: LabelMap, image: Image, argument = 'label'): void {
  if (label.width !== image.width || label.height !== image.height) {
    throw new InvalidArgumentError(
      argument,
      `label map is ${label.width}x${label.height} but its image is ${image.width}x${image.height}`,
    );
  }
  if (label.data.length !== label.width * label.height) {
    throw new InvalidArgumentError(
      argument,
      `data has ${label.data.length} values, expected ${label.width * label.height}`,
    );
  }
}
