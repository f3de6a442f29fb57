"""`project umap` end to end: it runs on a bundle, exports its points as CSV and SVG, gives
the same layout for the same seed in another process, separates planted classes better than
chance (10-NN label agreement computed with numpy from the exported CSV) and refuses too few
instances for its neighbourhood in one message."""

from __future__ import annotations

import numpy as np

from e2e_support import parse_csv, quoted


def export(activis, bundle, tmp_path, options: str) -> tuple[list[list[str]], str]:
    csv_path, svg_path = tmp_path / "umap.csv", tmp_path / "umap.svg"
    activis.ok("-c", f"select layer f32; project umap {options}; export csv {quoted(csv_path)}; "
               f"export svg {quoted(svg_path)}", str(bundle))
    return parse_csv(csv_path.read_text()), svg_path.read_text()


def test_project_umap_exports_every_sampled_point(activis, bundle, ref, tmp_path):
    records, svg = export(activis, bundle, tmp_path, "sample 300 seed 2")
    assert records[0] == ["id", "x", "y", "label", "predicted"]
    points = records[1:]
    assert len(points) == 300
    ids = [int(r[0]) for r in points]
    assert len(set(ids)) == 300 and set(ids) <= set(int(i) for i in ref.ids)
    xy = np.array([[float(r[1]), float(r[2])] for r in points])
    assert np.isfinite(xy).all() and len({tuple(p) for p in xy}) == 300
    by_id = dict(zip((int(i) for i in ref.ids), ref.label))
    assert [r[3] for r in points] == [by_id[i] for i in ids]
    assert svg.startswith("<?xml") or svg.lstrip().startswith("<svg")
    assert svg.count("<circle") >= 300

    # Neighbours in the layout share their label far more often than chance would have it.
    labels = np.array([r[3] for r in points])
    d = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(d, np.inf)
    nearest = np.argsort(d, axis=1)[:, :10]
    agreement = (labels[nearest] == labels[:, None]).mean()
    chance = sum((labels == c).mean() ** 2 for c in set(labels))
    assert agreement > chance + 0.1, (agreement, chance)

    again, _ = export(activis, bundle, tmp_path, "seed 2 sample 300")
    assert again == records


def test_project_umap_refuses_too_few_instances_for_its_neighbours(activis, bundle):
    result = activis.run("-c", "select layer f32; project umap sample 10", str(bundle))
    assert result.returncode != 0
    assert result.stderr.count("error:") == 1
    assert "UMAP with neighbors 15 needs at least 16 instances; the bundle has 10" in result.stderr
