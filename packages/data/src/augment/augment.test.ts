import { createHash } from 'node:crypto';
import { InvalidArgumentError, type Image, type LabelMap, type Sample } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/createRng';
import { tinySyntheticSample } from '../test';
import { HE_AUGMENTATION, augment, type AugmentOptions } from './augment';

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
  return {
    id: 'coords',
    image: { width: w, height: h, channels: 3, data: image },
    label: { width: w, height: h, data: label },
    meta: { source: 'test' },
  };
}
const grid = (m: LabelMap): string =>
  Array.from({ length: m.height }, (_, y) =>
    Array.from(m.data.subarray(y * m.width, (y + 1) * m.width)).join(' '),
  ).join(' / ');

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
      expect([out.image.width * out.image.height, out.label!.width, out.label!.height].join()).toMatch(
        /^12,(4,3|3,4)$/,
      );
      for (let i = 0; i < 12; i++) {
        const x = out.image.data[i * 3]! / 30;
        const y = out.image.data[i * 3 + 1]! / 50;
        expect(out.label!.data[i]).toBe(y * 7 + x + 1);
      }
    }
  });

  it('crop 3 of a 5x1 row without flips/rotation: offsets 0, 1 and 2 all occur; crop = image size is allowed', () => {
    const sample: Sample = {
      id: 'row',
      image: { width: 5, height: 1, channels: 1, data: new Uint8Array([0, 1, 2, 3, 4]) },
    };
    const starts = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      const out = augment(sample, seed, {
        crop: { width: 3, height: 1 },
        flip: false,
        rotate90: false,
        colorJitter: false,
      });
      const d = Array.from(out.image.data);
      expect(d).toEqual([d[0], d[0]! + 1, d[0]! + 2]);
      starts.add(d[0]!);
    }
    expect([...starts].sort()).toEqual([0, 1, 2]);
    expect(
      augment(sample, 1, { crop: { width: 5, height: 1 }, flip: false, rotate90: false, colorJitter: false }).image
        .data,
    ).toEqual(new Uint8Array([0, 1, 2, 3, 4]));
  });

  it('crop larger than the image or not a positive integer is an InvalidArgumentError', () => {
    const sample = coordinateSample(7, 5);
    expect(() => augment(sample, 1, { crop: 6 })).toThrowError(
      "Invalid argument 'crop': crop 6x6 is larger than the 7x5 image of 'coords'",
    );
    expect(() => augment(sample, 1, { crop: 0 })).toThrowError(/must be positive integers/);
    expect(() => augment(sample, 1, { crop: 2.5 })).toThrowError(/must be positive integers/);
  });

  it('seeded: a seed repeats exactly; an Rng advances (new result per call) and replays from the same seed', () => {
    const sample = coordinateSample(7, 5);
    const a = augment(sample, 42, { crop: 3, elastic: true });
    const b = augment(sample, 42, { crop: 3, elastic: true });
    expect(a).toEqual(b);
    const r1 = createRng(5);
    const first = [
      augment(sample, r1, { crop: 3 }),
      augment(sample, r1, { crop: 3 }),
      augment(sample, r1, { crop: 3 }),
    ];
    const r2 = createRng(5);
    const second = [
      augment(sample, r2, { crop: 3 }),
      augment(sample, r2, { crop: 3 }),
      augment(sample, r2, { crop: 3 }),
    ];
    expect(second).toEqual(first);
    expect(new Set(first.map((s) => Array.from(s.image.data).join())).size).toBeGreaterThan(1);
  });

  it('colour jitter changes pixels, never labels; zero jitter is the identity; brightness alone scales by 0.9..1.1', () => {
    const sample = coordinateSample(7, 5);
    const jittered = augment(sample, 3, {
      flip: false,
      rotate90: false,
      colorJitter: { brightness: 0.2, contrast: 0.2, saturation: 0.2, hue: 0.05 },
    });
    expect(jittered.label).toEqual(sample.label);
    expect(jittered.image.data).not.toEqual(sample.image.data);
    const none = augment(sample, 3, {
      flip: false,
      rotate90: false,
      colorJitter: { brightness: 0, contrast: 0, saturation: 0, hue: 0 },
    });
    expect(none.image.data).toEqual(sample.image.data);
    for (let seed = 0; seed < 10; seed++) {
      const out = augment(sample, seed, {
        flip: false,
        rotate90: false,
        colorJitter: { brightness: 0.1, contrast: 0, saturation: 0, hue: 0 },
      });
      const factor = out.image.data[6 * 3]! / 180; // pixel (6, 0): R = 180
      expect(factor).toBeGreaterThanOrEqual(0.9 - 1 / 180);
      expect(factor).toBeLessThanOrEqual(1.1 + 1 / 180);
      for (let i = 0; i < 35 * 3; i++)
        expect(Math.abs(out.image.data[i]! - Math.min(255, sample.image.data[i]! * factor))).toBeLessThanOrEqual(1);
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
      const l = warped.label!.data[i]! - 1;
      const lx = l % 20;
      const ly = Math.floor(l / 20);
      // |round(12·sx)/12 − sx| ≤ 1/24 and |sx − lx| ≤ 1/2
      expect(Math.abs(warped.image.data[i * 3]! / 12 - lx)).toBeLessThanOrEqual(0.5 + 1 / 24 + 1e-9);
      expect(Math.abs(warped.image.data[i * 3 + 1]! / 12 - ly)).toBeLessThanOrEqual(0.5 + 1 / 24 + 1e-9);
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
    expect(() => augment({ ...sample, label: { width: 5, height: 7, data: new Uint8Array(35) } }, 1)).toThrowError(
      /label map is 5x7 but the image is 7x5/,
    );
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
      [
        'crop+elastic',
        { crop: 24, elastic: true },
        ['287d9e9491253fe5', 'cffa88a5a8668be0', '74d8a5910329e028'],
        0.7032764800824225,
      ],
      [
        'rect+jitter',
        { crop: { width: 40, height: 20 }, colorJitter: { hue: 0.1, saturation: 0.3 } },
        ['b3134a7972db017d', 'd49b701769a1a23e', 'accde472e074ac0d'],
        0.13491080678068101,
      ],
    ];
    for (const [name, opts, hashes, nextDraw] of pinned) {
      const rng = createRng(11);
      const outs = [augment(sample, rng, opts), augment(sample, rng, opts), augment(sample, 5, opts)].map(hash);
      expect([name, ...outs, rng.next()]).toEqual([name, ...hashes, nextDraw]);
    }
  });
});

