"""The Spark job against numpy over every row, on a local Spark (``local[2]``).

One SparkSession for the module (Spark starts in seconds); a 1,000,000 × 128 Parquet data set
with planted structure, written with pyarrow in row groups. Skipped when pyspark is not installed
(``scripts/setup --spark`` installs it; CI does).
"""

from __future__ import annotations

import json
import os
import subprocess

import numpy as np
import pytest

pytest.importorskip("pyspark")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402

import spark_data  # noqa: E402
from activis.spark import SparkExportError, export  # noqa: E402
from activis.spark.allocation import allocate  # noqa: E402
from activis.spark.moments import Moments, merge_tree  # noqa: E402

ROWS = int(os.environ.get("ACTIVIS_SPARK_TEST_ROWS", "1000000"))
SUBSETS = {"whatis": "text LIKE 'What is%'", "long": "length > 20"}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master("local[2]").appName("activis-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.files.maxPartitionBytes", str(64 << 20)).getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("parquet") / "big")
    spark_data.write_parquet(path, ROWS, width=128, row_group=65536, files=4)
    return path


@pytest.fixture(scope="module")
def bundle(spark, data, tmp_path_factory):
    out = str(tmp_path_factory.mktemp("bundles") / "big-bundle")
    export(data, out, {"concat": "concat"}, classes=spark_data.CLASSES, subsets=SUBSETS, sample=2000, seed=3,
           spark=spark)
    return out


@pytest.fixture(scope="module")
def reference(data):
    return spark_data.read_numpy(data)


def manifest(bundle: str) -> dict:
    with open(os.path.join(bundle, "activis.json"), encoding="utf-8") as file:
        return json.load(file)


def reference_masks(reference) -> dict[str, np.ndarray]:
    masks = {c: reference["label"] == c for c in spark_data.CLASSES}
    masks["whatis"] = np.array([t.startswith("What is") for t in reference["text"]])
    masks["long"] = reference["length"] > 20
    masks["all"] = np.ones(len(reference["id"]), dtype=bool)
    return masks


