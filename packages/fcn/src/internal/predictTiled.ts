import * as tf from '@tensorflow/tfjs';
import type { HvMap, Image, ProbabilityMap } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { assertColorStatistics, matchColorStatistics } from '@qfcn/data';
import { inspectFcn } from '../inspectFcn';
import { blendWindow, reflectIndex, tileStarts } from './tiling';
import { assertImage } from './validate';
import type { TileOptions } from '../tileOptions';

export type { TileOptions };

export interface TiledResult {
  object: ProbabilityMap;
  contour: ProbabilityMap;
  /** Only from a network with a distance head. */
  distance?: ProbabilityMap;
  /** Only from a network with an hv head. */
  hv?: HvMap;
  descriptor: Float32Array;
}

const roundUp = (n: number, d: number) => Math.ceil(n / d) * d;

/**
 * Runs an FCN over an image of any size in overlapping tiles and blends them.
 *
 * Tiles are `tile` x `tile` (or the image rounded up to the divisor when it is smaller); pixels
 * beyond the image are mirrored. Probabilities are blended with raised-cosine ramps in the
 * overlaps (see `blendWindow`); with `tta`, each map is the mean of the four flips mapped back (the
 * hv maps' h changes sign with a left-right flip, v with a top-bottom one). The descriptor is the
 * mean over tiles of the tile descriptors, weighted by the share of each tile that lies inside the
 * image. With `colorTarget` the image is first matched to those colour statistics. Memory is
 * bounded by `batchSize` tiles plus the `width x height` float32 maps returned and their weights.
 */
export function predictTiled(
  model: tf.LayersModel,
  image: Image,
  options: TileOptions,
  want: { maps: boolean },
): TiledResult {
  const steps = tiledSteps(model, image, options, want);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Tile progress: `done` of `total` tiles have run (counted per forward batch). */
export type TileProgress = (done: number, total: number) => void | Promise<void>;

/**
 * {@link predictTiled} with a pause after every batch of tiles: `onProgress(done, total)` is awaited
 * there, so a web page can update a progress bar (e.g. `await tf.nextFrame()` in it). Same result.
 */
export async function predictTiledAsync(
  model: tf.LayersModel,
  image: Image,
  options: TileOptions,
  want: { maps: boolean },
  onProgress?: TileProgress,
): Promise<TiledResult> {
  const steps = tiledSteps(model, image, options, want);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await onProgress?.(step.value.done, step.value.total);
  }
}

/** Counts the tiles {@link predictTiled} runs on an image of this size (before any work). */
export function countTiles(model: tf.LayersModel, width: number, height: number, options: TileOptions): number {
  const divisor = inspectFcn(model).divisor;
  const tile = options.tile ?? 256;
  const overlap = options.overlap ?? Math.floor(tile / 4);
  const th = Math.min(tile, roundUp(height, divisor));
  const tw = Math.min(tile, roundUp(width, divisor));
  return tileStarts(height, th, overlap).length * tileStarts(width, tw, overlap).length;
}

