import { connectedComponents } from '@qfcn/metrics';
import type { Image, LabelMap } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { contourTarget } from '../targets/contourTarget';
import { generateSyntheticSample } from './generateSyntheticSample';

function meanColour(image: Image, select: (i: number) => boolean): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < image.width * image.height; i++) {
    if (!select(i)) continue;
    for (let c = 0; c < 3; c++) sum[c]! += image.data[i * 3 + c]!;
    n++;
  }
  return sum.map((v) => v / n) as [number, number, number];
}
const luminance = ([r, g, b]: number[]): number => 0.299 * r! + 0.587 * g! + 0.114 * b!;

function touchingPairs(label: LabelMap): number {
  const pairs = new Set<string>();
  const { width, height, data } = label;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = data[y * width + x]!;
      if (a === 0) continue;
      for (const b of [x + 1 < width ? data[y * width + x + 1]! : 0, y + 1 < height ? data[(y + 1) * width + x]! : 0]) {
        if (b !== 0 && b !== a) pairs.add(a < b ? `${a}-${b}` : `${b}-${a}`);
      }
    }
  }
  return pairs.size;
}

describe('generateSyntheticSample', () => {
  it('default 160x120: RGB image, Uint8 labels, meta; same seed → identical, other seed → different', () => {
    const a = generateSyntheticSample({ seed: 11 });
    const b = generateSyntheticSample({ seed: 11 });
    const c = generateSyntheticSample({ seed: 12 });
    expect([a.image.width, a.image.height, a.image.channels]).toEqual([160, 120, 3]);
    expect(a.label!.data).toBeInstanceOf(Uint8Array);
    expect(a.id).toBe('synthetic_11');
    expect(a.meta).toMatchObject({ seed: '11', source: 'synthetic' });
    expect(['benign', 'malignant']).toContain(a.meta!.grade);
    expect(Buffer.from(a.image.data).equals(Buffer.from(b.image.data))).toBe(true);
    expect(Buffer.from(a.label!.data).equals(Buffer.from(b.label!.data))).toBe(true);
    expect(Buffer.from(a.image.data).equals(Buffer.from(c.image.data))).toBe(false);
  });

  it('labels over 12 seeds and both grades: 1..N consecutive, each one 4-connected piece, 15–75% gland area', () => {
    for (let seed = 0; seed < 12; seed++) {
      const grade = seed % 2 ? 'malignant' : 'benign';
      const { label, meta } = generateSyntheticSample({ seed, grade });
      const data = label!.data;
      const present = new Set(data);
      present.delete(0);
      const n = meta!.glands as number;
      expect(n).toBeGreaterThanOrEqual(2);
      expect([...present].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      for (let l = 1; l <= n; l++) {
        const mask = new Uint8Array(data.length);
        for (let i = 0; i < data.length; i++) mask[i] = data[i] === l ? 1 : 0;
        expect(connectedComponents({ width: 160, height: 120, data: mask }, { connectivity: 4 }).count).toBe(1);
      }
      let fg = 0;
      for (const v of data) if (v) fg++;
      expect(fg / data.length).toBeGreaterThan(0.15);
      expect(fg / data.length).toBeLessThan(0.75);
    }
  });

  it('touching neighbours: most malignant images (seeds 0..7) have glands sharing an edge', () => {
    let withTouching = 0;
    for (let seed = 0; seed < 8; seed++)
      if (touchingPairs(generateSyntheticSample({ seed, grade: 'malignant' }).label!) > 0) withTouching++;
    expect(withTouching).toBeGreaterThanOrEqual(5);
  });

  it('H&E look: pink stroma (R and B above G), darker purple gland rims, pale lumens, dark bluish nuclei', () => {
    for (const seed of [3, 4]) {
      const { image, label } = generateSyntheticSample({ seed, grade: 'benign', noise: 0 });
      const l = label!.data;
      const rim = contourTarget(label!, { thickness: 3 });
      const deep = contourTarget(label!, { thickness: 7 }); // deep = gland pixels more than 7 px inside
      const stroma = meanColour(image, (i) => l[i] === 0);
      const epithelium = meanColour(image, (i) => rim[i] === 1);
      const lumen = meanColour(image, (i) => l[i] !== 0 && deep[i] === 0);
      expect(stroma[0]).toBeGreaterThan(stroma[1] + 20);
      expect(stroma[2]).toBeGreaterThan(stroma[1] + 10);
      expect(luminance(epithelium)).toBeLessThan(luminance(stroma) - 15);
      expect(luminance(lumen)).toBeGreaterThan(luminance(epithelium) + 40);
      // the darkest 2% of pixels are nuclei: blue above green (haematoxylin)
      const lum = Array.from({ length: l.length }, (_, i) =>
        luminance([image.data[i * 3]!, image.data[i * 3 + 1]!, image.data[i * 3 + 2]!]),
      );
      const cut = [...lum].sort((a, b) => a - b)[Math.floor(l.length * 0.02)]!;
      const nuclei = meanColour(image, (i) => lum[i]! <= cut);
      expect(nuclei[2]).toBeGreaterThan(nuclei[1] + 15);
      expect(luminance(nuclei)).toBeLessThan(140);
    }
  });

  it('benign glands are rounder than malignant ones (perimeter²/area over 6 seeds each)', () => {
    const compactness = (grade: 'benign' | 'malignant'): number => {
      const values: number[] = [];
      for (let seed = 0; seed < 6; seed++) {
        const { label } = generateSyntheticSample({ seed: 100 + seed, grade });
        const edge = contourTarget(label!, { thickness: 1 });
        const area = new Map<number, number>();
        const perimeter = new Map<number, number>();
        label!.data.forEach((v, i) => {
          if (!v) return;
          area.set(v, (area.get(v) ?? 0) + 1);
          if (edge[i]) perimeter.set(v, (perimeter.get(v) ?? 0) + 1);
        });
        for (const [v, a] of area) if (a > 200) values.push((perimeter.get(v) ?? 0) ** 2 / a);
      }
      return values.reduce((s, v) => s + v, 0) / values.length;
    };
    expect(compactness('malignant')).toBeGreaterThan(compactness('benign') * 1.1);
  });

  it('stain variation: mean stroma colour differs between images by more than noise', () => {
    const colours = [0, 1, 2, 3, 4, 5].map((seed) => {
      const { image, label } = generateSyntheticSample({ seed, noise: 0 });
      return meanColour(image, (i) => label!.data[i] === 0);
    });
    const spread = [0, 1, 2].map(
      (c) => Math.max(...colours.map((x) => x[c]!)) - Math.min(...colours.map((x) => x[c]!)),
    );
    expect(Math.max(...spread)).toBeGreaterThan(8);
  });

  it('other sizes: 48x32 and 400x300 (scale follows min(width, height) / 120)', () => {
    const small = generateSyntheticSample({ width: 48, height: 32, seed: 1 });
    expect(small.image.data.length).toBe(48 * 32 * 3);
    const large = generateSyntheticSample({ width: 400, height: 300, seed: 1, grade: 'benign' });
    expect(large.meta!.glands).toBeGreaterThanOrEqual(4);
    expect(large.meta!.glands).toBeLessThanOrEqual(40);
  });

  it('bad options are InvalidArgumentErrors', () => {
    expect(() => generateSyntheticSample({ width: 4 })).toThrowError(/Invalid argument 'width'/);
    expect(() => generateSyntheticSample({ height: 100.5 })).toThrowError(/Invalid argument 'height'/);
    expect(() => generateSyntheticSample({ grade: 'mild' as 'benign' })).toThrowError(/Invalid argument 'grade'/);
    expect(() => generateSyntheticSample({ scale: 0 })).toThrowError(/Invalid argument 'scale'/);
    expect(() => generateSyntheticSample({ noise: -1 })).toThrowError(/Invalid argument 'noise'/);
  });
});
