"""Runs a command sequence through the activis binary and through the reference
model, compares every printed result, replays every ``save``, and shrinks a
failing sequence to a minimal ``.avq``.

Output of ``activis --format json``: confirmation messages print nothing; each
``matrix``, ``subsets``, ``members``, ``neurons`` and ``project`` prints one JSON
document on one line, so the lines of standard output pair up with those commands.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model import INVALID, ModelError, Session, Statistics, simpler_commands
from sequences import snapshot

TIMEOUT = 60
DEFAULT_BIN = ".build/debug/activis"
REPO = Path(__file__).resolve().parents[2]


def find_binary() -> Path | None:
    """$ACTIVIS_BIN (relative to the cwd, then to the repository) or the debug build."""
    given = Path(os.environ.get("ACTIVIS_BIN", DEFAULT_BIN))
    for candidate in ([given] if given.is_absolute() else [Path.cwd() / given, REPO / given]):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate.resolve()
    return None


@dataclass
class Failure:
    """What went wrong: ``kind`` (for shrinking to the same failure), where and what."""

    kind: str
    index: int | None
    message: str

    def __str__(self) -> str:
        where = f" at command {self.index + 1}" if self.index is not None else ""
        return f"[{self.kind}]{where}: {self.message}"


# The binary's parsed-table cache goes to a directory of this run's own, never ~/.cache;
# sequences reopen the same bundles, so the oracle compares cached reads too.
CACHE_HOME = tempfile.mkdtemp(prefix="activis-oracle-cache-")
atexit.register(shutil.rmtree, CACHE_HOME, ignore_errors=True)


def run_binary(binary: Path, args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    """``activis --format json args…``; a run past TIMEOUT seconds comes back with
    exit status -1 and says so on standard error."""
    env = dict(os.environ, NO_COLOR="1", XDG_CACHE_HOME=CACHE_HOME)
    try:
        return subprocess.run([str(binary), "--format", "json", *args], capture_output=True, text=True,
                              encoding="utf-8", env=env, input=stdin, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(args, -1, "", f"oracle: timed out after {TIMEOUT} s")


def script_text(commands: list[str]) -> str:
    return "\n".join(c[len(INVALID):] if c.startswith(INVALID) else c for c in commands) + "\n"


def error_lines(stderr: str) -> list[int]:
    """The line numbers of `line:column: error:` diagnostics (interactive input)."""
    return [int(m.group(1)) for m in re.finditer(r"^(\d+):\d+: error:", stderr, re.MULTILINE)]


def json_lines(stdout: str) -> list[str]:
    """Results printed by the interactive shell: each line from its first '[' or '{'
    (the prompts before it dropped); lines with neither are prompts or the banner."""
    found = []
    for line in stdout.splitlines():
        starts = [k for k in (line.find("["), line.find("{")) if k >= 0]
        if starts:
            found.append(line[min(starts):])
    return found


def model_outputs(commands: list[str]) -> list[tuple[int, object]]:
    """The model's printed results, with the index of the command printing each;
    raises ModelError if the sequence is invalid. A save's entry carries the
    model's matrix (or None) and subsets at that moment."""
    session = Session()
    outputs = []
    for index, command in enumerate(commands):
        if command.startswith(INVALID):
            before = snapshot(session)
            try:
                session.execute(command[len(INVALID):])
            except ModelError:
                assert snapshot(session) == before, f"the model changed its state on an error: {command}"
                continue
            raise ModelError(f"expected an error, the model accepts: {command}")
        result = session.execute(command)
        if result is None:
            continue
        if result[0] == "save":
            matrix = session.cmd_matrix([], "matrix") if session.layer else None
            outputs.append((index, ("save", result[1], matrix, session.cmd_subsets([], "subsets"))))
        else:
            outputs.append((index, result))
    return outputs


def close(actual, expected: float, tolerance: float) -> bool:
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        return actual is None
    if actual is None:
        return False
    if tolerance == 0.0:    # a float32 value, printed in its shortest round-trip form
        return float(np.float32(actual)) == float(np.float32(expected))
    return abs(actual - expected) <= tolerance


