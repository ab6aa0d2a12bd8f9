#!/usr/bin/env python3
"""Writes N images of an IDX file (gzipped or not) to a new IDX file, with Python's standard library
only: the "file written by another tool" that `gan4j eval --samples` is checked on.

    python3 docs/eval/write_idx.py SRC-idx3-ubyte[.gz] OUT-idx3-ubyte N
"""
import gzip
import struct
import sys

src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
opener = gzip.open if open(src, "rb").read(2) == b"\x1f\x8b" else open
with opener(src, "rb") as f:
    magic, count, rows, cols = struct.unpack(">IIII", f.read(16))
    assert magic == 0x00000803, hex(magic)
    n = min(n, count)
    pixels = f.read(n * rows * cols)
with open(out, "wb") as f:
    f.write(struct.pack(">IIII", 0x00000803, n, rows, cols))
    f.write(pixels)
print(f"wrote {n} images of {rows}x{cols} from {src} to {out}")
