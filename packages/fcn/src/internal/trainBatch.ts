// Training batches of trainFcn: input checks and the seeded crops of one optimizer step.
import type { LabelMap, Sample } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import {
  augment,
  contourTarget,
  distanceTarget,
  hvTarget,
  objectTarget,
  touchingTarget,
  type AugmentOptions,
} from '@qfcn/data';
import { hashInts } from '@qfcn/internal';
import { assertImage, assertLabel } from './validate';

/** Throws InvalidArgumentError unless every sample is labelled, of `channels` channels and at least `crop` wide and high. */
export function assertSamples(samples: readonly Sample[], channels: number, crop: number, argument: string): void {
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new InvalidArgumentError(argument, 'empty dataset: at least one labelled sample is needed');
  }
  for (const s of samples) {
    assertImage(s.image, channels, `${argument}[${s.id}].image`);
    if (!s.label) throw new InvalidArgumentError(`${argument}[${s.id}].label`, 'sample has no label map');
    assertLabel(s.label, s.image, `${argument}[${s.id}].label`);
    if (crop > s.image.width || crop > s.image.height) {
      throw new InvalidArgumentError(
        'crop',
        `crop ${crop}x${crop} is larger than image '${s.id}' (${s.image.width}x${s.image.height})`,
      );
    }
  }
}

/** The crops of one step: images NHWC and object/contour (and distance, hv) targets, float32. */
export interface Batch {
  x: Float32Array;
  object: Float32Array;
  contour: Float32Array;
  /** Only when the recipe asks for it (a network with a distance head). */
  distance?: Float32Array;
  /** Only for a network with an hv head: `hvTarget` per crop, 2 channels interleaved. */
  hv?: Float32Array;
  /** Per-pixel weights of the contour BCE, only when the recipe weights touching lines apart. */
  contourWeights?: Float32Array;
  n: number;
  crop: number;
  channels: number;
}

/** What every batch of a run is cut from and how (fixed for the run). */
export interface BatchRecipe {
  readonly samples: readonly Sample[];
  readonly crop: number;
  readonly cropsPerImage: number;
  readonly seed: number;
  readonly augment: Omit<AugmentOptions, 'crop'>;
  readonly contourThickness: number;
  /** Whether the batches carry the distance target. */
  readonly distance: boolean;
  /** Whether the batches carry the hv target. */
  readonly hv?: boolean;
  /**
   * Per-pixel contour BCE weights: 1 off the contour, `positive` on it, `touching` where it lies
   * between two objects (`touchingTarget`). Absent: the step weighs contour pixels by its own
   * positive weight.
   */
  readonly contourWeights?: { readonly positive: number; readonly touching: number };
}

/**
 * The crops at positions `indices` of epoch `epoch`'s visiting `order`: sample `order[i] / cropsPerImage`,
 * window and augmentation drawn from `(seed, epoch, i)`.
 */
export function buildBatch(
  recipe: BatchRecipe,
  order: readonly number[],
  epoch: number,
  indices: readonly number[],
): Batch {
  const { samples, crop, cropsPerImage, seed, contourThickness } = recipe;
  const augmentOptions = recipe.augment;
  const channels = samples[0]!.image.channels;
  const px = crop * crop;
  const x = new Float32Array(indices.length * px * channels);
  const object = new Float32Array(indices.length * px);
  const contour = new Float32Array(indices.length * px);
  const distance = recipe.distance ? new Float32Array(indices.length * px) : undefined;
  const hv = recipe.hv ? new Float32Array(indices.length * px * 2) : undefined;
  const weighting = recipe.contourWeights;
  const contourWeights = weighting ? new Float32Array(indices.length * px) : undefined;
  indices.forEach((index, k) => {
    const sample = samples[Math.floor(order[index]! / cropsPerImage)]!;
    const c = augment(sample, hashInts(seed, epoch, index, 0xc409), { ...augmentOptions, crop });
    const label = c.label as LabelMap;
    x.set(c.image.data, k * px * channels);
    object.set(objectTarget(label), k * px);
    const band = contourTarget(label, { thickness: contourThickness });
    contour.set(band, k * px);
    distance?.set(distanceTarget(label), k * px);
    hv?.set(hvTarget(label), k * px * 2);
    if (weighting && contourWeights) {
      const touching = touchingTarget(label, { thickness: contourThickness });
      for (let i = 0; i < px; i++) {
        contourWeights[k * px + i] = touching[i] ? weighting.touching : band[i] ? weighting.positive : 1;
      }
    }
  });
  return {
    x,
    object,
    contour,
    ...(distance ? { distance } : {}),
    ...(hv ? { hv } : {}),
    ...(contourWeights ? { contourWeights } : {}),
    n: indices.length,
    crop,
    channels,
  };
}
