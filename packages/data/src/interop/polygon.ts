/**
 * Polygon rasterisation and checks shared by the GeoJSON and ImageScope XML readers (internal to
 * @qfcn/data). A ring is a flat `[x0, y0, x1, y1, …]` array of its vertices, not repeating the first.
 */

/** Any writable label storage. */
export type LabelArray = Uint16Array | Uint32Array;

/**
 * Scanline fill of one polygon (its rings read together, even-odd) into `out`, writing `label` only
 * where `out` is still 0 (earlier objects win). A pixel (x, y) is sampled at (x + offset, y + offset);
 * for row y the crossings of every edge with the line Y = y + offset are sorted and paired, an edge
 * counting when min(y0, y1) ≤ Y < max(y0, y1) (horizontal edges never count). Between a pair (xa, xb)
 * a sample X is inside when xa ≤ X < xb, or xa ≤ X ≤ xb when `closed`. Pixels outside the image are
 * ignored. Cost: O(edges · log edges + crossings) with an active-edge table.
 */
export function fillPolygon(
  out: LabelArray,
  width: number,
  height: number,
  rings: readonly (readonly number[])[],
  label: number,
  offset: number,
  closed: boolean,
): void {
  // edges as [firstRow, lastRow, x at the top, dx/dy, y at the top]
  const edges: number[][] = [];
  for (const r of rings) {
    const m = r.length / 2;
    for (let i = 0; i < m; i++) {
      const j = i + 1 === m ? 0 : i + 1;
      let x0 = r[2 * i]!,
        y0 = r[2 * i + 1]!,
        x1 = r[2 * j]!,
        y1 = r[2 * j + 1]!;
      if (y0 === y1) continue;
      if (y0 > y1) [x0, y0, x1, y1] = [x1, y1, x0, y0];
      const first = Math.max(0, Math.ceil(y0 - offset));
      const last = Math.min(height - 1, Math.ceil(y1 - offset) - 1);
      if (first > last) continue;
      edges.push([first, last, x0, (x1 - x0) / (y1 - y0), y0]);
    }
  }
  if (edges.length === 0) return;
  edges.sort((a, b) => a[0]! - b[0]!);
  let next = 0;
  let active: number[][] = [];
  const xs: number[] = [];
  let lastRow = 0;
  for (const e of edges) if (e[1]! > lastRow) lastRow = e[1]!;
  for (let y = edges[0]![0]!; y <= lastRow; y++) {
    while (next < edges.length && edges[next]![0] === y) active.push(edges[next++]!);
    if (active.length === 0) {
      if (next < edges.length) y = edges[next]![0]! - 1;
      continue;
    }
    const sy = y + offset;
    xs.length = 0;
    for (const e of active) xs.push(e[3] === 0 ? e[2]! : e[2]! + (sy - e[4]!) * e[3]!);
    xs.sort((a, b) => a - b);
    const row = y * width;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k]! - offset));
      const to = Math.min(width - 1, closed ? Math.floor(xs[k + 1]! - offset) : Math.ceil(xs[k + 1]! - offset) - 1);
      for (let x = from; x <= to; x++) if (out[row + x] === 0) out[row + x] = label;
    }
    active = active.filter((e) => e[1]! > y);
  }
}

/** Where two edges of the given rings cross (proper crossing or a collinear overlap), or null. */
export interface Crossing {
  /** `cross`: two edges cross at a point inside both; `overlap`: collinear edges share a stretch. */
  readonly kind: 'cross' | 'overlap';
  readonly ringA: number;
  readonly ringB: number;
  readonly x: number;
  readonly y: number;
}

/**
 * Finds a crossing between edges of the rings (of one polygon): two edges crossing at a point inside
 * both, or two collinear edges sharing more than a point (a spike back along itself). Touching at a
 * point (a vertex on another ring, a pinch) is allowed. Sweep over edges sorted by their left end.
 */
export function findCrossing(rings: readonly (readonly number[])[]): Crossing | null {
  const segs: Array<{
    ring: number;
    ax: number;
    ay: number;
    bx: number;
    by: number;
    minX: number;
    maxX: number;
    minY: number;
    maxY: number;
  }> = [];
  rings.forEach((r, ring) => {
    const m = r.length / 2;
    for (let i = 0; i < m; i++) {
      const j = i + 1 === m ? 0 : i + 1;
      const ax = r[2 * i]!,
        ay = r[2 * i + 1]!,
        bx = r[2 * j]!,
        by = r[2 * j + 1]!;
      if (ax === bx && ay === by) continue;
      segs.push({
        ring,
        ax,
        ay,
        bx,
        by,
        minX: Math.min(ax, bx),
        maxX: Math.max(ax, bx),
        minY: Math.min(ay, by),
        maxY: Math.max(ay, by),
      });
    }
  });
  segs.sort((a, b) => a.minX - b.minX);
  const orient = (px: number, py: number, qx: number, qy: number, rx: number, ry: number): number =>
    Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    for (let j = i + 1; j < segs.length && segs[j]!.minX <= s.maxX; j++) {
      const t = segs[j]!;
      if (t.minY > s.maxY || t.maxY < s.minY) continue;
      const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
      const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
      if (o1 * o2 > 0) continue;
      const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
      const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
      if (o1 * o2 < 0 && o3 * o4 < 0) {
        const d = (s.bx - s.ax) * (t.by - t.ay) - (s.by - s.ay) * (t.bx - t.ax);
        const u = ((t.ax - s.ax) * (t.by - t.ay) - (t.ay - s.ay) * (t.bx - t.ax)) / d;
        return {
          kind: 'cross',
          ringA: s.ring,
          ringB: t.ring,
          x: s.ax + u * (s.bx - s.ax),
          y: s.ay + u * (s.by - s.ay),
        };
      }
      if (o1 === 0 && o2 === 0) {
        // collinear: do they share more than a point? project on the longer axis of s
        const alongX = s.maxX - s.minX >= s.maxY - s.minY;
        const lo = alongX ? Math.max(s.minX, t.minX) : Math.max(s.minY, t.minY);
        const hi = alongX ? Math.min(s.maxX, t.maxX) : Math.min(s.maxY, t.maxY);
        if (lo < hi) {
          const x = alongX ? lo : s.ax + ((lo - s.ay) / (s.by - s.ay)) * (s.bx - s.ax);
          const y = alongX ? s.ay + ((lo - s.ax) / (s.bx - s.ax)) * (s.by - s.ay) : lo;
          return { kind: 'overlap', ringA: s.ring, ringB: t.ring, x, y };
        }
      }
    }
  }
  return null;
}
