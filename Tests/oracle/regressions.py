"""Regression files, sqllogictest style: ``Tests/oracle/regressions/*.test``.

A file declares its bundles by generator parameters, then lists commands::

    # what the file checks; '#' lines are comments
    # xfail: <bug> — why it fails today (the suite marks the file xfail, not strict)
    bundle main seed=101 n=150 classes=3 layers=hidden1:float32:4,hidden2:float32:3
    bundle other seed=102 n=60 classes=3 layers=feat:float32:2

    load main                  <- a declared bundle name stands for its path
    subsets by length bins 5
    matrix
    ----
    ABBR class 50 mean=… std=… min=… max=…
    (one line per row; a blank line ends the block)

    save $TMP/session.avq      <- $TMP is a fresh directory for each run
    @replay $TMP/session.avq   <- the commands after it run in a new process:
    subsets                       activis -f $TMP/session.avq -c subsets …
    ----
    hot 23

A command followed by ``----`` prints a result that must match the block:
in a ``@replay`` segment, the block ``same as session`` asks a ``matrix`` for the very
bytes the session's last ``matrix`` printed (the model has no say in it);
``matrix`` a line per row (label, kind, size, then mean/std/min/max per neuron,
7 significant digits), ``subsets`` a ``name size`` line per subset, ``members`` the
ids (10 a line), ``project pca`` ``points <n> distinct <d>`` (at least 90% of the
distinct rows must land on distinct points). Other commands must succeed.

The blocks come from the reference model (``run.py --complete FILE`` rewrites them;
the model replays a ``@replay`` segment on its state at the ``save``), never from
the binary. Tolerances: 1e-5 relative + 1e-6 absolute.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bundles import BundleSpec, write_bundle
from harness import run_binary
from model import Session, quote
from sequences import restore, snapshot

DIRECTORY = Path(__file__).resolve().parent / "regressions"


@dataclass
class Step:
    command: str
    expected: list[str] | None = None     # the block, or None for "must succeed"
    comment: bool = False                  # a '#' line between commands, kept by --complete


@dataclass
class Segment:
    replay: str | None                     # None: the main session; else the saved file
    steps: list[Step] = field(default_factory=list)


@dataclass
class TestFile:
    path: Path
    header: list[str]
    bundles: dict[str, str]
    segments: list[Segment]
    xfail: str | None


def parse(path: Path) -> TestFile:
    lines = path.read_text().splitlines()
    header, bundles, segments, xfail = [], {}, [Segment(None)], None
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        i += 1
        if stripped.startswith("#") or not stripped:
            if stripped.lower().startswith("# xfail:"):
                xfail = stripped.split(":", 1)[1].strip()
            if not bundles and not segments[0].steps:
                header.append(line)
            elif stripped:
                segments[-1].steps.append(Step(stripped, comment=True))
            continue
        if stripped.startswith("bundle "):
            _, name, spec = stripped.split(" ", 2)
            bundles[name] = spec
            continue
        if stripped.startswith("@replay "):
            segments.append(Segment(stripped.split(" ", 1)[1]))
            continue
        step = Step(stripped)
        if i < len(lines) and lines[i].strip() == "----":
            i += 1
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i].strip())
                i += 1
            step.expected = block
        segments[-1].steps.append(step)
    return TestFile(path, header, bundles, segments, xfail)


def prepare(test: TestFile, out: Path) -> tuple[dict[str, str], Path]:
    """Writes the bundles; returns the substitutions and the $TMP directory."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=test.path.stem + "-", dir=out))
    paths = {}
    for name, spec_text in test.bundles.items():
        spec = BundleSpec.parse(spec_text)
        paths[name] = str(write_bundle(spec, tmp / f"bundle-{name}"))
    return paths, tmp


def substitute(command: str, paths: dict[str, str], tmp: Path) -> str:
    command = command.replace("$TMP", str(tmp))
    words = command.split(None, 1)
    if words[0].lower() == "load" and len(words) == 2 and words[1] in paths:
        return f"load {quote(paths[words[1]])}"
    return command


# ---------------------------------------------------------------------------
# Blocks

