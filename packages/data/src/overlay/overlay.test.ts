import { describe, expect, it } from 'vitest';
import { image6x6, labelMap6x6 } from '../test/index';
import { labelColor } from './labelColor';
import { overlay } from './overlay';

const pixel = (img: { data: Uint8Array | Uint8ClampedArray }, x: number, y: number, w = 6): number[] =>
  Array.from(img.data.subarray((y * w + x) * 3, (y * w + x) * 3 + 3));

describe('overlay', () => {
  it('6x6 fixture, thickness 1: contour pixels take their label colour, the rest keeps the image', () => {
    const out = overlay(image6x6(), labelMap6x6());
    expect(out.channels).toBe(3);
    expect(pixel(out, 0, 1)).toEqual(labelColor(1)); // contour of object 1
    expect(pixel(out, 3, 2)).toEqual(labelColor(2)); // contour of object 2 along object 1
    expect(pixel(out, 0, 2)).toEqual([120, 60, 160]); // interior of object 1 (the border is not an edge)
    expect(pixel(out, 5, 0)).toEqual([240, 180, 210]); // background
  });

  it('fillOpacity 0.5 tints interiors halfway; custom colours', () => {
    const out = overlay(image6x6(), labelMap6x6(), { fillOpacity: 0.5, color: () => [0, 0, 0] });
    expect(pixel(out, 0, 2)).toEqual([60, 30, 80]);
    expect(pixel(out, 0, 1)).toEqual([0, 0, 0]);
  });

  it('grey 2x1 input becomes RGB', () => {
    const out = overlay(
      { width: 2, height: 1, channels: 1, data: new Uint8Array([10, 20]) },
      { width: 2, height: 1, data: new Uint8Array([0, 0]) },
    );
    expect(Array.from(out.data)).toEqual([10, 10, 10, 20, 20, 20]);
  });

  it('size mismatch and bad opacity are InvalidArgumentErrors', () => {
    expect(() => overlay(image6x6(), { width: 5, height: 6, data: new Uint8Array(30) })).toThrowError(
      "Invalid argument 'labelMap': label map is 5x6 but the image is 6x6",
    );
    expect(() => overlay(image6x6(), labelMap6x6(), { fillOpacity: 2 })).toThrowError(/fillOpacity/);
  });
});
