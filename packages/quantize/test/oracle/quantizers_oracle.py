"""Reference outputs for @qfcn/quantize's typed-array core, written independently with numpy.

Run:  /usr/bin/python3 packages/quantize/test/oracle/quantizers_oracle.py
Writes quantizers.json beside this script (committed). Tested with numpy 1.24.

Each quantizer is computed the slow, obvious way (exact rational arithmetic or brute force over
the whole level set), not with the bit tricks of the TypeScript code, so agreement means
something. Tie rule everywhere: an exact midpoint goes to the level of larger magnitude.
"""
import json
import os
import zlib
from fractions import Fraction

import numpy as np

rng = np.random.default_rng(20170302)


def f32list(a):
    return [float(x) for x in np.asarray(a, dtype=np.float32)]


# ---------------------------------------------------------------- power-of-two (INQ, Zhou17)
def pow2_n1(s):
    """Largest n with 2^n <= 4s/3, in exact rationals."""
    four_s = 4 * Fraction(float(s))
    n = 0
    while 3 * Fraction(2) ** (n + 1) <= four_s:
        n += 1
    while 3 * Fraction(2) ** n > four_s:
        n -= 1
    return n


def pow2_quantize(values, bits):
    s = float(np.max(np.abs(values)))
    n1 = pow2_n1(s)
    n2 = n1 + 1 - 2 ** (bits - 1) // 2
    levels = [Fraction(0)] + [Fraction(2) ** k for k in range(n2, n1 + 1)]
    out = []
    for v in values:
        a = abs(Fraction(float(v)))
        best = None
        for lv in levels:
            d = abs(a - lv)
            # iterate ascending: "<=" keeps the larger level on ties
            if best is None or d <= best[0]:
                best = (d, lv)
        q = float(best[1])
        out.append(-q if v < 0 and q != 0 else q)
    return n1, n2, out


pow2_cases = []
inputs = {
    'gaussian-std-0.05': rng.normal(0, 0.05, 160),
    'gaussian-std-1': rng.normal(0, 1, 160),
    'gaussian-std-30': rng.normal(0, 30, 160),
    'uniform-0.001': rng.uniform(-1e-3, 1e-3, 160),
}
for name, vals in inputs.items():
    vals = np.asarray(vals, dtype=np.float32)
    for bits in range(2, 9):
        n1, n2, out = pow2_quantize(vals, bits)
        pow2_cases.append({'name': f'{name} b={bits}', 'bits': bits, 'values': f32list(vals),
                           'n1': n1, 'n2': n2, 'expected': out})

# Hand-made midpoints: with max 1 (n1 = 0) at 3 bits, n2 = -1, levels 0, ±0.5, ±1.
ties = np.array([1, 0.75, -0.75, 0.25, -0.25, np.nextafter(np.float32(0.25), np.float32(0)),
                 np.nextafter(np.float32(0.75), np.float32(0)), 0.375, 0.6, 0, -0.0], dtype=np.float32)
n1, n2, out = pow2_quantize(ties, 3)
pow2_cases.append({'name': 'midpoints b=3 max=1', 'bits': 3, 'values': f32list(ties), 'n1': n1, 'n2': n2,
                   'expected': out})

