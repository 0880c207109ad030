import { InvalidArgumentError } from '@qfcn/contract';
import { aggregatedJaccardIndex } from '@qfcn/metrics';
import { toInstances, type ToInstancesOptions } from './toInstances';
import { bestTrial, scoreGrid, type TuneInstancesOptions, type TuningPair } from './tuneInstances';

/** Options of {@link selectInstances}: the grid of {@link tuneInstances} and the cross-validation. */
export interface SelectInstancesOptions extends TuneInstancesOptions {
  /**
   * Folds of the cross-validation. Default: one per validation image (leave one out), at most 5.
   * A single image is cut into its four quadrants, which then play the images' part.
   */
  readonly folds?: number;
}

/** What {@link selectInstances} decided, and the evidence it decided on. */
export interface SelectedInstances {
  /** The settings to use: the tuned ones when `tuned`, else `base` (the {@link toInstances} defaults under it). */
  readonly options: ToInstancesOptions;
  /** Whether tuning beat the defaults on held-out validation images. */
  readonly tuned: boolean;
  /** Mean AJI on held-out folds of settings tuned on the other folds, and of the defaults on the same images. */
  readonly crossValidated: { readonly tuned: number; readonly defaults: number };
  /** Folds used. */
  readonly folds: number;
}

/**
 * Decides, on validation images alone, whether tuning the post-processing pays: tunes on all but one
 * fold, scores the tuned and the default settings on the fold left out, and adopts tuning (on all
 * the images) only when it wins on average over the folds.
 *
 * When to use: instead of {@link tuneInstances} when the validation split is small (a few images,
 * a few objects each), where the best of hundreds of settings on the same images can be worse on
 * new ones than the defaults — the cross-validation measures that rather than guessing a cut-off.
 *
 * Details: units are the validation images (a single image: its four quadrants, objects cut by the
 * quadrant borders counted in both); unit `i` is in fold `i mod folds`. Per fold, {@link tuneInstances}
 * on the other folds' units chooses settings; every held-out unit is scored (AJI, Kumar et al. 2017)
 * with them and with `base` (the defaults). `crossValidated` holds the means over units; `tuned` is
 * true when the tuned mean is strictly higher, and then `options` is {@link tuneInstances} on all
 * units. Costs one grid search (a trial's AJI on a unit is the same in every fold). No pairs, or
 * `folds` not an integer ≥ 2, throw {@link InvalidArgumentError}.
 *
 * @example
 * const { options, tuned, crossValidated } = selectInstances(validationPairs);
 * const instances = toInstances(output, options);
 */
export function selectInstances(pairs: readonly TuningPair[], options: SelectInstancesOptions = {}): SelectedInstances {
  if (pairs.length === 0) throw new InvalidArgumentError('pairs', 'at least one validation image is needed');
  const units = pairs.length === 1 ? quadrants(pairs[0]!) : [...pairs];
  const folds = options.folds ?? Math.min(units.length, 5);
  if (!Number.isInteger(folds) || folds < 2)
    throw new InvalidArgumentError('folds', `must be an integer ≥ 2, got ${folds}`);
  if (folds > units.length)
    throw new InvalidArgumentError(
      'folds',
      `${folds} folds need at least as many validation units, have ${units.length}`,
    );
  const base: ToInstancesOptions = { ...options.base };
  // One grid search: a trial's AJI on a unit does not depend on the fold, so every fold's choice is
  // an argmax over the same table (restricted to the other folds' units).
  const grid = scoreGrid(units, options);
  let tunedSum = 0;
  let defaultsSum = 0;
  for (let f = 0; f < folds; f++) {
    const fit = units.flatMap((_, i) => (i % folds !== f ? [i] : []));
    const chosen = grid.trials[bestTrial(grid.trials, fit)]!;
    units.forEach((u, i) => {
      if (i % folds !== f) return;
      tunedSum += chosen.perPair[i]!;
      defaultsSum += aggregatedJaccardIndex(toInstances(u.output, base), u.groundTruth);
    });
  }
  const crossValidated = { tuned: tunedSum / units.length, defaults: defaultsSum / units.length };
  const tuned = crossValidated.tuned > crossValidated.defaults;
  return {
    options: tuned
      ? grid.optionsOf(
          bestTrial(
            grid.trials,
            units.map((_, i) => i),
          ),
        )
      : base,
    tuned,
    crossValidated,
    folds,
  };
}

/** The four quadrants of one validation image (the right and bottom ones take the odd pixel). */
function quadrants(pair: TuningPair): TuningPair[] {
  const { width, height } = pair.groundTruth;
  if (width < 2 || height < 2)
    throw new InvalidArgumentError(
      'pairs',
      `a single validation image must be at least 2x2 to cut into quadrants, got ${width}x${height}`,
    );
  const w0 = Math.floor(width / 2);
  const h0 = Math.floor(height / 2);
  const out: TuningPair[] = [];
  for (const [x0, y0, w, h] of [
    [0, 0, w0, h0],
    [w0, 0, width - w0, h0],
    [0, h0, w0, height - h0],
    [w0, h0, width - w0, height - h0],
  ] as const) {
    out.push({
      output: {
        object: crop(pair.output.object, x0, y0, w, h, Float32Array),
        contour: crop(pair.output.contour, x0, y0, w, h, Float32Array),
      },
      groundTruth: crop(pair.groundTruth, x0, y0, w, h, Int32Array),
    });
  }
  return out;
}

type Plane = { readonly width: number; readonly height: number; readonly data: ArrayLike<number> };

function crop<T extends Float32Array | Int32Array>(
  plane: Plane,
  x0: number,
  y0: number,
  w: number,
  h: number,
  Kind: { new (n: number): T },
): { width: number; height: number; data: T } {
  const data = new Kind(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) data[y * w + x] = plane.data[(y0 + y) * plane.width + x0 + x]!;
  return { width: w, height: h, data };
}