def g(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "nan"
    return f"{value:.7g}"


def render(result: tuple) -> list[str]:
    """A model result as block lines."""
    kind = result[0]
    if kind == "matrix":
        return [f"{r.label} {r.kind} {r.size} " + " ".join(
            f"{name}=" + ",".join(g(v) for v in getattr(r, name)) for name in ("mean", "std", "min", "max"))
            for r in result[2]]
    if kind == "subsets":
        return [f"{name} {size}" for name, size, *_ in result[1]]
    if kind == "members":
        ids = [str(i) for i in result[1]]
        return [" ".join(ids[k:k + 10]) for k in range(0, len(ids), 10)]
    if kind == "projection":
        return [f"points {result[1]} distinct {result[2]}"]
    raise ValueError(kind)


def render_printed(command: str, line: str) -> list[str]:
    """A printed JSON result in the block form, for comparison and messages."""
    printed = json.loads(line)
    head = command.split()[0].lower()
    if head == "matrix":
        return [f"{r['row']} {r['kind']} {r['size']} " + " ".join(
            f"{name}=" + ",".join(g(v) for v in r[name]) for name in ("mean", "std", "min", "max"))
            for r in printed["rows"]]
    if head == "subsets":
        return [f"{s['name']} {s['size']}" for s in printed]
    if head == "members":
        ids = [str(m["id"]) for m in printed]
        return [" ".join(ids[k:k + 10]) for k in range(0, len(ids), 10)]
    if head == "project":
        return [f"points {len(printed['points'])} distinct {len({(p['x'], p['y']) for p in printed['points']})}"]
    raise ValueError(head)


def blocks_match(command: str, got: list[str], want: list[str]) -> bool:
    if command.split()[0].lower() == "project":
        (n1, d1), (n2, d2) = [tuple(int(x) for x in re.findall(r"\d+", b[0])) for b in (got, want)]
        return n1 == n2 and d1 >= 0.9 * d2
    if len(got) != len(want):
        return False
    for a, b in zip(got, want):
        ta, tb = a.split(), b.split()
        if len(ta) != len(tb):
            return False
        for x, y in zip(ta, tb):
            if x == y:
                continue
            key_x, _, vx = x.rpartition("=")
            key_y, _, vy = y.rpartition("=")
            if key_x != key_y:
                return False
            for p, q in zip(vx.split(","), vy.split(",")):
                if p == q:
                    continue
                try:
                    fp, fq = float(p), float(q)
                except ValueError:
                    return False
                if not abs(fp - fq) <= 1e-6 + 1e-5 * abs(fq):
                    return False
    return True


# ---------------------------------------------------------------------------
# Running and completing

def prints(command: str) -> bool:
    """Whether the command prints a result in JSON format."""
    words = command.lower().split()
    return words[0] in ("matrix", "members", "project") or words == ["subsets"]


SAME = ["same as session"]


def run_file(binary: Path, path: Path, out: Path) -> str | None:
    """None if the binary gives every expected block, else what differs."""
    test = parse(path)
    paths, tmp = prepare(test, out)
    session_matrix = None
    for segment in test.segments:
        steps = [step for step in segment.steps if not step.comment]
        commands = [substitute(step.command, paths, tmp) for step in steps]
        args = (["-f", substitute(segment.replay, paths, tmp)] if segment.replay else [])
        script = tmp / f"segment-{test.segments.index(segment)}.avq"
        script.write_text("\n".join(commands) + "\n")
        done = run_binary(binary, args + ["-f", str(script)])
        where = f"replay of {segment.replay}" if segment.replay else "session"
        if done.returncode != 0 or "error:" in done.stderr:
            return f"{path.name} ({where}): activis exited {done.returncode}:\n{done.stderr.strip()}"
        lines = done.stdout.splitlines()
        printing = [s for s in steps if prints(s.command)]
        if len(lines) != len(printing):
            return f"{path.name} ({where}): {len(lines)} results printed, {len(printing)} expected"
        for step, line in zip(printing, lines):
            if segment.replay is None and step.command.split()[0].lower() == "matrix":
                session_matrix = line
            if step.expected == SAME:
                if line != session_matrix:
                    return (f"{path.name} ({where}): '{step.command}' printed other bytes than the session:\n"
                            f"  session: {session_matrix}\n  replay:  {line}")
                continue
            if step.expected is None:
                continue
            got = render_printed(step.command, line)
            if not blocks_match(step.command, got, step.expected):
                return (f"{path.name} ({where}): '{step.command}' printed\n    " + "\n    ".join(got)
                        + "\n  expected (reference model)\n    " + "\n    ".join(step.expected))
    return None


def model_blocks(test: TestFile, paths: dict[str, str], tmp: Path) -> list[list[list[str] | None]]:
    """The model's block for every step (None where the command prints nothing)."""
    session = Session()
    saved = {}
    blocks = []
    for segment in test.segments:
        if segment.replay is not None:
            restore(session, saved[substitute(segment.replay, paths, tmp)])
        seg_blocks = []
        for step in segment.steps:
            if step.comment:
                seg_blocks.append(None)
                continue
            result = session.execute(substitute(step.command, paths, tmp))
            if result is not None and result[0] == "save":
                saved[result[1]] = snapshot(session)
                result = None
            seg_blocks.append(render(result) if result is not None else None)
        blocks.append(seg_blocks)
    return blocks


def model_problem(path: Path, out: Path) -> str | None:
    """None if the file's blocks are what the model computes."""
    test = parse(path)
    paths, tmp = prepare(test, out)
    for segment, blocks in zip(test.segments, model_blocks(test, paths, tmp)):
        for step, block in zip(segment.steps, blocks):
            if step.expected not in (None, SAME) and not blocks_match(step.command, step.expected, block or []):
                return f"{path.name}: '{step.command}': the model computes\n    " + "\n    ".join(block or [])
    return None


def complete(path: Path, out: Path) -> None:
    """Rewrites the expected blocks of the file (of the commands that print) from the model."""
    test = parse(path)
    paths, tmp = prepare(test, out)
    blocks = model_blocks(test, paths, tmp)
    lines = list(test.header)
    if lines and lines[-1].strip():
        lines.append("")
    lines += [f"bundle {name} {spec}" for name, spec in test.bundles.items()] + [""]
    for segment, seg_blocks in zip(test.segments, blocks):
        if segment.replay is not None:
            lines.append(f"@replay {segment.replay}")
        for step, block in zip(segment.steps, seg_blocks):
            if step.comment and lines[-1].strip() and not lines[-1].startswith("#"):
                lines.append("")
            lines.append(step.command)
            if step.expected == SAME:
                lines += ["----", *SAME, ""]
            elif block is not None:
                lines += ["----", *block, ""]
    path.write_text("\n".join(lines).rstrip("\n") + "\n")
