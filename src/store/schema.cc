// The store's schema, as forward migrations. Migration N takes a file from
// user_version N-1 to N; each runs in its own transaction. Never edit a
// migration that has shipped: add a new one. docs/STORE.md describes the
// result.

#include "store/schema.h"

namespace vigil {

const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kMigrations = {
      // 1: outlets, documents, sentences.
      R"sql(
CREATE TABLE outlets(
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
  domain   TEXT,
  is_wire  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE documents(
  id                INTEGER PRIMARY KEY,
  content_hash      TEXT NOT NULL UNIQUE,
  origin            TEXT NOT NULL,
  format            TEXT NOT NULL,
  external_id       TEXT,
  url               TEXT,
  title             TEXT,
  outlet_id         INTEGER REFERENCES outlets(id),
  author            TEXT,
  published         TEXT,
  lang_declared     TEXT,
  language          TEXT NOT NULL,
  language_reliable INTEGER NOT NULL,
  raw               BLOB NOT NULL,
  raw_encoding      TEXT NOT NULL,
  raw_size          INTEGER NOT NULL,
  text              TEXT NOT NULL,
  blocks            TEXT NOT NULL,
  notes             TEXT NOT NULL DEFAULT '[]',
  previous_version  INTEGER REFERENCES documents(id),
  ingested_at       TEXT NOT NULL
);
CREATE INDEX documents_by_url ON documents(url);
CREATE INDEX documents_by_published ON documents(published);
CREATE INDEX documents_by_outlet ON documents(outlet_id);
CREATE TABLE sentences(
  doc_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx     INTEGER NOT NULL,
  begin   INTEGER NOT NULL,
  end     INTEGER NOT NULL,
  block   TEXT NOT NULL,
  PRIMARY KEY(doc_id, idx)
) WITHOUT ROWID;
-- Sentences with their text, cut from the document by byte span.
CREATE VIEW sentence_texts AS
  SELECT s.doc_id, s.idx, s.begin, s.end, s.block,
         CAST(substr(CAST(d.text AS BLOB), s.begin + 1, s.end - s.begin) AS TEXT) AS text
  FROM sentences s JOIN documents d ON d.id = s.doc_id;
)sql",
      // 2: extraction output: every document's mentions as JSON, and one row
      // per event mention with the fields the resolver and queries need.
      R"sql(
CREATE TABLE extractions(
  doc_id             INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  extractor_version  TEXT NOT NULL,
  mentions           BLOB NOT NULL,
  mentions_encoding  TEXT NOT NULL,
  extracted_at       TEXT NOT NULL
);
CREATE TABLE event_mentions(
  id                 INTEGER PRIMARY KEY,
  doc_id             INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx                INTEGER NOT NULL,
  sentence           INTEGER NOT NULL,
  begin              INTEGER NOT NULL,
  end                INTEGER NOT NULL,
  trigger_begin      INTEGER NOT NULL,
  trigger_end        INTEGER NOT NULL,
  type               TEXT NOT NULL,
  mode               TEXT,
  status             TEXT NOT NULL,
  generic            INTEGER NOT NULL,
  negated            INTEGER NOT NULL,
  running_total      INTEGER NOT NULL,
  date_start         TEXT,
  date_end           TEXT,
  date_precision     TEXT,
  place_id           TEXT,
  place_name         TEXT,
  place_kind         TEXT,
  place_country      TEXT,
  lat                REAL,
  lon                REAL,
  killed             REAL,
  killed_high        REAL,
  killed_qualifier   TEXT,
  injured            REAL,
  survivors          REAL,
  vessels            REAL,
  strikes            REAL,
  ordinal            INTEGER,
  speaker            TEXT,
  outlet_cited       TEXT,
  anonymous_sources  INTEGER NOT NULL DEFAULT 0,
  mention            TEXT NOT NULL,
  UNIQUE(doc_id, idx)
);
CREATE INDEX event_mentions_by_type ON event_mentions(type, status);
CREATE INDEX event_mentions_by_date ON event_mentions(date_start);
)sql",
      // 3: feed state for `vigil watch` (docs/STORE.md, docs/FEEDS.md): each
      // feed's validators and health, and every item seen, so that a restart
      // neither refetches nor duplicates. Self-contained: no other table
      // refers to these.
      R"sql(
CREATE TABLE feeds(
  id             INTEGER PRIMARY KEY,
  url            TEXT NOT NULL UNIQUE,
  title          TEXT,
  etag           TEXT,
  last_modified  TEXT,
  last_poll      TEXT,
  last_success   TEXT,
  last_error     TEXT,
  last_error_at  TEXT,
  failures       INTEGER NOT NULL DEFAULT 0,
  added_at       TEXT NOT NULL
);
CREATE TABLE feed_items(
  feed_id     INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  item_key    TEXT NOT NULL,
  url         TEXT,
  title       TEXT,
  published   TEXT,
  state       TEXT NOT NULL,
  doc_id      INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  first_seen  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY(feed_id, item_key)
) WITHOUT ROWID;
CREATE INDEX feed_items_by_url ON feed_items(url);
)sql",
  };
  return kMigrations;
}

}  // namespace vigil
