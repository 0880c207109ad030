import type { Image, LabelMap } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';

const INTEGER_ARRAYS = [Uint8Array, Uint8ClampedArray, Uint16Array, Uint32Array, Int8Array, Int16Array, Int32Array];

function assertSize(width: unknown, height: unknown, argument: string): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) <= 0 || (height as number) <= 0) {
    throw new InvalidArgumentError(
      argument,
      `width and height must be positive integers, got ${String(width)}x${String(height)}`,
    );
  }
}

/** Throws InvalidArgumentError unless `image` is a well-formed contract Image. */
export function assertImage(image: Image, argument = 'image'): void {
  if (typeof image !== 'object' || image === null)
    throw new InvalidArgumentError(argument, 'expected an Image { width, height, channels, data }');
  assertSize(image.width, image.height, argument);
  if (image.channels !== 1 && image.channels !== 3 && image.channels !== 4) {
    throw new InvalidArgumentError(argument, `channels must be 1, 3 or 4, got ${String(image.channels)}`);
  }
  if (!(image.data instanceof Uint8Array || image.data instanceof Uint8ClampedArray)) {
    throw new InvalidArgumentError(argument, 'data must be a Uint8Array or Uint8ClampedArray (8-bit samples)');
  }
  const expected = image.width * image.height * image.channels;
  if (image.data.length !== expected) {
    throw new InvalidArgumentError(
      argument,
      `data has ${image.data.length} values, ${image.width}x${image.height}x${image.channels} needs ${expected}`,
    );
  }
}

/** Throws InvalidArgumentError unless `labels` is a well-formed contract LabelMap. */
export function assertLabelMap(labels: LabelMap, argument = 'labelMap'): void {
  if (typeof labels !== 'object' || labels === null)
    throw new InvalidArgumentError(argument, 'expected a LabelMap { width, height, data }');
  assertSize(labels.width, labels.height, argument);
  if (!INTEGER_ARRAYS.some((T) => labels.data instanceof T)) {
    throw new InvalidArgumentError(argument, 'data must be an integer typed array (Uint8/16/32, Int8/16/32)');
  }
  const expected = labels.width * labels.height;
  if (labels.data.length !== expected) {
    throw new InvalidArgumentError(
      argument,
      `data has ${labels.data.length} values, ${labels.width}x${labels.height} needs ${expected}`,
    );
  }
}

/** Throws InvalidArgumentError unless image and label map have the same size. */
export function assertSameSize(
  image: { width: number; height: number },
  labels: { width: number; height: number },
  argument = 'labelMap',
): void {
  if (image.width !== labels.width || image.height !== labels.height) {
    throw new InvalidArgumentError(
      argument,
      `label map is ${labels.width}x${labels.height} but the image is ${image.width}x${image.height}`,
    );
  }
}

/** Largest label, after checking that none is negative. */
export function maxLabel(labels: LabelMap, argument = 'labelMap'): number {
  let max = 0;
  const d = labels.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v > max) max = v;
    else if (v < 0)
      throw new InvalidArgumentError(
        argument,
        `negative label ${v} at pixel ${i % labels.width},${Math.floor(i / labels.width)}`,
      );
  }
  return max;
}
