"""One oracle run: a pool of random bundles, many random sequences, each compared
with the reference model, failures shrunk to minimal ``.avq`` reproductions.

Sequence ``i`` of run seed ``R`` has seed ``R * 1_000_000 + i`` and uses bundles
``R``-derived; ``python3 Tests/oracle/run.py --seed R --only i`` runs it again.
"""

from __future__ import annotations

import random
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bundles import BundleSpec, write_bundle, write_checkpoint
from harness import Failure, check, shrink
from sequences import generate

POOL = 6   # bundle pairs per run


@dataclass
class Settings:
    seed: int
    sequences: int = 200
    variants: str = "all"
    avoid: set[str] = field(default_factory=set)
    out: Path = Path("/tmp/activis-oracle")
    jobs: int = 2
    shrink_budget: int = 300
    shrink_kinds: int = 8        # shrink the first failure of at most this many kinds
    only: int | None = None


@dataclass
class Result:
    ran: int = 0
    failures: list[tuple[int, Failure, Path | None]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        kinds: dict[str, int] = {}
        for _, failure, _ in self.failures:
            kinds[failure.kind] = kinds.get(failure.kind, 0) + 1
        text = f"{self.ran} sequences, {len(self.failures)} failed in {self.seconds:.1f} s"
        if kinds:
            text += " (" + ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items())) + ")"
        return text


def bundle_pool(settings: Settings, root: Path) -> list[dict[str, Path]]:
    """POOL pairs (main, other) of bundles, and a checkpoint of each main bundle (same ids, for
    ``diff``), written under ``root/bundles``."""
    rng = random.Random(settings.seed)
    pairs = []
    for k in range(POOL):
        main = BundleSpec.random(rng.randrange(10**9), settings.variants)
        other = BundleSpec.random(rng.randrange(10**9), settings.variants, layer_count=rng.choice([1, 2, 3]))
        pair = {}
        for role, spec in (("main", main), ("other", other)):
            path = root / "bundles" / f"{k}-{role}-{spec.seed}"
            shutil.rmtree(path, ignore_errors=True)   # always fresh: the generator may have changed
            write_bundle(spec, path)
            (path.parent / f"{path.name}.spec").write_text(spec.text() + "\n")
            pair[role] = path
        checkpoint = root / "bundles" / f"{k}-checkpoint-{main.seed}"
        shutil.rmtree(checkpoint, ignore_errors=True)
        write_checkpoint(pair["main"], checkpoint, main.seed + 1)
        (checkpoint.parent / f"{checkpoint.name}.spec").write_text(f"checkpoint of {pair['main'].name}\n")
        pair["checkpoint"] = checkpoint
        pairs.append(pair)
    return pairs


def write_repro(path: Path, commands: list[str], failure: Failure, settings: Settings, index: int,
                bundles: dict[str, Path]) -> None:
    """The minimal script, with how it was found as comments."""
    specs = [f"--   {role}: {p} ({(p.parent / (p.name + '.spec')).read_text().strip()})" for role, p in bundles.items()]
    header = [f"-- activis oracle: minimal reproduction of {failure.kind}",
              f"-- run seed {settings.seed}, sequence {index}, variants {settings.variants}",
              f"-- again: python3 Tests/oracle/run.py --seed {settings.seed} --only {index} "
              f"--variants {settings.variants}",
              "-- bundles (regenerate with Tests/oracle/run.py --make-bundle '<spec>' <dir>):", *specs,
              *("-- " + line for line in str(failure).splitlines()[:12])]
    path.write_text("\n".join(header + commands) + "\n")


def run(binary: Path, settings: Settings, log=print) -> Result:
    root = settings.out / f"run-{settings.seed}-{settings.variants}"
    if root.exists():
        shutil.rmtree(root / "work", ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    pairs = bundle_pool(settings, root)
    indices = [settings.only] if settings.only is not None else list(range(settings.sequences))
    result = Result()
    started = time.monotonic()
    byte_exact = "replay-bytes" not in settings.avoid

    def one(i: int):
        seed = settings.seed * 1_000_000 + i
        bundles = pairs[i % POOL]
        work = root / "work" / str(i)
        commands = generate(seed, bundles, work / "saves", avoid=settings.avoid)
        return i, bundles, commands, check(binary, commands, work, byte_exact)

    with ThreadPoolExecutor(max_workers=settings.jobs) as pool:
        outcomes = list(pool.map(one, indices))
    shrunk_kinds: set[str] = set()
    for i, bundles, commands, failure in outcomes:
        result.ran += 1
        if failure is None:
            continue
        repro = None
        if failure.kind not in shrunk_kinds and len(shrunk_kinds) < settings.shrink_kinds:
            shrunk_kinds.add(failure.kind)
            work = root / "work" / f"{i}-shrink"
            minimal = shrink(binary, commands, failure, work, budget=settings.shrink_budget, byte_exact=byte_exact)
            final = check(binary, minimal, work, byte_exact) or failure
            repro = root / "failures" / f"{failure.kind.replace(':', '-')}-{i}.avq"
            repro.parent.mkdir(parents=True, exist_ok=True)
            write_repro(repro, minimal, final, settings, i, bundles)
            specs = ", ".join(p.name.split("-")[-1] for p in bundles.values())
            log(f"FAIL sequence {i} (run seed {settings.seed}, bundle seeds {specs}) {final}\n"
                f"  {len(commands)} commands shrunk to "
                f"{len(minimal)}: {repro}\n    " + "\n    ".join(minimal))
        result.failures.append((i, failure, repro))
    result.seconds = time.monotonic() - started
    log(f"oracle seed {settings.seed}, variants {settings.variants}, avoiding {sorted(settings.avoid) or 'nothing'}: "
        + result.summary())
    return result
