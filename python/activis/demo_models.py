"""The demo models: a word-level CNN for sentence classification in the manner of Kim (2014),
and a small two-branch CNN for scikit-learn's 8×8 digits (the fallback when TREC is absent)."""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn


class Concat(nn.Module):
    """Concatenates a list of ``(batch, features)`` tensors (a module so it can be recorded)."""

    def forward(self, parts: list[torch.Tensor]) -> torch.Tensor:
        return torch.cat(parts, dim=1)


class WordCNN(nn.Module):
    """Embedding → convolutions of several widths (ReLU, max over time) → concat → dropout → linear.

    The convolution blocks are attributes ``conv3``, ``conv4``, ``conv5`` (for widths 3, 4, 5).
    Input: token ids ``(batch, length)`` with length ≥ the widest filter.
    """

    def __init__(self, vocabulary_size: int, classes: int, embedding_dim: int = 300, filters: int = 100,
                 widths: Sequence[int] = (3, 4, 5), dropout: float = 0.5) -> None:
        super().__init__()
        self.widths = list(widths)
        self.embedding = nn.Embedding(vocabulary_size, embedding_dim, padding_idx=0)
        for width in self.widths:
            self.add_module(f"conv{width}", nn.Sequential(nn.Conv1d(embedding_dim, filters, width), nn.ReLU()))
        self.concat = Concat()
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(filters * len(self.widths), classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        embedded = self.embedding(tokens).transpose(1, 2)
        features = [getattr(self, f"conv{w}")(embedded).amax(dim=2) for w in self.widths]
        return self.fc(self.dropout(self.concat(features)))


class DigitsCNN(nn.Module):
    """Two convolution branches (3×3 and 5×5, ReLU, 2×2 max pooling) → concat → dropout → linear."""

    def __init__(self, classes: int = 10, filters: int = 32, dropout: float = 0.5) -> None:
        super().__init__()
        self.conv3 = nn.Sequential(nn.Conv2d(1, filters, 3, padding=1), nn.ReLU())
        self.conv5 = nn.Sequential(nn.Conv2d(1, filters, 5, padding=2), nn.ReLU())
        self.pool = nn.MaxPool2d(2)
        self.concat = Concat()
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(2 * filters * 16, classes)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        parts = [self.pool(branch(images)).flatten(1) for branch in (self.conv3, self.conv5)]
        return self.fc(self.dropout(self.concat(parts)))
