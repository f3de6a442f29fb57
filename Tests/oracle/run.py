#!/usr/bin/env python3
"""The differential oracle from the command line.

    python3 Tests/oracle/run.py --sequences 5000            # seed from the date
    python3 Tests/oracle/run.py --seed 42 --only 17          # one sequence again
    python3 Tests/oracle/run.py --variants basic --avoid-known-bugs
    python3 Tests/oracle/run.py --make-bundle 'seed=7 n=120 layers=hidden1:float32:6' /tmp/b
    python3 Tests/oracle/run.py --regressions                # the .test files

The binary is $ACTIVIS_BIN or .build/debug/activis. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bundles import VARIANTS, BundleSpec, variants_from_env, write_bundle  # noqa: E402
from harness import find_binary  # noqa: E402
from oracle import Settings, run  # noqa: E402
from sequences import KNOWN_BUGS  # noqa: E402


def date_seed() -> int:
    """Today's date as a number (20261205): a seed that rotates daily."""
    return int(datetime.date.today().strftime("%Y%m%d"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=int(os.environ.get("ORACLE_SEED", date_seed())))
    parser.add_argument("--sequences", type=int, default=int(os.environ.get("ORACLE_SEQUENCES", 500)))
    parser.add_argument("--variants", choices=list(VARIANTS), default=variants_from_env())
    parser.add_argument("--avoid-known-bugs", action="store_true",
                        help=f"steer around every known bug ({', '.join(KNOWN_BUGS)})")
    parser.add_argument("--avoid", default="", metavar="BUGS",
                        help="steer around these known bugs (comma-separated, e.g. replay-bytes)")
    parser.add_argument("--only", type=int, help="run only this sequence of the run")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("ORACLE_OUT", "/tmp/activis-oracle")))
    parser.add_argument("--make-bundle", nargs=2, metavar=("SPEC", "DIR"))
    parser.add_argument("--regressions", nargs="*", metavar="FILE", help="run .test files (default: all)")
    parser.add_argument("--complete", nargs="+", metavar="FILE",
                        help="rewrite the expected blocks of .test files from the reference model")
    args = parser.parse_args()
    if args.make_bundle:
        spec = BundleSpec.parse(args.make_bundle[0])
        print(write_bundle(spec, Path(args.make_bundle[1])))
        return 0
    if args.complete or args.regressions is not None:
        import regressions
        if args.complete:
            for path in args.complete:
                regressions.complete(Path(path), args.out)
                print(f"completed {path} from the model")
            return 0
        binary = find_binary()
        if binary is None:
            print("activis binary not found: build it or set ACTIVIS_BIN", file=sys.stderr)
            return 2
        files = [Path(p) for p in args.regressions] or sorted(regressions.DIRECTORY.glob("*.test"))
        failed = 0
        for path in files:
            problem = regressions.run_file(binary, path, args.out)
            print(f"{'FAIL' if problem else 'ok  '} {path.name}" + (f"\n{problem}" if problem else ""))
            failed += bool(problem)
        return 1 if failed else 0
    binary = find_binary()
    if binary is None:
        print("activis binary not found: build it or set ACTIVIS_BIN", file=sys.stderr)
        return 2
    avoid = set(KNOWN_BUGS) if args.avoid_known_bugs else {b for b in args.avoid.split(",") if b}
    unknown = avoid - set(KNOWN_BUGS)
    if unknown:
        parser.error(f"unknown bugs {sorted(unknown)}; known: {', '.join(KNOWN_BUGS)}")
    count = f"sequence {args.only}" if args.only is not None else f"{args.sequences} sequences"
    print(f"oracle: binary {binary}, seed {args.seed} (ORACLE_SEED), {count}")
    settings = Settings(seed=args.seed, sequences=args.sequences, variants=args.variants,
                        avoid=avoid, out=args.out, jobs=args.jobs,
                        only=args.only)
    result = run(binary, settings)
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
