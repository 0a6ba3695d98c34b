"""presswatch: news articles in, annotated articles out (text, metadata, quotes, techniques)."""

from presswatch.api import analyze, analyze_text
from presswatch.article import SCHEMA_VERSION, Article, RawDocument
from presswatch.pipeline import ALL_STAGES, Pipeline

__version__ = "0.1.0"
__all__ = ["ALL_STAGES", "SCHEMA_VERSION", "Article", "Pipeline", "RawDocument", "analyze", "analyze_text"]
