#!/usr/bin/env python3
"""Independent oracle for @qfcn/metrics.

Writes ../src/__fixtures__/oracle.json: small label maps with the scores that a straightforward
implementation of the Warwick GlaS evaluation semantics gives them. Nothing here shares code or
tricks with the TypeScript package: matching is done with boolean masks and np.unique, Hausdorff
distances by brute force over all pixel pairs (scipy.spatial.distance.cdist), connected components
with scipy.ndimage.label, distance transforms by brute force (cross-checked with
scipy.ndimage.distance_transform_edt).

Semantics (Warwick evaluation code, F1score.m / ObjectDice.m / ObjectHausdorff.m):
- each object is matched to the most frequent non-zero label it overlaps in the other map, ties ->
  smallest label; background never counts;
- F1: a segmented object is TP when its match has strictly more than 50% of its area covered;
  official FN = GT objects that are the match of no segmented object; 'unmatched' FN = numG - TP;
- object Dice / Hausdorff: area-weighted on both sides; an unmatched object has Dice 0 and, for
  Hausdorff, is paired with the object of the other map at the smallest Hausdorff distance;
- conventions the official code leaves open (chosen by @qfcn/metrics and documented there):
  both empty -> F1 1, Dice 1, Hausdorff 0; exactly one empty -> F1 0, Dice 0, Hausdorff =
  sqrt(W^2 + H^2) (image diagonal); a ratio with zero denominator is 0.
- pooled over a set: F1 from summed TP/FP/FN; Dice/Hausdorff with object weights normalised over all
  objects of all images (matching stays within each image).

Nuclei instance metrics (same label maps, plus nuclei-like cases: touching blobs, noise label maps),
again with one boolean mask per object and exact fractions (fractions.Fraction) for every IoU
comparison; IoU(g, s) = |g & s| / |g | s|:
- AJI (Kumar et al. 2017): each GT object takes the overlapping segmented object of largest IoU
  (ties -> smallest label; one may serve several); C += |g & s|, U += |g | s|; a GT object overlapping
  nothing adds |g| to U; every segmented object never taken adds its area to U. AJI = C / U.
- AJI+ (Graham et al. 2019), greedy unique pairing: overlapping pairs by IoU descending, ties ->
  smaller GT label, then smaller segmented label; a pair is taken when both are free; unpaired
  objects of both maps add their areas to U.
- PQ (Kirillov et al. 2019): pairs with IoU (a Python float) > threshold match (threshold >= 0.5, so
  matches are unique, asserted); DQ = TP / (TP + FP/2 + FN/2), SQ = mean IoU of matches (0 if none),
  PQ = DQ * SQ; at thresholds 0.5 and 0.75.
- both maps empty -> AJI = AJI+ = PQ = DQ = SQ = 1; set means are plain means over images.

Run:  python3 packages/metrics/oracle/generate.py   (numpy >= 1.24, scipy >= 1.10)
"""
import json
import math
import os
import platform
import sys
from fractions import Fraction

import numpy as np
import scipy
from scipy import ndimage
from scipy.spatial.distance import cdist

SEED = 20240607
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'src', '__fixtures__', 'oracle.json')


# ---------------------------------------------------------------------------------------------
# Reference metrics (straightforward Warwick semantics)
# ---------------------------------------------------------------------------------------------

def labels_of(m):
    u = np.unique(m)
    return [int(v) for v in u if v != 0]


def match(obj_mask, other):
    """Most frequent non-zero label of `other` under obj_mask; ties -> smallest; 0 if none."""
    vals = other[obj_mask]
    vals = vals[vals != 0]
    if vals.size == 0:
        return 0
    u, c = np.unique(vals, return_counts=True)
    return int(u[int(np.argmax(c))])  # np.unique sorts; argmax takes the first maximum


def hausdorff_sq(a, b):
    """Squared symmetric Hausdorff distance between two non-empty boolean masks, brute force."""
    pa = np.argwhere(a).astype(np.float64)
    pb = np.argwhere(b).astype(np.float64)
    d = cdist(pa, pb, 'sqeuclidean')
    return int(round(max(d.min(axis=1).max(), d.min(axis=0).max())))


def safe_div(a, b):
    return a / b if b > 0 else 0.0


