"""Streaming writer for NumPy ``.npy`` files.

The whole shape is known up front, so the header is written first and rows are
appended chunk by chunk; the matrix is never held in memory as a whole.
Written from the published format description (magic, version, little-endian
header length, a Python-literal dict padded with spaces and a newline so that
the data starts on a 64-byte boundary).
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

MAGIC = b"\x93NUMPY"
ALIGN = 64


def npy_header(dtype: np.dtype, shape: tuple[int, ...], version: int = 1) -> bytes:
    """Return the complete header (magic through newline) of a C-order ``.npy`` file."""
    if version not in (1, 2, 3):
        raise ValueError(f"unsupported .npy version {version}")
    descr = np.dtype(dtype).newbyteorder("<").str
    body = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {tuple(shape)!r}, }}"
    length_size = 2 if version == 1 else 4
    prefix = len(MAGIC) + 2 + length_size
    pad = (-(prefix + len(body) + 1)) % ALIGN
    text = (body + " " * pad + "\n").encode("utf-8" if version == 3 else "latin1")
    if version == 1 and len(text) > 0xFFFF:
        raise ValueError("header too long for .npy version 1.0")
    length = struct.pack("<H" if version == 1 else "<I", len(text))
    return MAGIC + bytes([version, 0]) + length + text


class NpyStreamWriter:
    """Write an ``(rows, *trailing)`` little-endian C-order array one chunk at a time."""

    def __init__(self, path: Path, dtype, shape: tuple[int, ...], version: int = 1):
        self.path = Path(path)
        self.dtype = np.dtype(dtype).newbyteorder("<")
        self.shape = tuple(int(n) for n in shape)
        self.rows_written = 0
        self._file = open(self.path, "wb")
        self._file.write(npy_header(self.dtype, self.shape, version))

    def write(self, chunk: np.ndarray) -> None:
        """Append rows; ``chunk`` must have the trailing shape of the file."""
        if tuple(chunk.shape[1:]) != self.shape[1:]:
            raise ValueError(f"chunk shape {chunk.shape} does not fit {self.shape}")
        if self.rows_written + len(chunk) > self.shape[0]:
            raise ValueError(f"{self.path}: more rows than the declared {self.shape[0]}")
        data = np.ascontiguousarray(chunk, dtype=self.dtype)
        if data.size == 0:
            return
        self._file.write(memoryview(data).cast("B"))
        self.rows_written += len(chunk)

    def close(self) -> None:
        """Close the file, checking that every declared row was written."""
        self._file.close()
        if self.rows_written != self.shape[0]:
            raise ValueError(f"{self.path}: wrote {self.rows_written} of {self.shape[0]} rows")
