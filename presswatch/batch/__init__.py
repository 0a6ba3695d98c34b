"""Running the pipeline over many documents, in a local worker process or on a Dask cluster, into Parquet partitions."""

from presswatch.batch.output import COLUMNS, read_rows
from presswatch.batch.runner import BatchResult, run_batch

__all__ = ["COLUMNS", "BatchResult", "read_rows", "run_batch"]
