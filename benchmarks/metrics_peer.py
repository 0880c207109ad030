#!/usr/bin/env python3
"""Python peer for benchmarks/metrics.bench.mjs: GlaS object metrics with numpy + scipy (cKDTree).

A straightforward implementation of the Warwick GlaS semantics, the way one would write it in
Python: objects cropped with scipy.ndimage.find_objects, matching by np.bincount over the crop,
Hausdorff distance between full pixel sets with scipy.spatial.cKDTree (nearest-neighbour queries
in both directions), an unmatched object paired with the object of the other map at the smallest
Hausdorff distance (candidates visited by bounding-box gap, stopping once the gap exceeds the best
distance found), pooled and per-image scores. Conventions as
@qfcn/metrics documents them (one map empty: Hausdorff = image diagonal; zero denominators: 0).

Usage: python3 metrics_peer.py DIR   (DIR/manifest.json lists sets of images stored as raw
little-endian int32 label maps; written by metrics.bench.mjs). Prints JSON to stdout.
"""
import json
import math
import os
import sys
import time

import numpy as np
from scipy import ndimage
from scipy.spatial import cKDTree


def relabel(m):
    """Labels -> 1..n in ascending label order (so 'smallest label' = smallest index); 0 stays 0."""
    u, inv = np.unique(m, return_inverse=True)
    inv = inv.reshape(m.shape).astype(np.int32)
    if u.size and u[0] == 0:
        return inv, u.size - 1
    return inv + 1, u.size


class Objects:
    def __init__(self, m):
        self.r, self.n = relabel(m)
        self.slices = ndimage.find_objects(self.r)
        self.area = np.bincount(self.r.ravel(), minlength=self.n + 1)
        self._pts = {}

    def points(self, i):
        if i not in self._pts:
            sl = self.slices[i - 1]
            p = np.argwhere(self.r[sl] == i)
            p[:, 0] += sl[0].start
            p[:, 1] += sl[1].start
            self._pts[i] = p
        return self._pts[i]


def matches(a, b):
    """For each object of a: (matched object of b or 0, overlap)."""
    out = [(0, 0)] * (a.n + 1)
    for i in range(1, a.n + 1):
        sl = a.slices[i - 1]
        under = b.r[sl][a.r[sl] == i]
        under = under[under != 0]
        if under.size:
            c = np.bincount(under)
            m = int(np.argmax(c))
            out[i] = (m, int(c[m]))
    return out


def hausdorff(pa, pb):
    d1 = cKDTree(pb).query(pa)[0].max()
    d2 = cKDTree(pa).query(pb)[0].max()
    return float(max(d1, d2))


def score_image(seg, gt, fn_rule):
    s, g = Objects(seg), Objects(gt)
    ms, mg = matches(s, g), matches(g, s)
    tp = sum(1 for i in range(1, s.n + 1) if ms[i][0] and 2 * ms[i][1] > g.area[ms[i][0]])
    fp = s.n - tp
    if fn_rule == 'official':
        fn = g.n - len({ms[i][0] for i in range(1, s.n + 1) if ms[i][0]})
    else:
        fn = g.n - tp
    area_s, area_g = float(s.area[1:].sum()), float(g.area[1:].sum())
    dice_s = sum(s.area[i] * 2 * ms[i][1] / (s.area[i] + g.area[ms[i][0]]) for i in range(1, s.n + 1) if ms[i][0])
    dice_g = sum(g.area[j] * 2 * mg[j][1] / (g.area[j] + s.area[mg[j][0]]) for j in range(1, g.n + 1) if mg[j][0])
    h, w = seg.shape
    if s.n == 0 or g.n == 0:
        diag = math.sqrt(w * w + h * h)
        haus_s, haus_g = area_s * diag, area_g * diag
    else:
        cache = {}

        def hd(i, j):
            if (i, j) not in cache:
                cache[(i, j)] = hausdorff(s.points(i), g.points(j))
            return cache[(i, j)]

        def nearest(dist, own, i, other):
            # Hausdorff >= the gap between bounding boxes: visit candidates by that bound, stop when
            # it exceeds the best distance found (exact; ties -> smallest label)
            a = own.slices[i - 1]
            best, best_k = math.inf, 0
            bounds = []
            for k in range(1, other.n + 1):
                b = other.slices[k - 1]
                gy = max(0, b[0].start - a[0].stop + 1, a[0].start - b[0].stop + 1)
                gx = max(0, b[1].start - a[1].stop + 1, a[1].start - b[1].stop + 1)
                bounds.append((math.hypot(gx, gy), k))
            for bound, k in sorted(bounds):
                if bound > best:
                    break
                d = dist(k)
                if d < best:
                    best, best_k = d, k
            return best

        haus_s = 0.0
        for i in range(1, s.n + 1):
            j = ms[i][0]
            h_i = hd(i, j) if j else nearest(lambda k: hd(i, k), s, i, g)
            haus_s += s.area[i] * h_i
        haus_g = 0.0
        for j in range(1, g.n + 1):
            i = mg[j][0]
            h_j = hd(i, j) if i else nearest(lambda k: hd(k, j), g, j, s)
            haus_g += g.area[j] * h_j
    return dict(tp=tp, fp=fp, fn=fn, dice=[float(dice_s), area_s, float(dice_g), area_g],
                haus=[float(haus_s), area_s, float(haus_g), area_g], ns=s.n, ng=g.n)


def combine(sums, both_empty):
    ss, a_s, sg, a_g = sums
    if a_s == 0 and a_g == 0:
        return both_empty
    if a_s == 0:
        return sg / a_g
    if a_g == 0:
        return ss / a_s
    return (ss / a_s + sg / a_g) / 2


def f1(tp, fp, fn):
    if tp + fp + fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


def run_set(root, spec):
    maps = []
    for im in spec['images']:
        shape = (im['height'], im['width'])
        seg = np.fromfile(os.path.join(root, im['seg']), dtype='<i4').reshape(shape)
        gt = np.fromfile(os.path.join(root, im['gt']), dtype='<i4').reshape(shape)
        maps.append((im['id'], seg, gt))
    t0 = time.perf_counter()
    c0 = time.process_time()
    rows = [(i, score_image(seg, gt, spec['fnRule'])) for i, seg, gt in maps]
    tp = sum(r['tp'] for _, r in rows)
    fp = sum(r['fp'] for _, r in rows)
    fn = sum(r['fn'] for _, r in rows)
    dice = np.sum([r['dice'] for _, r in rows], axis=0).tolist()
    haus = np.sum([r['haus'] for _, r in rows], axis=0).tolist()
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    return dict(
        name=spec['name'], seconds=seconds, cpuSeconds=cpu_seconds,
        pooled=dict(f1=f1(tp, fp, fn), objectDice=combine(dice, 1.0), objectHausdorff=combine(haus, 0.0), tp=tp, fp=fp, fn=fn),
        images=[dict(id=i, f1=f1(r['tp'], r['fp'], r['fn']), objectDice=combine(r['dice'], 1.0), objectHausdorff=combine(r['haus'], 0.0),
                     tp=r['tp'], fp=r['fp'], fn=r['fn']) for i, r in rows],
    )


def main():
    root = sys.argv[1]
    with open(os.path.join(root, 'manifest.json')) as f:
        manifest = json.load(f)
    out = dict(python=sys.version.split()[0], numpy=np.__version__,
               scipy=__import__('scipy').__version__, sets=[run_set(root, s) for s in manifest['sets']])
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
