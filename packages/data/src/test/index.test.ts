import { describe, expect, it } from 'vitest';
import { image6x6, labelMap6x6, sample6x6, tinySyntheticSample } from './index';

describe('@qfcn/data/test fixtures', () => {
  it('labelMap6x6: three objects of 9, 6 and 3 pixels; each call returns a fresh copy', () => {
    const m = labelMap6x6();
    const counts = [0, 0, 0, 0];
    for (const v of m.data) counts[v]!++;
    expect(counts).toEqual([18, 9, 6, 3]);
    m.data[0] = 9;
    expect(labelMap6x6().data[0]).toBe(0);
  });

  it('image6x6 colours follow the labels; sample6x6 pairs them', () => {
    const image = image6x6();
    expect(Array.from(image.data.subarray(6 * 3, 6 * 3 + 3))).toEqual([120, 60, 160]); // (0,1) is object 1
    expect(sample6x6()).toEqual({ id: 'fixture_6x6', image: image6x6(), label: labelMap6x6() });
  });

  it('tinySyntheticSample: 48x32 RGB with at least one gland, identical on every call', () => {
    const a = tinySyntheticSample();
    expect([a.image.width, a.image.height, a.image.channels]).toEqual([48, 32, 3]);
    expect(Math.max(...a.label!.data)).toBeGreaterThanOrEqual(1);
    expect(tinySyntheticSample()).toEqual(a);
  });
});
