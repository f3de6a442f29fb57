"""Bundles from data too big for one machine: exact aggregates with Apache Spark, and a sample.

``python -m activis.spark SOURCE OUT --layer NAME=COLUMN …`` or :func:`export`. SOURCE is a
Parquet file or directory, or ``table:NAME`` in the Spark catalog; OUT is a bundle whose class and
subset rows are exact over every row (count, mean, std, min, max per neuron) and whose instances
are a stratified sample. Needs ``pyspark`` (``scripts/setup --spark``).
"""

from .job import SparkExportError, Summary, export

__all__ = ["export", "SparkExportError", "Summary"]
