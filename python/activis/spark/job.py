"""The Spark job: exact aggregates over every row, a stratified sample, an activis bundle."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
from dataclasses import dataclass

import numpy as np

from . import allocation, moments, output, partition
from .partition import ERROR_MARK, Partial, Plan

SUBSET_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RESERVED = ("id", "label", "predicted", "text")


class SparkExportError(ValueError):
    """The source, the options or OUT cannot make a bundle; the message says what and where."""


@dataclass
class Summary:
    """What the job wrote."""

    path: str
    rows: int
    sample: int
    classes: list[str]
    subsets: list[str]
    layers: list[str]


def export(source: str, out: str, layers: dict[str, str], *, classes: list[str] | None = None,
           subsets: dict[str, str] | None = None, sample: int = 10000, seed: int = 0,
           master: str | None = None, name: str | None = None, spark=None) -> Summary:
    """Reads ``source`` (Parquet path or ``table:NAME``) with Spark and writes the bundle ``out``.

    ``master`` defaults to the one ``spark-submit`` set, else ``local[*]``; ``spark`` is a session
    to use instead. ``layers`` maps a layer name to its array column; ``subsets`` maps a subset name to a Spark SQL
    condition. The bundle holds exact aggregates (count, mean, std, min, max per neuron) of every
    class and subset over all rows, and a stratified sample of at most ``sample`` instances.
    Nothing is left at ``out`` when the job fails: the bundle is written next to it and renamed.
    """
    subsets = dict(subsets or {})
    if not layers:
        raise SparkExportError("give at least one --layer NAME=COLUMN")
    if sample < 1:
        raise SparkExportError(f"--sample must be at least 1, not {sample}")
    _check_out(out)
    for subset in subsets:
        if not SUBSET_NAME.match(subset):
            raise SparkExportError(f"subset name '{subset}' is not a word (letters, digits, _; not starting with a digit)")
    if spark is None:
        spark = _session(master)
    _ship_executor_code()
    frame = _read(spark, source)
    columns = _check_columns(frame, layers)
    classes = _classes(frame, classes)
    for subset in subsets:
        if subset in classes:
            raise SparkExportError(f"subset '{subset}' has the name of a class; choose another name")
    for column in columns["scores"]:
        if column[len("score:"):] not in classes:
            raise SparkExportError(f"column '{column}' scores '{column[len('score:'):]}', which is not a class "
                                   f"({', '.join(classes)})")
    keep = (["id", "label", "predicted"] + (["text"] if columns["text"] else []) + columns["scores"]
            + columns["attributes"])
    prepared = _prepare(frame, classes, subsets, layers, keep)
    plan = Plan(classes=len(classes), subsets=len(subsets), layers=list(layers.items()))
    partial = _aggregate(prepared, plan)
    total = sum(partial.strata.values())
    if total == 0:
        raise SparkExportError(f"'{source}' has no rows")
    targets = allocation.allocate(partial.strata, sample)
    drawn = _draw(prepared, keep, targets, partial.strata, seed, len(subsets))
    temporary = _temporary_path(out)
    try:
        output.write_bundle(temporary, name or os.path.basename(os.path.normpath(out)), source, classes, subsets,
                            layers, columns, partial, drawn, targets, seed)
        _replace(temporary, out)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return Summary(path=out, rows=total, sample=len(drawn["ids"]), classes=classes, subsets=list(subsets),
                   layers=list(layers))


def _session(master: str | None):
    """A Spark session on ``master``; without one, the master spark-submit set, else ``local[*]``."""
    from pyspark import SparkConf
    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName("activis.spark").config("spark.ui.showConsoleProgress", "false")
    if master or not SparkConf().contains("spark.master"):
        builder = builder.master(master or "local[*]")
    spark = builder.getOrCreate()
    if spark.sparkContext.master.startswith("local"):
        # On one machine the job's own message is what counts: Spark's logs of a failed task
        # would bury it. On a cluster the logs stay as configured.
        spark.sparkContext.setLogLevel("FATAL")
    return spark


# -- OUT ------------------------------------------------------------------------------------------

def _is_bundle(path: str) -> bool:
    try:
        with open(os.path.join(path, "activis.json"), encoding="utf-8") as file:
            return json.load(file).get("format") == "activis-bundle"
    except (OSError, ValueError, AttributeError):
        return False


def _check_out(out: str) -> None:
    if not os.path.lexists(out):
        parent = os.path.dirname(os.path.abspath(out))
        if not os.path.isdir(parent):
            raise SparkExportError(f"{out}: its directory {parent} does not exist")
        return
    if os.path.isdir(out) and not os.path.islink(out) and (not os.listdir(out) or _is_bundle(out)):
        return
    raise SparkExportError(f"{out} exists and is not an activis bundle; choose another OUT or remove it")


def _temporary_path(out: str) -> str:
    absolute = os.path.abspath(out)
    return os.path.join(os.path.dirname(absolute), f".{os.path.basename(absolute)}.activis-{os.getpid()}")


def _replace(temporary: str, out: str) -> None:
    """Puts the finished bundle at ``out``; an old bundle there is removed only after that."""
    old = None
    if os.path.lexists(out):
        old = temporary + ".old"
        os.rename(out, old)
    os.rename(temporary, out)
    if old:
        shutil.rmtree(old, ignore_errors=True)


# -- Spark ----------------------------------------------------------------------------------------

def _ship_executor_code() -> None:
    """Executors get the moment and partition code by value: a cluster needs no activis install."""
    from pyspark import cloudpickle
    for module in (moments, partition):
        try:
            cloudpickle.register_pickle_by_value(module)
        except ValueError:
            pass  # already registered


def _spark_message(error: Exception) -> str:
    """Spark's own message: its first line, or an executor's activis-spark message."""
    text = str(error)
    found = re.search(re.escape(ERROR_MARK) + r"(.*)", text)
    if found:
        return found.group(1).strip()
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


def _read(spark, source: str):
    try:
        if source.startswith("table:"):
            return spark.table(source[len("table:"):])
        return spark.read.parquet(source)
    except Exception as error:  # Spark's AnalysisException and friends
        raise SparkExportError(f"{source}: {_spark_message(error)}") from None


def _check_columns(frame, layers: dict[str, str]) -> dict:
    from pyspark.sql import types as T
    fields = {field.name: field.dataType for field in frame.schema.fields}
    for required in ("id", "label", "predicted"):
        if required not in fields:
            raise SparkExportError(f"the source has no '{required}' column (columns: {', '.join(fields)})")
    if not isinstance(fields["id"], (T.IntegerType, T.LongType, T.ShortType, T.ByteType)):
        raise SparkExportError(f"column 'id' must hold integers, not {fields['id'].simpleString()}")
    for column in ("label", "predicted"):
        if not isinstance(fields[column], T.StringType):
            raise SparkExportError(f"column '{column}' must hold strings, not {fields[column].simpleString()}")
    for layer, column in layers.items():
        if column not in fields:
            raise SparkExportError(f"layer '{layer}': the source has no column '{column}'")
        kind = fields[column]
        if not isinstance(kind, T.ArrayType) or not isinstance(kind.elementType, T.NumericType):
            raise SparkExportError(f"layer '{layer}': column '{column}' is {kind.simpleString()}, not an array of "
                                   "numbers")
    layer_columns = set(layers.values())
    scores = [c for c in fields if c.startswith("score:")]
    for column in scores:
        if not isinstance(fields[column], T.NumericType):
            raise SparkExportError(f"column '{column}' must hold numbers, not {fields[column].simpleString()}")
    scalar = (T.NumericType, T.StringType, T.BooleanType, T.DateType, T.TimestampType)
    attributes = [c for c, kind in fields.items()
                  if c not in RESERVED and c not in scores and c not in layer_columns and isinstance(kind, scalar)]
    if "weight" in attributes:
        raise SparkExportError("the source has a column 'weight', which the bundle uses for sampling weights")
    return {"text": "text" in fields, "scores": scores, "attributes": attributes}


def _classes(frame, given: list[str] | None) -> list[str]:
    from pyspark.sql import functions as F
    unlabelled = frame.where(F.col("label").isNull() | (F.col("label") == "")).select("id").first()
    if unlabelled is not None:
        raise SparkExportError(f"row id {unlabelled['id']} has no label; every row needs its true class")
    if given is None:
        found = frame.select(F.col("label").alias("c")).union(frame.select(F.col("predicted").alias("c")))
        return sorted(row["c"] for row in found.where(F.col("c").isNotNull() & (F.col("c") != "")).distinct().collect())
    if len(set(given)) != len(given) or any(not c for c in given):
        raise SparkExportError(f"--classes must be distinct non-empty names: {','.join(given)}")
    for column in ("label", "predicted"):
        outside = frame.where(F.col(column).isNotNull() & (F.col(column) != "") & ~F.col(column).isin(given))
        row = outside.select("id", column).first()
        if row is not None:
            raise SparkExportError(f"row id {row['id']}: {column} '{row[column]}' is not one of --classes "
                                   f"({', '.join(given)})")
    return list(given)


def _prepare(frame, classes: list[str], subsets: dict[str, str], layers: dict[str, str], keep: list[str]):
    """The source's ``keep`` columns, then what the partition code reads: ``__id``, ``__class``
    (class index), ``__s<i>`` (subset flags) and ``__l<i>`` (layer arrays)."""
    from pyspark.sql import functions as F
    class_array = F.array(*[F.lit(c) for c in classes])
    columns = [F.col(f"`{c}`") for c in keep] + [F.col("id").cast("long").alias("__id"),
               (F.array_position(class_array, F.col("label")) - 1).cast("int").alias("__class")]
    for index, (subset, condition) in enumerate(subsets.items()):
        try:
            kind = frame.select(F.expr(condition)).schema.fields[0].dataType  # analyses the condition now
        except Exception as error:
            raise SparkExportError(f"subset '{subset}': Spark cannot read the condition \"{condition}\": "
                                   f"{_spark_message(error)}") from None
        if kind.typeName() != "boolean":
            raise SparkExportError(f"subset '{subset}': the condition \"{condition}\" gives a {kind.simpleString()}, "
                                   "not true or false")
        columns.append(F.coalesce(F.expr(condition), F.lit(False)).alias(f"__s{index}"))
    for index, column in enumerate(layers.values()):
        columns.append(F.col(f"`{column}`").alias(f"__l{index}"))
    return frame.select(*columns)


def _run(action):
    """Runs a Spark action; an executor's refusal becomes a SparkExportError."""
    try:
        return action()
    except SparkExportError:
        raise
    except Exception as error:
        raise SparkExportError(_spark_message(error)) from None


