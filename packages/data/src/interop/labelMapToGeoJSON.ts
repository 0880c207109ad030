import type { LabelMap } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { assertLabelMap } from '../util/validate';
import type {
  GeoJSONFeature,
  GeoJSONFeatureCollection,
  GeoJSONPosition,
  LabelFeatureProperties,
  QuPathClassification,
} from './geojson';

export interface LabelMapToGeoJSONOptions {
  /** `properties.objectType`, which QuPath uses to import each object (default `'detection'`). */
  readonly objectType?: 'detection' | 'annotation';
  /** `properties.classification` of every feature, e.g. `{ name: 'Nucleus', color: [255, 0, 0] }` (default none). */
  readonly classification?: QuPathClassification;
  /** Give each feature `id` = its label (default false: QuPath reads `id` as an object UUID). */
  readonly ids?: boolean;
  /**
   * Douglas–Peucker tolerance in pixels applied to every ring (default 0 = exact). Anything above 0
   * makes the file smaller and the round trip lossy; rings keep at least 4 corners.
   */
  readonly simplify?: number;
}

// headings: 0 = +x, 1 = +y, 2 = −x, 3 = −y; left of h is h + 1 (mod 4), right is h + 3
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/**
 * Converts an instance label map to a GeoJSON FeatureCollection of polygons, one Feature per label,
 * that QuPath imports as detections — exactly: `geoJSONToLabelMap` gives the same label map back.
 *
 * When to use: opening ground truth or predictions in QuPath (or any GIS/GeoJSON tool), sharing
 * annotations as small text files, or editing them as polygons.
 *
 * Details:
 * - Coordinates are image pixels, x to the right, y down, with pixel corners on the integer grid:
 *   pixel (x, y) covers [x, x+1] × [y, y+1]. Every vertex is an integer pixel corner; boundaries run
 *   along pixel edges (crack following) and collinear points are merged, so rings hold corners only.
 * - A label's pixels are split into 4-connected pieces: one piece → `Polygon`, several (including
 *   pieces that touch only diagonally) → `MultiPolygon`, pieces ordered by their first pixel in raster
 *   order. Each polygon is its outer ring followed by its holes (holes ordered by their top-left
 *   vertex); an object lying inside another's hole is a feature of its own.
 * - Rings are valid simple-features rings: never self-touching. Where two pixels of one piece meet only
 *   at a corner, the outer ring and a hole (or two holes) touch at that single point; pieces of a
 *   MultiPolygon may touch each other at points only.
 * - Orientation (RFC 7946): exterior rings have positive shoelace area Σ(xᵢyᵢ₊₁ − xᵢ₊₁yᵢ)/2 on the raw
 *   numbers (counter-clockwise with y up, i.e. clockwise as seen on screen with y down); holes negative.
 *   Every ring starts (and ends) at its top-most, then left-most vertex.
 * - `properties`: `objectType` ('detection'), `label`, then `classification` if given. Features are
 *   ordered by label; label 0 is background and gets no feature.
 * - Errors: a malformed label map, negative labels or bad options throw `InvalidArgumentError`.
 * Cost: O(width × height) time and about 10 bytes of scratch per pixel.
 *
 * @example
 * const fc = labelMapToGeoJSON(readLabelMap('a_label.png'), { classification: { name: 'Nucleus' } });
 * writeGeoJSON('a_instances.geojson', fc); // drag onto the image in QuPath
 */
