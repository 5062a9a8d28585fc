"""Connections to the engines the analytics expressions run on: DuckDB (default, in process) and Apache Spark.

Spark is reached through a `SparkSession`: ``local[N]`` by default, or any master URL (``spark://host:7077``,
``yarn``, ``k8s://…``) given as ``master`` or in ``CLUSTERDESK_SPARK_MASTER``. Extra Spark settings can be
passed as ``spark_conf`` or as ``CLUSTERDESK_SPARK_CONF`` (``key=value`` pairs separated by spaces). The
warehouse directory goes to the temporary directory so that no ``spark-warehouse/`` lands in a working tree.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ibis

from clusterdesk.analytics.choices import BACKENDS, AnalyticsError

__all__ = ["BACKENDS", "AnalyticsError", "connect", "read_table", "spark_session"]


def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> Any:
    """A SparkSession for the analytics layer (created once per process, reused afterwards).

    Parameters
    ----------
    master : str, optional
        Spark master URL; default ``CLUSTERDESK_SPARK_MASTER`` or ``local[2]``.
    conf : mapping, optional
        Extra Spark settings.

    Returns
    -------
    pyspark.sql.SparkSession
    """
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise AnalyticsError("Spark 后端需要安装 pyspark（pip install 'clusterdesk[spark]'）与 Java 17") from exc
    settings = {
        "spark.sql.warehouse.dir": str(Path(tempfile.gettempdir()) / "clusterdesk-spark-warehouse"),
        "spark.ui.enabled": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": "8",
    }
    for pair in os.environ.get("CLUSTERDESK_SPARK_CONF", "").split():
        key, _, value = pair.partition("=")
        settings[key] = value
    settings.update(conf or {})
    builder = SparkSession.builder.master(master or os.environ.get("CLUSTERDESK_SPARK_MASTER", "local[2]"))
    builder = builder.appName("clusterdesk-analytics")
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def connect(backend: str = "duckdb", **options: Any) -> Any:
    """An Ibis connection to ``duckdb`` (in memory unless ``database`` is given) or ``spark``.

    Parameters
    ----------
    backend : {"duckdb", "spark"}
    **options
        DuckDB: ``database``, ``threads``, ``memory_limit``. Spark: ``session`` (an existing SparkSession),
        ``master``, ``spark_conf``.

    Returns
    -------
    ibis.BaseBackend

    Raises
    ------
    AnalyticsError
        For an unknown backend.
    """
    if backend == "duckdb":
        con = ibis.duckdb.connect(options.get("database", ":memory:"))
        for setting in ("threads", "memory_limit"):
            if options.get(setting):
                con.raw_sql(f"SET {setting} = '{options[setting]}'")
        return con
    if backend == "spark":
        session = options.get("session") or spark_session(options.get("master"), options.get("spark_conf"))
        return ibis.pyspark.connect(session)
    raise AnalyticsError(f"未知的计算后端 {backend!r}，可选：{', '.join(BACKENDS)}")


def read_table(con: Any, path: str | Path, *, name: str | None = None) -> Any:
    """Read a Parquet or CSV file (or a folder / glob of Parquet files) as an Ibis table.

    Parameters
    ----------
    con : ibis.BaseBackend
    path : str or Path
    name : str, optional
        Table name to register.

    Returns
    -------
    ibis.Table

    Raises
    ------
    AnalyticsError
        When the file does not exist or its type is unknown.
    """
    text = str(path)
    remote = "://" in text  # hdfs://, s3a://: read by the engine itself
    if not remote and not any(ch in text for ch in "*?[") and not Path(text).exists():
        raise AnalyticsError(f"文件不存在：{text}")
    suffix = Path(text.rstrip("/*")).suffix.lower()
    if suffix == ".csv":
        return con.read_csv(text, table_name=name)
    if suffix in (".parquet", ".pq", "") or (not remote and Path(text).is_dir()):
        return con.read_parquet(text, table_name=name)
    raise AnalyticsError(f"不支持的文件类型 {suffix}（应为 .parquet 或 .csv）：{text}")
