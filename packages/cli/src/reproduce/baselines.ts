import type { Image } from '@qfcn/contract';
import { createRng } from '@qfcn/data';

/**
 * Foreground likelihood of an unannotated H&E image, from its pixels alone (no label is looked at):
 * the fraction of pixels darker than `threshold` in grey (stained tissue is darker than the white
 * lumen and background). Used by the foreground-aware random baseline.
 */
export function foregroundFraction(image: Image, threshold: number): number {
  const n = image.width * image.height;
  let dark = 0;
  for (let p = 0; p < n; p++) if (grey(image, p) < threshold) dark++;
  return n === 0 ? 0 : dark / n;
}

function grey(image: Image, p: number): number {
  const c = image.channels;
  if (c < 3) return image.data[p * c]!;
  return 0.299 * image.data[p * c]! + 0.587 * image.data[p * c + 1]! + 0.114 * image.data[p * c + 2]!;
}

/** Otsu threshold (0..255) of the grey levels of all images together. */
export function otsuThreshold(images: readonly Image[]): number {
  const hist = new Float64Array(256);
  for (const im of images)
    for (let p = 0; p < im.width * im.height; p++) hist[Math.min(255, Math.max(0, Math.round(grey(im, p))))]! += 1;
  const total = hist.reduce((a, b) => a + b, 0);
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) {
      best = between;
      threshold = t + 1;
    }
  }
  return threshold;
}

/**
 * The foreground-aware random baseline (as nnActive recommends for active learning in segmentation):
 * after the shared initial set, `count` images drawn uniformly among the pool images whose
 * foreground is likely — a foreground fraction (pool-wide Otsu threshold on grey) of at least
 * `minForeground` — and, when fewer are eligible, uniformly among the rest. Seeded; labels unused.
 */
export function foregroundAwareRandom(
  pool: readonly { readonly id: string; readonly image: Image }[],
  initial: readonly string[],
  count: number,
  seed: number,
  minForeground = 0.1,
): { picked: string[]; eligible: number } {
  const threshold = otsuThreshold(pool.map((s) => s.image));
  const taken = new Set(initial);
  const rest = pool.filter((s) => !taken.has(s.id));
  const rng = createRng(seed);
  const shuffle = <T>(xs: T[]) =>
    xs
      .map((x, i) => ({ x, key: rng.next(), i }))
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map((e) => e.x);
  const eligible = rest.filter((s) => foregroundFraction(s.image, threshold) >= minForeground);
  const others = rest.filter((s) => !eligible.includes(s));
  const picked = [...shuffle(eligible), ...shuffle(others)].slice(0, count).map((s) => s.id);
  return { picked, eligible: eligible.length };
}

/** `count` ids drawn uniformly (seeded) from `ids`, in a stable order. */
export function drawIds(ids: readonly string[], count: number, seed: number): string[] {
  const rng = createRng(seed);
  return ids
    .map((id, i) => ({ id, key: rng.next(), i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .slice(0, count)
    .map((e) => e.id);
}
