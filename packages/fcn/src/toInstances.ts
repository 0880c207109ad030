import type { LabelMap, SegmentationOutput } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { connectedComponents } from '@qfcn/metrics';
import { fillHolesOf, fillInstanceHoles, type MaskTopology, maskTopology } from './internal/fillHoles';
import { hvEnergy } from './hvEnergy';

/** Options of {@link toInstances}. */
export interface ToInstancesOptions {
  /** A pixel is object when its object probability is above this. Default 0.5. */
  objectThreshold?: number;
  /** A pixel is a seed only when its contour probability is below this. Default 0.5. */
  contourThreshold?: number;
  /**
   * A pixel is a seed only when its object probability is above this too: a value above
   * `objectThreshold` keeps seeds in the confident cores of objects while the mask (and so the grown
   * instances) still reaches `objectThreshold`. Default: `objectThreshold`.
   */
  markerThreshold?: number;
  /**
   * A pixel is a seed only when its distance (the `distance` map of a network with a distance head)
   * is above this too: the distance peaks at object centres, so a threshold keeps one seed per
   * object where touching objects share no visible contour. Default 0 (not used); above 0 it needs
   * an output with a `distance` map.
   */
  distanceThreshold?: number;
  /**
   * A pixel is a seed only when the edge energy of the hv maps (the `hv` output of a network with an
   * hv head) is below this too: `E = max(0, −∂h/∂x, −∂v/∂y)` (3x3 Sobel / 8), 0 inside objects, high
   * on their edges and on the lines between touching objects (HoVer-Net's markers). With it, the
   * watershed floods in increasing `max(contour, E)`, so touching objects meet on the steeper of the
   * two ridges. Default 0 (not used); in (0, 1] it needs an output with an `hv` map.
   */
  hvThreshold?: number;
  /** Seed components with fewer pixels are dropped. Default 16. */
  minArea?: number;
  /** Connectivity of seed components: 4 (default, keeps touching objects apart across a one-pixel diagonal gap in the contour) or 8. */
  connectivity?: 4 | 8;
  /**
   * How seeds grow back into the object mask: `'watershed'` (default) floods from the seeds in
   * increasing contour probability, so touching objects meet on the contour ridge between them;
   * `'dilate'` grows every seed one pixel per round (geodesic distance in the mask), the behaviour
   * before 0.3.
   */
  method?: 'watershed' | 'dilate';
  /**
   * Fill the holes of every instance: background regions (4-connected) that do not reach the image
   * border and touch exactly one instance join it. Gaps enclosed by several instances stay
   * background. Default true.
   */
  fillHoles?: boolean;
  /**
   * Splits seeds that touch through a narrow neck: the depth `h` (pixels) of the h-maxima of the
   * seeds' distance transform. Each seed component is cut by a watershed of its distance transform
   * into one part per peak that stands more than `h` pixels above the saddle joining it to a
   * higher (or equal) peak. 0 (default) keeps seed components whole; 1–3 splits touching nuclei whose contour was missed.
   */
  splitDepth?: number;
  /**
   * Splits seeds where the network's distance map (the `distance` output of a network with a
   * distance head) has separate peaks: each seed component is cut by a watershed of the distance
   * map into one part per peak that stands more than `distanceDepth` (in the map's units, 0..1)
   * above the saddle joining it to a higher (or equal) peak — the dynamic of Naylor et al. (2019)'s
   * h-maxima. Unlike `distanceThreshold`, one depth fits small and large objects alike. 0 (default)
   * does not split; values in (0, 1) need an output with a `distance` map and `splitDepth` 0.
   */
  distanceDepth?: number;
}

/** An instance label map: 0 background, 1..count instances numbered in raster order of their seeds. */
export interface InstanceMap extends LabelMap {
  readonly data: Int32Array;
  readonly count: number;
}

