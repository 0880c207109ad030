#!/usr/bin/env python3
"""Independent reference for @qfcn/data's HED stain jitter (src/augment/stain.ts), in numpy float64.

Writes src/augment/fixtures/stain_oracle.json. Run from packages/data:
    python3 oracle/stain_oracle.py

Conventions (the same as stain.ts documents):
  OD(v) = -ln((v + 1) / 256) per 8-bit channel value v; inverse v = 256 * exp(-OD) - 1
  M     = Ruifrok & Johnston rows H, E, D, each normalised to unit length; od = [h, e, d] @ M
  jitter: hed' = hed * alpha + beta;  rgb = clip(floor(256 * exp(-(hed' @ M)) - 1 + 0.5), 0, 255)
The inverse comes from numpy.linalg.inv, not from the adjugate formula stain.ts uses. Each case
records its unrounded values; cases whose value lies within 1e-3 of a rounding boundary are refused,
so the TypeScript table-based exponential (error < 1e-4) must match the rounded values exactly.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "augment", "fixtures")
os.makedirs(OUT, exist_ok=True)

RUIFROK = np.array([[0.65, 0.70, 0.29], [0.07, 0.99, 0.11], [0.27, 0.57, 0.78]], dtype=np.float64)
M = RUIFROK / np.linalg.norm(RUIFROK, axis=1, keepdims=True)
M_INV = np.linalg.inv(M)


def od(v):
    return -np.log((np.asarray(v, dtype=np.float64) + 1) / 256)


COLOURS = {
    "white": (255, 255, 255),
    "black": (0, 0, 0),
    "red": (255, 0, 0),
    "green": (0, 255, 0),
    "blue": (0, 0, 255),
    "grey": (128, 128, 128),
    "nucleus": (72, 44, 131),
    "eosin": (236, 158, 203),
    "haematoxylin": (101, 83, 162),
}
JITTERS = {
    "identity": ((1.0, 1.0, 1.0), (0.0, 0.0, 0.0)),
    "light": ((1.05, 0.95, 1.02), (0.03, -0.04, 0.01)),
    "strong": ((0.8, 1.2, 1.0), (0.2, -0.2, 0.0)),
}

cases = []
for cname, rgb in COLOURS.items():
    hed = od(rgb) @ M_INV
    for jname, (alpha, beta) in JITTERS.items():
        jittered = hed * np.array(alpha) + np.array(beta)
        value = 256 * np.exp(-(jittered @ M)) - 1
        inside = (value > -0.5) & (value < 254.5)
        frac = value - np.floor(value)
        assert not np.any(inside & (np.abs(frac - 0.5) < 1e-3)), (cname, jname, value)
        out = np.clip(np.floor(value + 0.5), 0, 255).astype(int)
        cases.append(
            {
                "name": f"{cname}/{jname}",
                "rgb": list(rgb),
                "od": od(rgb).tolist(),
                "hed": hed.tolist(),
                "alpha": list(alpha),
                "beta": list(beta),
                "value": value.tolist(),
                "out": out.tolist(),
            }
        )

data = {
    "generator": "oracle/stain_oracle.py (numpy %s)" % np.__version__,
    "stainMatrix": M.reshape(-1).tolist(),
    "stainMatrixInverse": M_INV.reshape(-1).tolist(),
    "opticalDensity": od(np.arange(256)).tolist(),
    "cases": cases,
}
with open(os.path.join(OUT, "stain_oracle.json"), "w") as f:
    json.dump(data, f, indent=1)
    f.write("\n")
print("wrote", len(cases), "cases")
