// Hole filling of toInstances' step 5: a background region (4-connected) that does not reach the
// image border and touches exactly one instance joins that instance. Two ways to the same regions:
// one search of a result's background (a single call), or a mask's components computed once and
// reused by every growth in that mask (tuneInstances' grid). The grid test compares them.
import { connectedComponents } from '@qfcn/metrics';

/**
 * The 4-connected components of a mask and of its background, for filling the holes of many label
 * maps grown in that mask (internal). Growth labels every mask component that holds a kept seed
 * (`alive`) and leaves the others (`dead`) background; so a background region of the result is a
 * background component joined with the dead mask components next to it (and, through them, other
 * background components). A mask component's outside neighbours are all background, so every
 * region holds a background component, and a region reaching the border holds a background or dead
 * mask component that does.
 */
export interface MaskTopology {
  /** Mask component of each pixel (1..maskCount), 0 off the mask. */
  readonly maskComponent: Int32Array;
  readonly maskCount: number;
  /** Per mask component: touches the image border, or a background component that does. */
  readonly maskReachesBorder: Uint8Array;
  /** Inner background components (not touching the border): 1..innerCount. */
  readonly innerCount: number;
  /** Per inner component c: its pixels `pixels[pixelStart[c-1] .. pixelStart[c])`. */
  readonly pixelStart: Int32Array;
  readonly pixels: Int32Array;
  /** Per inner component: the mask pixels 4-adjacent to it (`boundary[boundaryStart[c-1] .. boundaryStart[c])`). */
  readonly boundaryStart: Int32Array;
  readonly boundary: Int32Array;
  /** Per mask component: its pixels (`maskPixels[maskPixelStart[m-1] .. maskPixelStart[m])`). */
  readonly maskPixelStart: Int32Array;
  readonly maskPixels: Int32Array;
}

/** Groups pixel indices by component (1..count): start offsets (length count + 1) and the indices. */
function groupPixels(
  component: (i: number) => number,
  count: number,
  n: number,
): { start: Int32Array; pixels: Int32Array } {
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) {
    const c = component(i);
    if (c > 0) start[c]!++;
  }
  for (let c = 1; c <= count; c++) start[c]! += start[c - 1]!;
  const pixels = new Int32Array(start[count]!);
  const fill = start.slice(0, count);
  for (let i = 0; i < n; i++) {
    const c = component(i);
    if (c > 0) pixels[fill[c - 1]!++] = i;
  }
  return { start, pixels };
}

/** {@link MaskTopology} of `mask`. */
export function maskTopology(mask: Uint8Array, width: number, height: number): MaskTopology {
  const n = width * height;
  const inverse = new Uint8Array(n);
  for (let i = 0; i < n; i++) inverse[i] = mask[i] ? 0 : 1;
  const masked = connectedComponents({ width, height, data: mask }, { connectivity: 4 });
  const background = connectedComponents({ width, height, data: inverse }, { connectivity: 4 });
  const onBorder = (i: number) => {
    const x = i % width;
    return x === 0 || x === width - 1 || i < width || i >= n - width;
  };
  const backgroundBorder = new Uint8Array(background.count + 1);
  const maskReachesBorder = new Uint8Array(masked.count + 1);
  for (let i = 0; i < n; i++) {
    if (!onBorder(i)) continue;
    backgroundBorder[background.data[i]!] = 1;
    maskReachesBorder[masked.data[i]!] = 1;
  }
  // inner background components renumbered 1..innerCount
  const inner = new Int32Array(background.count + 1);
  let innerCount = 0;
  for (let c = 1; c <= background.count; c++) if (!backgroundBorder[c]) inner[c] = ++innerCount;
  const neighbours = (i: number, visit: (q: number) => void) => {
    const x = i % width;
    if (i >= width) visit(i - width);
    if (x > 0) visit(i - 1);
    if (x < width - 1) visit(i + 1);
    if (i + width < n) visit(i + width);
  };
  // mask components next to border background; boundary mask pixels of inner components
  const boundaryCount = new Int32Array(innerCount + 1);
  let from = 0;
  const countBoundary = (q: number) => {
    if (mask[q]) {
      const c = background.data[from]!;
      if (backgroundBorder[c]) maskReachesBorder[masked.data[q]!] = 1;
      else boundaryCount[inner[c]!]!++;
    }
  };
  for (let i = 0; i < n; i++) {
    if (mask[i]) continue;
    from = i;
    neighbours(i, countBoundary);
  }
  const boundaryStart = new Int32Array(innerCount + 1);
  for (let c = 1; c <= innerCount; c++) boundaryStart[c] = boundaryStart[c - 1]! + boundaryCount[c]!;
  const boundary = new Int32Array(boundaryStart[innerCount]!);
  const fill = boundaryStart.slice(0, innerCount);
  const addBoundary = (q: number) => {
    if (mask[q]) boundary[fill[inner[background.data[from]!]! - 1]!++] = q;
  };
  for (let i = 0; i < n; i++) {
    if (mask[i] || backgroundBorder[background.data[i]!]) continue;
    from = i;
    neighbours(i, addBoundary);
  }
  const innerPixels = groupPixels((i) => inner[background.data[i]!]!, innerCount, n);
  const maskPixels = groupPixels((i) => masked.data[i]!, masked.count, n);
  return {
    maskComponent: masked.data,
    maskCount: masked.count,
    maskReachesBorder,
    innerCount,
    pixelStart: innerPixels.start,
    pixels: innerPixels.pixels,
    boundaryStart,
    boundary,
    maskPixelStart: maskPixels.start,
    maskPixels: maskPixels.pixels,
  };
}