def f1_counts(S, G, rule):
    ls, lg = labels_of(S), labels_of(G)
    tp = 0
    matched = set()
    for l in ls:
        so = S == l
        m = match(so, G)
        if m == 0:
            continue
        matched.add(m)
        go = G == m
        if np.logical_and(so, go).sum() / go.sum() > 0.5:
            tp += 1
    fp = len(ls) - tp
    fn = len([g for g in lg if g not in matched]) if rule == 'official' else len(lg) - tp
    return tp, fp, fn


def f1_from_counts(tp, fp, fn):
    if tp + fp + fn == 0:
        return dict(f1=1.0, precision=1.0, recall=1.0)
    p = safe_div(tp, tp + fp)
    r = safe_div(tp, tp + fn)
    f1 = 0.0 if p + r == 0 else 2 * p * r / (p + r)
    return dict(f1=f1, precision=p, recall=r)


def dice(a, b):
    return 2.0 * np.logical_and(a, b).sum() / (a.sum() + b.sum())


def dice_sums(S, G):
    """(sum_i |S_i| Dice_i, sum|S|, sum_j |G_j| Dice_j, sum|G|)."""
    out = []
    for X, Y in ((S, G), (G, S)):
        total = 0.0
        for l in labels_of(X):
            xo = X == l
            m = match(xo, Y)
            d = dice(xo, Y == m) if m != 0 else 0.0
            total += xo.sum() * d
        out += [total, float((X > 0).sum())]
    return out


def hausdorff_sums(S, G, empty_distance):
    ls, lg = labels_of(S), labels_of(G)
    if not ls or not lg:
        aS, aG = float((S > 0).sum()), float((G > 0).sum())
        return [aS * empty_distance, aS, aG * empty_distance, aG]
    out = []
    for X, Y, lx, ly in ((S, G, ls, lg), (G, S, lg, ls)):
        total = 0.0
        for l in lx:
            xo = X == l
            m = match(xo, Y)
            if m != 0:
                h2 = hausdorff_sq(xo, Y == m)
            else:
                ds = [hausdorff_sq(xo, Y == k) for k in ly]
                h2 = ds[int(np.argmin(ds))]  # first minimum -> smallest label
            total += xo.sum() * math.sqrt(h2)
        out += [total, float((X > 0).sum())]
    return out


def combine(sums, both_empty):
    sS, aS, sG, aG = sums
    if aS == 0 and aG == 0:
        return both_empty
    if aS == 0:
        return sG / aG
    if aG == 0:
        return sS / aS
    return (sS / aS + sG / aG) / 2


def diagonal(m):
    h, w = m.shape
    return math.sqrt(w * w + h * h)


def masks(m):
    return [(l, m == l) for l in labels_of(m)]  # ascending labels


def aji(S, G):
    so, go = masks(S), masks(G)
    if not so and not go:
        return 1.0
    C = U = 0
    used = set()
    for _, gm in go:
        best = None
        for l, sm in so:
            inter = int(np.logical_and(gm, sm).sum())
            if inter == 0:
                continue
            union = int(np.logical_or(gm, sm).sum())
            if best is None or Fraction(inter, union) > best[0]:  # strict: ties keep the smaller label
                best = (Fraction(inter, union), l, inter, union)
        if best is None:
            U += int(gm.sum())
        else:
            C += best[2]
            U += best[3]
            used.add(best[1])
    U += sum(int(sm.sum()) for l, sm in so if l not in used)
    return C / U


def aji_plus(S, G):
    so, go = masks(S), masks(G)
    if not so and not go:
        return 1.0
    pairs = []
    for lg, gm in go:
        for ls, sm in so:
            inter = int(np.logical_and(gm, sm).sum())
            if inter:
                union = int(np.logical_or(gm, sm).sum())
                pairs.append((Fraction(inter, union), lg, ls, inter, union))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    C = U = 0
    pg, ps = set(), set()
    for _, lg, ls, inter, union in pairs:
        if lg in pg or ls in ps:
            continue
        pg.add(lg)
        ps.add(ls)
        C += inter
        U += union
    U += sum(int(gm.sum()) for l, gm in go if l not in pg)
    U += sum(int(sm.sum()) for l, sm in so if l not in ps)
    return C / U


