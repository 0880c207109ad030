import type { LabelMap, SegmentationOutput } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { aggregatedJaccardIndex } from '@qfcn/metrics';
import type { MaskTopology } from './internal/fillHoles';
import { type SeedComponents, seedInstances, type ToInstancesOptions, toInstances } from './toInstances';

/** A validation image: the network's probabilities and the true instances. */
export interface TuningPair {
  readonly output: SegmentationOutput;
  readonly groundTruth: LabelMap;
}

/** The values {@link tuneInstances} tries (every combination). */
export interface TuneInstancesOptions {
  /** Default [0.2, 0.3, 0.4, 0.5]. */
  readonly objectThresholds?: readonly number[];
  /** Default [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]. */
  readonly contourThresholds?: readonly number[];
  /** Default [0, 16, 32, 48, 64, 96]. */
  readonly minAreas?: readonly number[];
  /**
   * Seed object thresholds tried besides the object threshold itself (only those above it).
   * Default [0.5, 0.6, 0.7, 0.8]; `[]` keeps seeds at the object threshold.
   */
  readonly markerThresholds?: readonly number[];
  /**
   * Seed split depths (`splitDepth` of `toInstances`, pixels) tried in a second stage, around the
   * best object and marker thresholds of the first. Default [1, 2, 3]; `[]` never splits seeds.
   */
  readonly splitDepths?: readonly number[];
  /**
   * Distance thresholds (`distanceThreshold` of `toInstances`) tried in a third stage when every
   * pair's output has a `distance` map (a network with a distance head), around the best trial so
   * far, with every contour threshold and 1 (seeds from the distance alone) and every minimum area.
   * Default [0.2, 0.3, 0.4, 0.5, 0.6]; `[]` never uses the distance.
   */
  readonly distanceThresholds?: readonly number[];
  /**
   * Distance depths (`distanceDepth` of `toInstances`: seeds split at the separate peaks of the
   * distance map) tried in a fourth stage when every pair's output has a `distance` map, around the
   * best trial so far but without its split depth, each with no distance threshold and with the best
   * one, with every contour threshold and 1 and every minimum area. Default [0.05, 0.1, 0.15, 0.2, 0.3]; `[]` skips the stage.
   */
  readonly distanceDepths?: readonly number[];
  /**
   * Hv thresholds (`hvThreshold` of `toInstances`: seeds only where the hv maps' edge energy is
   * below it, the watershed on the larger of contour and energy) tried in a last stage when every
   * pair's output has an `hv` map (a network with an hv head), around the best trial so far, with
   * every contour threshold and 1 and every minimum area. Default [0.05, 0.1, 0.2, 0.3, 0.5]; `[]`
   * never uses the hv maps.
   */
  readonly hvThresholds?: readonly number[];
  /** Fixed settings of every trial (e.g. `method`, `connectivity`). */
  readonly base?: ToInstancesOptions;
}

/** What {@link tuneInstances} chose. */
export interface TunedInstances {
  /** The best settings (with `base`), ready for {@link toInstances}. */
  readonly options: ToInstancesOptions;
  /** Their mean AJI over the pairs. */
  readonly aji: number;
  /** Every trial, in the order tried. */
  readonly trials: readonly TuningTrial[];
}

/** One combination {@link tuneInstances} tried and its mean AJI. */
export interface TuningTrial {
  readonly objectThreshold: number;
  readonly markerThreshold: number;
  readonly contourThreshold: number;
  readonly minArea: number;
  /** 0 in the first stage (seeds not split). */
  readonly splitDepth: number;
  /** 0 before the third stage (the distance map not used). */
  readonly distanceThreshold: number;
  /** 0 before the fourth stage (seeds not split by the distance map). */
  readonly distanceDepth: number;
  /** 0 before the hv stage (the hv maps not used). */
  readonly hvThreshold: number;
  readonly aji: number;
}