def compare_matrix(printed: dict, expected: tuple) -> str | None:
    """None if the printed matrix matches the model's, else what differs."""
    _, layer, rows, columns = expected
    if printed.get("layer") != layer:
        return f"layer {printed.get('layer')!r}, expected {layer!r}"
    names = [f"n{j}" for j in columns]
    if printed.get("neurons") != names:
        return f"neurons {printed.get('neurons')}, expected {names}"
    got = [(r["row"], r["size"]) for r in printed["rows"]]
    want = [(r.label, r.size) for r in rows]
    if got != want:
        return f"rows (label, size) {got}, expected {want}"
    for actual, model in zip(printed["rows"], rows):
        if actual["kind"] != model.kind:
            return f"row {model.label}: kind {actual['kind']}, expected {model.kind}"
        problem = compare_row(actual, model, columns)
        if problem:
            return f"row {model.label} (size {model.size}): {problem}"
    return None


def compare_row(actual: dict, model: Statistics, columns: list[int]) -> str | None:
    """One row: the printed values (of ``columns``) against the model's."""
    for k, j in enumerate(columns):
        scale = abs(model.mean[j]) + (model.spread[j] if not math.isnan(model.spread[j]) else 0)
        checks = [("mean", model.mean[j], 1e-6 + 1e-5 * scale),
                  ("std", model.std[j], 1e-6 + 1e-5 * scale),
                  ("min", model.min[j], 0.0), ("max", model.max[j], 0.0)]
        for name, want, tolerance in checks:
            if not close(actual[name][k], want, tolerance):
                return f"neuron {j} {name} {actual[name][k]}, expected {want}"
    expected_nonfinite = None if model.nonfinite is None else [model.nonfinite[j] for j in columns]
    if actual.get("nonfinite") != expected_nonfinite:
        return f"nonfinite {actual.get('nonfinite')}, expected {expected_nonfinite}"
    return None


def significant_digits(text: str) -> int:
    """The significant digits of a decimal as written: '0.00120' → 3, '1200' → 2,
    '-1.25e-05' → 3."""
    mantissa = text.lstrip("-").lower().split("e")[0]
    digits = mantissa.replace(".", "").lstrip("0")
    if "." not in mantissa:
        digits = digits.rstrip("0")
    return max(1, len(digits))


def shortest_floats(line: str) -> str | None:
    """Every number of a matrix must be the shortest text that reads back as its
    float32 value: as many digits as numpy's unique scientific form."""
    numbers: list[str] = []
    json.loads(line, parse_float=lambda text: numbers.append(text) or float(text))
    for text in numbers:
        shortest = np.format_float_scientific(np.float32(text), unique=True, trim="-")
        if significant_digits(text) != significant_digits(shortest):
            return f"{text} is not the shortest form of its float32 value ({shortest})"
    return None


