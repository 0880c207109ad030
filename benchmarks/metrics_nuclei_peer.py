#!/usr/bin/env python3
"""Python peer for benchmarks/nuclei.bench.mjs: AJI and PQ with numpy, the way public nuclei code
computes them — a port in the style of HoVer-Net's `get_fast_aji` / `get_fast_pq`
(metrics/stats_utils.py, Graham et al. 2019): labels remapped to 1..n (their `remap_label`), one
full-image boolean mask per object, for each ground-truth object the predicted ids under its mask,
then intersection and union of the two masks for every such pair.

Differences from HoVer-Net's code, so that the numbers can be compared to 1e-12 with @qfcn/metrics:
no 1e-6 epsilons in the IoU and SQ denominators, a ground-truth object overlapping nothing adds its
area to the union (as HoVer-Net does), and both maps empty -> 1 (HoVer-Net divides by zero there).
Ties: np.argmax takes the first maximum = the smallest label, as @qfcn/metrics does.

Usage: python3 metrics_nuclei_peer.py DIR   (DIR/manifest.json lists images stored as raw
little-endian int32 label maps; written by nuclei.bench.mjs). Prints JSON to stdout.
"""
import json
import os
import sys
import time

import numpy as np


def remap_label(m):
    """Labels -> 1..n in ascending label order; 0 stays 0 (HoVer-Net's remap_label, by_size=False)."""
    u, inv = np.unique(m, return_inverse=True)
    inv = inv.reshape(m.shape).astype(np.int32)
    return inv if u[0] == 0 else inv + 1


def pairwise(true, pred):
    """Per-object masks and the intersection/union of every overlapping (true, pred) pair."""
    true_id_list = list(np.unique(true))
    pred_id_list = list(np.unique(pred))
    if true_id_list[0] != 0:
        true_id_list = [0] + true_id_list
    if pred_id_list[0] != 0:
        pred_id_list = [0] + pred_id_list
    true_masks = [None] + [np.array(true == t, np.uint8) for t in true_id_list[1:]]
    pred_masks = [None] + [np.array(pred == p, np.uint8) for p in pred_id_list[1:]]
    inter = np.zeros([len(true_id_list) - 1, len(pred_id_list) - 1], dtype=np.float64)
    union = np.zeros([len(true_id_list) - 1, len(pred_id_list) - 1], dtype=np.float64)
    for true_id in true_id_list[1:]:
        t_mask = true_masks[true_id]
        pred_true_overlap_id = np.unique(pred[t_mask > 0])
        for pred_id in pred_true_overlap_id:
            if pred_id == 0:
                continue
            p_mask = pred_masks[pred_id]
            total = (t_mask + p_mask).sum()
            i = (t_mask * p_mask).sum()
            inter[true_id - 1, pred_id - 1] = i
            union[true_id - 1, pred_id - 1] = total - i
    return true_id_list, pred_id_list, true_masks, pred_masks, inter, union


def get_fast_aji(true, pred):
    true, pred = remap_label(true), remap_label(pred)
    true_id_list, pred_id_list, true_masks, pred_masks, inter, union = pairwise(true, pred)
    if len(true_id_list) == 1 and len(pred_id_list) == 1:
        return 1.0
    iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    if iou.shape[1] == 0:
        return 0.0
    paired_pred = np.argmax(iou, axis=1)  # first maximum -> smallest label
    max_iou = np.max(iou, axis=1)
    paired_true = np.nonzero(max_iou > 0.0)[0]
    paired_pred = paired_pred[paired_true]
    overall_inter = inter[paired_true, paired_pred].sum()
    overall_union = union[paired_true, paired_pred].sum()
    paired_true = set(paired_true + 1)
    paired_pred = set(paired_pred + 1)
    for true_id in true_id_list[1:]:
        if true_id not in paired_true:
            overall_union += true_masks[true_id].sum()
    for pred_id in pred_id_list[1:]:
        if pred_id not in paired_pred:
            overall_union += pred_masks[pred_id].sum()
    return float(overall_inter / overall_union)


def get_fast_pq(true, pred, match_iou=0.5):
    assert match_iou >= 0.5
    true, pred = remap_label(true), remap_label(pred)
    true_id_list, pred_id_list, _, _, inter, union = pairwise(true, pred)
    n_true, n_pred = len(true_id_list) - 1, len(pred_id_list) - 1
    if n_true == 0 and n_pred == 0:
        return dict(pq=1.0, dq=1.0, sq=1.0, tp=0, fp=0, fn=0)
    iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    paired_true, paired_pred = np.nonzero(iou > match_iou)  # unique above 0.5
    paired_iou = iou[paired_true, paired_pred]
    tp = len(paired_true)
    fp = n_pred - tp
    fn = n_true - tp
    dq = tp / (tp + 0.5 * fp + 0.5 * fn)
    sq = float(paired_iou.sum() / tp) if tp else 0.0
    return dict(pq=dq * sq, dq=dq, sq=sq, tp=tp, fp=fp, fn=fn)


def main():
    root = sys.argv[1]
    with open(os.path.join(root, 'manifest.json')) as f:
        manifest = json.load(f)
    maps = []
    for im in manifest['images']:
        shape = (im['height'], im['width'])
        seg = np.fromfile(os.path.join(root, im['seg']), dtype='<i4').reshape(shape)
        gt = np.fromfile(os.path.join(root, im['gt']), dtype='<i4').reshape(shape)
        maps.append((im['id'], seg, gt))
    t0 = time.perf_counter()
    c0 = time.process_time()
    rows = [dict(id=i, aji=get_fast_aji(gt, seg), **get_fast_pq(gt, seg)) for i, seg, gt in maps]
    out = dict(python=sys.version.split()[0], numpy=np.__version__,
               seconds=time.perf_counter() - t0, cpuSeconds=time.process_time() - c0, images=rows)
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