/**
 * Chooses the post-processing of {@link toInstances} (thresholds, minimum seed area) that gives the
 * best mean aggregated Jaccard index on validation images.
 *
 * When to use: at the end of training, on a validation split carved from the training images —
 * never on test images — so that `qfcn predict` uses settings fitted to the data's scale
 * (`trainEnsemble` with `validation` does this and saves the result with the model).
 *
 * Details: a grid search over every combination of the candidate values — for each object threshold,
 * the seed (marker) threshold is the object threshold itself, then each of `markerThresholds` above
 * it; the mean AJI (`aggregatedJaccardIndex` of `@qfcn/metrics`, Kumar et al. 2017) over the pairs
 * decides; ties keep the combination tried first (object threshold, then marker threshold, then
 * contour threshold, then minimum area, each in the order given). A second stage keeps the object
 * and marker thresholds of the best first-stage trial and tries every `splitDepths` value (seeds
 * split at necks of their distance transform) with every contour threshold and minimum area; its
 * trials follow the first stage's, so a tie keeps unsplit seeds. When every output has a `distance`
 * map, a third stage keeps the object and marker thresholds and split depth of the best trial so far
 * and tries every `distanceThresholds` value with every contour threshold, and 1 (no contour
 * condition), and every minimum area; a tie keeps the earlier stages' choice. A fourth stage (same
 * condition) keeps the object and marker thresholds of the best trial so far, drops its split depth
 * and tries every `distanceDepths` value (seeds split at the distance map's peaks), each with no
 * distance threshold and with the best one so far, with every contour threshold and 1 and every
 * minimum area; again a tie keeps the earlier choice. When every output has an `hv` map, a last stage
 * keeps everything of the best trial so far but its contour threshold and minimum area and tries every
 * `hvThresholds` value with every contour threshold and 1 and every minimum area; a tie keeps the
 * earlier choice. The chosen options name
 * `markerThreshold` only when it differs from the object threshold, `splitDepth`, `distanceThreshold`,
 * `distanceDepth` and `hvThreshold` only when above 0. Empty candidate lists (other
 * than `markerThresholds`) or no pairs throw {@link InvalidArgumentError}.
 *
 * @example
 * const pairs = await Promise.all(validation.map(async (s) => ({ output: await model.predict(s.image), groundTruth: s.label! })));
 * const { options } = tuneInstances(pairs);
 * const instances = toInstances(await model.predict(image), options);
 */
export function tuneInstances(pairs: readonly TuningPair[], options: TuneInstancesOptions = {}): TunedInstances {
  const grid = scoreGrid(pairs, options);
  const best = bestTrial(
    grid.trials,
    pairs.map((_, i) => i),
  );
  const { aji } = grid.trials[best]!;
  return { options: grid.optionsOf(best), aji, trials: grid.trials.map(({ perPair: _, ...t }) => t) };
}

/** Every trial of the grid with its AJI on each pair (internal: shared with `selectInstances`). */
export interface ScoredGrid {
  readonly trials: readonly (TuningTrial & { readonly perPair: readonly number[] })[];
  /** The `toInstances` options of trial `index` (with `base`; `markerThreshold` only when it differs). */
  optionsOf(index: number): ToInstancesOptions;
}