def _aggregate(prepared, plan: Plan) -> Partial:
    """One pass over every row: per-partition partial moments, merged as a tree."""
    import pickle
    internal = prepared.select(*[c for c in prepared.columns if c.startswith("__")])
    partials = internal.mapInArrow(lambda batches: partition.partial_batches(batches, plan), "partial binary")
    rdd = partials.rdd
    if rdd.getNumPartitions() == 0:
        return Partial(layers=[None] * len(plan.layers))
    merged = _run(lambda: rdd.map(lambda row: pickle.loads(row[0])).treeReduce(partition.merge_states, depth=2))
    return Partial.from_state(merged)


def _draw(prepared, keep: list[str], targets: dict[int, int], counts: dict[int, int], seed: int,
          subset_count: int) -> dict:
    """The sample: in each stratum, the ``targets[s]`` rows with the smallest hash of (id, seed).

    Rows whose hash falls under a per-stratum threshold a little above ``targets[s] / counts[s]``
    come to the driver; a stratum that came short (rarely) is read again whole."""
    from pyspark.sql import functions as F
    key = F.col("__class").cast("long") * (1 << subset_count)
    for bit in range(subset_count):
        key = key + F.col(f"__s{bit}").cast("long") * (1 << bit)
    uniform = F.xxhash64(F.col("__id"), F.lit(seed)).bitwiseAND((1 << 53) - 1) / float(1 << 53)
    rows = prepared.withColumn("__stratum", key).withColumn("__u", uniform)
    probability = {s: min(1.0, (n + 4 * math.sqrt(n) + 10) / counts[s]) for s, n in targets.items()}
    while True:
        threshold = F.create_map(*[v for s, p in probability.items() for v in (F.lit(s), F.lit(p))])
        candidates = rows.where(F.col("__u") < F.element_at(threshold, F.col("__stratum")))
        table = _run(lambda: candidates.toArrow())
        stratum = np.asarray(table.column("__stratum"))
        short = [s for s, n in targets.items() if (stratum == s).sum() < n and probability[s] < 1.0]
        if not short:
            break
        for s in short:
            probability[s] = 1.0
    order = np.lexsort((np.asarray(table.column("__id")), np.asarray(table.column("__u")), stratum))
    chosen = [order[stratum[order] == s][:n] for s, n in targets.items()]
    picked = table.take(np.concatenate(chosen) if chosen else np.array([], dtype=np.int64)).sort_by("__id")
    return {"table": picked, "ids": np.asarray(picked.column("__id"))}
