#!/usr/bin/python3
"""PyTorch peer of benchmarks/native.bench.mjs: conv2d forward and forward+backward on CPU.

Usage: /usr/bin/python3 native_torch.py '{"shapes": [[4,128,128,32,32,3], ...], "reps": 5, "threads": 2}'
Each shape is [batch, height, width, in channels, out channels, kernel]; the convolution is k x k,
stride 1, 'same' padding, no bias, float32, NCHW (PyTorch's native layout).
  forward          = F.conv2d under no_grad
  forward+backward = F.conv2d, then backward with a given dy: dX and dW (the work of one layer in
                     a training step; 3x the forward FLOPs)
Prints one JSON line: {"torch": version, "threads": n, "ompWaitPolicy": ..., "conv": [{"shape",
"forward_ms", "forward_backward_ms"}]}; times are the best of `reps` runs after one warm-up.
Run with Debian's /usr/bin/python3 (torch 1.13).
"""
import json
import os
import sys
import time

import torch
import torch.nn.functional as F


def best_ms(fn, reps):
    fn()  # warm-up: oneDNN primitive creation
    best = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def conv_case(shape, reps):
    n, h, w, ci, co, k = shape
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(n, ci, h, w, generator=gen)
    weight = torch.randn(co, ci, k, k, generator=gen) * 0.1
    dy = torch.randn(n, co, h, w, generator=gen)

    def forward():
        with torch.no_grad():
            F.conv2d(x, weight, padding=k // 2)

    def forward_backward():
        xg = x.detach().requires_grad_(True)
        wg = weight.detach().requires_grad_(True)
        F.conv2d(xg, wg, padding=k // 2).backward(dy)

    return {"shape": shape, "forward_ms": best_ms(forward, reps), "forward_backward_ms": best_ms(forward_backward, reps)}


def main():
    job = json.loads(sys.argv[1])
    torch.set_num_threads(job.get("threads", 2))
    reps = job.get("reps", 5)
    out = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "ompWaitPolicy": os.environ.get("OMP_WAIT_POLICY", "(default)"),
        "conv": [conv_case(s, reps) for s in job["shapes"]],
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
