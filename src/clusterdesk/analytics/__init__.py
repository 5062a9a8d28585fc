"""The analytics layer: cluster metrics and relatedness written once as Ibis expressions, run on DuckDB or Spark.

Kept apart from the Django apps: it reads tables (Parquet, CSV, or in-memory frames built by the apps' selectors)
and returns tables. `clusterdesk analytics …` and `clusterdesk relatedness` are its command-line faces.
"""