/**
 * Turns object and contour probabilities into an instance label map (docs/algorithms.md §3).
 *
 * When to use: after {@link predictImage} (or an ensemble's mean prediction), to get objects that the
 * GlaS metrics of `@qfcn/metrics` can score.
 *
 * Details:
 * 1. object mask = `object > objectThreshold`; seeds = object mask and `object > markerThreshold` and
 *    `contour < contourThreshold` (and, with `distanceThreshold` > 0, `distance > distanceThreshold`;
 *    with `hvThreshold` > 0, hv edge energy `< hvThreshold`);
 * 2. seeds are labelled by `connectedComponents` of `@qfcn/metrics` (`connectivity`, default 4);
 * 3. with `splitDepth` h > 0, each seed component is split by a watershed of its chamfer distance
 *    transform (3-4 chamfer, 8-neighbour) started from its h-maxima (Soille's h-dome: reconstruction
 *    by dilation of the distance minus h under the distance); with `distanceDepth` h > 0 the same,
 *    on the network's distance map quantised to 256 levels instead of the chamfer transform; seed
 *    parts smaller than `minArea` (default 16 px) are dropped;
 * 4. every seed grows back into the object mask with 4-neighbour steps, all seeds at once:
 *    - `'watershed'` (default, marker-controlled watershed of Meyer's flooding kind): the elevation
 *      of a pixel is its contour probability (with `hvThreshold` > 0, the larger of it and the hv
 *      edge energy) quantised to 256 levels; pixels are taken from a bucket queue in increasing
 *      `max(level reached, own level)`, first in first out within a
 *      level, and a pixel joins the label of the neighbour that reaches it first. Two touching
 *      objects therefore meet along the contour ridge between them, not half-way.
 *    - `'dilate'`: a breadth-first search, each mask pixel joins the seed nearest to it along the mask.
 *    Ties go to the seed that is earlier in raster order. Mask pixels not connected to any kept seed
 *    stay background;
 * 5. with `fillHoles` (default), background regions (4-connected) that do not reach the image border
 *    and touch exactly one instance join that instance.
 * Instances are numbered 1..count in raster order of their seed's first pixel. Thresholds outside
 * [0, 1], negative `minArea` or object/contour maps of different sizes throw
 * {@link InvalidArgumentError}.
 *
 * @example
 * const instances = toInstances(await predictImage(model, image), { minArea: 50 });
 */
export function toInstances(output: SegmentationOutput, options: ToInstancesOptions = {}): InstanceMap {
  const minArea = options.minArea ?? 16;
  return seedInstances(output, options).grow(minArea);
}

/** The seeds of {@link toInstances} for one set of options, ready to be grown at any minimum area. */
export interface SeededInstances {
  /** Steps 3 (minimum area) to 5 of {@link toInstances}: the same labels as `toInstances` with this `minArea`. */
  grow(minArea: number): InstanceMap;
  /** How many seeds `grow(minArea)` keeps (the instance count), without growing them. */
  kept(minArea: number): number;
}

/** The labelled seeds of one output and their areas (`area[l]`: pixels of seed l). */
export interface SeedComponents {
  readonly count: number;
  readonly data: Int32Array;
  readonly area: Int32Array;
}

/** What {@link seedInstances} can reuse from an earlier call on the same output (internal). */
export interface SeedReuse {
  /**
   * The quantised elevation map (`.levels` of an earlier result whose `hvThreshold` was likewise 0
   * or above 0: above 0 the elevation includes the hv edge energy).
   */
  readonly levels?: Int32Array | undefined;
  /**
   * The seed components (`.components` of an earlier result) computed with the same contour
   * threshold, distance threshold, hv threshold, `connectivity`, `splitDepth`, `distanceDepth` and
   * effective marker threshold max(marker, object threshold) — the seeds do not depend on the object
   * threshold otherwise.
   */
  readonly components?: SeedComponents | undefined;
  /**
   * Hole filling from the mask's components (for many growths of one mask): the structure of an
   * earlier result with the same object threshold (`.topology`), or `true` to compute it (and
   * return it). Without it, holes are found by searching the background of each result.
   */
  readonly topology?: MaskTopology | true | undefined;
}

/**
 * Steps 1-3 of {@link toInstances} (mask, seeds, their components; `options.minArea` is ignored), so
 * that a grid over minimum areas (`tuneInstances`) computes them once. `reuse`: the quantised contour
 * map and seed components of an earlier call on the same output (see {@link SeedReuse}), used
 * instead of recomputed. Internal to `@qfcn/fcn`.
 */