/** W x H RGB image of square blocks (side `block`), labels 0, 3, 7 in a pattern, every channel = 30 · label. */
function blockSample(w: number, h: number, block: number): Sample {
  const values = [0, 3, 7];
  const image = new Uint8Array(w * h * 3);
  const label = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = values[(Math.floor(x / block) + 2 * Math.floor(y / block)) % 3]!;
      label[y * w + x] = v;
      image.fill(30 * v, (y * w + x) * 3, (y * w + x) * 3 + 3);
    }
  }
  return {
    id: 'blocks',
    image: { width: w, height: h, channels: 3, data: image },
    label: { width: w, height: h, data: label },
  };
}
const constantSample = (w: number, h: number, rgb: number[]): Sample => {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < data.length; i++) data[i] = rgb[i % 3]!;
  return {
    id: 'flat',
    image: { width: w, height: h, channels: 3, data },
    label: { width: w, height: h, data: new Uint16Array(w * h).fill(5) },
  };
};
const sameBytes = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
/** Same size, id, meta, image bytes and label bytes (a fast toEqual for large typed arrays). */
const sameSample = (a: Sample, b: Sample): boolean =>
  JSON.stringify([
    a.id,
    a.meta,
    a.image.width,
    a.image.height,
    a.image.channels,
    a.label?.width,
    a.label?.height,
    a.label?.data.constructor.name,
  ]) ===
    JSON.stringify([
      b.id,
      b.meta,
      b.image.width,
      b.image.height,
      b.image.channels,
      b.label?.width,
      b.label?.height,
      b.label?.data.constructor.name,
    ]) &&
  sameBytes(a.image.data, b.image.data) &&
  (a.label === undefined ? b.label === undefined : b.label !== undefined && sameBytes(a.label.data, b.label.data));
const noGeometry = { flip: false, rotate90: false, colorJitter: false } as const;

