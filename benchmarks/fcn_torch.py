"""PyTorch 1.13 peer of @qfcn/fcn's `small` preset for benchmarks/fcn.bench.mjs.

The same network as createFcn() builds in tfjs, layer for layer:
  rescale x/127.5-1 -> stage 0: two 3x3 conv+BN+ReLU; stages 1..: 2x2 max-pool + two bottleneck
  residual blocks (1x1 C/4 -> 3x3 C/4 -> 1x1 C, BN+ReLU, 1x1 conv+BN projection when C changes);
  decoder: per stage 1x1 conv+BN+ReLU to D channels, s transposed convs (k4, s2, p1) to full size,
  concat -> 3x3 conv+BN+ReLU -> 1x1 conv+BN+ReLU -> two 1x1 heads (object, contour logits);
  descriptor = global mean of the last stage.
Loss: mean BCE-with-logits of both heads; Adam(lr 5e-4, betas 0.9/0.999, eps 1e-8).
BatchNorm eps 1e-3 and momentum 0.1 match tfjs' epsilon 1e-3 / momentum 0.9.

Usage: python3 fcn_torch.py --width 0.25 --stages 6 --decoder 16 --batch 4 --size 128 --steps 5 --threads 2
Prints one JSON line: parameter count (weights + BN statistics), median/mean step seconds.
With --mode infer: eval-mode forward passes over --tiles tiles of --size² in batches of --batch (the
tiles predictImage runs for one image), in --layout contiguous or channels_last, under no_grad;
prints the median/mean seconds of one such image.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PAPER = [256, 256, 512, 1024, 1024, 1024]


def conv_bn_relu(cin, cout, k):
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, padding=k // 2, bias=False),
        nn.BatchNorm2d(cout, eps=1e-3, momentum=0.1),
        nn.ReLU(inplace=True),
    )


class Bottleneck(nn.Module):
    def __init__(self, cin, c):
        super().__init__()
        self.reduce = conv_bn_relu(cin, c // 4, 1)
        self.spatial = conv_bn_relu(c // 4, c // 4, 3)
        self.expand = nn.Sequential(nn.Conv2d(c // 4, c, 1, bias=False), nn.BatchNorm2d(c, eps=1e-3, momentum=0.1))
        self.proj = None
        if cin != c:
            self.proj = nn.Sequential(nn.Conv2d(cin, c, 1, bias=False), nn.BatchNorm2d(c, eps=1e-3, momentum=0.1))

    def forward(self, x):
        y = self.expand(self.spatial(self.reduce(x)))
        return F.relu(y + (self.proj(x) if self.proj is not None else x))


class Fcn(nn.Module):
    def __init__(self, width, stages, decoder, in_channels=3):
        super().__init__()
        ch = [max(4, round(c * width / 4) * 4) for c in PAPER[:stages]]
        self.ch = ch
        self.stage0 = nn.Sequential(conv_bn_relu(in_channels, ch[0], 3), conv_bn_relu(ch[0], ch[0], 3))
        self.stages = nn.ModuleList()
        for s in range(1, stages):
            self.stages.append(nn.Sequential(nn.MaxPool2d(2), Bottleneck(ch[s - 1], ch[s]), Bottleneck(ch[s], ch[s])))
        self.dec = nn.ModuleList()
        for s in range(stages):
            ups = [nn.ConvTranspose2d(decoder, decoder, 4, stride=2, padding=1, bias=False) for _ in range(s)]
            self.dec.append(nn.Sequential(conv_bn_relu(ch[s], decoder, 1), *ups))
        self.fuse = nn.Sequential(conv_bn_relu(decoder * stages, decoder, 3), conv_bn_relu(decoder, decoder, 1))
        self.object = nn.Conv2d(decoder, 1, 1)
        self.contour = nn.Conv2d(decoder, 1, 1)

    def forward(self, x):
        x = x / 127.5 - 1
        outs = [self.stage0(x)]
        for stage in self.stages:
            outs.append(stage(outs[-1]))
        fused = self.fuse(torch.cat([d(o) for d, o in zip(self.dec, outs)], dim=1))
        return self.object(fused), self.contour(fused), outs[-1].mean(dim=(2, 3))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--width', type=float, default=0.25)
    p.add_argument('--stages', type=int, default=6)
    p.add_argument('--decoder', type=int, default=16)
    p.add_argument('--batch', type=int, default=4)
    p.add_argument('--size', type=int, default=128)
    p.add_argument('--steps', type=int, default=5)
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--mode', choices=['train', 'infer'], default='train')
    p.add_argument('--layout', choices=['contiguous', 'channels_last'], default='contiguous')
    p.add_argument('--tiles', type=int, default=25)
    a = p.parse_args()
    if a.mode == 'infer':
        return infer(a)
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Fcn(a.width, a.stages, a.decoder)
    model.train()
    params = sum(t.numel() for t in model.parameters())
    buffers = sum(t.numel() for n, t in model.named_buffers() if not n.endswith('num_batches_tracked'))
    opt = torch.optim.Adam(model.parameters(), lr=5e-4, betas=(0.9, 0.999), eps=1e-8)
    x = torch.rand(a.batch, 3, a.size, a.size) * 255
    yo = (torch.rand(a.batch, 1, a.size, a.size) > 0.5).float()
    yc = (torch.rand(a.batch, 1, a.size, a.size) > 0.9).float()
    times = []
    for i in range(a.warmup + a.steps):
        t0 = time.perf_counter()
        opt.zero_grad()
        zo, zc, _ = model(x)
        loss = F.binary_cross_entropy_with_logits(zo, yo) + F.binary_cross_entropy_with_logits(zc, yc)
        loss.backward()
        opt.step()
        dt = time.perf_counter() - t0
        if i >= a.warmup:
            times.append(dt)
    print(json.dumps({
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'parameters': params + buffers,
        'trainableParameters': params,
        'stepSecondsMedian': statistics.median(times),
        'stepSecondsMean': statistics.mean(times),
        'steps': a.steps,
        'batch': a.batch,
        'size': a.size,
    }))


def infer(a):
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Fcn(a.width, a.stages, a.decoder).eval()
    fmt = torch.channels_last if a.layout == 'channels_last' else torch.contiguous_format
    model = model.to(memory_format=fmt)
    batches = [min(a.batch, a.tiles - i) for i in range(0, a.tiles, a.batch)]
    xs = [(torch.rand(b, 3, a.size, a.size) * 255).contiguous(memory_format=fmt) for b in batches]
    times = []
    with torch.no_grad():
        for i in range(a.warmup + a.steps):
            t0 = time.perf_counter()
            for x in xs:
                zo, zc, _ = model(x)
                torch.sigmoid(zo)
                torch.sigmoid(zc)
            dt = time.perf_counter() - t0
            if i >= a.warmup:
                times.append(dt)
    print(json.dumps({
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'layout': a.layout,
        'tiles': a.tiles,
        'size': a.size,
        'imageSecondsMedian': statistics.median(times),
        'imageSecondsMean': statistics.mean(times),
    }))


if __name__ == '__main__':
    main()