function* tiledSteps(
  model: tf.LayersModel,
  image: Image,
  options: TileOptions,
  want: { maps: boolean },
): Generator<{ done: number; total: number }, TiledResult, void> {
  const info = inspectFcn(model);
  assertImage(image, info.inputChannels);
  const tile = options.tile ?? 256;
  const overlap = options.overlap ?? Math.floor(tile / 4);
  const batchSize = options.batchSize ?? 4;
  if (!Number.isInteger(tile) || tile < info.divisor || tile % info.divisor !== 0) {
    throw new InvalidArgumentError(
      'tile',
      `must be a positive multiple of ${info.divisor} (2^(stages-1)), got ${tile}`,
    );
  }
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= tile) {
    throw new InvalidArgumentError('overlap', `must be an integer in [0, tile), got ${overlap}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError('batchSize', `must be a positive integer, got ${batchSize}`);
  }
  if (options.colorTarget) assertColorStatistics(options.colorTarget, 'colorTarget');
  const input = options.colorTarget ? matchColorStatistics(image, options.colorTarget) : image;
  const { width, height, channels, data } = input;
  const th = Math.min(tile, roundUp(height, info.divisor));
  const tw = Math.min(tile, roundUp(width, info.divisor));
  const ys = tileStarts(height, th, overlap);
  const xs = tileStarts(width, tw, overlap);
  const tiles: { y: number; x: number; wy: Float32Array; wx: Float32Array }[] = [];
  for (let i = 0; i < ys.length; i++) {
    const wy = blendWindow(th, overlap, i > 0, i < ys.length - 1);
    for (let j = 0; j < xs.length; j++) {
      tiles.push({ y: ys[i]!, x: xs[j]!, wy, wx: blendWindow(tw, overlap, j > 0, j < xs.length - 1) });
    }
  }

  const n = width * height;
  const object = want.maps ? new Float32Array(n) : new Float32Array(0);
  const contour = want.maps ? new Float32Array(n) : new Float32Array(0);
  const withDistance = want.maps && info.distanceHead;
  const distance = withDistance ? new Float32Array(n) : new Float32Array(0);
  const withHv = want.maps && info.hvHead;
  const hv = withHv ? new Float32Array(2 * n) : new Float32Array(0);
  // model outputs: object, contour, descriptor[, distance][, hv] (inspectFcn checked the names)
  const hvOutput = info.distanceHead ? 4 : 3;
  const weight = want.maps ? new Float32Array(n) : new Float32Array(0);
  const descriptor = new Float64Array(info.descriptorSize);
  let descriptorWeight = 0;
  const tilePixels = th * tw;

  for (let b0 = 0; b0 < tiles.length; b0 += batchSize) {
    const batch = tiles.slice(b0, b0 + batchSize);
    const input = new Float32Array(batch.length * tilePixels * channels);
    batch.forEach((t, k) => {
      let o = k * tilePixels * channels;
      for (let yy = 0; yy < th; yy++) {
        const sy = reflectIndex(t.y + yy, height);
        for (let xx = 0; xx < tw; xx++) {
          const s = (sy * width + reflectIndex(t.x + xx, width)) * channels;
          for (let c = 0; c < channels; c++) input[o++] = data[s + c]!;
        }
      }
    });
    let objData: Float32Array | null = null;
    let conData: Float32Array | null = null;
    let disData: Float32Array | null = null;
    let hvData: Float32Array | null = null;
    let descData: Float32Array = new Float32Array(0);
    tf.tidy(() => {
      const shape: [number, number, number, number] = [batch.length, th, tw, channels];
      const outputs = model.predict(tf.tensor4d(input, shape)) as tf.Tensor[];
      descData = outputs[2]!.dataSync() as Float32Array;
      if (!want.maps) return;
      // the maps wanted: [output index, channels]
      const maps: [number, 1 | 2][] = [
        [0, 1],
        [1, 1],
        ...(withDistance ? [[3, 1] as [number, 1]] : []),
        ...(withHv ? [[hvOutput, 2] as [number, 2]] : []),
      ];
      const sums = maps.map(([m]) => outputs[m]!.dataSync() as Float32Array);
      if (options.tta) {
        // the three other flips, done on the arrays (an O(n) copy) rather than by tfjs' reverse,
        // which some backends run far slower than the network itself
        for (let k = 0; k < sums.length; k++) sums[k] = Float32Array.from(sums[k]!);
        for (const [fx, fy] of [
          [true, false],
          [false, true],
          [true, true],
        ] as const) {
          const flipped = model.predict(tf.tensor4d(flipTiles(input, shape, fx, fy), shape)) as tf.Tensor[];
          maps.forEach(([m, c], k) => {
            const back = flipTiles(flipped[m]!.dataSync() as Float32Array, [batch.length, th, tw, c], fx, fy);
            // an hv map flipped back: h points the other way after a left-right flip, v after a top-bottom one
            const sign = c === 2 ? [fx ? -1 : 1, fy ? -1 : 1] : [1];
            const sum = sums[k]!;
            for (let i = 0; i < sum.length; i++) sum[i]! += sign[i % c]! * back[i]!;
          });
        }
        for (const sum of sums) for (let i = 0; i < sum.length; i++) sum[i]! /= 4;
      }
      objData = sums[0]!;
      conData = sums[1]!;
      disData = withDistance ? sums[2]! : null;
      hvData = withHv ? sums.at(-1)! : null;
    });
    batch.forEach((t, k) => {
      const inH = Math.min(th, height - t.y);
      const inW = Math.min(tw, width - t.x);
      const share = (inH * inW) / tilePixels;
      for (let c = 0; c < info.descriptorSize; c++) descriptor[c]! += share * descData[k * info.descriptorSize + c]!;
      descriptorWeight += share;
      if (objData === null || conData === null) return;
      for (let yy = 0; yy < inH; yy++) {
        const wyv = t.wy[yy]!;
        const src = k * tilePixels + yy * tw;
        const dst = (t.y + yy) * width + t.x;
        for (let xx = 0; xx < inW; xx++) {
          const w = wyv * t.wx[xx]!;
          object[dst + xx]! += w * objData[src + xx]!;
          contour[dst + xx]! += w * conData[src + xx]!;
          if (disData) distance[dst + xx]! += w * disData[src + xx]!;
          if (hvData) {
            hv[2 * (dst + xx)]! += w * hvData[2 * (src + xx)]!;
            hv[2 * (dst + xx) + 1]! += w * hvData[2 * (src + xx) + 1]!;
          }
          weight[dst + xx]! += w;
        }
      }
    });
    yield { done: Math.min(b0 + batchSize, tiles.length), total: tiles.length };
  }
  if (want.maps) {
    for (let i = 0; i < n; i++) {
      object[i]! /= weight[i]!;
      contour[i]! /= weight[i]!;
    }
    if (withDistance) for (let i = 0; i < n; i++) distance[i]! /= weight[i]!;
    if (withHv) for (let i = 0; i < 2 * n; i++) hv[i]! /= weight[i >> 1]!;
  }
  const desc = new Float32Array(info.descriptorSize);
  for (let c = 0; c < desc.length; c++) desc[c] = descriptor[c]! / descriptorWeight;
  return {
    object: { width, height, data: object },
    contour: { width, height, data: contour },
    ...(withDistance ? { distance: { width, height, data: distance } } : {}),
    ...(withHv ? { hv: { width, height, data: hv } } : {}),
    descriptor: desc,
  };
}

/** A copy of NHWC `data` with every image flipped left-right (`fx`) and/or top-bottom (`fy`). */
function flipTiles(
  data: Float32Array,
  [n, h, w, c]: readonly [number, number, number, number],
  fx: boolean,
  fy: boolean,
): Float32Array {
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      const sy = fy ? h - 1 - y : y;
      for (let x = 0; x < w; x++) {
        const sx = fx ? w - 1 - x : x;
        const src = ((b * h + sy) * w + sx) * c;
        const dst = ((b * h + y) * w + x) * c;
        for (let k = 0; k < c; k++) out[dst + k] = data[src + k]!;
      }
    }
  }
  return out;
}