export function labelMapToGeoJSON(
  labelMap: LabelMap,
  options: LabelMapToGeoJSONOptions = {},
): GeoJSONFeatureCollection<LabelFeatureProperties> {
  assertLabelMap(labelMap);
  const objectType = options.objectType ?? 'detection';
  if (objectType !== 'detection' && objectType !== 'annotation') {
    throw new InvalidArgumentError('objectType', `must be 'detection' or 'annotation', got ${String(objectType)}`);
  }
  const classification =
    options.classification === undefined ? undefined : assertClassification(options.classification);
  const tolerance = options.simplify ?? 0;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    throw new InvalidArgumentError('simplify', `must be a finite number of pixels >= 0, got ${String(tolerance)}`);
  }

  const { width: W, height: H, data } = labelMap;
  const n = W * H;
  for (let i = 0; i < n; i++) {
    if (data[i]! < 0)
      throw new InvalidArgumentError('labelMap', `negative label ${data[i]} at pixel ${i % W},${Math.floor(i / W)}`);
  }

  // 1. 4-connected pieces of equal labels, numbered 1.. in raster order of their first pixel
  const comp = new Int32Array(n);
  const stack = new Int32Array(n);
  const compLabel: number[] = [0];
  for (let start = 0; start < n; start++) {
    const label = data[start]!;
    if (label === 0 || comp[start] !== 0) continue;
    const id = compLabel.length;
    compLabel.push(label);
    comp[start] = id;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % W;
      if (x > 0 && comp[p - 1] === 0 && data[p - 1] === label) {
        comp[p - 1] = id;
        stack[top++] = p - 1;
      }
      if (x < W - 1 && comp[p + 1] === 0 && data[p + 1] === label) {
        comp[p + 1] = id;
        stack[top++] = p + 1;
      }
      if (p >= W && comp[p - W] === 0 && data[p - W] === label) {
        comp[p - W] = id;
        stack[top++] = p - W;
      }
      if (p < n - W && comp[p + W] === 0 && data[p + W] === label) {
        comp[p + W] = id;
        stack[top++] = p + W;
      }
    }
  }

  // 2. crack-following: every ring keeps its piece on the left; horizontal edges remember their use
  const usedBelow = new Uint8Array((H + 1) * W); // edge on line y, owned by the pixel below (walked +x)
  const usedAbove = new Uint8Array((H + 1) * W); // owned by the pixel above (walked −x)
  const rings: GeoJSONPosition[][][] = compLabel.map(() => []);

  const trace = (c: number, sx: number, sy: number, arrived: number): void => {
    const inside = (px: number, py: number): boolean =>
      px >= 0 && py >= 0 && px < W && py < H && comp[py * W + px] === c;
    const turn = (vx: number, vy: number, h: number): number => {
      const dx = DX[h]!,
        dy = DY[h]!,
        lx = -dy,
        ly = dx;
      // the pixels ahead-left and ahead-right of vertex (vx, vy) when arriving with heading h
      const aheadLeft = inside(vx + (dx + lx - 1) / 2, vy + (dy + ly - 1) / 2);
      const aheadRight = inside(vx + (dx - lx - 1) / 2, vy + (dy - ly - 1) / 2);
      // ahead-right inside (alone it is a diagonal pinch of one piece): turn right, keeping the piece
      // joined so that its outer ring and holes stay simple; ahead-left only: straight; neither: left
      return aheadRight ? (h + 3) & 3 : aheadLeft ? h : (h + 1) & 3;
    };
    const ring: GeoJSONPosition[] = [[sx, sy]];
    const first = arrived < 0 ? 0 : turn(sx, sy, arrived);
    let vx = sx,
      vy = sy,
      h = first;
    for (;;) {
      if (h === 0) usedBelow[vy * W + vx] = 1;
      else if (h === 2) usedAbove[vy * W + vx - 1] = 1;
      vx += DX[h]!;
      vy += DY[h]!;
      const next = turn(vx, vy, h);
      if (vx === sx && vy === sy && next === first) break;
      if (next !== h) ring.push([vx, vy]);
      h = next;
    }
    ring.push([sx, sy]);
    rings[c]!.push(ring);
  };

  for (let y = 0; y <= H; y++) {
    for (let x = 0; x < W; x++) {
      const below = y < H ? comp[y * W + x]! : 0;
      const above = y > 0 ? comp[(y - 1) * W + x]! : 0;
      if (below === above) continue;
      // the first edge met in raster order starts at its ring's top-most, left-most vertex (x, y)
      if (below !== 0 && usedBelow[y * W + x] === 0) trace(below, x, y, -1);
      if (above !== 0 && usedAbove[y * W + x] === 0) trace(above, x, y, 2);
    }
  }

  // 3. one feature per label, its pieces in raster order (the outer ring of a piece is traced first)
  const pieces = new Map<number, number[]>();
  for (let c = 1; c < compLabel.length; c++) {
    const list = pieces.get(compLabel[c]!);
    if (list) list.push(c);
    else pieces.set(compLabel[c]!, [c]);
  }
  const labels = [...pieces.keys()].sort((a, b) => a - b);
  const features = labels.map((label): GeoJSONFeature<LabelFeatureProperties> => {
    const polygons = pieces
      .get(label)!
      .map((c) => (tolerance > 0 ? rings[c]!.map((r) => simplifyRing(r, tolerance)) : rings[c]!));
    const properties: LabelFeatureProperties = { objectType, label };
    if (classification) properties.classification = classification;
    const geometry =
      polygons.length === 1
        ? { type: 'Polygon' as const, coordinates: polygons[0]! }
        : { type: 'MultiPolygon' as const, coordinates: polygons };
    return options.ids
      ? { type: 'Feature', id: label, geometry, properties }
      : { type: 'Feature', geometry, properties };
  });
  return { type: 'FeatureCollection', features };
}

