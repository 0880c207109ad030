import type { Image, LabelMap } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { contourTarget } from '../targets/contourTarget';
import { assertImage, assertLabelMap, assertSameSize } from '../util/validate';
import { labelColor } from './labelColor';

export interface OverlayOptions {
  /** Contour width in pixels, drawn inside each object (default 1). */
  readonly thickness?: number;
  /** Opacity of a fill of each object in its colour, 0..1 (default 0: contours only). */
  readonly fillOpacity?: number;
  /** Colour of each label (default `labelColor`: distinct hues). */
  readonly color?: (label: number) => readonly [number, number, number];
}

/**
 * Draws the instance contours of `labelMap` over `image`, each object in its own colour.
 *
 * When to use: looking at data, ground truth and predictions (`writePng(path, overlay(image, pred))`).
 *
 * Details: returns a new 3-channel RGB image (grey input is expanded, alpha dropped). Contours are the
 * `contourTarget` band of `thickness` pixels inside each object, so touching objects show two
 * differently coloured lines. With `fillOpacity > 0` each object is also tinted with its colour.
 * Image and label map must have the same size (`InvalidArgumentError` otherwise).
 *
 * @example
 * writePng('overlay.png', overlay(sample.image, sample.label!, { thickness: 2, fillOpacity: 0.2 }));
 */
export function overlay(image: Image, labelMap: LabelMap, options: OverlayOptions = {}): Image {
  assertImage(image);
  assertLabelMap(labelMap);
  assertSameSize(image, labelMap);
  const thickness = options.thickness ?? 1;
  const fillOpacity = options.fillOpacity ?? 0;
  if (!(fillOpacity >= 0 && fillOpacity <= 1))
    throw new InvalidArgumentError('fillOpacity', `must be in [0, 1], got ${fillOpacity}`);
  const color = options.color ?? labelColor;
  const contour = contourTarget(labelMap, { thickness });
  const { width, height, channels } = image;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  const src = image.data;
  const cache = new Map<number, readonly [number, number, number]>();
  for (let i = 0; i < n; i++) {
    const s = i * channels;
    let r = src[s]!;
    let g = channels === 1 ? r : src[s + 1]!;
    let b = channels === 1 ? r : src[s + 2]!;
    const label = labelMap.data[i]!;
    if (label !== 0 && (contour[i] === 1 || fillOpacity > 0)) {
      let c = cache.get(label);
      if (!c) {
        c = color(label);
        cache.set(label, c);
      }
      const a = contour[i] === 1 ? 1 : fillOpacity;
      r = Math.round(r + (c[0] - r) * a);
      g = Math.round(g + (c[1] - g) * a);
      b = Math.round(b + (c[2] - b) * a);
    }
    out[i * 3] = r;
    out[i * 3 + 1] = g;
    out[i * 3 + 2] = b;
  }
  return { width, height, channels: 3, data: out };
}
