"""Streaming writer for NumPy ``.npy`` files whose row count is unknown up front.

The header is written with room to spare when the file is opened; rows are appended as
they arrive; the first dimension of the shape is patched into the header at close. A file
that was never closed keeps the placeholder row count 0 in its header and a length that does
not match, so a reader recognises it as incomplete.
"""

from __future__ import annotations

import os
import struct
from typing import BinaryIO

import numpy as np

MAGIC = b"\x93NUMPY"
ALIGN = 64
SUPPORTED_DTYPES = {"float16": "<f2", "float32": "<f4", "float64": "<f8"}
# Enough digits for any row count a file system can hold.
_ROW_PLACEHOLDER_DIGITS = 20


def normalize_dtype(dtype: str | np.dtype | type) -> np.dtype:
    """Return the little-endian float dtype for ``dtype`` or raise ``ValueError``."""
    dt = np.dtype(dtype)
    if dt.kind != "f" or dt.itemsize not in (2, 4, 8):
        raise ValueError(f"unsupported dtype {dt}: use float16, float32 or float64")
    return dt.newbyteorder("<")


def _header_text(dtype: np.dtype, shape: tuple[int, ...]) -> str:
    if len(shape) == 1:
        shape_text = f"({shape[0]},)"
    else:
        shape_text = "(" + ", ".join(str(d) for d in shape) + ")"
    return f"{{'descr': '{dtype.str}', 'fortran_order': False, 'shape': {shape_text}, }}"


def _encode_header(text: str, total_length: int | None = None) -> bytes:
    """Encode a version 1.0 header padded with spaces to ``total_length`` bytes (or aligned)."""
    body = text.encode("latin1")
    prefix_len = len(MAGIC) + 2 + 2
    if total_length is None:
        unpadded = prefix_len + len(body) + 1
        total_length = -(-unpadded // ALIGN) * ALIGN
    pad = total_length - prefix_len - len(body) - 1
    if pad < 0:
        raise ValueError("npy header does not fit in its reserved space")
    header_len = len(body) + pad + 1
    if header_len > 0xFFFF:
        raise ValueError("npy header too long for format 1.0")
    return MAGIC + bytes([1, 0]) + struct.pack("<H", header_len) + body + b" " * pad + b"\n"


class NpyAppender:
    """Append rows of shape ``trailing_shape`` to a ``.npy`` file, patching the row count at close.

    >>> w = NpyAppender("a.npy", "float32", (3,))   # doctest: +SKIP
    >>> w.append(np.zeros((5, 3))); w.close()      # doctest: +SKIP
    """

    def __init__(self, path: str | os.PathLike[str], dtype: str | np.dtype, trailing_shape: tuple[int, ...]):
        self.path = os.fspath(path)
        self.dtype = normalize_dtype(dtype)
        self.trailing_shape = tuple(int(d) for d in trailing_shape)
        self.rows = 0
        placeholder = (10**_ROW_PLACEHOLDER_DIGITS - 1,) + self.trailing_shape
        self._header_length = len(_encode_header(_header_text(self.dtype, placeholder)))
        self._file: BinaryIO | None = open(self.path, "wb")
        self._file.write(_encode_header(_header_text(self.dtype, (0,) + self.trailing_shape), self._header_length))

    def append(self, rows: np.ndarray) -> None:
        """Append a batch whose shape is ``(n,) + trailing_shape``; values are cast to the file's dtype."""
        if self._file is None:
            raise ValueError(f"{self.path}: appending to a closed file")
        array = np.asarray(rows)
        if array.shape[1:] != self.trailing_shape:
            raise ValueError(
                f"{self.path}: batch has per-row shape {array.shape[1:]}, file has {self.trailing_shape}"
            )
        self._file.write(np.ascontiguousarray(array, dtype=self.dtype).tobytes(order="C"))
        self.rows += array.shape[0]

    def close(self) -> None:
        """Write the final row count into the header and close the file."""
        if self._file is None:
            return
        self._file.seek(0)
        self._file.write(
            _encode_header(_header_text(self.dtype, (self.rows,) + self.trailing_shape), self._header_length)
        )
        self._file.close()
        self._file = None

    def abort(self) -> None:
        """Close without patching the header (the file stays marked incomplete)."""
        if self._file is not None:
            self._file.close()
            self._file = None

    @property
    def closed(self) -> bool:
        """True once :meth:`close` or :meth:`abort` has run."""
        return self._file is None