function assertClassification(c: QuPathClassification): QuPathClassification {
  if (typeof c !== 'object' || c === null || typeof c.name !== 'string' || c.name.length === 0) {
    throw new InvalidArgumentError('classification', 'expected { name: non-empty string, color?: [r, g, b] }');
  }
  if (c.color === undefined) return { name: c.name };
  const ok =
    Array.isArray(c.color) && c.color.length === 3 && c.color.every((v) => Number.isInteger(v) && v >= 0 && v <= 255);
  if (!ok)
    throw new InvalidArgumentError(
      'classification',
      `color must be [r, g, b] with integers 0-255, got ${JSON.stringify(c.color)}`,
    );
  return { name: c.name, color: [c.color[0], c.color[1], c.color[2]] };
}

/** Douglas–Peucker on a closed ring (first = last), keeping at least 4 corners. */
function simplifyRing(ring: GeoJSONPosition[], tolerance: number): GeoJSONPosition[] {
  const m = ring.length - 1; // distinct vertices
  if (m <= 4) return ring;
  const x0 = ring[0]![0],
    y0 = ring[0]![1];
  let far = 1;
  let best = -1;
  for (let i = 1; i < m; i++) {
    const d = (ring[i]![0] - x0) ** 2 + (ring[i]![1] - y0) ** 2;
    if (d > best) {
      best = d;
      far = i;
    }
  }
  const keep = new Uint8Array(m + 1);
  keep[0] = keep[far] = keep[m] = 1;
  const t2 = tolerance * tolerance;
  // each half keeps its farthest point whatever the tolerance, so the ring never degenerates
  const stack: Array<[number, number, boolean]> = [
    [0, far, true],
    [far, m, true],
  ];
  while (stack.length > 0) {
    const [a, b, force] = stack.pop()!;
    if (b - a < 2) continue;
    const ax = ring[a]![0],
      ay = ring[a]![1],
      bx = ring[b]![0],
      by = ring[b]![1];
    const ex = bx - ax,
      ey = by - ay;
    const len2 = ex * ex + ey * ey;
    let idx = -1;
    let dmax = -1;
    for (let i = a + 1; i < b; i++) {
      const px = ring[i]![0] - ax,
        py = ring[i]![1] - ay;
      const d = len2 === 0 ? px * px + py * py : (px * ey - py * ex) ** 2 / len2;
      if (d > dmax) {
        dmax = d;
        idx = i;
      }
    }
    if (force || dmax > t2) {
      keep[idx] = 1;
      stack.push([a, idx, false], [idx, b, false]);
    }
  }
  const out: GeoJSONPosition[] = [];
  for (let i = 0; i <= m; i++) if (keep[i]) out.push(ring[i]!);
  return out;
}