def panoptic(S, G, threshold):
    so, go = masks(S), masks(G)
    if not so and not go:
        return dict(iouThreshold=threshold, pq=1.0, dq=1.0, sq=1.0, tp=0, fp=0, fn=0)
    ious, mg, ms = [], [], []
    for lg, gm in go:
        for ls, sm in so:
            inter = int(np.logical_and(gm, sm).sum())
            iou = inter / int(np.logical_or(gm, sm).sum())
            if iou > threshold:
                ious.append(iou)
                mg.append(lg)
                ms.append(ls)
    assert len(set(mg)) == len(mg) and len(set(ms)) == len(ms), 'matches above IoU 0.5 must be unique'
    tp = len(ious)
    fp, fn = len(so) - tp, len(go) - tp
    dq = tp / (tp + 0.5 * fp + 0.5 * fn)
    sq = sum(ious) / tp if tp else 0.0
    return dict(iouThreshold=threshold, pq=dq * sq, dq=dq, sq=sq, tp=tp, fp=fp, fn=fn)


PQ_THRESHOLDS = (0.5, 0.75)


def nuclei_scores(S, G):
    return dict(aji=aji(S, G), ajiPlus=aji_plus(S, G), panoptic=[panoptic(S, G, t) for t in PQ_THRESHOLDS])


def scores(S, G):
    res = {}
    for rule in ('official', 'unmatched'):
        tp, fp, fn = f1_counts(S, G, rule)
        res[rule] = dict(tp=tp, fp=fp, fn=fn, **f1_from_counts(tp, fp, fn))
    res['objectDice'] = combine(dice_sums(S, G), 1.0)
    res['objectHausdorff'] = combine(hausdorff_sums(S, G, diagonal(S)), 0.0)
    res['numSegmented'] = len(labels_of(S))
    res['numGroundTruth'] = len(labels_of(G))
    res.update(nuclei_scores(S, G))
    return res


def pooled(pairs):
    out = {}
    for rule in ('official', 'unmatched'):
        tp = fp = fn = 0
        for S, G in pairs:
            a, b, c = f1_counts(S, G, rule)
            tp, fp, fn = tp + a, fp + b, fn + c
        out[rule] = dict(tp=tp, fp=fp, fn=fn, **f1_from_counts(tp, fp, fn))
    ds = np.sum([dice_sums(S, G) for S, G in pairs], axis=0).tolist()
    hs = np.sum([hausdorff_sums(S, G, diagonal(S)) for S, G in pairs], axis=0).tolist()
    out['objectDice'] = combine(ds, 1.0)
    out['objectHausdorff'] = combine(hs, 0.0)
    per = [scores(S, G) for S, G in pairs]
    out['perImageMean'] = {
        rule: {k: float(np.mean([p[rule][k] for p in per])) for k in ('f1', 'precision', 'recall')}
        for rule in ('official', 'unmatched')
    }
    out['perImageMean']['objectDice'] = float(np.mean([p['objectDice'] for p in per]))
    out['perImageMean']['objectHausdorff'] = float(np.mean([p['objectHausdorff'] for p in per]))
    out['images'] = per
    # nuclei papers: plain means over images (PQ family at threshold 0.5)
    out['nucleiMean'] = dict(aji=float(np.mean([p['aji'] for p in per])),
                             ajiPlus=float(np.mean([p['ajiPlus'] for p in per])),
                             **{k: float(np.mean([p['panoptic'][0][k] for p in per])) for k in ('pq', 'dq', 'sq')})
    return out


def components(mask, connectivity):
    structure = np.ones((3, 3), int) if connectivity == 8 else ndimage.generate_binary_structure(2, 1)
    lab, n = ndimage.label(mask != 0, structure=structure)
    # renumber by raster order of first pixel, independently of scipy's own numbering
    flat = lab.ravel()
    firsts = [int(np.flatnonzero(flat == k)[0]) for k in range(1, n + 1)]
    order = np.argsort(firsts)
    remap = np.zeros(n + 1, dtype=np.int64)
    for new, old in enumerate(order):
        remap[old + 1] = new + 1
    return remap[lab], n


def edt_to_foreground_sq(mask):
    """Squared distance of every pixel to the nearest non-zero pixel, brute force."""
    fg = np.argwhere(mask != 0).astype(np.float64)
    allp = np.argwhere(np.ones_like(mask, dtype=bool)).astype(np.float64)
    d = cdist(allp, fg, 'sqeuclidean').min(axis=1).reshape(mask.shape)
    check = ndimage.distance_transform_edt(mask == 0)
    assert np.allclose(np.sqrt(d), check), 'brute force and scipy EDT disagree'
    return np.rint(d).astype(np.int64)


# ---------------------------------------------------------------------------------------------
# Fixture construction
# ---------------------------------------------------------------------------------------------