def compare_output(line: str, expected: tuple) -> str | None:
    try:
        printed = json.loads(line)
    except ValueError:
        return f"not JSON: {line[:200]!r}"
    kind = expected[0]
    if kind == "matrix":
        if not isinstance(printed, dict) or "rows" not in printed:
            return f"expected a matrix, got {line[:200]}"
        return compare_matrix(printed, expected) or shortest_floats(line)
    if kind == "subsets":
        # Names, sizes and accuracy; how a definition is spelled back is the implementation's choice.
        got = [(s["name"], s["size"]) for s in printed]
        want = [(name, size) for name, size, _, _ in expected[1]]
        if got != want:
            return f"subsets {got}, expected {want}"
        for printed_subset, (name, _, _, accuracy) in zip(printed, expected[1]):
            if not close(printed_subset.get("accuracy"), accuracy, 1e-12):
                return f"subset {name} accuracy {printed_subset.get('accuracy')}, expected {accuracy}"
        return None
    if kind == "members":
        got = [m["id"] for m in printed]
        want = expected[1]
        return None if got == want else f"members {got[:30]}… ({len(got)}), expected {want[:30]}… ({len(want)})"
    if kind == "compare":
        # Ranked by a measure, ties in neuron order; near-ties of the measure may swap.
        want, ranking = expected[1], expected[2]
        got = [(r["neuron"], r["difference"], r["effect"], r["auroc"]) for r in printed]
        if len(got) != len(want):
            return f"compare {len(got)} neurons, expected {len(want)}"
        by_name = {w[0]: w for w in want}
        for (name, difference, effect, auroc), w in zip(got, want):
            if name != w[0]:
                other = by_name.get(name)
                measure = {"difference": 1, "effect": 2, "auroc": 3}[ranking]
                if other is None or not math.isclose(abs(other[measure] - (0.5 if measure == 3 else 0)),
                                                     abs(w[measure] - (0.5 if measure == 3 else 0)),
                                                     rel_tol=1e-5, abs_tol=1e-6):
                    return f"compare neurons {[g[0] for g in got]}, expected {[x[0] for x in want]}"
                w = other
            if not close(difference, w[1], 1e-5 * (1 + abs(w[1]))):
                return f"compare {name} difference {difference}, expected {w[1]}"
            if not close(effect, w[2] if not math.isnan(w[2]) else None, 1e-4 * (1 + abs(w[2]) if not math.isnan(w[2]) else 1)):
                return f"compare {name} effect {effect}, expected {w[2]}"
            if not close(auroc, w[3] if not math.isnan(w[3]) else None, 1e-12):
                return f"compare {name} auroc {auroc}, expected {w[3]}"
        return None
    if kind == "neighbors":
        got = [(r["id"], r["distance"]) for r in printed]
        want = expected[1]
        if len(got) != len(want):
            return f"neighbors {len(got)} rows, expected {len(want)}"
        by_id = dict(want)
        for (gid, gdist), (wid, wdist) in zip(got, want):
            if not close(gdist, wdist, 1e-9 * (1 + abs(wdist))):
                return f"neighbor distance {gdist}, expected {wdist}"
            # A different id is right only where the model's distances tie.
            if gid != wid and not (gid in by_id and abs(by_id[gid] - wdist) <= 1e-9 * (1 + abs(wdist))):
                return f"neighbors {[g[0] for g in got]}, expected {[w[0] for w in want]}"
        return None
    if kind == "diff":
        got = [(r["layer"], r["neurons"], r["other_neurons"], r["cka"]) for r in printed]
        if [g[:3] for g in got] != [w[:3] for w in expected[1]]:
            return f"diff layers {[g[:3] for g in got]}, expected {[w[:3] for w in expected[1]]}"
        for (layer, _, _, cka), (_, _, _, want) in zip(got, expected[1]):
            if (cka is None) != (want is None) or (want is not None and abs(cka - want) > 1e-6):
                return f"diff {layer} cka {cka}, expected {want}"
        return None
    if kind == "diff_all":
        want_rows, columns = expected[1], expected[2]
        if [r["layer"] for r in printed] != [w[0] for w in want_rows] or (printed and list(printed[0])[1:] != columns):
            return f"diff all layout {printed[:1]}, expected {want_rows[:1]} × {columns}"
        for row, (layer, wants) in zip(printed, want_rows):
            for column, want in zip(columns, wants):
                got = row[column]
                if (got is None) != (want is None) or (want is not None and abs(got - want) > 1e-6):
                    return f"diff all {layer} × {column}: {got}, expected {want}"
        return None
    if kind == "separability":
        # Layers and neurons exactly; the silhouette to float32 distances; the probe
        # against the model's exact optimum on the same folds, within 2 points (or 2
        # instances, on small sets).
        got = [(r["layer"], r["neurons"], r["probe_accuracy"], r["silhouette"]) for r in printed]
        want = expected[1]
        if [g[:2] for g in got] != [(w[0], w[1]) for w in want]:
            return f"separability layers {[g[:2] for g in got]}, expected {[(w[0], w[1]) for w in want]}"
        for (name, _, accuracy, silhouette), (_, _, model_accuracy, model_silhouette, rows) in zip(got, want):
            if not close(silhouette, model_silhouette, 1e-5):
                return f"separability {name} silhouette {silhouette}, expected {model_silhouette}"
            if not close(accuracy, model_accuracy, max(0.02, 2.0 / rows) + 1e-9):
                return f"separability {name} probe accuracy {accuracy}, expected {model_accuracy}"
        return None
    if kind == "suggest":
        # Each printed definition, evaluated by the model's own predicates, selects
        # 'size' instances with that accuracy; the divergences are the model's best.
        want, check = expected[1], expected[2]
        if len(printed) != len(want):
            return f"suggest {len(printed)} rows, expected {len(want)}"
        for row, model_divergence in zip(printed, want):
            size, accuracy, divergence = check(row["definition"])
            if (row["size"], row["accuracy"]) != (size, accuracy):
                return f"suggest {row['definition']}: size, accuracy {row['size']}, {row['accuracy']}; expected {size}, {accuracy}"
            for value, reference in ((row["divergence"], divergence), (row["divergence"], model_divergence)):
                if (value is None) != (reference is None) or (
                        value is not None and abs(value * value - reference * reference) > 1e-5 * (1 + reference)):
                    return f"suggest {row['definition']} divergence {value}, expected {reference}"
        return None
    if kind == "confusion":
        got = [(r["label"], [r[c] for c in r if c != "label"]) for r in printed]
        return None if got == expected[1] else f"confusion {got}, expected {expected[1]}"
    if kind == "top":
        got = [(r["id"], r["activation"]) for r in printed]
        want = expected[1]
        if [g[0] for g in got] != [w[0] for w in want]:
            return f"top ids {[g[0] for g in got]}, expected {[w[0] for w in want]}"
        for (_, value), (_, expected_value) in zip(got, want):
            if not math.isfinite(expected_value):   # JSON writes ±inf as null
                if value is not None:
                    return f"top activation {value}, expected {expected_value} (null in JSON)"
                continue
            if not close(value, expected_value, 0.0):
                return f"top activation {value}, expected {expected_value}"
        return None
    if kind == "neurons":
        if [r["neuron"] for r in printed] != [r[0] for r in expected[1]]:
            return f"neurons {[r['neuron'] for r in printed]}, expected {[r[0] for r in expected[1]]}"
        for actual, (name, mean, std, low, high, dead, separation, spread) in zip(printed, expected[1]):
            scale = abs(mean) + (spread if not math.isnan(spread) else 0)
            checks = [("mean", mean, 1e-6 + 1e-5 * scale), ("std", std, 1e-6 + 1e-5 * scale), ("min", low, 0.0),
                      ("max", high, 0.0), ("dead", dead, 1e-6)]
            if separation is not None:
                checks.append(("separation", separation, 1e-4))
            for field, want, tolerance in checks:
                if not close(actual[field], want, tolerance):
                    return f"{name} {field} {actual[field]}, expected {want}"
        return None
    if kind == "projection":
        if not isinstance(printed, dict) or "points" not in printed:
            return f"expected a projection, got {line[:200]}"
        points = printed["points"]
        distinct = len({(p["x"], p["y"]) for p in points})
        if len(points) != expected[1]:
            return f"{len(points)} points, expected {expected[1]} (the instances with finite activations)"
        if distinct < 0.9 * expected[2]:
            return f"{distinct} distinct points of {len(points)}, expected about {expected[2]} (distinct rows)"
        return None
    return f"unknown expectation {kind}"