export function seedInstances(
  output: SegmentationOutput,
  options: ToInstancesOptions = {},
  reuse: SeedReuse = {},
): SeededInstances & {
  readonly levels: Int32Array | undefined;
  readonly components: SeedComponents;
  /** With `reuse.topology` (and `fillHoles`): the mask's hole-filling structure, for calls with the same object threshold. */
  readonly topology: MaskTopology | undefined;
} {
  const objectThreshold = options.objectThreshold ?? 0.5;
  const contourThreshold = options.contourThreshold ?? 0.5;
  const markerThreshold = options.markerThreshold ?? objectThreshold;
  const connectivity = options.connectivity ?? 4;
  const method = options.method ?? 'watershed';
  const fillHoles = options.fillHoles ?? true;
  const splitDepth = options.splitDepth ?? 0;
  const distanceThreshold = options.distanceThreshold ?? 0;
  const distanceDepth = options.distanceDepth ?? 0;
  const hvThreshold = options.hvThreshold ?? 0;
  for (const [name, v] of [
    ['objectThreshold', objectThreshold],
    ['contourThreshold', contourThreshold],
    ['markerThreshold', markerThreshold],
    ['distanceThreshold', distanceThreshold],
    ['hvThreshold', hvThreshold],
  ] as const) {
    if (!(v >= 0 && v <= 1)) throw new InvalidArgumentError(name, `must be in [0, 1], got ${v}`);
  }
  if (options.minArea !== undefined && !(options.minArea >= 0))
    throw new InvalidArgumentError('minArea', `must be a non-negative number, got ${options.minArea}`);
  if (!(splitDepth >= 0 && Number.isFinite(splitDepth))) {
    throw new InvalidArgumentError('splitDepth', `must be a non-negative number of pixels, got ${splitDepth}`);
  }
  if (!(distanceDepth >= 0 && distanceDepth < 1)) {
    throw new InvalidArgumentError(
      'distanceDepth',
      `must be in [0, 1) (units of the distance map), got ${distanceDepth}`,
    );
  }
  if (distanceDepth > 0 && splitDepth > 0) {
    throw new InvalidArgumentError(
      'distanceDepth',
      `splits seeds by the distance map, splitDepth (${splitDepth}) by their shape: use one of them`,
    );
  }
  if (connectivity !== 4 && connectivity !== 8) {
    throw new InvalidArgumentError('connectivity', `must be 4 or 8, got ${connectivity}`);
  }
  if (method !== 'watershed' && method !== 'dilate') {
    throw new InvalidArgumentError('method', `must be 'watershed' or 'dilate', got '${String(method)}'`);
  }
  const { object, contour } = output;
  const distance = distanceThreshold > 0 || distanceDepth > 0 ? output.distance : undefined;
  if (!distance) {
    for (const [name, v] of [
      ['distanceThreshold', distanceThreshold],
      ['distanceDepth', distanceDepth],
    ] as const) {
      if (v > 0)
        throw new InvalidArgumentError(
          name,
          `is ${v} but the output has no distance map (a network without a distance head)`,
        );
    }
  }
  const hv = hvThreshold > 0 ? output.hv : undefined;
  if (hvThreshold > 0 && !hv)
    throw new InvalidArgumentError(
      'hvThreshold',
      `is ${hvThreshold} but the output has no hv map (a network without an hv head)`,
    );
  const { width, height } = object;
  for (const [name, map] of [
    ['contour', contour],
    ['distance', distance],
    ['hv', hv],
  ] as const) {
    if (map && (map.width !== width || map.height !== height)) {
      throw new InvalidArgumentError(
        'output',
        `object map is ${width}x${height} but ${name} map is ${map.width}x${map.height}`,
      );
    }
  }
  const n = width * height;
  if (object.data.length !== n || contour.data.length !== n || (distance && distance.data.length !== n)) {
    throw new InvalidArgumentError('output', `maps must hold width*height = ${n} values`);
  }
  if (hv && hv.data.length !== 2 * n) {
    throw new InvalidArgumentError('output', `the hv map must hold 2*width*height = ${2 * n} values`);
  }
  const reused = reuse.components?.data.length === n ? reuse.components : undefined;
  const reusedLevels = reuse.levels?.length === n ? reuse.levels : undefined;
  // the edge energy, only where something still needs it
  const energy =
    hv && (!reused || (method === 'watershed' && !reusedLevels)) ? hvEnergy(hv.data, width, height) : undefined;

  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = object.data[i]! > objectThreshold ? 1 : 0;
  const components = reused ?? seedComponents();
  const { area } = components;
  const contourLevelMap = method === 'watershed' ? (reusedLevels ?? contourLevels(contour.data, energy)) : undefined;

  function seedComponents(): SeedComponents {
    const seeds = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      seeds[i] =
        mask[i] &&
        object.data[i]! > markerThreshold &&
        contour.data[i]! < contourThreshold &&
        (distanceThreshold === 0 || distance!.data[i]! > distanceThreshold) &&
        (energy === undefined || energy[i]! < hvThreshold)
          ? 1
          : 0;
    const split = (elevation: ElevationMap) =>
      splitSeeds(
        seeds,
        connectedComponents({ width, height, data: seeds }, { connectivity }).data,
        width,
        height,
        elevation,
      );
    const labelled =
      splitDepth > 0
        ? split(shapeElevation(seeds, width, height, splitDepth))
        : distanceDepth > 0
          ? split(distanceElevation(seeds, distance!.data, distanceDepth))
          : connectedComponents({ width, height, data: seeds }, { connectivity });
    const area = new Int32Array(labelled.count + 1);
    for (let i = 0; i < n; i++) area[labelled.data[i]!]!++;
    return { count: labelled.count, data: labelled.data, area };
  }

  // a grid fills holes from the mask's components, computed once per object threshold; a single
  // call searches the background of its one result directly (the same regions: tested)
  const topology =
    !fillHoles || reuse.topology === undefined
      ? undefined
      : reuse.topology === true || reuse.topology.maskComponent.length !== n
        ? maskTopology(mask, width, height)
        : reuse.topology;

  return {
    levels: contourLevelMap,
    components,
    topology,
    kept(minArea: number): number {
      let count = 0;
      for (let l = 1; l <= components.count; l++) if (area[l]! >= minArea) count++;
      return count;
    },
    grow(minArea: number): InstanceMap {
      if (!(minArea >= 0)) throw new InvalidArgumentError('minArea', `must be a non-negative number, got ${minArea}`);
      const relabel = new Int32Array(components.count + 1);
      let count = 0;
      for (let l = 1; l <= components.count; l++) if (area[l]! >= minArea) relabel[l] = ++count;
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) labels[i] = relabel[components.data[i]!]!;
      if (contourLevelMap) flood(labels, mask, contourLevelMap, LEVELS, width);
      else growBreadthFirst(labels, mask, width);
      if (topology) fillHolesOf(labels, topology);
      else if (fillHoles) fillInstanceHoles(labels, width, height);
      return { width, height, data: labels, count };
    },
  };
}

