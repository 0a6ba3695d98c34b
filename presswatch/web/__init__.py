"""Web UI and HTTP API over a presswatch corpus: `create_app(db_path)` (served by `presswatch serve`)."""

from presswatch.web.app import create_app

__all__ = ["create_app"]