/**
 * {@link fillInstanceHoles} for labels grown in the mask of `t`: regions are built from inner
 * background components joined through dead mask components (union-find over the components), and
 * only their boundary pixels are read — the border background, usually most of the image, is never
 * visited.
 */
export function fillHolesOf(labels: Int32Array, t: MaskTopology): void {
  const { maskComponent, innerCount, boundaryStart, boundary } = t;
  if (innerCount === 0) return;
  const alive = new Uint8Array(t.maskCount + 1);
  for (let m = 1; m <= t.maskCount; m++) {
    for (let k = t.maskPixelStart[m - 1]!; k < t.maskPixelStart[m]!; k++) {
      if (labels[t.maskPixels[k]!]! > 0) {
        alive[m] = 1;
        break;
      }
    }
  }
  // union-find over inner components 1..innerCount; a dead mask component joins those it touches
  const parent = new Int32Array(innerCount + 1);
  for (let c = 1; c <= innerCount; c++) parent[c] = c;
  const find = (c: number): number => {
    while (parent[c] !== c) {
      parent[c] = parent[parent[c]!]!;
      c = parent[c]!;
    }
    return c;
  };
  const blocked = new Uint8Array(innerCount + 1); // reaches the border through a dead mask component
  const firstInner = new Int32Array(t.maskCount + 1); // per dead mask component: an inner component it touches
  for (let c = 1; c <= innerCount; c++) {
    for (let k = boundaryStart[c - 1]!; k < boundaryStart[c]!; k++) {
      const m = maskComponent[boundary[k]!]!;
      if (alive[m]) continue;
      if (t.maskReachesBorder[m]) blocked[c] = 1;
      if (firstInner[m] === 0) firstInner[m] = c;
      else {
        const a = find(firstInner[m]!);
        const b = find(c);
        if (a !== b) parent[a] = b;
      }
    }
  }
  // per region (root): owner — 0 none yet, l > 0 only instance l, -1 several instances or the border
  const owner = new Int32Array(innerCount + 1);
  for (let c = 1; c <= innerCount; c++) {
    const r = find(c);
    if (blocked[c]) owner[r] = -1;
  }
  for (let c = 1; c <= innerCount; c++) {
    const r = find(c);
    if (owner[r]! < 0) continue;
    for (let k = boundaryStart[c - 1]!; k < boundaryStart[c]!; k++) {
      const l = labels[boundary[k]!]!;
      if (l > 0) {
        const o = owner[r]!;
        owner[r] = o === 0 || o === l ? l : -1;
        if (o > 0 && o !== l) break;
      }
    }
  }
  for (let c = 1; c <= innerCount; c++) {
    const l = owner[find(c)]!;
    if (l <= 0) continue;
    for (let k = t.pixelStart[c - 1]!; k < t.pixelStart[c]!; k++) labels[t.pixels[k]!] = l;
  }
  // dead mask components inside a filled region take its instance too
  for (let m = 1; m <= t.maskCount; m++) {
    if (alive[m] || firstInner[m] === 0) continue;
    const l = owner[find(firstInner[m]!)]!;
    if (l <= 0) continue;
    for (let k = t.maskPixelStart[m - 1]!; k < t.maskPixelStart[m]!; k++) labels[t.maskPixels[k]!] = l;
  }
}

/**
 * Gives every background region (4-connected) that touches exactly one instance, and not the border,
 * to that instance. A breadth-first search from the border marks the background that reaches it;
 * each remaining background region is then searched on its own and filled when one instance owns it
 * (distinct regions are never 4-adjacent, so filling one cannot change another's neighbours).
 */
export function fillInstanceHoles(labels: Int32Array, width: number, height: number): void {
  const n = width * height;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  const enter = (q: number) => {
    if (labels[q] === 0 && seen[q] === 0) {
      seen[q] = 1;
      queue[tail++] = q;
    }
  };
  const searchFrom = (head: number) => {
    for (; head < tail; head++) {
      const p = queue[head]!;
      const x = p % width;
      if (p >= width) enter(p - width);
      if (x > 0) enter(p - 1);
      if (x < width - 1) enter(p + 1);
      if (p + width < n) enter(p + width);
    }
  };
  for (let x = 0; x < width; x++) {
    enter(x);
    enter(n - width + x);
  }
  for (let y = 0; y < height; y++) {
    enter(y * width);
    enter(y * width + width - 1);
  }
  searchFrom(0);
  for (let i = 0; i < n; i++) {
    if (labels[i] !== 0 || seen[i] !== 0) continue;
    const start = tail;
    enter(i);
    searchFrom(start);
    // 0 = no instance met yet, l > 0 = only instance l so far, -1 = several instances
    let owner = 0;
    const meet = (q: number) => {
      const l = labels[q]!;
      if (l > 0) owner = owner === 0 || owner === l ? l : -1;
    };
    for (let k = start; k < tail && owner >= 0; k++) {
      const p = queue[k]!;
      const x = p % width;
      if (p >= width) meet(p - width);
      if (x > 0) meet(p - 1);
      if (x < width - 1) meet(p + 1);
      if (p + width < n) meet(p + width);
    }
    if (owner > 0) for (let k = start; k < tail; k++) labels[queue[k]!] = owner;
  }
}