/** Breadth-first growth of the labelled pixels into the unlabelled mask pixels (4-neighbour steps). */
function growBreadthFirst(labels: Int32Array, mask: Uint8Array, width: number): void {
  const n = labels.length;
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (labels[i]! > 0) queue[tail++] = i;
  const visit = (q: number, l: number) => {
    if (labels[q] === 0 && mask[q]) {
      labels[q] = l;
      queue[tail++] = q;
    }
  };
  for (let head = 0; head < tail; head++) {
    const p = queue[head]!;
    const l = labels[p]!;
    const x = p % width;
    if (p >= width) visit(p - width, l);
    if (x > 0) visit(p - 1, l);
    if (x < width - 1) visit(p + 1, l);
    if (p + width < n) visit(p + width, l);
  }
}

const LEVELS = 256;

/** The contour probability (or, with hv edge energy, the larger of the two) quantised to 256 elevation levels. */
function contourLevels(contour: Float32Array, energy?: Float32Array): Int32Array {
  const levels = new Int32Array(contour.length);
  for (let i = 0; i < contour.length; i++) {
    const v = energy ? Math.max(contour[i]!, energy[i]!) : contour[i]!;
    levels[i] = v >= 1 ? LEVELS - 1 : v > 0 ? Math.floor(v * LEVELS) : 0;
  }
  return levels;
}