describe('augment: H&E options (stain, scale, blur, noise) and HE_AUGMENTATION', () => {
  it('48x32 synthetic sample, every new option on, 12 seeds: a seed repeats exactly, seeds differ, an Rng replays from its seed', () => {
    const sample = tinySyntheticSample();
    const opts: AugmentOptions = {
      crop: 24,
      stain: true,
      scale: true,
      blur: { probability: 1 },
      noise: { probability: 1 },
      elastic: true,
    };
    const seen = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      const a = augment(sample, seed, opts);
      const b = augment(sample, seed, opts);
      expect(sameBytes(a.image.data, b.image.data) && sameBytes(a.label!.data, b.label!.data)).toBe(true);
      seen.add(Buffer.from(a.image.data).toString('base64'));
    }
    expect(seen.size).toBe(12);
    const run = (): Sample[] => {
      const rng = createRng('he');
      return [0, 1, 2].map(() => augment(sample, rng, { ...HE_AUGMENTATION, crop: 20 }));
    };
    expect(run()).toEqual(run());
  });

  it('each new option false/undefined (alone and all together) gives the output and the rng stream of the option absent, over 4 settings x 5 seeds', () => {
    const sample = tinySyntheticSample();
    const bases: AugmentOptions[] = [
      {},
      { crop: 24 },
      { crop: { width: 30, height: 16 }, elastic: true },
      { flip: false, colorJitter: false },
    ];
    const offs: AugmentOptions[] = [
      { stain: false },
      { scale: false },
      { blur: false },
      { noise: false },
      { stain: undefined, scale: undefined, blur: undefined, noise: undefined },
      { stain: false, scale: false, blur: false, noise: false },
    ];
    for (const base of bases) {
      for (let seed = 0; seed < 5; seed++) {
        const r0 = createRng(seed);
        const reference = augment(sample, r0, base);
        for (const off of offs) {
          const r1 = createRng(seed);
          expect(sameSample(augment(sample, r1, { ...base, ...off }), reference)).toBe(true);
          expect(r1.state()).toEqual(r0.state());
        }
      }
    }
  });

  it('stain, blur and noise draw after every existing step: with them on, crop/flip/rotation/elastic (the labels) stay as without them', () => {
    const sample = tinySyntheticSample();
    for (let seed = 0; seed < 8; seed++) {
      const base: AugmentOptions = { crop: 20, elastic: { alpha: 2, spacing: 8 } };
      const plain = augment(sample, seed, base);
      const extra = augment(sample, seed, {
        ...base,
        stain: true,
        blur: { probability: 1 },
        noise: { probability: 1 },
      });
      expect(extra.label).toEqual(plain.label);
      expect(sameBytes(extra.image.data, plain.image.data)).toBe(false);
    }
  });

  it('40x40 coordinate image, crop 16 + scale 0.8..1.25 + flips + rotations, 40 seeds: each label within half a pixel (+1/12 rounding) of its pixel', () => {
    const sample = coordinateSample(40, 40, 6, 6);
    const zoom = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const out = augment(sample, seed, { crop: 16, scale: true, colorJitter: false });
      expect([out.image.width, out.image.height, out.label!.width, out.label!.height]).toEqual([16, 16, 16, 16]);
      for (let i = 0; i < 256; i++) {
        const l = out.label!.data[i]! - 1;
        expect(Math.abs(out.image.data[i * 3]! / 6 - (l % 40))).toBeLessThanOrEqual(0.5 + 1 / 12 + 1e-9);
        expect(Math.abs(out.image.data[i * 3 + 1]! / 6 - Math.floor(l / 40))).toBeLessThanOrEqual(0.5 + 1 / 12 + 1e-9);
      }
      // span of source x covered by the 16 output pixels: 15/s, so > 15 means zoom-out, < 15 zoom-in
      const xs = Array.from({ length: 256 }, (_, i) => out.image.data[i * 3]! / 6);
      const span = Math.max(...xs) - Math.min(...xs);
      zoom.add(span > 15.5 ? 'out' : span < 14.5 ? 'in' : 'about 1');
    }
    expect(zoom.has('in') && zoom.has('out')).toBe(true);
  });

  it('40x40 coordinate image, scale + elastic + flips + rotations, 30 seeds: labels stay within 1.2 px of their pixels', () => {
    // elastic resamples the scaled image bilinearly and its labels by nearest: up to 0.5/s + 0.5 + 2/12 px apart
    const sample = coordinateSample(40, 40, 6, 6);
    for (let seed = 0; seed < 30; seed++) {
      const out = augment(sample, seed, {
        crop: { width: 20, height: 12 },
        scale: true,
        elastic: { alpha: 3, spacing: 6 },
        colorJitter: false,
      });
      expect(out.image.width * out.image.height).toBe(240);
      for (let i = 0; i < 240; i++) {
        const l = out.label!.data[i]! - 1;
        expect(Math.abs(out.image.data[i * 3]! / 6 - (l % 40))).toBeLessThanOrEqual(1.2);
        expect(Math.abs(out.image.data[i * 3 + 1]! / 6 - Math.floor(l / 40))).toBeLessThanOrEqual(1.2);
      }
    }
  });

  it('30x30 blocks (image = 30 · label), crop 17 + scale 0.8..1.25 + flips + rotations, 40 seeds: labels only 0/3/7, never blended; inside (4-neighbours of the same label) image = 30 · label', () => {
    const sample = blockSample(30, 30, 5);
    for (let seed = 0; seed < 40; seed++) {
      const out = augment(sample, seed, { crop: 17, scale: true, colorJitter: false });
      const { width: w, height: h } = out.image;
      const L = out.label!.data;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const l = L[y * w + x]!;
          expect([0, 3, 7]).toContain(l);
          const inner = [
            [1, 0],
            [-1, 0],
            [0, 1],
            [0, -1],
          ].every(([dx, dy]) => {
            const nx = x + dx!;
            const ny = y + dy!;
            return nx >= 0 && ny >= 0 && nx < w && ny < h && L[ny * w + nx] === l;
          });
          if (inner) expect(out.image.data[(y * w + x) * 3]).toBe(30 * l);
        }
      }
    }
  });

  it('scale: min = max = 1 is an exact crop; 2x zoom-in halves the pixel step; no crop keeps the 7x5 size; 0.5 on a crop the size of the image is clamped to 1 (identity)', () => {
    const sample = coordinateSample(40, 40, 6, 6);
    for (let seed = 0; seed < 10; seed++) {
      const out = augment(sample, seed, { ...noGeometry, crop: 8, scale: { min: 1, max: 1 } });
      const x0 = out.image.data[0]! / 6;
      const y0 = out.image.data[1]! / 6;
      for (let i = 0; i < 64; i++) {
        expect([out.image.data[i * 3]! / 6, out.image.data[i * 3 + 1]! / 6, out.label!.data[i]]).toEqual([
          x0 + (i % 8),
          y0 + Math.floor(i / 8),
          (y0 + Math.floor(i / 8)) * 40 + x0 + (i % 8) + 1,
        ]);
      }
      const zoomed = augment(sample, seed, { ...noGeometry, crop: 8, scale: { min: 2, max: 2 } });
      expect(zoomed.image.data[3]! - zoomed.image.data[0]!).toBe(3); // 6 per pixel / 2
    }
    const small = coordinateSample(7, 5);
    expect([augment(small, 3, { scale: true }).image.width, augment(small, 3, { scale: true }).image.height]).toEqual([
      7, 5,
    ]);
    const same = augment(small, 3, { ...noGeometry, crop: { width: 7, height: 5 }, scale: { min: 0.5, max: 0.5 } });
    expect(same.image).toEqual(small.image);
    expect(same.label).toEqual(small.label);
  });

  it('stain: sigma 0 and bias 0 keep the 48x32 image exactly; default jitter changes it mildly (mean |Δ| < 12); labels untouched; grey images unchanged', () => {
    const sample = tinySyntheticSample();
    const none = augment(sample, 1, { ...noGeometry, stain: { sigma: 0, bias: 0 } });
    expect(sameBytes(none.image.data, sample.image.data)).toBe(true);
    for (let seed = 0; seed < 5; seed++) {
      const out = augment(sample, seed, { ...noGeometry, stain: true });
      expect(out.label).toEqual(sample.label);
      let diff = 0;
      for (let i = 0; i < out.image.data.length; i++) diff += Math.abs(out.image.data[i]! - sample.image.data[i]!);
      expect(diff).toBeGreaterThan(0);
      expect(diff / out.image.data.length).toBeLessThan(12);
    }
    const grey: Image = { width: 3, height: 2, channels: 1, data: new Uint8Array([0, 50, 100, 150, 200, 250]) };
    expect(augment({ id: 'g', image: grey }, 2, { ...noGeometry, stain: { sigma: 0.5, bias: 0.5 } }).image).toEqual(
      grey,
    );
  });

  it('blur: 33x21 constant image stays the constant at any sigma; probability 0 leaves the image as without blur; labels untouched', () => {
    const flat = constantSample(33, 21, [200, 120, 180]);
    for (let seed = 0; seed < 10; seed++) {
      const out = augment(flat, seed, { blur: { maxSigma: 3, probability: 1 }, noise: false });
      expect(out.image).toEqual(augment(flat, seed, {}).image);
    }
    const sample = tinySyntheticSample();
    for (let seed = 0; seed < 5; seed++) {
      expect(
        sameSample(augment(sample, seed, { crop: 24, blur: { probability: 0 } }), augment(sample, seed, { crop: 24 })),
      ).toBe(true);
      const blurred = augment(sample, seed, { crop: 24, blur: { probability: 1, maxSigma: 2 } });
      const plain = augment(sample, seed, { crop: 24 });
      expect(blurred.label).toEqual(plain.label);
    }
  });

  it('noise: 200x200 grey 128 with maxSigma 5, probability 1: std ≤ 5 and > 0 over 10 seeds, labels untouched; 50x50 black, maxSigma 50: clamped at 0', () => {
    const data = new Uint8Array(200 * 200).fill(128);
    const sample: Sample = {
      id: 'n',
      image: { width: 200, height: 200, channels: 1, data },
      label: { width: 200, height: 200, data: new Uint8Array(40000).fill(1) },
    };
    const stds: number[] = [];
    for (let seed = 0; seed < 10; seed++) {
      const out = augment(sample, seed, { ...noGeometry, noise: { maxSigma: 5, probability: 1 } });
      let sq = 0;
      for (const v of out.image.data) sq += (v - 128) ** 2;
      stds.push(Math.sqrt(sq / 40000));
      expect(sameBytes(out.label!.data, sample.label!.data)).toBe(true);
    }
    for (const s of stds) expect(s).toBeLessThan(Math.sqrt(25 + 1 / 12) * 1.03); // sigma ≤ 5, plus the rounding's variance 1/12
    expect(Math.max(...stds)).toBeGreaterThan(1);
    const black = augment({ id: 'b', image: { width: 50, height: 50, channels: 3, data: new Uint8Array(7500) } }, 1, {
      ...noGeometry,
      noise: { maxSigma: 50, probability: 1 },
    });
    const zeros = black.image.data.filter((v) => v === 0).length / 7500; // negative noise is clamped to 0
    expect(zeros).toBeGreaterThan(0.45);
    expect(zeros).toBeLessThan(0.9);
  });

  it('invalid options throw InvalidArgumentError naming the option (negative sigma, min > max, probability outside [0, 1], not an object)', () => {
    const sample = coordinateSample(7, 5);
    const cases: [AugmentOptions, string, RegExp][] = [
      [{ stain: { sigma: -0.1 } }, 'stain.sigma', /must be a finite number in \[0, 1\], got -0.1/],
      [{ stain: { sigma: 1.5 } }, 'stain.sigma', /got 1.5/],
      [{ stain: { bias: -1 } }, 'stain.bias', /≥ 0, got -1/],
      [{ scale: { min: 0 } }, 'scale.min', /> 0, got 0/],
      [{ scale: { min: 1.3, max: 1.1 } }, 'scale.max', /must be ≥ scale.min, got min 1.3 > max 1.1/],
      [{ scale: { max: Number.NaN } }, 'scale.max', /got NaN/],
      [{ blur: { maxSigma: -1 } }, 'blur.maxSigma', /got -1/],
      [{ blur: { probability: 1.5 } }, 'blur.probability', /in \[0, 1\], got 1.5/],
      [{ noise: { maxSigma: -0.5 } }, 'noise.maxSigma', /got -0.5/],
      [{ noise: { probability: -0.1 } }, 'noise.probability', /got -0.1/],
      [{ scale: 1.2 as unknown as boolean }, 'scale', /must be a boolean or an options object, got 1.2/],
    ];
    for (const [opts, argument, message] of cases) {
      let error: unknown;
      try {
        augment(sample, 1, opts);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('HE_AUGMENTATION: frozen, the documented recipe; with crop 24 gives 24x24 samples of a 48x32 image', () => {
    expect(HE_AUGMENTATION).toEqual({
      flip: true,
      rotate90: true,
      scale: { min: 0.8, max: 1.25 },
      elastic: { alpha: 2, spacing: 16 },
      colorJitter: { brightness: 0.1, contrast: 0.1, saturation: 0, hue: 0 },
      stain: { sigma: 0.05, bias: 0.05 },
      blur: { maxSigma: 1, probability: 0.5 },
      noise: { maxSigma: 5, probability: 0.5 },
    });
    expect(Object.isFrozen(HE_AUGMENTATION)).toBe(true);
    for (const v of Object.values(HE_AUGMENTATION)) if (typeof v === 'object') expect(Object.isFrozen(v)).toBe(true);
    const rng = createRng(3);
    for (let i = 0; i < 5; i++) {
      const out = augment(tinySyntheticSample(), rng, { ...HE_AUGMENTATION, crop: 24 });
      expect([out.image.width, out.image.height, out.label!.width, out.label!.height]).toEqual([24, 24, 24, 24]);
    }
  });
});
