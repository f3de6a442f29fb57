"""graph_from_onnx on a model exported with torch.onnx.export."""

from __future__ import annotations

import pytest
from conftest import assert_valid_graph

torch = pytest.importorskip("torch")
pytest.importorskip("onnx")
from torch import nn  # noqa: E402

import activis.onnx  # noqa: E402


class Small(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv1d(4, 6, 3), nn.ReLU())
        self.fc = nn.Linear(6, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.encoder(x).amax(dim=2))


@pytest.mark.parametrize("dynamo", [False, True], ids=["torchscript", "torch.export"])
def test_onnx_export_reads_into_valid_graph(tmp_path, dynamo):
    if dynamo:
        pytest.importorskip("onnxscript")
    path = str(tmp_path / "small.onnx")
    options = ({"dynamic_shapes": {"x": {0: torch.export.Dim("batch")}}} if dynamo
               else {"dynamic_axes": {"x": {0: "batch"}, "logits": {0: "batch"}}})
    torch.onnx.export(Small().eval(), (torch.randn(2, 4, 9),), path, input_names=["x"], output_names=["logits"],
                      dynamo=dynamo, **options)
    graph = activis.onnx.graph_from_onnx(path)
    nodes = assert_valid_graph(graph)
    operators = [n for n in nodes.values() if n["kind"] == "operator"]
    assert {"Conv", "Relu", "Gemm"} <= {n["op"] for n in operators}
    assert nodes["x"]["shape"] == [None, 4, 9]
    assert nodes["logits"]["shape"] == [None, 3]
    conv = next(n for n in operators if n["op"] == "Conv")
    assert conv["inputs"] == ["x"]
    assert sorted(conv["attrs"]["params"].values()) == [[6], [6, 4, 3]]  # weights summarised, not nodes
    assert conv["attrs"]["kernel_shape"] == [3]
    assert conv["group"].startswith("encoder")
    assert not any("weight" in node_id for node_id in nodes)
    relu_out = nodes[next(n for n in operators if n["op"] == "Relu")["outputs"][0]]
    assert relu_out["shape"] == [None, 6, 7]