def test_every_aggregate_row_matches_numpy_over_all_rows(bundle, reference):
    m = manifest(bundle)
    assert m["version"] == "1.1"
    aggregates = m["aggregates"]
    assert aggregates["rows"] == ROWS
    assert aggregates["planes"] == ["mean", "std", "min", "max", "nonfinite"]
    planes = np.load(os.path.join(bundle, aggregates["layers"][0]["file"]))
    assert planes.shape == (len(aggregates["groups"]), 5, 128) and planes.dtype == np.float64
    masks = reference_masks(reference)
    assert [g["name"] for g in aggregates["groups"]] == spark_data.CLASSES + ["whatis", "long", "all"]
    for index, group in enumerate(aggregates["groups"]):
        values = reference["concat"][masks[group["name"]]].astype(np.float64)
        assert group["count"] == len(values), group["name"]
        np.testing.assert_allclose(planes[index, 0], values.mean(axis=0), rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(planes[index, 1], values.std(axis=0), rtol=1e-6)
        np.testing.assert_array_equal(planes[index, 2], values.min(axis=0))
        np.testing.assert_array_equal(planes[index, 3], values.max(axis=0))
        np.testing.assert_array_equal(planes[index, 4], 0)
    # The planted structure is there: class neurons, the "What is" neuron.
    assert planes[1, 0, 4] > 1.5 and planes[5, 0, 127] < 1.0 and planes[6, 0, 127] > 2.5


def test_the_sample_is_stratified_with_a_floor_and_weights(bundle, reference):
    m = manifest(bundle)
    sample = m["sample"]
    assert sample["size"] == 2000 and sample["seed"] == 3
    strata = sample["strata"]
    assert sum(s["sampled"] for s in strata) == 2000
    assert sum(s["rows"] for s in strata) == ROWS
    # Every class × subsets combination present in the data is a stratum with at least one row.
    masks = reference_masks(reference)
    combos = {}
    for c in spark_data.CLASSES:
        for w in (False, True):
            for ln in (False, True):
                count = int((masks[c] & (masks["whatis"] == w) & (masks["long"] == ln)).sum())
                if count:
                    combos[(c, w, ln)] = count
    found = {(s["class"], "whatis" in s["subsets"], "long" in s["subsets"]): s for s in strata}
    assert {k: s["rows"] for k, s in found.items()} == combos
    floor = 2000 // (10 * len(combos))
    floors = {key: min(floor, count) for key, count in combos.items()}
    spare = {key: combos[key] - floors[key] for key in combos}
    left = 2000 - sum(floors.values())
    for key, stratum in found.items():
        assert stratum["sampled"] >= floors[key]
        # The floor, plus a share of the rest proportional to what lies beyond the floor (±1).
        expected = floors[key] + left * spare[key] / sum(spare.values())
        assert abs(stratum["sampled"] - expected) <= 1, key
    with open(os.path.join(bundle, "instances.csv"), encoding="utf-8") as file:
        header = file.readline().strip().split(",")
    table = np.genfromtxt(os.path.join(bundle, "instances.csv"), delimiter=",", names=True, dtype=None,
                          encoding="utf-8", usecols=(header.index("id"), header.index("weight")))
    assert len(table) == 2000
    ids = table["id"]
    rows = {int(i): k for k, i in enumerate(reference["id"])}
    taken = np.array([rows[int(i)] for i in ids])
    for key, stratum in found.items():
        c, w, ln = key
        in_stratum = masks[c][taken] & (masks["whatis"][taken] == w) & (masks["long"][taken] == ln)
        assert in_stratum.sum() == stratum["sampled"]
        np.testing.assert_allclose(table["weight"][in_stratum], stratum["rows"] / stratum["sampled"])
    # The sampled activations are the source's rows; subset members of the sample are listed.
    activations = np.load(os.path.join(bundle, "activations", "concat.npy"))
    np.testing.assert_array_equal(activations, reference["concat"][taken])
    whatis = next(g for g in m["aggregates"]["groups"] if g["name"] == "whatis")
    assert sorted(whatis["sample"]) == sorted(int(i) for i in ids[masks["whatis"][taken]])


def test_the_same_seed_draws_the_same_sample(spark, data, bundle, tmp_path):
    out = str(tmp_path / "again")
    export(data, out, {"concat": "concat"}, classes=spark_data.CLASSES, subsets=SUBSETS, sample=2000, seed=3,
           spark=spark)
    with open(os.path.join(out, "instances.csv"), encoding="utf-8") as a, \
            open(os.path.join(bundle, "instances.csv"), encoding="utf-8") as b:
        assert a.read() == b.read()


def test_the_shell_shows_class_and_exported_subset_rows_as_exact(bundle, reference):
    binary = os.environ.get("ACTIVIS_BIN")
    if not binary:
        binary = os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "activis")
    if not os.path.exists(binary):
        pytest.fail(f"activis binary not found ({binary}): run `swift build` or set ACTIVIS_BIN")
    result = subprocess.run([binary, "--format", "csv", "-c", "matrix", bundle], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    masks = reference_masks(reference)
    rows = {line.split(",")[0]: line.split(",") for line in lines[1:]}
    for name in spark_data.CLASSES + ["whatis", "long"]:
        values = reference["concat"][masks[name]].astype(np.float64)
        assert int(rows[name][1]) == len(values)
        np.testing.assert_allclose(np.array(rows[name][2:], dtype=np.float64), values.mean(axis=0), rtol=1e-5,
                                   atol=1e-6)
    table = subprocess.run([binary, "-c", "matrix; info", bundle], capture_output=True, text=True, timeout=120)
    assert table.returncode == 0, table.stderr
    assert f"exact over {ROWS:,}" in table.stdout
    assert "sample" in table.stdout


# -- the moments alone --------------------------------------------------------------------------

def test_chan_merge_of_uneven_pieces_equals_the_whole():
    rng = np.random.default_rng(1)
    values = (rng.standard_normal((1000, 5)) * 3 + 1e4).astype(np.float32)
    values[17, 2] = np.nan
    values[400, 0] = np.inf
    pieces = []
    for start, stop in [(0, 1), (1, 250), (250, 251), (251, 1000)]:
        part = Moments(1, 5)
        part.add(0, values[start:stop])
        pieces.append(part)
    planes = merge_tree(pieces).planes()[0]
    x = values.astype(np.float64)
    finite = np.isfinite(x)
    for j in range(5):
        column = x[finite[:, j], j]
        np.testing.assert_allclose(planes[0, j], column.mean(), rtol=1e-12)
        np.testing.assert_allclose(planes[1, j], column.std(), rtol=1e-9)
        assert planes[2, j] == column.min() and planes[3, j] == column.max()
    assert planes[4].tolist() == [1, 0, 1, 0, 0]


def test_allocation_is_proportional_with_a_floor():
    # floor 100 // (10·2) = 5 each; 90 left shared 985 : 5 → 89.55 and 0.45; the larger remainder gets the last one
    assert allocate({0: 990, 1: 10}, 100) == {0: 95, 1: 5}
    assert allocate({0: 5, 1: 7}, 100) == {0: 5, 1: 7}
    assert sum(allocate({k: 1000 + k for k in range(7)}, 50).values()) == 50
    with pytest.raises(ValueError, match="cannot hold one of each of the 3 strata"):
        allocate({0: 5, 1: 5, 2: 5}, 2)


# -- refusals -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("small") / "small.parquet")
    spark_data.write_parquet(path, 3000, width=8)
    return path


def write_table(path: str, columns: dict) -> str:
    pq.write_table(pa.table(columns), path)
    return path


def refuse(spark, source, out, match, **options):
    options.setdefault("classes", spark_data.CLASSES)
    layers = options.pop("layers", {"concat": "concat"})
    with pytest.raises(SparkExportError, match=match):
        export(source, out, layers, spark=spark, sample=100, **options)
    assert not os.path.exists(out) or os.listdir(out) == [] or out.endswith("keep")
    leftovers = [n for n in os.listdir(os.path.dirname(out)) if n.startswith(".")]
    assert leftovers == []


def test_a_missing_column_is_named(spark, small, tmp_path):
    refuse(spark, small, str(tmp_path / "o"), "layer 'fc': the source has no column 'nope'", layers={"fc": "nope"})
    source = write_table(str(tmp_path / "nolabel.parquet"), {"id": [1], "predicted": ["A"], "concat": [[1.0]]})
    refuse(spark, source, str(tmp_path / "o"), "the source has no 'label' column")


def test_ragged_arrays_name_the_row(spark, tmp_path):
    source = write_table(str(tmp_path / "ragged.parquet"), {
        "id": [5, 6, 7], "label": ["NUM"] * 3, "predicted": ["NUM"] * 3,
        "concat": pa.array([[1.0, 2.0], [3.0, 4.0], [5.0]], type=pa.list_(pa.float32()))})
    refuse(spark, source, str(tmp_path / "o"), r"row id 7 has 1 values but row id 5 has 2")


def test_a_label_outside_classes_is_named(spark, tmp_path):
    source = write_table(str(tmp_path / "label.parquet"), {
        "id": [5, 6], "label": ["NUM", "zz"], "predicted": ["NUM", "NUM"],
        "concat": pa.array([[1.0], [2.0]], type=pa.list_(pa.float32()))})
    refuse(spark, source, str(tmp_path / "o"), r"row id 6: label 'zz' is not one of --classes")


def test_a_malformed_condition_gives_sparks_message_and_the_subset(spark, small, tmp_path):
    refuse(spark, small, str(tmp_path / "o"), r"subset 'bad': Spark cannot read the condition \"text LIKE 'What\": .*",
           subsets={"bad": "text LIKE 'What"})
    refuse(spark, small, str(tmp_path / "o"), r"subset 'alias': the condition \"text LIKE\" gives a string, not true",
           subsets={"alias": "text LIKE"})
    refuse(spark, small, str(tmp_path / "o"), r"subset 'bad2': .*nosuchcolumn",
           subsets={"bad2": "nosuchcolumn > 3"})


def test_an_out_that_is_not_a_bundle_is_left_alone(spark, small, tmp_path):
    out = tmp_path / "keep"
    out.mkdir()
    (out / "precious.txt").write_text("mine")
    refuse(spark, small, str(out), "exists and is not an activis bundle")
    assert (out / "precious.txt").read_text() == "mine"


def test_an_existing_bundle_is_replaced_whole(spark, small, tmp_path):
    out = str(tmp_path / "b")
    export(small, out, {"concat": "concat"}, spark=spark, sample=100)
    export(small, out, {"concat": "concat"}, spark=spark, sample=50, subsets={"whatis": "text LIKE 'What is%'"})
    assert manifest(out)["sample"]["size"] == 50
    assert sorted(os.listdir(tmp_path)) == ["b"]