def grid(rows):
    return np.array([[int(v) for v in r.split()] for r in rows], dtype=np.int64)


def blank(h, w):
    return np.zeros((h, w), dtype=np.int64)


def rect(m, x0, y0, x1, y1, label):
    """Fill the inclusive rectangle [x0..x1] x [y0..y1]."""
    m[y0:y1 + 1, x0:x1 + 1] = label
    return m


def disk(m, cx, cy, r, label):
    yy, xx = np.mgrid[0:m.shape[0], 0:m.shape[1]]
    m[(xx - cx) ** 2 + (yy - cy) ** 2 <= r * r] = label
    return m


def ellipse(m, cx, cy, rx, ry, theta, label):
    yy, xx = np.mgrid[0:m.shape[0], 0:m.shape[1]]
    c, s = math.cos(theta), math.sin(theta)
    u = ((xx - cx) * c + (yy - cy) * s) / rx
    v = (-(xx - cx) * s + (yy - cy) * c) / ry
    m[u * u + v * v <= 1] = label
    return m


def random_pair(rng, h, w, k, big_labels=False):
    """GT: k random ellipses (later ones overwrite -> touching objects). Seg: perturbed GT with
    shifts, erosion/dilation, splits, merges, misses and false positives; random labels."""
    G = blank(h, w)
    for i in range(k):
        ellipse(G, rng.uniform(0, w), rng.uniform(0, h), rng.uniform(2, w / 4), rng.uniform(2, h / 4),
                rng.uniform(0, math.pi), i + 1)
    S = blank(h, w)
    next_label = 1
    prev = 0
    for l in labels_of(G):
        o = G == l
        act = rng.integers(0, 7)
        if act == 0:  # missed
            continue
        dx, dy = rng.integers(-2, 3, size=2)
        o = np.roll(o, (int(dy), int(dx)), axis=(0, 1))
        if act == 1:
            o = ndimage.binary_erosion(o)
        elif act == 2:
            o = ndimage.binary_dilation(o)
        if act == 3:  # split by a vertical line through the centroid
            ys, xs = np.nonzero(o)
            if xs.size:
                cx = int(np.median(xs))
                left = o.copy()
                left[:, cx:] = False
                S[left] = next_label
                S[o & ~left] = next_label + 1
                next_label += 2
            continue
        if act == 4 and prev:  # merged with the previous segmented object
            S[o] = prev
            continue
        S[o] = next_label
        prev = next_label
        next_label += 1
    for _ in range(int(rng.integers(0, 3))):  # false positives
        disk(S, rng.uniform(0, w), rng.uniform(0, h), rng.uniform(1, 4), next_label)
        next_label += 1
    # random, non-consecutive labels
    for M in (S, G):
        ls = labels_of(M)
        hi = 5_000_000 if big_labels else 250
        new = rng.choice(np.arange(1, hi), size=len(ls), replace=False)
        out = M.copy()
        for old, nw in zip(ls, new):
            out[M == old] = nw
        M[...] = out
    return S, G


