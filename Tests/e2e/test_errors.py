"""Exit codes, error locations, script files, and refusal of bad bundles."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from e2e_support import make_bundle, parse_csv, quoted

LOCATION = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<column>\d+): error: ", re.MULTILINE)


def test_error_in_c_exits_nonzero_with_location(activis, bundle):
    done = activis.run("--format", "csv", "-c", f"load {quoted(bundle)}; frobnicate")
    assert done.returncode == 1, f"exit status {done.returncode}"
    assert LOCATION.search(done.stderr), f"no 'file:line:column: error:' on stderr:\n{done.stderr}"


def test_script_error_names_file_line_column_and_stops(activis, bundle, tmp_path):
    path = tmp_path / "script.avq"
    path.write_text(f"load {quoted(bundle)}\nselect layer f32\nfrobnicate the matrix\n"
                    "subset z = where correct\nmembers z\n", encoding="utf-8")
    done = activis.run("--format", "csv", "-f", str(path))
    assert done.returncode == 1, f"exit status {done.returncode}"
    match = LOCATION.search(done.stderr)
    assert match, f"no 'file:line:column: error:' on stderr:\n{done.stderr}"
    assert match["file"].endswith("script.avq") and match["line"] == "3" and match["column"] == "1", match.group(0)
    assert "id,label,predicted,text" not in done.stdout, "the script went on after its error"


def test_unknown_layer_is_an_error(activis, bundle):
    done = activis.run("-c", f"load {quoted(bundle)}\nselect layer nosuchlayer")
    assert done.returncode == 1 and re.search(r":2:\d+: error: ", done.stderr), done.stderr


def test_unknown_subset_in_predicate_is_an_error(activis, bundle):
    done = activis.run("-c", f"load {quoted(bundle)}; select layer f32; subset s = where in nosuch")
    assert done.returncode == 1 and LOCATION.search(done.stderr), done.stderr


def shebang_script(path, first_line, bundle):
    path.write_text(f"{first_line}\n-- members of a subset\nset format csv\nload {quoted(bundle)}\nselect layer f32\n"
                    'subset s = where text starts "Who"\nmembers s\n', encoding="utf-8")
    path.chmod(0o755)


def expected_who(ref):
    return [str(i) for i in ref.ids[ref.starts("Who")]]


def test_script_file_with_shebang(activis, bundle, ref, tmp_path):
    path = tmp_path / "who.avq"
    shebang_script(path, "#!/usr/bin/env activis -f", bundle)
    out = activis.ok("--format", "csv", "-f", str(path))
    assert [r[0] for r in parse_csv(out)[1:]] == expected_who(ref)


def test_script_executed_through_its_shebang(activis, bundle, ref, tmp_path):
    path = tmp_path / "who.avq"
    shebang_script(path, f"#!{activis.binary} -f", bundle)
    env = dict(os.environ, NO_COLOR="1")
    done = subprocess.run([str(path)], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert [r[0] for r in parse_csv(done.stdout)[1:]] == expected_who(ref)


def test_missing_bundle_directory(activis, tmp_path):
    done = activis.run("-c", f"load {quoted(tmp_path / 'nowhere')}")
    assert done.returncode == 1, f"exit status {done.returncode}"
    assert done.stderr.splitlines()[0] == f"-c:1:6: error: {tmp_path / 'nowhere'}: no such bundle directory or manifest", \
        done.stderr


# ---------------------------------------------------------------------------
# Bad bundles: one clear message naming the file, non-zero exit, never a crash.


def edit_manifest(bundle, change):
    path = bundle / "activis.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def edit_csv(bundle, change):
    path = bundle / "instances.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")


def edit_graph(bundle, change):
    path = bundle / "graph.json"
    graph = json.loads(path.read_text())
    change(graph["nodes"])
    path.write_text(json.dumps(graph))


def replace_a(bundle, array):
    np.save(bundle / "activations" / "a.npy", array)


def first_field_to(lines, row, value):
    fields = lines[row].split(",")
    fields[0] = value
    lines[row] = ",".join(fields)
    return lines


def set_label(lines, value):
    header = lines[0].split(",")
    fields = lines[1].split(",")
    fields[header.index("label")] = value
    lines[1] = ",".join(fields)
    return lines


def add_cycle(nodes):
    nodes[0]["inputs"] = ["softmax"]
    nodes[0]["kind"] = "operator"


BAD_BUNDLES = {
    "missing manifest": (lambda b: (b / "activis.json").unlink(), ["activis.json"]),
    "newer major version": (lambda b: edit_manifest(b, lambda m: m.update(version=2)), ["version"]),
    "not a bundle format": (lambda b: edit_manifest(b, lambda m: m.update(format="zip")), ["activis.json"]),
    "rows do not add up": (lambda b: replace_a(b, np.load(b / "activations/a.npy")[:-1]), ["a.npy", "a"]),
    "truncated npy": (lambda b: os.truncate(b / "activations/a.npy", os.path.getsize(b / "activations/a.npy") - 7),
                      ["a.npy"]),
    "complex dtype": (lambda b: replace_a(b, np.load(b / "activations/a.npy").astype(np.complex64)), ["a.npy"]),
    "string dtype": (lambda b: replace_a(b, np.load(b / "activations/a.npy").astype("U8")), ["a.npy"]),
    "ragged csv row": (lambda b: edit_csv(b, lambda ls: ls[:2] + ["77,oops"] + ls[3:]), ["instances.csv"]),
    "duplicate id": (lambda b: edit_csv(b, lambda ls: first_field_to(ls, 2, ls[1].split(",")[0])),
                     ["instances.csv"]),
    "non-integer id": (lambda b: edit_csv(b, lambda ls: first_field_to(ls, 3, "x7")), ["instances.csv"]),
    "negative id": (lambda b: edit_csv(b, lambda ls: first_field_to(ls, 3, "-4")), ["instances.csv"]),
    "no id column": (lambda b: edit_csv(b, lambda ls: [ls[0].replace("id,", "key,", 1)] + ls[1:]),
                     ["instances.csv"]),
    "label not in classes": (lambda b: edit_csv(b, lambda ls: set_label(ls, "SPORT")), ["instances.csv"]),
    "path leaves bundle": (lambda b: edit_manifest(b, lambda m: m["layers"][0].update(file="../a.npy")),
                           ["activis.json", "../a.npy"]),
    "unknown graph node": (lambda b: edit_graph(b, lambda ns: ns[1].update(inputs=["ghost"])), ["graph.json"]),
    "graph cycle": (lambda b: edit_graph(b, add_cycle), ["graph.json"]),
}


@pytest.fixture(scope="module")
def small_bundle(tmp_path_factory):
    path = tmp_path_factory.mktemp("good") / "small"
    make_bundle(path, instances=40, layers=["a:5"], id_start=0)
    return path


def test_small_bundle_loads(activis, small_bundle):
    """The bundle the bad ones are spoiled from loads, so each refusal below is the spoiling's."""
    out = activis.csv(f"load {quoted(small_bundle)}; select layer a; matrix")
    assert [row[:2] for row in parse_csv(out)][0] == ["row", "size"]
    assert sum(int(row[1]) for row in parse_csv(out)[1:]) == 40


