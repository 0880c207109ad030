#!/usr/bin/env python3
"""Independent reference for @qfcn/data's createRng (xoshiro128** seeded through splitmix32).

Writes src/rng/fixtures/rng_oracle.json. Run from packages/data:
    python3 oracle/rng_oracle.py
Pure Python (no numpy), so it runs with any python3.
"""
import json
import math
import os

M32 = 0xFFFFFFFF


def splitmix32(x):
    nxt = (x + 0x9E3779B9) & M32
    z = nxt
    z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
    z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
    z ^= z >> 16
    return nxt, z


def fnv1a(text):
    """FNV-1a over UTF-16 code units, as JavaScript's charCodeAt sees a string."""
    data = text.encode("utf-16-le")
    h = 0x811C9DC5
    for i in range(0, len(data), 2):
        h ^= int.from_bytes(data[i : i + 2], "little")
        h = (h * 0x01000193) & M32
    return h


def seed_words(seed):
    if isinstance(seed, str):
        lo, hi = fnv1a(seed), 0x5EED5EED
    else:
        lo, hi = seed & M32, (seed // 2**32) & M32
    x = (lo ^ (hi * 0x27D4EB2D)) & M32
    words = []
    for _ in range(4):
        x, out = splitmix32(x)
        words.append(out)
    if not any(words):
        words[0] = 1
    return words


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


class Xoshiro128ss:
    def __init__(self, seed):
        self.s = seed_words(seed)
        self.spare = None

    def uint32(self):
        s = self.s
        result = (rotl((s[1] * 5) & M32, 7) * 9) & M32
        t = (s[1] << 9) & M32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        return result

    def next(self):
        return self.uint32() / 2**32

    def int(self, n):
        limit = 2**32 - (2**32 % n)
        u = self.uint32()
        while u >= limit:
            u = self.uint32()
        return u % n

    def normal(self):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        u1 = 1 - self.next()
        u2 = self.next()
        r = math.sqrt(-2 * math.log(u1))
        self.spare = r * math.sin(2 * math.pi * u2)
        return r * math.cos(2 * math.pi * u2)


cases = []
for seed in [0, 1, 42, 2**40 + 7, -5, "glas"]:
    a = Xoshiro128ss(seed)
    words = list(a.s)
    uint32 = [a.uint32() for _ in range(8)]
    b = Xoshiro128ss(seed)
    ints = [b.int(n) for n in [1, 2, 3, 6, 10, 1000, 2**31 + 1, 2**32]]
    c = Xoshiro128ss(seed)
    normals = [c.normal() for _ in range(5)]
    cases.append({"seed": seed, "state": words, "uint32": uint32, "ints": ints, "normals": normals})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "rng", "fixtures", "rng_oracle.json")
with open(out, "w") as f:
    json.dump({"generator": "oracle/rng_oracle.py", "intBounds": [1, 2, 3, 6, 10, 1000, 2**31 + 1, 2**32], "cases": cases}, f, indent=1)
print("wrote", out)
