#!/usr/bin/env python3
"""Tiny image files written by an independent encoder (Pillow 9.4 / libtiff), with the pixel values
that @qfcn/data's readImage and readLabelMap must return for each.

Run from packages/data with Debian's python3 (numpy + Pillow):
    /usr/bin/python3 oracle/make_image_fixtures.py
Writes src/io/fixtures/*.{bmp,png,tif} and src/io/fixtures/expected.json.

Expected values come from the arrays the files were made from (not from reading them back), so a
reader that disagrees with Pillow's writer fails. Entries:
  image: {channels, data}  what readImage returns (8-bit, row-major, interleaved)
  label: {bits, data}      what readLabelMap returns (raw integers)
  labelError: regex        readLabelMap must throw a DataError matching it
"""
import json
import os

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "io", "fixtures")
os.makedirs(OUT, exist_ok=True)
expected = {}


def record(name, width, height, image=None, label=None, label_error=None):
    entry = {"width": width, "height": height}
    if image is not None:
        arr = np.asarray(image)
        entry["image"] = {"channels": 1 if arr.ndim == 2 else int(arr.shape[2]), "data": arr.reshape(-1).astype(int).tolist()}
    if label is not None:
        bits, arr = label
        entry["label"] = {"bits": bits, "data": np.asarray(arr).reshape(-1).astype(int).tolist()}
    if label_error is not None:
        entry["labelError"] = label_error
    expected[name] = entry


def path(name):
    return os.path.join(OUT, name)


rgb = np.zeros((3, 5, 3), np.uint8)  # 5x3: odd width, so BMP rows carry padding
for y in range(3):
    for x in range(5):
        rgb[y, x] = (40 * x + 10, 60 * y + 20, (17 * (x + 5 * y)) % 256)

# --- BMP ---------------------------------------------------------------------------------------
Image.fromarray(rgb, "RGB").save(path("rgb24_5x3.bmp"))
record("rgb24_5x3.bmp", 5, 3, image=rgb, label_error="single-channel integer")

indices = np.array([[0, 1, 2, 3, 4], [5, 6, 7, 0, 1], [2, 2, 0, 7, 7]], np.uint8)
palette = [0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0, 255, 0, 255, 0, 255, 255, 128, 64, 32]
p = Image.fromarray(indices, "P")
p.putpalette(palette + [0] * (768 - len(palette)))
p.save(path("p8_5x3.bmp"))
pal = np.array(palette, np.uint8).reshape(-1, 3)
record("p8_5x3.bmp", 5, 3, image=pal[indices], label=(8, indices))

grey = np.array([[0, 50, 100, 150, 200], [255, 1, 2, 3, 4], [9, 8, 7, 6, 5]], np.uint8)
Image.fromarray(grey, "L").save(path("grey8_5x3.bmp"))
record("grey8_5x3.bmp", 5, 3, image=grey, label=(8, grey))

bw = np.array([[1, 0, 1, 1, 0, 0, 0, 1, 1], [0, 1, 0, 0, 1, 1, 1, 0, 0]], bool)
Image.fromarray(bw).save(path("bw1_9x2.bmp"))
record("bw1_9x2.bmp", 9, 2, image=bw.astype(np.uint8) * 255, label=(1, bw.astype(np.uint8)))

rgba = np.dstack([rgb, np.full((3, 5), 200, np.uint8)])
Image.fromarray(rgba, "RGBA").save(path("rgba32_5x3.bmp"))
# 32-bit BI_RGB: the fourth byte is unused by definition, so the image is RGB.
record("rgba32_5x3.bmp", 5, 3, image=rgb, label_error="single-channel integer")

# --- PNG ---------------------------------------------------------------------------------------
Image.fromarray(grey, "L").save(path("grey8_5x3.png"))
record("grey8_5x3.png", 5, 3, image=grey, label=(8, grey))

g16 = np.array([[0, 1, 255, 256, 257], [1000, 30000, 65535, 65280, 128], [2, 3, 4, 5, 6]], np.uint16)
Image.fromarray(g16, "I;16").save(path("grey16_5x3.png"))
record("grey16_5x3.png", 5, 3, image=np.round(g16 / 257).astype(np.uint8), label=(16, g16))

Image.fromarray(rgb, "RGB").save(path("rgb_5x3.png"))
record("rgb_5x3.png", 5, 3, image=rgb, label_error="single-channel integer")

Image.fromarray(rgba, "RGBA").save(path("rgba_5x3.png"))
record("rgba_5x3.png", 5, 3, image=rgba, label_error="single-channel integer")

