"""``python -m activis.spark SOURCE OUT [options]``: see ``--help``."""

from __future__ import annotations

import argparse
import sys

from .job import SparkExportError, export


def _pair(text: str, what: str) -> tuple[str, str]:
    name, separator, value = text.partition("=")
    if not separator or not name or not value:
        raise argparse.ArgumentTypeError(f"expected {what}, got '{text}'")
    return name, value


def parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="python -m activis.spark",
        description="Exact class and subset aggregates over every row with Apache Spark, and a stratified "
                    "sample of instances, written as an activis bundle.")
    command.add_argument("source", metavar="SOURCE", help="a Parquet file or directory, or table:NAME")
    command.add_argument("out", metavar="OUT", help="the bundle directory to write (replaced if it is a bundle)")
    command.add_argument("--layer", action="append", default=[], metavar="NAME=COLUMN", required=True,
                         type=lambda t: _pair(t, "NAME=COLUMN"), help="a layer and its array<float> column")
    command.add_argument("--classes", metavar="A,B,…", help="the class order (default: sorted labels)")
    command.add_argument("--subset", action="append", default=[], metavar="NAME=SQL",
                         type=lambda t: _pair(t, "NAME=SQL"), help="a subset as a Spark SQL condition")
    command.add_argument("--sample", type=int, default=10000, metavar="N", help="instances in the sample (10000)")
    command.add_argument("--seed", type=int, default=0, metavar="S", help="the sample's seed (0)")
    command.add_argument("--master", metavar="URL",
                         help="Spark master (default: the one spark-submit set, else local[*])")
    command.add_argument("--name", help="the bundle's name (default: OUT's directory name)")
    return command


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    for option, pairs in (("--layer", arguments.layer), ("--subset", arguments.subset)):
        names = [name for name, _ in pairs]
        repeated = {name for name in names if names.count(name) > 1}
        if repeated:
            print(f"activis.spark: error: {option} {sorted(repeated)[0]} is given twice", file=sys.stderr)
            return 2
    classes = arguments.classes.split(",") if arguments.classes else None
    try:
        summary = export(arguments.source, arguments.out, dict(arguments.layer), classes=classes,
                         subsets=dict(arguments.subset), sample=arguments.sample, seed=arguments.seed,
                         master=arguments.master, name=arguments.name)
    except SparkExportError as error:
        print(f"activis.spark: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {summary.path}: aggregates over {summary.rows} rows ({len(summary.classes)} classes, "
          f"{len(summary.subsets)} subsets, {len(summary.layers)} layers), a sample of {summary.sample}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
