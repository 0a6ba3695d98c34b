"""Values computed from the store, kept per server until the store changes: the search form's known values and
the latest search results (pages and API alike), most recently used first, `Settings.search_cache` of them.

The store's write generation is `PRAGMA data_version` of one read-only connection the cache keeps (it changes
whenever any other connection, of this process or another, commits) together with the database file's identity
(a file replaced under the server starts afresh). The generation is read before a value is computed, so a write
that lands meanwhile makes the next request compute again.
"""

from __future__ import annotations

import copy
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

Generation = tuple[int, int, int]


class StoreCache:
    """At most `entries` values keyed by anything hashable, valid for one generation of the store at `db`."""

    def __init__(self, db: Path, entries: int) -> None:
        self.db, self.entries = db, entries
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None
        self._values: OrderedDict[Hashable, tuple[Generation, Any]] = OrderedDict()
        self.hits = self.misses = 0

    def generation(self) -> Generation | None:
        """The store's write generation now; None when it cannot be read (then nothing is cached)."""
        with self._lock:
            try:
                st = os.stat(self.db)
                file = (st.st_dev, st.st_ino)
                if self._conn is None or file != self._file:
                    if self._conn is not None:
                        self._conn.close()
                    self._conn, self._file = None, None
                    self._conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, check_same_thread=False)
                    self._file = file
                return (*file, int(self._conn.execute("PRAGMA data_version").fetchone()[0]))
            except (OSError, sqlite3.Error):
                return None

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """A copy of the value of `key` for the store as it is now, computed (and kept) when there is none."""
        gen = self.generation() if self.entries > 0 else None
        if gen is None:
            return compute()
        with self._lock:
            hit = self._values.get(key)
            if hit is not None and hit[0] == gen:
                self._values.move_to_end(key)
                self.hits += 1
                return copy.deepcopy(hit[1])
            self.misses += 1
        value = compute()
        with self._lock:
            self._values[key] = (gen, value)
            self._values.move_to_end(key)
            while len(self._values) > self.entries:
                self._values.popitem(last=False)
        return copy.deepcopy(value)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            self._conn, self._file = None, None
            self._values.clear()