la = np.dstack([grey, np.full((3, 5), 99, np.uint8)])
Image.fromarray(la, "LA").save(path("la_5x3.png"))
record("la_5x3.png", 5, 3, image=np.dstack([grey, grey, grey, la[:, :, 1]]), label_error="single-channel integer")

p.save(path("p8_5x3.png"))
pal_png = pal[: indices.max() + 1]
record("p8_5x3.png", 5, 3, image=pal_png[indices], label=(8, indices))

Image.fromarray(bw).save(path("bw1_9x2.png"))
record("bw1_9x2.png", 9, 2, image=bw.astype(np.uint8) * 255, label=(1, bw.astype(np.uint8)))

# --- TIFF --------------------------------------------------------------------------------------
Image.fromarray(grey, "L").save(path("grey8_5x3.tif"))
record("grey8_5x3.tif", 5, 3, image=grey, label=(8, grey))

Image.fromarray(g16, "I;16").save(path("grey16_5x3.tif"))
record("grey16_5x3.tif", 5, 3, image=np.round(g16 / 257).astype(np.uint8), label=(16, g16))

i32 = np.array([[0, 1, 70000, 2**31 - 1, 5], [6, 7, 8, 9, 10], [123456789, 0, 0, 3, 3]], np.int32)
Image.fromarray(i32, "I").save(path("int32_5x3.tif"))
record("int32_5x3.tif", 5, 3, label=(32, i32))

rng = np.random.default_rng(7)
big = rng.integers(0, 200000, size=(30, 40)).astype(np.int32)
big[10:20, 5:30] = 42  # runs, so the LZW table both grows past 512 codes and hits repeats
Image.fromarray(big, "I").save(path("int32_lzw_40x30.tif"), compression="tiff_lzw")
record("int32_lzw_40x30.tif", 40, 30, label=(32, big))
Image.fromarray(big, "I").save(path("int32_deflate_40x30.tif"), compression="tiff_adobe_deflate")
record("int32_deflate_40x30.tif", 40, 30, label=(32, big))

neg = np.array([[0, 1, -2], [3, 4, 5]], np.int32)
Image.fromarray(neg, "I").save(path("int32_negative_3x2.tif"))
record("int32_negative_3x2.tif", 3, 2, label_error="negative label -2 at pixel 2,0")


def write_int16_tiff(name, arr):
    """Minimal little-endian, uncompressed, single-strip TIFF with signed 16-bit samples
    (SampleFormat 2), which Pillow 9.4 does not write."""
    import struct

    h, w = arr.shape
    pixels = arr.astype("<i2").tobytes()
    entries = [  # tag, type (3 SHORT, 4 LONG), value
        (256, 4, w), (257, 4, h), (258, 3, 16), (259, 3, 1), (262, 3, 1),
        (273, 4, 8), (277, 3, 1), (278, 4, h), (279, 4, len(pixels)), (339, 3, 2),
    ]
    ifd_offset = 8 + len(pixels)
    out = b"II" + struct.pack("<HI", 42, ifd_offset) + pixels
    out += struct.pack("<H", len(entries))
    for tag, typ, value in entries:
        out += struct.pack("<HHI", tag, typ, 1) + (struct.pack("<HH", value, 0) if typ == 3 else struct.pack("<I", value))
    out += struct.pack("<I", 0)
    with open(path(name), "wb") as f:
        f.write(out)


i16 = np.array([[0, 1, 300], [3, 32767, 5]], np.int16)
write_int16_tiff("int16_3x2.tif", i16)
record("int16_3x2.tif", 3, 2, label=(16, i16))
write_int16_tiff("int16_negative_3x2.tif", neg.astype(np.int16))
record("int16_negative_3x2.tif", 3, 2, label_error="negative label -2 at pixel 2,0")

f32 = np.array([[0.0, 0.5, 1.0, 2.0, 3.0]] * 3, np.float32)
Image.fromarray(f32, "F").save(path("float32_5x3.tif"))
record("float32_5x3.tif", 5, 3, label_error="single-channel integer")

Image.fromarray(rgb, "RGB").save(path("rgb_5x3.tif"))
record("rgb_5x3.tif", 5, 3, image=rgb, label_error="single-channel integer")
Image.fromarray(rgb, "RGB").save(path("rgb_lzw_5x3.tif"), compression="tiff_lzw")
record("rgb_lzw_5x3.tif", 5, 3, image=rgb, label_error="single-channel integer")

p.save(path("p8_5x3.tif"))
record("p8_5x3.tif", 5, 3, image=pal[indices], label=(8, indices))

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump({"generator": "oracle/make_image_fixtures.py (Pillow %s)" % Image.__version__, "files": expected}, f, indent=0)
print("wrote", len(expected), "fixtures to", os.path.normpath(OUT))