levels_cases = []
for s in [1.0, 0.75, np.nextafter(np.float32(0.75), np.float32(0)), 0.3, 1.5, 1e-20, 12345.678, 3e38]:
    s = float(np.float32(s))
    for bits in [2, 5, 8]:
        n1 = pow2_n1(s)
        levels_cases.append({'maxAbs': s, 'bits': bits, 'n1': n1, 'n2': n1 + 1 - 2 ** (bits - 1) // 2})


# ---------------------------------------------------------------- uniform symmetric fixed point
def uniform_quantize(values, bits):
    Q = 2 ** (bits - 1) - 1
    step = float(np.max(np.abs(values.astype(np.float64)))) / Q
    q = np.arange(-Q, Q + 1, dtype=np.float64)
    levels = (q * step).astype(np.float32).astype(np.float64)
    out = []
    for v in values.astype(np.float64):
        d = np.abs(levels - v)
        m = d.min()
        cands = levels[d == m]
        out.append(float(cands[np.argmax(np.abs(cands))]))
    return step, out


uniform_cases = []
for bits in [2, 3, 4, 8, 12, 16]:
    vals = np.asarray(rng.normal(0, 0.2, 120), dtype=np.float32)
    step, out = uniform_quantize(vals, bits)
    uniform_cases.append({'name': f'gaussian b={bits}', 'bits': bits, 'values': f32list(vals), 'scale': step,
                          'expected': out})


# ---------------------------------------------------------------- ternary (TWN, Li & Liu 2016)
def ternary_quantize(values):
    a = np.abs(values.astype(np.float64))
    delta = 0.7 * a.mean()
    alpha = a[a > delta].mean()
    alpha32 = float(np.float32(alpha))
    out = [alpha32 if v > delta else (-alpha32 if v < -delta else 0.0) for v in values.astype(np.float64)]
    return delta, alpha, out


ternary_cases = []
for name, vals in [('gaussian', rng.normal(0, 0.1, 150)), ('laplace', rng.laplace(0, 0.3, 150)),
                   ('textbook', [1, -1, 0.1, -0.2])]:
    vals = np.asarray(vals, dtype=np.float32)
    delta, alpha, out = ternary_quantize(vals)
    ternary_cases.append({'name': name, 'values': f32list(vals), 'threshold': delta, 'scale': alpha,
                          'expected': out})


# ---------------------------------------------------------------- DoReFa weights (Zhou et al. 2016)
def dorefa_quantize(values, bits):
    n = 2 ** bits - 1
    t = np.tanh(values.astype(np.float64))
    scale = float(np.max(np.abs(t)))
    x = t / (2 * scale) + 0.5  # in [0, 1]
    levels_x = np.arange(n + 1) / n
    out = []
    for xi in x:
        d = np.abs(levels_x - xi)
        cands = np.flatnonzero(d == d.min())
        # ties: larger |2x - 1|; at the exact centre both are equal -> the upper (positive) one
        qi = max(cands, key=lambda c: (abs(2 * c - n), c))
        out.append(float(np.float32(2 * qi / n - 1)))
    return scale, out


dorefa_cases = []
for bits in [1, 2, 3, 4, 8]:
    vals = np.asarray(np.concatenate([rng.normal(0, 0.5, 100), [0.0]]), dtype=np.float32)
    scale, out = dorefa_quantize(vals, bits)
    dorefa_cases.append({'name': f'gaussian+0 b={bits}', 'bits': bits, 'values': f32list(vals), 'scale': scale,
                         'expected': out})


# ---------------------------------------------------------------- INQ magnitude partition
def largest_first(values, frozen, portion):
    n = len(values)
    target = max(int(frozen.sum()), min(n, int(np.floor(portion * n + 0.5))))
    mask = frozen.copy()
    k = target - int(frozen.sum())
    order = np.argsort(-np.abs(values.astype(np.float64)), kind='stable')
    for i in order:
        if k == 0:
            break
        if not mask[i]:
            mask[i] = 1
            k -= 1
    return mask


partition_cases = []
vals = np.asarray(np.round(rng.normal(0, 1, 64), 1), dtype=np.float32)  # rounded: many |w| ties
mask = np.zeros(64, dtype=np.uint8)
steps = []
for p in [0.3, 0.6, 0.8, 1.0]:
    mask = largest_first(vals, mask, p)
    steps.append({'portion': p, 'mask': [int(m) for m in mask]})
partition_cases.append({'name': '64 rounded gaussians, schedule 0.3/0.6/0.8/1', 'values': f32list(vals), 'steps': steps})


# ---------------------------------------------------------------- mulberry32 and CRC-32
def mulberry32(seed, count):
    a = seed & 0xFFFFFFFF
    out = []
    for _ in range(count):
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
        out.append(((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296)
    return out


prng = [{'seed': s, 'values': mulberry32(s, 5)} for s in [0, 1, 42, 2 ** 32 - 1]]
crc_bytes = [list(rng.integers(0, 256, n, dtype=np.uint8)) for n in [0, 1, 3, 4, 7, 64, 1000]]
crc = [{'bytes': [int(b) for b in bs], 'crc32': zlib.crc32(bytes(bytearray(int(b) for b in bs)))} for bs in crc_bytes]

result = {
    'generator': 'quantizers_oracle.py (numpy %s)' % np.__version__,
    'powerOfTwo': pow2_cases,
    'powerOfTwoLevels': levels_cases,
    'uniform': uniform_cases,
    'ternary': ternary_cases,
    'dorefa': dorefa_cases,
    'partition': partition_cases,
    'mulberry32': prng,
    'crc32': crc,
}
here = os.path.dirname(os.path.abspath(__file__))
tmp = os.path.join(here, 'quantizers.json.tmp')
with open(tmp, 'w') as f:
    json.dump(result, f)
os.replace(tmp, os.path.join(here, 'quantizers.json'))
print('wrote quantizers.json:', {k: len(v) for k, v in result.items() if isinstance(v, list)})