def error_line(stderr: str) -> int | None:
    """The 1-based line of the first `file:line:column: error:`."""
    for text in stderr.splitlines():
        if ": error:" in text:
            parts = text.split(": error:")[0].rsplit(":", 2)
            if len(parts) == 3 and parts[1].isdigit():
                return int(parts[1])
    return None


def check(binary: Path, commands: list[str], workdir: Path, byte_exact: bool = True) -> Failure | None:
    """Runs ``commands`` in one activis process and each saved script in a fresh
    one; returns the first difference from the model, or None. With ``byte_exact``
    a replayed matrix must print the same bytes as the session's ``matrix`` right
    after the ``save``; without it, the same values within tolerance."""
    outputs = model_outputs(commands)      # ModelError: an invalid sequence
    workdir.mkdir(parents=True, exist_ok=True)
    for _, expected in outputs:
        if expected[0] == "save":
            Path(expected[1]).parent.mkdir(parents=True, exist_ok=True)
    script = workdir / "sequence.avq"
    script.write_text(script_text(commands))
    invalid = [k + 1 for k, c in enumerate(commands) if c.startswith(INVALID)]
    if invalid:
        # Interactive input carries on after an error: each refused command must fail
        # alone, and what follows must see the session unchanged.
        done = run_binary(binary, ["-i"], stdin=script.read_text())
        refused = error_lines(done.stderr)
        if done.returncode != 0:
            return Failure("exit", None, f"interactive run exited {done.returncode}: {done.stderr.strip()[-600:]}")
        if refused != invalid:
            accepted = [n for n in invalid if n not in refused]
            unexpected = [n for n in refused if n not in invalid]
            index = min(accepted + unexpected) - 1      # the first line that went wrong
            kind = "invalid-accepted" if index + 1 in accepted else f"error:{commands[index].split()[0]}"
            return Failure(kind, index,
                           f"errors on lines {refused}, expected on {invalid}:\n{done.stderr.strip()[:600]}")
        lines = json_lines(done.stdout)
    else:
        done = run_binary(binary, ["-f", str(script)])
        lines = None
    if lines is None and (done.returncode != 0 or "error:" in done.stderr):
        line = error_line(done.stderr)
        index = line - 1 if line else None
        head = commands[index].split()[0] if index is not None and index < len(commands) else "?"
        return Failure(f"error:{head}", index, f"exit {done.returncode}: {done.stderr.strip()[:600]}")
    if lines is None:
        lines = done.stdout.splitlines()
    printing = [(i, e) for i, e in outputs if e[0] != "save"]
    if len(lines) != len(printing):
        return Failure("output-count", None, f"{len(lines)} results printed, the model expects {len(printing)}")
    printed_by_command = {}
    for line, (index, expected) in zip(lines, printing):
        printed_by_command[index] = line
        problem = compare_output(line, expected)
        if problem:
            return Failure(expected[0], index, problem)
    for index, (kind, path, matrix, subsets) in ((i, e) for i, e in outputs if e[0] == "save"):
        failure = check_replay(binary, commands, index, path, matrix, subsets, printed_by_command, byte_exact)
        if failure:
            return failure
    return None


