#!/usr/bin/python3
"""PyTorch peer of benchmarks/backend.bench.mjs and native.bench.mjs: times the same work on CPU with 2 threads.

Reads a JSON job from argv[1] and prints one JSON object on stdout:
  {"torch": version, "threads": 2, "conv": [{"shape": [...], "forward_ms": .., "forward_backward_ms": ..}],
   "probe": {"shape": [...], "width": w, "step_ms": ..}}
Times are the best of `reps` runs after one warm-up. Run with Debian's /usr/bin/python3 (torch 1.13).
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(0)


def best_ms(fn, reps):
    fn()  # warm-up (oneDNN primitive creation)
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - t) * 1000)
    return best


def conv_case(n, h, w, ci, co, k, reps):
    """conv2d k x k 'same' (stride 1) NCHW float32: forward, and forward + dX + dW."""
    x = torch.randn(n, ci, h, w)
    weight = torch.randn(co, ci, k, k)
    dy = torch.randn(n, co, h, w)

    def forward():
        with torch.no_grad():
            F.conv2d(x, weight, padding=k // 2)

    def forward_backward():
        xg = x.clone().requires_grad_(True)
        wg = weight.clone().requires_grad_(True)
        y = F.conv2d(xg, wg, padding=k // 2)
        y.backward(dy)

    return {"forward_ms": best_ms(forward, reps), "forward_backward_ms": best_ms(forward_backward, reps)}


class ProbeNet(nn.Module):
    """The architecture of createProbeNet (@qfcn/backend/test), in PyTorch."""

    def __init__(self, cin, c0):
        super().__init__()
        c1, d = 2 * c0, c0
        q = max(1, c1 // 4)

        def cbr(ci, co, k):
            return nn.Sequential(nn.Conv2d(ci, co, k, padding=k // 2, bias=False), nn.BatchNorm2d(co, eps=1e-3, momentum=0.1), nn.ReLU())

        self.s0 = cbr(cin, c0, 3)
        self.reduce = cbr(c0, q, 1)
        self.spatial = cbr(q, q, 3)
        self.expand = nn.Sequential(nn.Conv2d(q, c1, 1, bias=False), nn.BatchNorm2d(c1, eps=1e-3))
        self.proj = nn.Sequential(nn.Conv2d(c0, c1, 1, bias=False), nn.BatchNorm2d(c1, eps=1e-3))
        self.dec0 = cbr(c0, d, 1)
        self.dec1 = cbr(c1, d, 1)
        self.up = nn.ConvTranspose2d(d, d, 4, stride=2, padding=1, bias=False)
        self.bil = nn.Conv2d(c1, d, 1, bias=False)
        self.fuse = cbr(3 * d, d, 3)
        self.head = nn.Conv2d(d, 2, 1, bias=True)

    def forward(self, x):
        s0 = self.s0(x)
        pooled = F.max_pool2d(s0, 2, 2)
        y = self.expand(self.spatial(self.reduce(pooled)))
        s1 = F.relu(y + self.proj(pooled))
        up = self.up(self.dec1(s1))
        bil = self.bil(F.interpolate(s1, size=x.shape[2:], mode="bilinear", align_corners=False))
        fused = self.fuse(torch.cat([self.dec0(s0), up, bil], 1))
        logits = self.head(fused)
        return logits, s1.mean((2, 3))


def probe_case(n, h, w, cin, width, reps):
    """One Adam training step of the probe net: forward, BCE (probabilities + logits), backward, update."""
    net = ProbeNet(cin, width)
    opt = torch.optim.Adam(net.parameters(), lr=5e-4)
    x = torch.randn(n, cin, h, w)
    t = (torch.rand(n, 2, h, w) > 0.5).float()

    def step():
        opt.zero_grad()
        logits, _ = net(x)
        p = torch.sigmoid(logits[:, :1]).clamp(1e-7, 1 - 1e-7)
        loss = 0.5 * (F.binary_cross_entropy(p, t[:, :1]) + F.binary_cross_entropy_with_logits(logits[:, 1:], t[:, 1:]))
        loss.backward()
        opt.step()

    return {"step_ms": best_ms(step, reps)}


def main():
    job = json.loads(sys.argv[1])
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(), "conv": [], "probe": None}
    for case in job["conv"]:
        n, h, w, ci, co, k = case["shape"]
        out["conv"].append({"shape": case["shape"], **conv_case(n, h, w, ci, co, k, job["reps"])})
    if job.get("probe"):
        n, h, w, cin = job["probe"]["shape"]
        out["probe"] = {"shape": job["probe"]["shape"], "width": job["probe"]["width"], **probe_case(n, h, w, cin, job["probe"]["width"], job["reps"])}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