/**
 * Flooding from the labelled pixels into the unlabelled `mask` pixels (4-neighbour steps): a bucket
 * queue over `levelCount` integer elevations, FIFO within a level; a pixel is labelled once, by the
 * first neighbour to reach it, and queued at `max(level reached, own level)`.
 */
function flood(labels: Int32Array, mask: Uint8Array, levels: Int32Array, levelCount: number, width: number): void {
  const n = labels.length;
  const next = new Int32Array(n).fill(-1);
  const headOf = new Int32Array(levelCount).fill(-1);
  const tailOf = new Int32Array(levelCount).fill(-1);
  const push = (p: number, level: number) => {
    if (tailOf[level]! < 0) headOf[level] = p;
    else next[tailOf[level]!] = p;
    tailOf[level] = p;
  };
  // one closure per call (not per pixel): label q with l if it is an unlabelled mask pixel
  const visit = (q: number, l: number, level: number) => {
    if (labels[q] === 0 && mask[q]) {
      labels[q] = l;
      push(q, Math.max(level, levels[q]!));
    }
  };
  for (let i = 0; i < n; i++) if (labels[i]! > 0) push(i, levels[i]!);
  for (let level = 0; level < levelCount; level++) {
    // pushes during this level land at this level or above, so the bucket is drained as it grows
    for (let p = headOf[level]!; p >= 0; p = next[p]!) {
      const l = labels[p]!;
      const x = p % width;
      if (p >= width) visit(p - width, l, level);
      if (x > 0) visit(p - 1, l, level);
      if (x < width - 1) visit(p + 1, l, level);
      if (p + width < n) visit(p + width, l, level);
    }
  }
}

/** Chamfer step lengths: 3 along an axis, 4 along a diagonal (so 3 units ≈ one pixel). */
const AXIAL = 3;
const DIAGONAL = 4;

/** What seeds are split on: integer heights on the seed pixels (0 elsewhere), their maximum, and the depth in those units. */
interface ElevationMap {
  readonly height: Int32Array;
  readonly top: number;
  readonly h: number;
}

/** The seeds' 3-4 chamfer distance transform, `splitDepth` pixels deep (`splitDepth` of {@link ToInstancesOptions}). */
function shapeElevation(seeds: Uint8Array, width: number, height: number, depth: number): ElevationMap {
  const d = chamferDistance(seeds, width, height);
  let top = 0;
  for (let i = 0; i < d.length; i++) if (d[i]! > top) top = d[i]!;
  return { height: d, top, h: Math.max(1, Math.round(depth * AXIAL)) };
}

/** The network's distance map on the seeds, quantised to 0..255, `distanceDepth` deep in the map's units. */
function distanceElevation(seeds: Uint8Array, distance: Float32Array, depth: number): ElevationMap {
  const d = new Int32Array(seeds.length);
  let top = 0;
  for (let i = 0; i < d.length; i++) {
    if (!seeds[i]) continue;
    d[i] = Math.min(LEVELS - 1, Math.max(0, Math.round(distance[i]! * (LEVELS - 1))));
    if (d[i]! > top) top = d[i]!;
  }
  return { height: d, top, h: Math.max(1, Math.round(depth * (LEVELS - 1))) };
}

/**
 * The seed components cut into parts, one per h-maximum of `elevation` within each component (never
 * across two), labelled 1..count in raster order of each part's first pixel (see `splitDepth` and
 * `distanceDepth` of {@link ToInstancesOptions}).
 */