def check_replay(binary, commands, index, path, matrix, subsets, printed_by_command, byte_exact) -> Failure | None:
    """`activis -f saved.avq` then `matrix` and `subsets` must give the session's."""
    args = ["-f", path] + (["-c", "matrix"] if matrix else []) + ["-c", "subsets"]
    done = run_binary(binary, args)
    if done.returncode != 0 or "error:" in done.stderr:
        return Failure("replay-error", index, f"replaying {path}: exit {done.returncode}: {done.stderr.strip()[:600]}")
    lines = done.stdout.splitlines()
    if len(lines) != (2 if matrix else 1):
        return Failure("replay-output", index, f"replay printed {len(lines)} results")
    if matrix:
        following = commands[index + 1] if index + 1 < len(commands) else None
        original = printed_by_command.get(index + 1) if following == "matrix" else None
        if byte_exact and original is not None and original != lines[0]:
            problem = compare_output(lines[0], matrix)
            kind = "replay-matrix" if problem else "replay-bytes"
            return Failure(kind, index, "replayed matrix differs from the session's: "
                           f"{problem or 'same values, other bytes'}"
                           f"\n  session: {original[:400]}\n  replay:  {lines[0][:400]}")
        problem = compare_output(lines[0], matrix)
        if problem:
            return Failure("replay-matrix", index, problem)
    got = [(s["name"], s["size"]) for s in json.loads(lines[-1])]
    want = [(name, size) for name, size, *_ in subsets[1]]
    if got != want:
        return Failure("replay-subsets", index, f"replayed subsets {got}, session has {want}")
    return None


def shrink(binary: Path, commands: list[str], failure: Failure, workdir: Path, budget: int = 400,
           byte_exact: bool = True) -> list[str]:
    """Delta debugging: drops chunks, then single commands, while the sequence stays
    valid for the model and fails with the same kind (a sequence must start with a
    ``load``; the model refuses anything else first)."""
    tries = 0

    def still_fails(candidate: list[str]) -> bool:
        nonlocal tries
        tries += 1
        try:
            result = check(binary, candidate, workdir, byte_exact)
        except ModelError:
            return False
        return result is not None and result.kind == failure.kind

    current = list(commands)
    if failure.index is not None and failure.kind.startswith(("error", "matrix", "subsets", "members", "projection")):
        # Nothing after the failing command matters (a replay failure needs the commands after the save).
        candidate = current[: failure.index + 1]
        if candidate != current and still_fails(candidate):
            current = candidate
    chunk = max(1, len(current) // 2)
    while chunk >= 1 and tries < budget:
        start, changed = 0, False
        while start < len(current) and tries < budget:
            candidate = current[:start] + current[start + chunk:]
            if still_fails(candidate):
                current, changed = candidate, True
            else:
                start += chunk
        if not changed:
            chunk //= 2
    # Then smaller predicates, each subset definition in turn.
    k = 0
    while k < len(current) and tries < budget:
        for candidate_line in simpler_commands(current[k]):
            candidate = current[:k] + [candidate_line] + current[k + 1:]
            if tries < budget and still_fails(candidate):
                current = candidate
                break
        else:
            k += 1
    return current