@pytest.mark.parametrize("case", sorted(BAD_BUNDLES))
def test_bad_bundle_is_refused(activis, small_bundle, tmp_path, case):
    corrupt, names = BAD_BUNDLES[case]
    bundle = tmp_path / "bad"
    shutil.copytree(small_bundle, bundle)
    if case == "path leaves bundle":
        shutil.copy(bundle / "activations" / "a.npy", tmp_path / "a.npy")
    corrupt(bundle)
    done = activis.run("-c", f"load {quoted(bundle)}; select layer a; matrix")
    assert done.returncode == 1, f"{case}: exit status {done.returncode} (negative = killed by a signal)"
    assert "error:" in done.stderr, f"{case}: no error message:\n{done.stderr}"
    assert any(name in done.stderr for name in names), f"{case}: message names none of {names}:\n{done.stderr}"
    assert done.stdout.strip() == "" or "row,size" not in done.stdout, f"{case}: printed a matrix anyway"


@pytest.mark.parametrize("example", ["first-look.avq", "views.avq", "subsets-by-field.avq", "questions.avq"])
def test_examples_run_on_a_generated_bundle(activis, tmp_path, example):
    """The examples that work on any demo bundle run to the end on one from make-bundle."""
    bundle = tmp_path / "b"
    make_bundle(bundle, instances=400, layers=["concat:64:float32", "fc:6:float32"], seed=3)
    script = Path(__file__).resolve().parents[2] / "examples" / example
    done = activis.run("-f", str(script), str(bundle), cwd=tmp_path)
    assert done.returncode == 0, f"{example}: exit {done.returncode}\n{done.stderr[-2000:]}"
    assert "error:" not in done.stderr, done.stderr[-2000:]


def test_layers_example_runs_against_an_early_checkpoint(activis, tmp_path):
    """examples/layers.avq (separability, suggest, matrix layers, diff, changed from) runs to the
    end on a generated bundle with a second one of the same ids beside it as its 'early
    checkpoint'."""
    layers = ["conv3:32:float32", "concat:64:float32", "fc:6:float32"]
    make_bundle(tmp_path / "trec-bundle", instances=400, layers=layers, seed=3, graph=False)
    make_bundle(tmp_path / "trec-bundle-epoch1", instances=400, layers=layers, seed=4, graph=False)
    script = Path(__file__).resolve().parents[2] / "examples" / "layers.avq"
    done = activis.run("-f", str(script), str(tmp_path / "trec-bundle"), cwd=tmp_path)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-2000:]}"
    assert "error:" not in done.stderr, done.stderr[-2000:]
    assert (tmp_path / "cka.svg").read_text().count("<rect") >= 9
    header = (tmp_path / "layers.csv").read_text().splitlines()[0].split(",")
    assert header[:3] == ["row", "size", header[2]] and sum(h.startswith("conv3:") for h in header) == 32
    assert sum(h.startswith("fc:") for h in header) == 6


def test_saved_session_replays_to_the_same_matrix(activis, tmp_path):
    """`save` writes a script; `activis -f` on it, from another directory, gives the same
    subsets and the same matrix (rows, sizes and means) as the session it was saved from."""
    bundle = tmp_path / "b"
    make_bundle(bundle, instances=300, layers=["concat:16:float32", "fc:6:float32"], seed=5)
    (tmp_path / "ids.txt").write_text("#3\n5\n8\n", encoding="utf-8")
    session = ('select layer concat; subset whatis = where text starts "What is"; subset few = from ids.txt; '
               "subsets by source; add #7; remove NUM; color by correct")
    first = activis.run("--format", "csv", "-c", session + "; save saved.avq; subsets; matrix", str(bundle),
                        cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    again = activis.run("--format", "csv", "-f", str(tmp_path / "saved.avq"), "-c", "subsets; matrix",
                        cwd=elsewhere)
    assert again.returncode == 0, again.stderr
    # The id list's definition is written with its absolute path; all else is the same.
    absolute = str((tmp_path / "ids.txt").resolve())
    assert again.stdout == first.stdout.replace('"from ""ids.txt"""', f'"from ""{absolute}"""')
