"""The corpus schema (SQLite + FTS5), versioned with PRAGMA user_version; all DDL lives here."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 2
# whose words carry a technique span (techniques.voice); NULL is unknown
VOICES = ("author", "quoted", "reported")

# `articles` holds one small row of metadata per article, so filters, joins and aggregates stay in
# cache on big stores; the bulky parts live in `documents`: the text (FTS5 external content) and
# the rest of the Article as zlib-compressed JSON (Article.to_dict() without "text"; about 5x smaller),
# so the text is stored once.
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id                INTEGER PRIMARY KEY,
    content_hash      TEXT NOT NULL UNIQUE,
    source            TEXT,
    url               TEXT,
    outlet            TEXT,
    title             TEXT,
    published         TEXT,
    page_time         TEXT,
    date              TEXT,            -- published, else page_time: what date filters and trends use
    language          TEXT,
    genre             TEXT,
    genre_score       REAL,
    stages            TEXT,            -- comma-separated stages that ran
    near_duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    similarity        REAL,
    added             TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS articles_neardup ON articles(near_duplicate_of);

CREATE TABLE IF NOT EXISTS documents (
    id    INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    title TEXT,
    text  TEXT NOT NULL,
    json  BLOB NOT NULL              -- zlib(UTF-8 JSON)
);

CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='documents', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE IF NOT EXISTS entities (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    label      TEXT,
    aliases    TEXT,                   -- JSON list
    mentions   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS entities_article ON entities(article_id);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name COLLATE NOCASE);

-- every name an article's entities go by (canonical and aliases), for the entity filter
CREATE TABLE IF NOT EXISTS entity_names (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name       TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (name, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_names_article ON entity_names(article_id);

-- mentions of grouped entities (raw NER mentions of nothing grouped stay in the Article JSON only);
-- entity_id is no foreign key: the article cascade removes both, and no extra index is needed
CREATE TABLE IF NOT EXISTS mentions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  INTEGER NOT NULL,
    text       TEXT NOT NULL,
    label      TEXT,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id, start);

CREATE TABLE IF NOT EXISTS quotes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind       TEXT,
    speaker    TEXT,
    cue        TEXT,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker COLLATE NOCASE);

-- entities mentioned inside each attributed quote (one row per quote and entity): "who is quoted about whom"
CREATE TABLE IF NOT EXISTS quote_entities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote_id   INTEGER NOT NULL,
    speaker    TEXT NOT NULL,
    entity     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quote_entities_article ON quote_entities(article_id);
CREATE INDEX IF NOT EXISTS quote_entities_pair ON quote_entities(speaker, entity);

CREATE TABLE IF NOT EXISTS claims (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    kinds      TEXT,                   -- comma-separated
    source     TEXT,
    score      REAL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);

CREATE TABLE IF NOT EXISTS techniques (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    level      TEXT NOT NULL CHECK (level IN ('span', 'paragraph')),
    technique  TEXT NOT NULL,
    family     TEXT,
    paragraph  INTEGER,
    score      REAL,
    start      INTEGER,
    "end"      INTEGER,
    voice      TEXT,                   -- spans: author | quoted | reported; NULL = unknown (no quotes stage, v1 rows)
    speaker    TEXT                    -- the quote's speaker for quoted / reported spans, where known
);
CREATE INDEX IF NOT EXISTS techniques_article ON techniques(article_id);
CREATE INDEX IF NOT EXISTS techniques_name ON techniques(technique COLLATE NOCASE, article_id);
CREATE INDEX IF NOT EXISTS techniques_voice ON techniques(voice, technique COLLATE NOCASE, article_id);

CREATE TABLE IF NOT EXISTS frames (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    frame      TEXT NOT NULL,
    score      REAL,
    PRIMARY KEY (article_id, frame)
);
CREATE INDEX IF NOT EXISTS frames_frame ON frames(frame);

-- ingest bookkeeping: one row per source key (path, URL, "file.warc.gz#record=3")
CREATE TABLE IF NOT EXISTS sources (
    key        TEXT PRIMARY KEY,
    status     TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'duplicate')),
    reason     TEXT,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    time       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_status ON sources(status);

-- MinHash signatures (near-duplicates) and their LSH band keys, so candidate lookup is one indexed query
CREATE TABLE IF NOT EXISTS minhash (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature  BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS minhash_bands (
    band       INTEGER NOT NULL,
    key        INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS minhash_bands_key ON minhash_bands(band, key);
CREATE INDEX IF NOT EXISTS minhash_bands_article ON minhash_bands(article_id);
"""

# tables added at SCHEMA_VERSION without altering any: a store made before them gets them from `ensure_tables`
ADDED = """
-- the alias table the corpus grows (presswatch.corpus.aliases): a role descriptor tied to a person's name by
-- a stored article ("Gazprom spokesman Sergei Kupriyanov"), with the words that tie them
CREATE TABLE IF NOT EXISTS speaker_aliases (
    descriptor TEXT NOT NULL,
    name       TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    outlet     TEXT,
    date       TEXT,
    evidence   TEXT NOT NULL,
    PRIMARY KEY (descriptor, name, article_id)
);
CREATE INDEX IF NOT EXISTS speaker_aliases_article ON speaker_aliases(article_id);
"""
SCHEMA += ADDED


# Upgrade steps: STEPS[v] takes a store from v - 1 to v. SCHEMA above is always the newest version, so a new
# store is created at SCHEMA_VERSION directly; only existing stores run steps.
STEPS: dict[int, tuple[str, ...]] = {
    2: (  # whose words carry each technique span; rows stored by v1 stay NULL (unknown)
        "ALTER TABLE techniques ADD COLUMN voice TEXT",
        "ALTER TABLE techniques ADD COLUMN speaker TEXT",
        "CREATE INDEX IF NOT EXISTS techniques_voice ON techniques(voice, technique COLLATE NOCASE, article_id)",
    ),
}


def migrate(conn: sqlite3.Connection) -> None:
    """Create or upgrade the schema to SCHEMA_VERSION, in one transaction (another process may open it too)."""
    from presswatch.errors import PresswatchError

    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # again, now that we hold the write lock
        if version > SCHEMA_VERSION:
            raise PresswatchError(f"store schema v{version} is newer than this presswatch (v{SCHEMA_VERSION})")
        if version == 0:
            for statement in _statements(SCHEMA):
                conn.execute(statement)
        else:
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in STEPS[step]:
                    conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the store has table `name` (a store made before it, opened read-only, may not)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the tables added since SCHEMA_VERSION without altering any (`ADDED`), in a store made before them."""
    if not has_table(conn, "speaker_aliases"):
        for statement in _statements(ADDED):
            conn.execute(statement)


def _statements(script: str) -> list[str]:
    """The statements of a DDL script (triggers hold ';' inside BEGIN ... END), without comments."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        line = line.split("--", 1)[0] if "--" in line else line
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]


def has_voice(conn: sqlite3.Connection) -> bool:
    """Whether the techniques table has the voice column (v2+; a v1 store opened read-only has not)."""
    return any(row[1] == "voice" for row in conn.execute("PRAGMA table_info(techniques)"))