/** Scores every combination of the grid on every pair, in the order {@link tuneInstances} documents. */
export function scoreGrid(pairs: readonly TuningPair[], options: TuneInstancesOptions = {}): ScoredGrid {
  const objectThresholds = options.objectThresholds ?? [0.2, 0.3, 0.4, 0.5];
  const contourThresholds = options.contourThresholds ?? [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
  const minAreas = options.minAreas ?? [0, 16, 32, 48, 64, 96];
  const markerThresholds = options.markerThresholds ?? [0.5, 0.6, 0.7, 0.8];
  if (pairs.length === 0) throw new InvalidArgumentError('pairs', 'at least one validation image is needed');
  for (const [name, list] of [
    ['objectThresholds', objectThresholds],
    ['contourThresholds', contourThresholds],
    ['minAreas', minAreas],
  ] as const) {
    if (list.length === 0) throw new InvalidArgumentError(name, 'must name at least one value');
  }
  const splitDepths = options.splitDepths ?? [1, 2, 3];
  const distanceThresholds = options.distanceThresholds ?? [0.2, 0.3, 0.4, 0.5, 0.6];
  const distanceDepths = options.distanceDepths ?? [0.05, 0.1, 0.15, 0.2, 0.3];
  const hvThresholds = options.hvThresholds ?? [0.05, 0.1, 0.2, 0.3, 0.5];
  for (const [name, list] of [
    ['distanceThresholds', distanceThresholds],
    ['distanceDepths', distanceDepths],
  ] as const) {
    for (const t of list) {
      if (!(t > 0 && t < 1)) throw new InvalidArgumentError(name, `values must be in (0, 1), got ${t}`);
    }
  }
  for (const t of hvThresholds) {
    if (!(t > 0 && t <= 1)) throw new InvalidArgumentError('hvThresholds', `values must be in (0, 1], got ${t}`);
  }
  const trials: (TuningTrial & { perPair: number[] })[] = [];
  const everyPair = pairs.map((_, i) => i);
  // the quantised elevation of each pair (without and with the hv edge energy), computed by its
  // first trial of each kind and reused by the others
  const levelsOf: (Int32Array | undefined)[][] = [pairs.map(() => undefined), pairs.map(() => undefined)];
  type Combination = {
    objectThreshold: number;
    markerThreshold: number;
    contourThreshold: number;
    splitDepth: number;
    distanceThreshold: number;
    distanceDepth: number;
    hvThreshold: number;
  };
  // Scores `combinations` (one trial per minimum area each) and appends their trials in order. Per
  // pair, combinations with the same seeds — same contour threshold, split depth, distance threshold and effective
  // marker threshold max(marker, object) — share one seed labelling; and every minimum area shares
  // the seed stage of its combination.
  const tryAll = (combinations: readonly Combination[]) => {
    const scores = combinations.map(() => minAreas.map(() => new Array<number>(pairs.length)));
    const sameSeeds = new Map<string, number[]>();
    combinations.forEach((c, k) => {
      const key = `${Math.max(c.markerThreshold, c.objectThreshold)}|${c.contourThreshold}|${c.splitDepth}|${c.distanceThreshold}|${c.distanceDepth}|${c.hvThreshold}`;
      const group = sameSeeds.get(key);
      if (group) group.push(k);
      else sameSeeds.set(key, [k]);
    });
    pairs.forEach((p, j) => {
      // the hole-filling structure of each object threshold's mask (one pair at a time in memory)
      const topologies = new Map<number, MaskTopology>();
      for (const group of sameSeeds.values()) {
        let components: SeedComponents | undefined;
        for (const k of group) {
          const combination = combinations[k]!;
          const levels = levelsOf[combination.hvThreshold > 0 ? 1 : 0]!;
          const seeded = seedInstances(
            p.output,
            { ...options.base, ...combination },
            { levels: levels[j], components, topology: topologies.get(combination.objectThreshold) ?? true },
          );
          levels[j] = seeded.levels;
          components = seeded.components;
          if (seeded.topology) topologies.set(combination.objectThreshold, seeded.topology);
          // a larger minimum area keeping as many seeds keeps the same ones: same labels, same AJI
          let previous = { minArea: Number.NaN, kept: -1, aji: 0 };
          minAreas.forEach((minArea, a) => {
            const kept = seeded.kept(minArea);
            if (!(minArea >= previous.minArea && kept === previous.kept))
              previous = { minArea, kept, aji: aggregatedJaccardIndex(seeded.grow(minArea), p.groundTruth) };
            else previous = { ...previous, minArea };
            scores[k]![a]![j] = previous.aji;
          });
        }
      }
    });
    combinations.forEach((c, k) => {
      minAreas.forEach((minArea, a) => {
        const perPair = scores[k]![a]!;
        trials.push({ ...c, minArea, aji: meanOf(perPair, everyPair), perPair });
      });
    });
  };
  const firstStage: Combination[] = [];
  for (const objectThreshold of objectThresholds) {
    for (const markerThreshold of [objectThreshold, ...markerThresholds.filter((m) => m > objectThreshold)]) {
      for (const contourThreshold of contourThresholds)
        firstStage.push({
          objectThreshold,
          markerThreshold,
          contourThreshold,
          splitDepth: 0,
          distanceThreshold: 0,
          distanceDepth: 0,
          hvThreshold: 0,
        });
    }
  }
  tryAll(firstStage);
  const centre = trials[bestTrial(trials, everyPair)]!;
  const secondStage: Combination[] = [];
  for (const splitDepth of splitDepths.filter((d) => d > 0)) {
    for (const contourThreshold of contourThresholds) {
      const { objectThreshold, markerThreshold } = centre;
      secondStage.push({
        objectThreshold,
        markerThreshold,
        contourThreshold,
        splitDepth,
        distanceThreshold: 0,
        distanceDepth: 0,
        hvThreshold: 0,
      });
    }
  }
  tryAll(secondStage);
  if (pairs.every((p) => p.output.distance !== undefined) && distanceThresholds.length > 0) {
    const { objectThreshold, markerThreshold, splitDepth } = trials[bestTrial(trials, everyPair)]!;
    const thirdStage: Combination[] = [];
    for (const distanceThreshold of distanceThresholds) {
      for (const contourThreshold of [...contourThresholds.filter((t) => t < 1), 1])
        thirdStage.push({
          objectThreshold,
          markerThreshold,
          contourThreshold,
          splitDepth,
          distanceThreshold,
          distanceDepth: 0,
          hvThreshold: 0,
        });
    }
    tryAll(thirdStage);
  }
  if (pairs.every((p) => p.output.distance !== undefined) && distanceDepths.length > 0) {
    const best = trials[bestTrial(trials, everyPair)]!;
    const { objectThreshold, markerThreshold } = best;
    const fourthStage: Combination[] = [];
    for (const distanceDepth of distanceDepths) {
      // seeds from the whole mask (the peaks alone separate objects) and with the best distance threshold
      for (const distanceThreshold of [...new Set([0, best.distanceThreshold])]) {
        for (const contourThreshold of [...contourThresholds.filter((t) => t < 1), 1])
          fourthStage.push({
            objectThreshold,
            markerThreshold,
            contourThreshold,
            splitDepth: 0,
            distanceThreshold,
            distanceDepth,
            hvThreshold: 0,
          });
      }
    }
    tryAll(fourthStage);
  }
  if (pairs.every((p) => p.output.hv !== undefined) && hvThresholds.length > 0) {
    const best = trials[bestTrial(trials, everyPair)]!;
    const hvStage: Combination[] = [];
    for (const hvThreshold of hvThresholds) {
      for (const contourThreshold of [...contourThresholds.filter((t) => t < 1), 1])
        hvStage.push({
          objectThreshold: best.objectThreshold,
          markerThreshold: best.markerThreshold,
          contourThreshold,
          splitDepth: best.splitDepth,
          distanceThreshold: best.distanceThreshold,
          distanceDepth: best.distanceDepth,
          hvThreshold,
        });
    }
    tryAll(hvStage);
  }
  const base: ToInstancesOptions = { ...options.base };
  delete base.markerThreshold;
  delete base.splitDepth;
  delete base.distanceThreshold;
  delete base.distanceDepth;
  delete base.hvThreshold;
  return {
    trials,
    optionsOf: (index) => {
      const {
        objectThreshold,
        markerThreshold,
        contourThreshold,
        minArea,
        splitDepth,
        distanceThreshold,
        distanceDepth,
        hvThreshold,
      } = trials[index]!;
      return {
        ...base,
        objectThreshold,
        ...(markerThreshold !== objectThreshold ? { markerThreshold } : {}),
        contourThreshold,
        minArea,
        ...(splitDepth > 0 ? { splitDepth } : {}),
        ...(distanceThreshold > 0 ? { distanceThreshold } : {}),
        ...(distanceDepth > 0 ? { distanceDepth } : {}),
        ...(hvThreshold > 0 ? { hvThreshold } : {}),
      };
    },
  };
}

/** Mean of `values` at `indices`, summed as `value / count` in index order (the order ties are judged in). */
function meanOf(values: readonly number[], indices: readonly number[]): number {
  let sum = 0;
  for (const i of indices) sum += values[i]! / indices.length;
  return sum;
}

/** Index of the trial with the highest mean AJI over the pairs at `indices`; ties keep the first. */
export function bestTrial(trials: ScoredGrid['trials'], indices: readonly number[]): number {
  let best = 0;
  let bestScore = -Infinity;
  trials.forEach((t, i) => {
    const score = meanOf(t.perPair, indices);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
