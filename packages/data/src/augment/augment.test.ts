import { createHash } from 'node:crypto';
import type { Image, LabelMap, Sample } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/createRng';
import { tinySyntheticSample } from '../test';
import { augment, type AugmentOptions } from './augment';

/** W x H image whose pixels encode their coordinates (R = sx·x, G = sy·y) and labels y·W + x + 1. */
function coordinateSample(w: number, h: number, sx = 30, sy = 50): Sample {
  const image = new Uint8Array(w * h * 3);
  const label = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      image.set([sx * x, sy * y, 0], (y * w + x) * 3);
      label[y * w + x] = y * w + x + 1;
    }
  }
  return { id: 'coords', image: { width: w, height: h, channels: 3, data: image }, label: { width: w, height: h, data: label }, meta: { source: 'test' } };
}
const grid = (m: LabelMap): string => Array.from({ length: m.height }, (_, y) => Array.from(m.data.subarray(y * m.width, (y + 1) * m.width)).join(' ')).join(' / ');

describe('augment', () => {
  it('3x2 labels: flips and rotations produce exactly the 8 symmetries of the rectangle, all of them over 64 seeds', () => {
    const sample: Sample = {
      id: 's',
      image: { width: 3, height: 2, channels: 1, data: new Uint8Array([1, 2, 3, 4, 5, 6]) },
      label: { width: 3, height: 2, data: new Uint8Array([1, 2, 3, 4, 5, 6]) },
    };
    const symmetries = new Set([
      '1 2 3 / 4 5 6', // identity
      '3 2 1 / 6 5 4', // horizontal flip
      '4 5 6 / 1 2 3', // vertical flip
      '6 5 4 / 3 2 1', // 180°
      '4 1 / 5 2 / 6 3', // 90° clockwise
      '3 6 / 2 5 / 1 4', // 90° counter-clockwise
      '1 4 / 2 5 / 3 6', // transpose
      '6 3 / 5 2 / 4 1', // anti-transpose
    ]);
    const seen = new Set<string>();
    for (let seed = 0; seed < 64; seed++) {
      const out = augment(sample, seed, { colorJitter: false });
      const g = grid(out.label!);
      expect(symmetries.has(g)).toBe(true);
      expect(Array.from(out.image.data)).toEqual(Array.from(out.label!.data)); // image moved the same way
      seen.add(g);
    }
    expect(seen.size).toBe(8);
  });

  it('7x5 coordinate image, crop 4x3 + flips + rotations over 30 seeds: every label matches its pixel', () => {
    const sample = coordinateSample(7, 5);
    for (let seed = 0; seed < 30; seed++) {
      const out = augment(sample, seed, { crop: { width: 4, height: 3 }, colorJitter: false });
      expect([out.image.width * out.image.height, out.label!.width, out.label!.height].join()).toMatch(/^12,(4,3|3,4)$/);
      for (let i = 0; i < 12; i++) {
        const x = out.image.data[i * 3] / 30;
        const y = out.image.data[i * 3 + 1] / 50;
        expect(out.label!.data[i]).toBe(y * 7 + x + 1);
      }
    }
  });

  it('crop 3 of a 5x1 row without flips/rotation: offsets 0, 1 and 2 all occur; crop = image size is allowed', () => {
    const sample: Sample = { id: 'row', image: { width: 5, height: 1, channels: 1, data: new Uint8Array([0, 1, 2, 3, 4]) } };
    const starts = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      const out = augment(sample, seed, { crop: { width: 3, height: 1 }, flip: false, rotate90: false, colorJitter: false });
      const d = Array.from(out.image.data);
      expect(d).toEqual([d[0], d[0] + 1, d[0] + 2]);
      starts.add(d[0]);
    }
    expect([...starts].sort()).toEqual([0, 1, 2]);
    expect(augment(sample, 1, { crop: { width: 5, height: 1 }, flip: false, rotate90: false, colorJitter: false }).image.data).toEqual(new Uint8Array([0, 1, 2, 3, 4]));
  });

  it('crop larger than the image or not a positive integer is an InvalidArgumentError', () => {
    const sample = coordinateSample(7, 5);
    expect(() => augment(sample, 1, { crop: 6 })).toThrowError("Invalid argument 'crop': crop 6x6 is larger than the 7x5 image of 'coords'");
    expect(() => augment(sample, 1, { crop: 0 })).toThrowError(/must be positive integers/);
    expect(() => augment(sample, 1, { crop: 2.5 })).toThrowError(/must be positive integers/);
  });

  it('seeded: a seed repeats exactly; an Rng advances (new result per call) and replays from the same seed', () => {
    const sample = coordinateSample(7, 5);
    const a = augment(sample, 42, { crop: 3, elastic: true });
    const b = augment(sample, 42, { crop: 3, elastic: true });
    expect(a).toEqual(b);
    const r1 = createRng(5);
    const first = [augment(sample, r1, { crop: 3 }), augment(sample, r1, { crop: 3 }), augment(sample, r1, { crop: 3 })];
    const r2 = createRng(5);
    const second = [augment(sample, r2, { crop: 3 }), augment(sample, r2, { crop: 3 }), augment(sample, r2, { crop: 3 })];
    expect(second).toEqual(first);
    expect(new Set(first.map((s) => Array.from(s.image.data).join())).size).toBeGreaterThan(1);
  });

  it('colour jitter changes pixels, never labels; zero jitter is the identity; brightness alone scales by 0.9..1.1', () => {
    const sample = coordinateSample(7, 5);
    const jittered = augment(sample, 3, { flip: false, rotate90: false, colorJitter: { brightness: 0.2, contrast: 0.2, saturation: 0.2, hue: 0.05 } });
    expect(jittered.label).toEqual(sample.label);
    expect(jittered.image.data).not.toEqual(sample.image.data);
    const none = augment(sample, 3, { flip: false, rotate90: false, colorJitter: { brightness: 0, contrast: 0, saturation: 0, hue: 0 } });
    expect(none.image.data).toEqual(sample.image.data);
    for (let seed = 0; seed < 10; seed++) {
      const out = augment(sample, seed, { flip: false, rotate90: false, colorJitter: { brightness: 0.1, contrast: 0, saturation: 0, hue: 0 } });
      const factor = out.image.data[6 * 3] / 180; // pixel (6, 0): R = 180
      expect(factor).toBeGreaterThanOrEqual(0.9 - 1 / 180);
      expect(factor).toBeLessThanOrEqual(1.1 + 1 / 180);
      for (let i = 0; i < 35 * 3; i++) expect(Math.abs(out.image.data[i] - Math.min(255, sample.image.data[i] * factor))).toBeLessThanOrEqual(1);
    }
  });

  it('RGBA keeps its alpha; grey images get brightness and contrast only', () => {
    const rgba: Image = { width: 2, height: 1, channels: 4, data: new Uint8Array([200, 100, 50, 7, 10, 20, 30, 9]) };
    const out = augment({ id: 'a', image: rgba }, 1, { colorJitter: { brightness: 0.3, hue: 0.1 } });
    expect([out.image.data[3], out.image.data[7]].sort()).toEqual([7, 9]);
    const grey: Image = { width: 2, height: 1, channels: 1, data: new Uint8Array([100, 200]) };
    expect(augment({ id: 'g', image: grey }, 2, { flip: false, rotate90: false }).image.channels).toBe(1);
  });

  it('elastic: labels by nearest neighbour (no new labels, each within half a pixel of its image position); alpha 0 changes nothing', () => {
    const sample = coordinateSample(20, 20, 12, 12);
    const opts = { flip: false, rotate90: false, colorJitter: false as const };
    const warped = augment(sample, 7, { ...opts, elastic: { alpha: 3, spacing: 6 } });
    expect(warped.image.data).not.toEqual(sample.image.data);
    for (let i = 0; i < 400; i++) {
      const l = warped.label!.data[i] - 1;
      const lx = l % 20;
      const ly = Math.floor(l / 20);
      // |round(12·sx)/12 − sx| ≤ 1/24 and |sx − lx| ≤ 1/2
      expect(Math.abs(warped.image.data[i * 3] / 12 - lx)).toBeLessThanOrEqual(0.5 + 1 / 24 + 1e-9);
      expect(Math.abs(warped.image.data[i * 3 + 1] / 12 - ly)).toBeLessThanOrEqual(0.5 + 1 / 24 + 1e-9);
    }
    const still = augment(sample, 7, { ...opts, elastic: { alpha: 0 } });
    expect(still.image).toEqual(sample.image);
    expect(still.label).toEqual(sample.label);
  });

  it('keeps id and meta, does not modify the input, handles unlabeled samples; label size mismatch is an error', () => {
    const sample = coordinateSample(7, 5);
    const before = Array.from(sample.image.data);
    const out = augment(sample, 1, { crop: 3, elastic: true });
    expect(out.id).toBe('coords');
    expect(out.meta).toEqual({ source: 'test' });
    expect(Array.from(sample.image.data)).toEqual(before);
    expect(augment({ id: 'u', image: sample.image }, 1).label).toBeUndefined();
    expect(() => augment({ ...sample, label: { width: 5, height: 7, data: new Uint8Array(35) } }, 1)).toThrowError(/label map is 5x7 but the image is 7x5/);
    expect(() => augment(sample, 1, { colorJitter: { brightness: -1 } })).toThrowError(/colorJitter\.brightness/);
  });

  it('48x32 synthetic sample: outputs and the random stream are pinned (default, crop, crop+elastic, rectangular crop+jitter)', () => {
    // Hashes recorded before the H&E options existed: checkpoints and tests depend on this exact stream.
    const sample = tinySyntheticSample();
    const hash = (s: Sample): string =>
      createHash('sha256')
        .update(s.image.data)
        .update(new Uint8Array(s.label!.data.buffer, s.label!.data.byteOffset, s.label!.data.byteLength))
        .update(`${s.image.width}x${s.image.height}`)
        .digest('hex')
        .slice(0, 16);
    const pinned: [string, AugmentOptions, string[], number][] = [
      ['default', {}, ['b43bb4f4c74294ca', '86b83f8de448f704', '5ac382f8188e88a6'], 0.5663632238283753],
      ['crop', { crop: 24 }, ['fb7bc5b6f83901c1', '3c4e021f1376557c', '53d17991df66e29f'], 0.13491080678068101],
      ['crop+elastic', { crop: 24, elastic: true }, ['287d9e9491253fe5', 'cffa88a5a8668be0', '74d8a5910329e028'], 0.7032764800824225],
      ['rect+jitter', { crop: { width: 40, height: 20 }, colorJitter: { hue: 0.1, saturation: 0.3 } }, ['b3134a7972db017d', 'd49b701769a1a23e', 'accde472e074ac0d'], 0.13491080678068101],
    ];
    for (const [name, opts, hashes, nextDraw] of pinned) {
      const rng = createRng(11);
      const outs = [augment(sample, rng, opts), augment(sample, rng, opts), augment(sample, 5, opts)].map(hash);
      expect([name, ...outs, rng.next()]).toEqual([name, ...hashes, nextDraw]);
    }
  });
});
