"""depesche.store: the embedded DuckDB store."""
from .db import DEFAULT_DB, Store

__all__ = ["Store", "DEFAULT_DB"]
