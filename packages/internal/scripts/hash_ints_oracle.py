"""Reference values of hashInts / deriveSeed (packages/internal/src/hashInts.ts), computed in Python
with explicit 32-bit arithmetic, independently of the TypeScript code. Run:
    python3 packages/internal/scripts/hash_ints_oracle.py
and paste nothing: hashInts.test.ts lists the cases below with the values this prints."""
import math

M = 0xFFFFFFFF


def imul(a, b):
    return (a * b) & M


def hash_ints(*values):
    h = 0x9E3779B9
    for v in values:
        low = int(v) & M  # v | 0, as 32 bits
        h = imul(h ^ low, 0x85EBCA6B)
        h ^= h >> 13
        h = imul(h, 0xC2B2AE35)
        h ^= h >> 16
        high = math.floor(v / 4294967296) & M
        h = imul(h ^ high, 0x27D4EB2F)
        h ^= h >> 15
    return h


CASES = [(), (0,), (1,), (7, 0, 1), (7, 1, 1), (1, 0, 0x1417), (2**32 + 5,), (-1,), (123456789, 42)]
for c in CASES:
    h = hash_ints(*c)
    print(f"{list(c)} hashInts={h} deriveSeed={h & 0x7FFFFFFF}")
