"""Loading Li and Roth's TREC question classification files (``COARSE:fine question text``)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CLASSES = ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"]
PAD, UNKNOWN = 0, 1


@dataclass
class Question:
    """One labelled question."""

    coarse: str
    fine: str
    text: str

    @property
    def tokens(self) -> list[str]:
        """Lower-cased tokens (the files are already tokenised by spaces)."""
        return self.text.lower().split()


def read_questions(path: str | os.PathLike[str]) -> list[Question]:
    """Parse a ``.label`` file; bytes that are not UTF-8 become U+FFFD."""
    questions = []
    with open(path, "rb") as f:
        for raw in f:
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            label, _, text = line.partition(" ")
            coarse, _, fine = label.partition(":")
            questions.append(Question(coarse, fine, text))
    return questions


class Vocabulary:
    """Word → index, with 0 for padding and 1 for unknown words."""

    def __init__(self, sentences: Sequence[Sequence[str]], min_count: int = 1) -> None:
        counts = Counter(token for sentence in sentences for token in sentence)
        self.words = ["<pad>", "<unk>"] + sorted(w for w, c in counts.items() if c >= min_count)
        self.index = {w: i for i, w in enumerate(self.words)}

    def __len__(self) -> int:
        return len(self.words)

    def encode(self, sentences: Sequence[Sequence[str]], length: int) -> np.ndarray:
        """Token ids padded (or cut) to ``length``: an ``(n, length)`` int64 matrix."""
        out = np.full((len(sentences), length), PAD, dtype=np.int64)
        for row, sentence in enumerate(sentences):
            ids = [self.index.get(t, UNKNOWN) for t in sentence[:length]]
            out[row, :len(ids)] = ids
        return out
