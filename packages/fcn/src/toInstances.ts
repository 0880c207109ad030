import type { LabelMap, SegmentationOutput } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { connectedComponents } from '@qfcn/metrics';

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
}

/** An instance label map: 0 background, 1..count instances numbered in raster order of their seeds. */
export interface InstanceMap extends LabelMap {
  readonly data: Int32Array;
  readonly count: number;
}

/**
 * Turns object and contour probabilities into an instance label map (SPEC §3).
 *
 * When to use: after {@link predictImage} (or an ensemble's mean prediction), to get objects that the
 * GlaS metrics of `@qfcn/metrics` can score.
 *
 * Details:
 * 1. object mask = `object > objectThreshold`; seeds = object mask and `object > markerThreshold` and
 *    `contour < contourThreshold`;
 * 2. seeds are labelled by `connectedComponents` of `@qfcn/metrics` (`connectivity`, default 4);
 * 3. seed components smaller than `minArea` (default 16 px) are dropped;
 * 4. every seed grows back into the object mask with 4-neighbour steps, all seeds at once:
 *    - `'watershed'` (default, marker-controlled watershed of Meyer's flooding kind): the elevation
 *      of a pixel is its contour probability quantised to 256 levels; pixels are taken from a
 *      bucket queue in increasing `max(level reached, own level)`, first in first out within a
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
  const objectThreshold = options.objectThreshold ?? 0.5;
  const contourThreshold = options.contourThreshold ?? 0.5;
  const markerThreshold = options.markerThreshold ?? objectThreshold;
  const minArea = options.minArea ?? 16;
  const connectivity = options.connectivity ?? 4;
  const method = options.method ?? 'watershed';
  const fillHoles = options.fillHoles ?? true;
  for (const [name, v] of [
    ['objectThreshold', objectThreshold],
    ['contourThreshold', contourThreshold],
    ['markerThreshold', markerThreshold],
  ] as const) {
    if (!(v >= 0 && v <= 1)) throw new InvalidArgumentError(name, `must be in [0, 1], got ${v}`);
  }
  if (!(minArea >= 0)) throw new InvalidArgumentError('minArea', `must be a non-negative number, got ${minArea}`);
  if (connectivity !== 4 && connectivity !== 8) {
    throw new InvalidArgumentError('connectivity', `must be 4 or 8, got ${connectivity}`);
  }
  if (method !== 'watershed' && method !== 'dilate') {
    throw new InvalidArgumentError('method', `must be 'watershed' or 'dilate', got '${String(method)}'`);
  }
  const { object, contour } = output;
  const { width, height } = object;
  if (contour.width !== width || contour.height !== height) {
    throw new InvalidArgumentError(
      'output',
      `object map is ${width}x${height} but contour map is ${contour.width}x${contour.height}`,
    );
  }
  const n = width * height;
  if (object.data.length !== n || contour.data.length !== n) {
    throw new InvalidArgumentError('output', `maps must hold width*height = ${n} values`);
  }

  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = object.data[i] > objectThreshold ? 1 : 0;
  const seeds = new Uint8Array(n);
  for (let i = 0; i < n; i++) seeds[i] = mask[i] && object.data[i] > markerThreshold && contour.data[i] < contourThreshold ? 1 : 0;
  const components = connectedComponents({ width, height, data: seeds }, { connectivity });
  const area = new Int32Array(components.count + 1);
  for (let i = 0; i < n; i++) area[components.data[i]]++;
  const relabel = new Int32Array(components.count + 1);
  let count = 0;
  for (let l = 1; l <= components.count; l++) if (area[l] >= minArea) relabel[l] = ++count;

  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = relabel[components.data[i]];
  if (method === 'dilate') growBreadthFirst(labels, mask, width);
  else growByFlooding(labels, mask, contour.data, width);
  if (fillHoles) fillInstanceHoles(labels, width, height);
  return { width, height, data: labels, count };
}

/** Gives every background region that touches exactly one instance, and not the border, to that instance. */
function fillInstanceHoles(labels: Int32Array, width: number, height: number): void {
  const n = width * height;
  const background = new Uint8Array(n);
  for (let i = 0; i < n; i++) background[i] = labels[i] === 0 ? 1 : 0;
  const regions = connectedComponents({ width, height, data: background }, { connectivity: 4 });
  // per region: 0 = no neighbour yet, l > 0 = only instance l so far, -1 = border or several instances
  const owner = new Int32Array(regions.count + 1);
  const meet = (region: number, label: number) => {
    const o = owner[region];
    if (o === 0) owner[region] = label;
    else if (o !== label) owner[region] = -1;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const r = regions.data[i];
      if (r === 0) continue;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) owner[r] = -1;
      if (owner[r] === -1) continue;
      if (x > 0 && labels[i - 1] > 0) meet(r, labels[i - 1]);
      if (x < width - 1 && labels[i + 1] > 0) meet(r, labels[i + 1]);
      if (y > 0 && labels[i - width] > 0) meet(r, labels[i - width]);
      if (y < height - 1 && labels[i + width] > 0) meet(r, labels[i + width]);
    }
  }
  for (let i = 0; i < n; i++) {
    const r = regions.data[i];
    if (r > 0 && owner[r] > 0) labels[i] = owner[r];
  }
}

/** Breadth-first growth of the labelled pixels into the unlabelled mask pixels (4-neighbour steps). */
function growBreadthFirst(labels: Int32Array, mask: Uint8Array, width: number): void {
  const n = labels.length;
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (labels[i] > 0) queue[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const p = queue[head];
    const l = labels[p];
    const x = p % width;
    const visit = (q: number) => {
      if (labels[q] === 0 && mask[q]) {
        labels[q] = l;
        queue[tail++] = q;
      }
    };
    if (p >= width) visit(p - width);
    if (x > 0) visit(p - 1);
    if (x < width - 1) visit(p + 1);
    if (p + width < n) visit(p + width);
  }
}

const LEVELS = 256;

/**
 * Marker-controlled watershed by flooding: a bucket queue over 256 elevation levels (the contour
 * probability), FIFO within a level; each pixel is labelled once, by the first neighbour to reach it.
 */
function growByFlooding(labels: Int32Array, mask: Uint8Array, elevation: Float32Array, width: number): void {
  const n = labels.length;
  const next = new Int32Array(n).fill(-1);
  const headOf = new Int32Array(LEVELS).fill(-1);
  const tailOf = new Int32Array(LEVELS).fill(-1);
  const levelOf = (i: number) => {
    const v = elevation[i];
    return v >= 1 ? LEVELS - 1 : v > 0 ? Math.floor(v * LEVELS) : 0;
  };
  const push = (p: number, level: number) => {
    if (tailOf[level] < 0) headOf[level] = p;
    else next[tailOf[level]] = p;
    tailOf[level] = p;
  };
  for (let i = 0; i < n; i++) if (labels[i] > 0) push(i, levelOf(i));
  for (let level = 0; level < LEVELS; level++) {
    // pushes during this level land at this level or above, so the bucket is drained as it grows
    for (let p = headOf[level]; p >= 0; p = next[p]) {
      const l = labels[p];
      const x = p % width;
      const visit = (q: number) => {
        if (labels[q] === 0 && mask[q]) {
          labels[q] = l;
          push(q, Math.max(level, levelOf(q)));
        }
      };
      if (p >= width) visit(p - width);
      if (x > 0) visit(p - 1);
      if (x < width - 1) visit(p + 1);
      if (p + width < n) visit(p + width);
    }
  }
}