function splitSeeds(
  seeds: Uint8Array,
  components: Int32Array,
  width: number,
  height: number,
  elevation: ElevationMap,
): { data: Int32Array; count: number } {
  const n = width * height;
  const { height: distance, top, h } = elevation;
  const dome = reconstructByDilation(components, distance, h, top, width, height);
  const { labels, count: peaks } = regionalMaxima(components, dome, width, height);
  // flood the seeds from their peaks downhill in distance (elevation = top - distance)
  const levels = new Int32Array(n);
  for (let i = 0; i < n; i++) levels[i] = top - distance[i]!;
  flood(labels, seeds, levels, top + 1, width);
  const order = new Int32Array(peaks + 1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const l = labels[i]!;
    if (l > 0 && order[l] === 0) order[l] = ++count;
  }
  for (let i = 0; i < n; i++) labels[i] = order[labels[i]!]!;
  return { data: labels, count };
}

/**
 * The regional maxima of `value` within each component (8-connected plateaus with no higher
 * 8-neighbour of the same component), labelled 1..count in raster order of their first pixel; other pixels 0.
 */
function regionalMaxima(
  component: Int32Array,
  value: Int32Array,
  width: number,
  height: number,
): { labels: Int32Array; count: number } {
  const n = width * height;
  const labels = new Int32Array(n);
  const seen = new Uint8Array(n);
  const plateau = new Int32Array(n);
  let count = 0;
  for (let start = 0; start < n; start++) {
    const c = component[start]!;
    if (c === 0 || seen[start]) continue;
    const v = value[start]!;
    let size = 0;
    let isMaximum = true;
    plateau[size++] = start;
    seen[start] = 1;
    for (let k = 0; k < size; k++) {
      const p = plateau[k]!;
      const x = p % width;
      const y = (p - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if ((dx === 0 && dy === 0) || xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (component[q] !== c) continue;
          if (value[q]! > v) isMaximum = false;
          else if (value[q] === v && !seen[q]) {
            seen[q] = 1;
            plateau[size++] = q;
          }
        }
      }
    }
    if (!isMaximum) continue;
    count++;
    for (let k = 0; k < size; k++) labels[plateau[k]!] = count;
  }
  return { labels, count };
}

/** 3-4 chamfer distance of every mask pixel to the nearest pixel outside the mask (outside the image counts as outside). */
function chamferDistance(mask: Uint8Array, width: number, height: number): Int32Array {
  const d = new Int32Array(width * height);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : d[y * width + x]!);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      d[i] = Math.min(
        at(x - 1, y) + AXIAL,
        at(x, y - 1) + AXIAL,
        at(x - 1, y - 1) + DIAGONAL,
        at(x + 1, y - 1) + DIAGONAL,
      );
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      if (!mask[i]) continue;
      d[i] = Math.min(
        d[i]!,
        at(x + 1, y) + AXIAL,
        at(x, y + 1) + AXIAL,
        at(x + 1, y + 1) + DIAGONAL,
        at(x - 1, y + 1) + DIAGONAL,
      );
    }
  }
  return d;
}

/**
 * Grey-level reconstruction by dilation (8-neighbour, never leaving a component) of `max(distance - h, 0)` under
 * `distance`: each pixel gets the highest, over paths from any pixel q, of min(distance(q) - h, the
 * lowest distance along the path). Buckets processed from the top level down; stale entries skipped.
 */
function reconstructByDilation(
  component: Int32Array,
  distance: Int32Array,
  h: number,
  top: number,
  width: number,
  height: number,
): Int32Array {
  const n = width * height;
  const value = new Int32Array(n);
  const buckets: number[][] = Array.from({ length: top + 1 }, () => []);
  for (let i = 0; i < n; i++) {
    if (component[i] === 0) continue;
    value[i] = Math.max(distance[i]! - h, 0);
    buckets[value[i]!]!.push(i);
  }
  for (let level = top; level >= 0; level--) {
    const bucket = buckets[level]!;
    // pushes during this level land at this level or below
    for (let k = 0; k < bucket.length; k++) {
      const p = bucket[k]!;
      if (value[p] !== level) continue;
      const c = component[p]!;
      const x = p % width;
      const y = (p - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if ((dx === 0 && dy === 0) || xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (component[q] !== c) continue;
          const reach = Math.min(level, distance[q]!);
          if (reach > value[q]!) {
            value[q] = reach;
            buckets[reach]!.push(q);
          }
        }
      }
    }
    buckets[level] = [];
  }
  return value;
}
