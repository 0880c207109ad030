"""numpy peer of benchmarks/suggestive.bench.mjs: the same selection as @qfcn/suggestive's `suggest`.

Reads jobs as JSON on stdin: [{"descriptors": path (float32, n*dim), "uncertainty": path (float64, n),
"n", "dim", "K", "k", "repeats"}]. For each job: candidates = the K most uncertain (stable, ties ->
lower index); cosine similarities of the candidates to all n images (K x n, the same amount of work as
qfcn); greedy max-cover of F = sum_x max_c sim(c, x) with ties -> lower index. Times the best of
`repeats` runs after a warm-up (wall and process CPU time), in float64 (the precision qfcn accumulates in) and in float32 (what numpy users
usually write). Prints JSON results on stdout.
"""
import json
import sys
import time

import numpy as np


def select(X, u, K, k, dtype):
    candidates = np.argsort(-u, kind="stable")[:K]
    Xd = X.astype(dtype, copy=False)
    norms = np.sqrt(np.einsum("ij,ij->i", Xd, Xd))
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    S = (Xd[candidates] @ Xd.T) * inv[candidates][:, None] * inv[None, :]
    S = S.astype(np.float64, copy=False)
    taken = np.zeros(len(candidates), dtype=bool)
    sums = S.sum(axis=1)
    order = np.lexsort((candidates, -sums))  # largest sum, then lower pool index
    first = order[0]
    picks = [first]
    taken[first] = True
    cover = S[first].copy()
    for _ in range(1, k):
        gains = np.maximum(S - cover, 0.0).sum(axis=1)
        gains[taken] = -np.inf
        best = np.lexsort((candidates, -gains))[0]
        picks.append(best)
        taken[best] = True
        np.maximum(cover, S[best], out=cover)
    return [int(candidates[p]) for p in picks], float(cover.sum())


def main():
    jobs = json.load(sys.stdin)
    out = []
    for job in jobs:
        X = np.fromfile(job["descriptors"], dtype=np.float32).reshape(job["n"], job["dim"])
        u = np.fromfile(job["uncertainty"], dtype=np.float64)
        result = {}
        for name, dtype in (("f64", np.float64), ("f32", np.float32)):
            best = float("inf")
            best_cpu = float("inf")
            select(X, u, job["K"], job["k"], dtype)  # warm-up
            for _ in range(job["repeats"]):
                t0 = time.perf_counter()
                c0 = time.process_time()
                selected, value = select(X, u, job["K"], job["k"], dtype)
                best_cpu = min(best_cpu, time.process_time() - c0)
                best = min(best, time.perf_counter() - t0)
            result[name] = {"ms": best * 1000, "cpuMs": best_cpu * 1000, "selected": selected, "F": value}
        out.append(result)
    json.dump({"numpy": np.__version__, "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
