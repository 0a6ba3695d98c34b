"""The corpus: a searchable SQLite store of analysed articles, ingest, aggregates and export."""

from presswatch.corpus.store import SearchHit, SearchResult, Store

__all__ = ["SearchHit", "SearchResult", "Store"]