def nuclei_pair(rng, h, w, k, big_labels=False):
    """Nuclei-like pair. GT: k small ellipses on a jittered grid, later ones overwriting earlier ones
    (touching blobs, some labels cut into pieces). Seg: each nucleus exact, shifted, eroded, dilated
    (over its neighbours), split, merged with the previous one or missed; a few false positives."""
    G = blank(h, w)
    cols = int(math.ceil(math.sqrt(k * w / h)))
    rows_ = int(math.ceil(k / cols))
    for i in range(k):
        cx = (i % cols + 0.5) * w / cols + rng.uniform(-2, 2)
        cy = (i // cols + 0.5) * h / rows_ + rng.uniform(-2, 2)
        ellipse(G, cx, cy, rng.uniform(2.5, 0.75 * w / cols), rng.uniform(2.5, 0.75 * h / rows_),
                rng.uniform(0, math.pi), i + 1)
    S = blank(h, w)
    nxt, prev = 1, 0
    for l in labels_of(G):
        o = G == l
        act = int(rng.integers(0, 8))
        if act == 0:
            continue
        if act == 1:
            dx, dy = rng.integers(-1, 2, size=2)
            o = np.roll(o, (int(dy), int(dx)), axis=(0, 1))
        elif act == 2:
            o = ndimage.binary_erosion(o)
        elif act == 3:
            o = ndimage.binary_dilation(o)
        if act == 4:
            ys, xs = np.nonzero(o)
            cy = int(np.median(ys))
            top = o.copy()
            top[cy:, :] = False
            S[top] = nxt
            S[o & ~top] = nxt + 1
            nxt += 2
            continue
        if act == 5 and prev:
            S[o] = prev
            continue
        S[o] = nxt
        prev = nxt
        nxt += 1
    for _ in range(int(rng.integers(0, 3))):
        disk(S, rng.uniform(0, w), rng.uniform(0, h), rng.uniform(1, 3), nxt)
        nxt += 1
    for M in (S, G):
        ls = labels_of(M)
        hi = 4_000_000_000 if big_labels else 60_000
        new = rng.choice(np.arange(1, hi, dtype=np.int64), size=len(ls), replace=False) if not big_labels else \
            rng.integers(1, hi, size=len(ls))
        assert len(set(int(v) for v in new)) == len(ls)
        out = M.copy()
        for old, nw in zip(ls, new):
            out[M == old] = nw
        M[...] = out
    return S, G


def noise_pair(rng, h, w, ks, kg):
    """Random label maps (every pixel an independent label draw): many small pieces, many pairs, many IoU ties."""
    S = rng.integers(0, ks + 1, size=(h, w)).astype(np.int64) * 7
    G = rng.integers(0, kg + 1, size=(h, w)).astype(np.int64) * 1000 + (rng.random((h, w)) < 0.3)
    G[G == 1] = 0
    return S, G


def build_nuclei_cases(rng):
    cases = []
    # hand cases of the nuclei metrics
    G = grid(['1 1 1 1 1 1 0 0 0'])
    S = grid(['3 3 0 8 8 8 8 8 8'])
    cases.append(case('nuclei: IoU tie 2/6 = 3/9, 9x1', S, G, 'AJI and AJI+ take the smaller segmented label 3'))
    G = grid(['1 1 2 2 0 0'])
    S = grid(['7 7 7 7 0 9'])
    cases.append(case('nuclei: one segment serves two GT objects, 6x1', S, G,
                      'AJI counts segment 7 for both GT objects; AJI+ pairs it once; segment 9 never used'))
    G = grid(['1 1 1 2 2 0', '0 0 0 0 2 0'])
    S = grid(['4 4 4 4 4 0', '0 0 0 0 3 3'])
    cases.append(case('nuclei: AJI+ falls back to the next free segment, 6x2', S, G, 'greedy unique pairing'))
    G = grid(['1 1 1 1'])
    S = grid(['2 2 0 0'])
    cases.append(case('nuclei: IoU exactly 0.5, 4x1', S, G, 'not a PQ match at threshold 0.5'))
    G = rect(rect(rect(blank(12, 16), 1, 1, 6, 5, 1), 7, 1, 12, 5, 2), 1, 6, 12, 10, 3)
    S = rect(rect(blank(12, 16), 1, 1, 12, 5, 40), 2, 7, 12, 10, 41)
    cases.append(case('nuclei: touching blocks merged and shrunk, 12x16', S, G, 'two touching GT merged into one segment'))
    # nuclei-like maps
    for i, (h, w, k, big) in enumerate([(40, 40, 12, False), (48, 64, 20, True), (32, 56, 14, False),
                                        (64, 64, 30, False)]):
        S, G = nuclei_pair(rng, h, w, k, big)
        cases.append(case(f'nuclei: touching blobs {i}, {h}x{w}, {k} nuclei', S, G, f'seed {SEED + 1}, pair {i}'))
    for i, (h, w, ks, kg) in enumerate([(12, 12, 4, 3), (16, 10, 6, 6), (10, 14, 2, 5)]):
        S, G = noise_pair(rng, h, w, ks, kg)
        cases.append(case(f'nuclei: noise label maps {i}, {h}x{w}', S, G, 'independent random labels per pixel'))
    return cases


def dtype_for(m):
    mx = int(m.max()) if m.size else 0
    return 'uint8' if mx <= 255 else 'uint16' if mx <= 65535 else 'uint32'


def encode(m, dtype=None):
    return dict(dtype=dtype or dtype_for(m), data=[int(v) for v in m.ravel()])


def case(name, S, G, note):
    assert S.shape == G.shape
    return dict(name=name, note=note, width=int(S.shape[1]), height=int(S.shape[0]),
                segmentation=encode(S), groundTruth=encode(G), expected=scores(S, G))


def build_cases(rng):
    cases = []

    # touching ground-truth objects, segmented with a one-pixel shift
    G = rect(rect(blank(10, 12), 1, 2, 5, 7, 1), 6, 2, 10, 7, 2)
    S = rect(rect(blank(10, 12), 2, 2, 6, 7, 1), 7, 3, 10, 8, 2)
    cases.append(case('touching objects, 10x12, shifted one pixel', S, G, 'two GT glands sharing an edge'))

    # touching objects merged into one segmented object (tie on overlap -> smallest GT label);
    # GT 2 is larger, so the tie decides the Dice value
    G = rect(rect(blank(10, 12), 1, 2, 5, 7, 1), 6, 2, 10, 9, 2)
    S = rect(blank(10, 12), 1, 2, 10, 7, 9)
    cases.append(case('touching objects merged, 10x12, equal overlap tie', S, G,
                      'one segment covers 30 px of GT 1 (30 px) and 30 px of GT 2 (40 px): matched to label 1'))

    # one GT object split in three
    G = rect(blank(9, 14), 1, 1, 12, 7, 4)
    S = rect(rect(rect(blank(9, 14), 1, 1, 4, 7, 1), 5, 1, 8, 7, 2), 9, 1, 12, 7, 3)
    cases.append(case('split object, 9x14, one GT in three pieces', S, G, 'no piece covers more than 50%'))

    # split in two, one piece just over half
    S = rect(rect(blank(9, 14), 1, 1, 7, 7, 1), 8, 1, 12, 7, 2)
    cases.append(case('split object, 9x14, larger piece 7/12 of the GT', S, G, 'larger piece is TP'))

    # three GT merged by one segmentation
    G = rect(rect(rect(blank(8, 16), 1, 1, 4, 6, 1), 6, 1, 9, 6, 2), 11, 1, 14, 6, 3)
    S = rect(blank(8, 16), 1, 1, 14, 6, 1)
    cases.append(case('merged objects, 8x16, three GT in one segment', S, G, 'official FN = 2'))

    # background-dominant segmented object
    G = rect(blank(12, 12), 1, 1, 3, 3, 1)
    S = rect(blank(12, 12), 2, 2, 10, 10, 5)
    cases.append(case('background-dominant segment, 12x12', S, G,
                      'segment mostly background still matches the GT it touches (4/9 covered -> FP)'))
    S = rect(blank(12, 12), 1, 2, 10, 10, 5)
    cases.append(case('background-dominant segment, 12x12, covers 6/9', S, G,
                      'segment mostly background but covers 6/9 of the GT -> TP'))

    # exactly 50% coverage (not TP) versus just over
    G = rect(blank(6, 10), 1, 1, 8, 4, 3)  # 8x4 = 32 px
    S = rect(blank(6, 10), 1, 1, 4, 4, 1)  # 16 px = exactly 50%
    cases.append(case('coverage exactly 50%, 6x10', S, G, '16 of 32 GT pixels: not a TP'))
    S = rect(blank(6, 10), 1, 1, 4, 4, 1)
    S[1, 5] = 1  # 17 px
    cases.append(case('coverage just over 50%, 6x10', S, G, '17 of 32 GT pixels: TP'))

    # ties in matching on the GT side: one GT object overlapped equally by two segments
    G = rect(blank(7, 10), 1, 1, 8, 4, 1)
    S = rect(rect(blank(7, 10), 1, 1, 4, 5, 7), 5, 1, 8, 4, 3)
    cases.append(case('matching tie, 7x10, GT covered equally by labels 3 and 7', S, G,
                      'both segments cover 16 GT px (segment 7 has 20 px): GT matched to segment 3'))

    # tie in nearest-object Hausdorff: unmatched segment equidistant from two GT objects
    G = rect(rect(blank(9, 13), 0, 3, 2, 5, 8), 10, 3, 12, 5, 2)
    S = rect(blank(9, 13), 6, 4, 6, 4, 1)
    cases.append(case('nearest-object tie, 9x13, unmatched segment midway', S, G,
                      'segment overlaps nothing; both GT objects at equal Hausdorff distance -> label 2'))

    # unmatched objects on both sides, paired with the nearest by Hausdorff
    G = rect(rect(blank(12, 12), 0, 0, 3, 3, 1), 9, 9, 11, 11, 2)
    S = rect(rect(blank(12, 12), 0, 0, 3, 3, 1), 6, 7, 7, 8, 2)
    cases.append(case('unmatched on both sides, 12x12', S, G, 'FP and FN objects paired by Hausdorff'))

    # labels: non-consecutive, > 255, > 65535, one label in two pieces
    G = rect(rect(blank(10, 10), 0, 0, 3, 3, 300), 6, 6, 9, 9, 70000)
    S = rect(rect(blank(10, 10), 1, 0, 4, 3, 65536), 6, 5, 9, 9, 4_000_000_000)
    cases.append(case('large labels, 10x10, 300/70000 vs 65536/4e9', S, G, 'labels above 65535'))
    G = rect(rect(rect(blank(9, 11), 0, 0, 4, 3, 256), 5, 0, 10, 3, 1024), 2, 5, 8, 8, 65535)
    S = rect(rect(blank(9, 11), 0, 0, 6, 3, 999), 2, 4, 7, 8, 300)
    cases.append(case('labels above 255, 9x11, uint16', S, G, 'labels 256..65535 in Uint16Array'))
    c = case('labels above 255, 9x11, int32 storage', S, G, 'same maps stored as Int32Array')
    c['segmentation']['dtype'] = c['groundTruth']['dtype'] = 'int32'
    cases.append(c)
    G = rect(rect(blank(8, 12), 0, 0, 2, 2, 5), 9, 5, 11, 7, 5)  # one label, two pieces
    S = rect(rect(blank(8, 12), 0, 0, 2, 2, 17), 9, 5, 11, 7, 42)
    cases.append(case('disconnected label, 8x12, GT label 5 in two pieces', S, G,
                      'labels are objects as given: GT 5 is one object of 18 px'))

    # empty maps
    E = blank(7, 9)
    G = rect(blank(7, 9), 2, 2, 5, 4, 1)
    cases.append(case('both empty, 7x9', E, E.copy(), 'F1 1, Dice 1, Hausdorff 0'))
    cases.append(case('segmentation empty, 7x9', E, G, 'F1 0, Dice 0, Hausdorff = diagonal'))
    cases.append(case('ground truth empty, 7x9', G.copy(), E.copy(), 'F1 0, Dice 0, Hausdorff = diagonal'))

    # random maps from the seed
    for i, (h, w, k, big) in enumerate([(24, 32, 4, False), (40, 48, 6, False), (48, 64, 8, True),
                                        (30, 30, 5, False), (36, 52, 7, True), (20, 20, 3, False)]):
        S, G = random_pair(rng, h, w, k, big)
        cases.append(case(f'random {i}, {h}x{w}, {k} ellipses', S, G, f'seed {SEED}, pair {i}'))
    return cases


def build_sets(rng):
    sets = []
    pairs = [random_pair(rng, 32, 40, 5) for _ in range(4)]
    E = blank(32, 40)
    G = rect(blank(32, 40), 5, 5, 15, 12, 3)
    S = rect(rect(blank(32, 40), 20, 20, 30, 28, 1), 2, 2, 4, 4, 2)
    pairs += [(E, E.copy()), (E.copy(), G), (S, E.copy())]
    sets.append(dict(name='set of 7, 32x40, with both-empty and one-empty images',
                     pairs=[dict(id=f'img{i}', segmentation=encode(a), groundTruth=encode(b),
                                 width=40, height=32) for i, (a, b) in enumerate(pairs)],
                     expected=pooled(pairs)))
    sizes = [(24, 30), (40, 36), (28, 50)]
    pairs = [random_pair(rng, h, w, 5, big_labels=(i == 1)) for i, (h, w) in enumerate(sizes)]
    sets.append(dict(name='set of 3, mixed sizes',
                     pairs=[dict(id=f'img{i}', segmentation=encode(a), groundTruth=encode(b),
                                 width=int(a.shape[1]), height=int(a.shape[0])) for i, (a, b) in enumerate(pairs)],
                     expected=pooled(pairs)))
    return sets


def build_nuclei_sets(rng):
    pairs = [nuclei_pair(rng, 40, 48, 14, big_labels=(i == 2)) for i in range(4)]
    E = blank(40, 48)
    pairs.append((E, E.copy()))
    return [dict(name='nuclei: set of 5 nuclei-like images, 40x48, one both-empty',
                 pairs=[dict(id=f'nuc{i}', segmentation=encode(a), groundTruth=encode(b),
                             width=48, height=40) for i, (a, b) in enumerate(pairs)],
                 expected=pooled(pairs))]


def build_components(rng):
    out = []
    fixed = grid(['1 0 1 1 0 0',
                  '0 1 0 1 0 1',
                  '0 0 0 0 1 0',
                  '1 1 0 0 0 0',
                  '0 1 0 1 1 1'])
    masks = [('diagonal chains, 5x6', fixed)]
    for i, (h, w, p) in enumerate([(16, 20, 0.35), (24, 24, 0.5), (12, 40, 0.6)]):
        masks.append((f'random {i}, {h}x{w}, density {p}', (rng.random((h, w)) < p).astype(np.int64) * (i + 1)))
    for name, m in masks:
        for conn in (4, 8):
            lab, n = components(m, conn)
            out.append(dict(name=f'{name}, {conn}-connected', width=int(m.shape[1]), height=int(m.shape[0]),
                            connectivity=conn, mask=encode(m), expected=dict(count=int(n), labels=[int(v) for v in lab.ravel()])))
    return out


def build_distances(rng):
    out = []
    m = blank(7, 9)
    m[3, 4] = 1
    masks = [('single pixel, 7x9', m)]
    masks.append(('two blobs, 12x15', disk(rect(blank(12, 15), 0, 0, 2, 1, 1), 11, 8, 2.5, 2)))
    for i, (h, w, p) in enumerate([(16, 20, 0.05), (25, 18, 0.02), (10, 30, 0.3)]):
        r = (rng.random((h, w)) < p).astype(np.int64)
        r[int(rng.integers(0, h)), int(rng.integers(0, w))] = 1  # never empty
        masks.append((f'random {i}, {h}x{w}, density {p}', r))
    for name, mk in masks:
        fg = edt_to_foreground_sq(mk)
        bg = edt_to_foreground_sq((mk == 0).astype(np.int64)) if (mk == 0).any() else None
        out.append(dict(name=name, width=int(mk.shape[1]), height=int(mk.shape[0]), mask=encode(mk),
                        expected=dict(foregroundSquared=[int(v) for v in fg.ravel()],
                                      backgroundSquared=None if bg is None else [int(v) for v in bg.ravel()])))
    return out


def build_pixel(cases):
    out = []
    for c in cases:
        S = np.array(c['segmentation']['data']) != 0
        G = np.array(c['groundTruth']['data']) != 0
        inter, s, g = int((S & G).sum()), int(S.sum()), int(G.sum())
        out.append(dict(name=c['name'], dice=1.0 if s + g == 0 else 2 * inter / (s + g),
                        iou=1.0 if s + g - inter == 0 else inter / (s + g - inter)))
    return out


def main():
    rng = np.random.default_rng(SEED)
    cases = build_cases(rng)
    # the nuclei cases draw from their own generator, so the earlier cases and sets stay as they were
    nuclei_rng = np.random.default_rng(SEED + 1)
    cases += build_nuclei_cases(nuclei_rng)
    doc = dict(
        generator='packages/metrics/oracle/generate.py',
        python=platform.python_version(), numpy=np.__version__, scipy=scipy.__version__, seed=SEED,
        conventions=dict(oneEmptyHausdorff='sqrt(width^2 + height^2)', bothEmpty='F1 1, Dice 1, Hausdorff 0',
                         zeroDenominator=0),
        cases=cases,
        pixel=build_pixel(cases),
        sets=build_sets(rng) + build_nuclei_sets(nuclei_rng),
        components=build_components(rng),
        distances=build_distances(rng),
    )
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    tmp = OUT + '.tmp'
    with open(tmp, 'w') as f:
        f.write('{\n')
        keys = list(doc.keys())
        for i, k in enumerate(keys):
            v = doc[k]
            sep = ',' if i < len(keys) - 1 else ''
            if isinstance(v, list):
                f.write(f' {json.dumps(k)}: [\n')
                f.write(',\n'.join('  ' + json.dumps(x, separators=(',', ':')) for x in v))
                f.write(f'\n ]{sep}\n')
            else:
                f.write(f' {json.dumps(k)}: {json.dumps(v)}{sep}\n')
        f.write('}\n')
    os.replace(tmp, OUT)
    print(f'wrote {os.path.relpath(OUT)}: {len(cases)} cases, {len(doc["sets"])} sets, '
          f'{len(doc["components"])} component maps, {len(doc["distances"])} distance maps', file=sys.stderr)


if __name__ == '__main__':
    main()
