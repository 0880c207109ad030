"""numpy peer of @qfcn/quantize's quantizePowerOfTwo, for benchmarks/quantize.bench.mjs.

Usage: python3 quantize_peer.py <weights.f32> <bits> <repeats>
Reads raw little-endian float32 weights, quantizes them to INQ's power-of-two levels (nearest
level, ties to the larger magnitude, n1 = floor(log2(4·max|w|/3)) exactly) with vectorized numpy,
and prints JSON: best wall and CPU time in seconds over `repeats` runs, n1, and the CRC-32 of the output bytes
(compared with the TypeScript output by the benchmark, so the two must agree bit for bit).
"""
import json
import sys
import time
import zlib
from fractions import Fraction

import numpy as np


def n1_of(s):
    four_s = 4 * Fraction(float(s))
    n = int(np.floor(np.log2(float(four_s) / 3)))
    while 3 * Fraction(2) ** (n + 1) <= four_s:
        n += 1
    while 3 * Fraction(2) ** n > four_s:
        n -= 1
    return n


def quantize_power_of_two(w, bits):
    a = np.abs(w)
    n1 = n1_of(a.max())
    n2 = n1 + 1 - 2 ** (bits - 1) // 2
    m, e = np.frexp(a)  # a = m·2^e, m in [0.5, 1): a in [2^(e-1), 2^e)
    k = np.where(m >= 0.75, e, e - 1)  # 0.75·2^e = 1.5·2^(e-1): the midpoint, goes up
    np.clip(k, n2, n1, out=k)
    q = np.ldexp(np.float32(1), k).astype(np.float32)
    q[a < np.float32(2.0 ** (n2 - 1))] = 0
    out = np.where(w < 0, -q, q).astype(np.float32)
    out += np.float32(0)  # -0 → +0, as in the TypeScript version (0 is one level, stored as code 0)
    return out, n1


def main():
    path, bits, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    w = np.fromfile(path, dtype='<f4')
    best = float('inf')
    best_cpu = float('inf')
    out = None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        out, n1 = quantize_power_of_two(w, bits)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(json.dumps({'seconds': best, 'cpuSeconds': best_cpu, 'n1': n1, 'crc32': zlib.crc32(out.tobytes()), 'numpy': np.__version__,
                      'count': int(w.size)}))


if __name__ == '__main__':
    main()
