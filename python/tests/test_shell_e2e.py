"""End to end: a bundle recorded from PyTorch, read by the Swift shell; its matrix must equal the
class means of the activations computed directly with PyTorch.

Runs only when ``ACTIVIS_BIN`` names the built shell (the lead's integration run), e.g.
``ACTIVIS_BIN=$(swift build -c release --show-bin-path)/activis pytest python/tests/test_shell_e2e.py``.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

import activis.torch  # noqa: E402

BINARY = os.environ.get("ACTIVIS_BIN")
pytestmark = pytest.mark.skipif(not BINARY, reason="set ACTIVIS_BIN to the activis executable")
CLASSES = ["ABBR", "DESC", "NUM"]


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Sequential(nn.Conv1d(3, 4, 3), nn.ReLU())
        self.hidden = nn.Linear(4 * 6, 5)
        self.fc = nn.Linear(5, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.tanh(self.hidden(self.conv(x).flatten(1))))


def shell_matrix(bundle: str, layer: str) -> tuple[list[str], dict[str, tuple[int, np.ndarray]]]:
    """Run the shell and parse its matrix CSV: header and row label → (size, values)."""
    result = subprocess.run([BINARY, "--format", "csv", "-c", f'load "{bundle}"; select layer {layer}; matrix'],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    reader = csv.reader(io.StringIO(result.stdout))
    header = next(reader)
    rows = {r[0]: (int(r[1]), np.array([float(v) for v in r[2:]])) for r in reader if r}
    return header, rows


@pytest.mark.parametrize("dtype", ["float32", "float16"])
def test_matrix_equals_pytorch_class_means(tmp_path, dtype):
    torch.manual_seed(0)
    model = Net().eval()
    generator = torch.Generator().manual_seed(1)
    inputs = [torch.randn(16, 3, 8, generator=generator) for _ in range(3)]
    labels = [torch.arange(16) % 3 for _ in inputs]
    bundle = str(tmp_path / "bundle")
    with activis.torch.Recorder(model, bundle, layers=["conv", "hidden", "fc"], classes=CLASSES, dtype=dtype) as rec:
        for x, y in zip(inputs, labels):
            rec.add_batch(labels=y, logits=model(x))
    x, y = torch.cat(inputs), torch.cat(labels).numpy()
    with torch.no_grad():
        direct = {"conv": model.conv(x), "hidden": model.hidden(model.conv(x).flatten(1)), "fc": model(x)}
    for layer, values in direct.items():
        activations = values.numpy().reshape(len(x), -1).astype(dtype).astype(np.float64)
        header, rows = shell_matrix(bundle, layer)
        assert header[:2] == ["row", "size"] and len(header) == 2 + activations.shape[1]
        for index, cls in enumerate(CLASSES):
            members = activations[y == index]
            size, got = rows[cls]
            assert size == len(members)
            np.testing.assert_allclose(got, members.mean(axis=0), rtol=1e-5, atol=1e-6, err_msg=f"{layer} {cls}")
