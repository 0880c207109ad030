import type { Sample } from '@qfcn/contract';

/** Options of {@link discSamples}. */
export interface DiscSamplesOptions {
  /** Image side in pixels. Default 32. */
  size?: number;
  /** Discs per image. Default 3. */
  discs?: number;
  /** Radius range of the discs in pixels. Default [3, 6]. */
  radius?: [number, number];
  /** Seed of positions and radii. Default 0. */
  seed?: number;
}

/**
 * `count` labelled RGB samples of pink background (230, 180, 200) with dark purple discs
 * (120, 60, 150) labelled 1..discs (later discs overwrite earlier ones where they overlap).
 * A textbook fixture small enough to train the FCN on in a unit test.
 *
 * @example
 * const samples = discSamples(4, { size: 32, seed: 1 }); // ids disc_0 .. disc_3
 */
export function discSamples(count: number, options: DiscSamplesOptions = {}): Sample[] {
  const size = options.size ?? 32;
  const discs = options.discs ?? 3;
  const [rMin, rMax] = options.radius ?? [3, 6];
  let state = (options.seed ?? 0) * 2654435761 + 1;
  const rand = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const samples: Sample[] = [];
  for (let s = 0; s < count; s++) {
    const image = new Uint8Array(size * size * 3);
    const label = new Uint16Array(size * size);
    for (let i = 0; i < size * size; i++) image.set([230, 180, 200], 3 * i);
    for (let d = 1; d <= discs; d++) {
      const r = rMin + rand() * (rMax - rMin);
      const cx = r + rand() * (size - 2 * r);
      const cy = r + rand() * (size - 2 * r);
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) {
            label[y * size + x] = d;
            image.set([120, 60, 150], 3 * (y * size + x));
          }
        }
      }
    }
    samples.push({
      id: `disc_${s}`,
      image: { width: size, height: size, channels: 3, data: image },
      label: { width: size, height: size, data: label },
    });
  }
  return samples;
}
