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
      // 3: the ledger. Event mentions gain what resolution needs (actors,
      // targets, speaker id, multi-event group); documents gain near-duplicate
      // signatures; events, their members, tallies and campaigns are machine
      // output, replaced by every resolution; corrections are the analyst's
      // and are never touched by machine runs.
      R"sql(
ALTER TABLE documents ADD COLUMN updated TEXT;
ALTER TABLE extractions ADD COLUMN cited_outlets TEXT;
ALTER TABLE event_mentions ADD COLUMN actors TEXT;
ALTER TABLE event_mentions ADD COLUMN targets TEXT;
ALTER TABLE event_mentions ADD COLUMN speaker_id TEXT;
ALTER TABLE event_mentions ADD COLUMN grp INTEGER;
ALTER TABLE event_mentions ADD COLUMN troops REAL;
ALTER TABLE event_mentions ADD COLUMN count REAL;
CREATE TABLE doc_signatures(
  doc_id   INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  minhash  BLOB NOT NULL
);
CREATE TABLE events(
  id               INTEGER PRIMARY KEY,
  key              TEXT NOT NULL UNIQUE,
  type             TEXT NOT NULL,
  mode             TEXT,
  status           TEXT NOT NULL,
  date_start       TEXT,
  date_end         TEXT,
  date_precision   TEXT,
  place_id         TEXT,
  place_name       TEXT,
  place_kind       TEXT,
  place_country    TEXT,
  lat              REAL,
  lon              REAL,
  killed_low       REAL,
  killed_best      REAL,
  killed_high      REAL,
  injured_best     REAL,
  survivors_best   REAL,
  vessels          REAL,
  troops           REAL,
  count            REAL,
  strikes          REAL NOT NULL DEFAULT 1,
  reports          INTEGER NOT NULL,
  origins          INTEGER NOT NULL,
  first_reported   TEXT,
  flags            INTEGER NOT NULL DEFAULT 0,
  rejected         INTEGER NOT NULL DEFAULT 0,
  event            TEXT NOT NULL
);
CREATE INDEX events_by_date ON events(date_start);
CREATE INDEX events_by_type ON events(type, status);
CREATE TABLE event_members(
  mention_id  INTEGER PRIMARY KEY REFERENCES event_mentions(id) ON DELETE CASCADE,
  event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  origin      TEXT NOT NULL
);
CREATE INDEX event_members_by_event ON event_members(event_id);
CREATE TABLE tallies(
  mention_id        INTEGER PRIMARY KEY REFERENCES event_mentions(id) ON DELETE CASCADE,
  doc_id            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  as_of             TEXT,
  outlet            TEXT,
  origin            TEXT,
  killed            REAL,
  killed_qualifier  TEXT,
  strikes           REAL,
  vessels           REAL,
  survivors         REAL
);
CREATE TABLE campaigns(
  name        TEXT PRIMARY KEY,
  definition  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE campaign_events(
  campaign  TEXT NOT NULL REFERENCES campaigns(name) ON DELETE CASCADE,
  event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  PRIMARY KEY(campaign, event_id)
);
CREATE TABLE campaign_tallies(
  campaign    TEXT NOT NULL REFERENCES campaigns(name) ON DELETE CASCADE,
  mention_id  INTEGER NOT NULL REFERENCES tallies(mention_id) ON DELETE CASCADE,
  PRIMARY KEY(campaign, mention_id)
);
CREATE TABLE corrections(
  id          INTEGER PRIMARY KEY,
  created_at  TEXT NOT NULL,
  action      TEXT NOT NULL,
  mentions    TEXT NOT NULL,
  field       TEXT,
  value       TEXT,
  note        TEXT NOT NULL DEFAULT ''
);
CREATE TABLE ledger_state(
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
)sql",
      // 4: feed state for `vigil watch` (docs/STORE.md, docs/FEEDS.md): each
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
      // 5: incremental resolution. Each event keeps the fingerprint of what it
      // was built from (docs/EVENTS.md, "Incremental resolution"), so an
      // unchanged event is not rebuilt; campaign membership is found by event.
      // Missing and presumed dead, kept apart from the dead.
      R"sql(
ALTER TABLE events ADD COLUMN fingerprint INTEGER;
ALTER TABLE events ADD COLUMN missing_best REAL;
ALTER TABLE event_mentions ADD COLUMN missing REAL;
CREATE INDEX campaign_events_by_event ON campaign_events(event_id);
CREATE INDEX events_by_filter ON events(type, status, date_start);
)sql",
      // 6: full-text search (src/store/search.h): every document's title
      // and sentences in a contentless FTS5 index, filled here for the
      // documents already stored; PutDocuments keeps it in step. The index
      // on mentions by sentence takes a search hit to its events.
      R"sql(
CREATE VIRTUAL TABLE text_search USING fts5(
  text, content='', columnsize=0, tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO text_search(rowid, text)
  SELECT id << 24, title FROM documents WHERE title IS NOT NULL AND title <> '';
INSERT INTO text_search(rowid, text)
  SELECT (doc_id << 24) + idx + 1, text FROM sentence_texts WHERE idx < 16777215;
-- From a matching sentence to the event mentions stated in it.
CREATE INDEX event_mentions_by_sentence ON event_mentions(doc_id, sentence);
)sql",
      // 7: the events list and the dashboard's charts without the events'
      // JSON (docs/STORE.md, docs/API.md "view"; docs/PERFORMANCE.md). Each
      // event's summary is its JSON without the mentions, the origin list
      // and the figures' reported values (a tenth of the bytes or less),
      // with the number of mentions, the first report's outlet, and when
      // its first and last documents were stored. Triggers keep it in step
      // with events and event_members, so the ledger writer needs no
      // change. A covering index answers the filters, counts and aggregates
      // (events per day, map points) without reading the events' rows;
      // another finds a document's ingestion time without reading its text.
      R"sql(
CREATE INDEX documents_ingested ON documents(id, ingested_at);
CREATE TABLE event_summaries(
  event_id       INTEGER PRIMARY KEY,
  summary        TEXT NOT NULL,
  first_ingested TEXT,
  last_ingested  TEXT
);
CREATE TRIGGER event_summaries_insert AFTER INSERT ON events
WHEN json_valid(new.event) BEGIN
  INSERT OR REPLACE INTO event_summaries(event_id, summary) VALUES(new.id,
    json_set(json_remove(new.event, '$.mentions', '$.origin_list', '$.killed.reported',
                         '$.injured.reported', '$.survivors.reported', '$.missing.reported'),
             '$.mention_count', json_array_length(new.event, '$.mentions'),
             '$.outlet', json_extract(new.event, '$.mentions[0].outlet')));
END;
CREATE TRIGGER event_summaries_update AFTER UPDATE OF event ON events
WHEN json_valid(new.event) BEGIN
  UPDATE event_summaries SET summary =
    json_set(json_remove(new.event, '$.mentions', '$.origin_list', '$.killed.reported',
                         '$.injured.reported', '$.survivors.reported', '$.missing.reported'),
             '$.mention_count', json_array_length(new.event, '$.mentions'),
             '$.outlet', json_extract(new.event, '$.mentions[0].outlet'))
  WHERE event_id = new.id;
END;
CREATE TRIGGER event_summaries_delete AFTER DELETE ON events BEGIN
  DELETE FROM event_summaries WHERE event_id = old.id;
END;
-- Scalar lookups, not a join: a third less time added to a resolution.
CREATE TRIGGER event_summaries_member AFTER INSERT ON event_members BEGIN
  UPDATE event_summaries
  SET first_ingested = min(coalesce(first_ingested, x.at), x.at),
      last_ingested = max(coalesce(last_ingested, x.at), x.at)
  FROM (SELECT (SELECT d.ingested_at FROM documents d INDEXED BY documents_ingested
                WHERE d.id = (SELECT m.doc_id FROM event_mentions m
                              WHERE m.id = new.mention_id)) AS at) AS x
  WHERE event_id = new.event_id AND x.at IS NOT NULL;
END;
INSERT INTO event_summaries(event_id, summary) SELECT id,
    json_set(json_remove(event, '$.mentions', '$.origin_list', '$.killed.reported',
                         '$.injured.reported', '$.survivors.reported', '$.missing.reported'),
             '$.mention_count', json_array_length(event, '$.mentions'),
             '$.outlet', json_extract(event, '$.mentions[0].outlet'))
  FROM events WHERE json_valid(event);
UPDATE event_summaries SET first_ingested = x.first, last_ingested = x.last
  FROM (SELECT em.event_id AS id, min(d.ingested_at) AS first, max(d.ingested_at) AS last
        FROM event_members em JOIN event_mentions m ON m.id = em.mention_id
        JOIN documents d INDEXED BY documents_ingested ON d.id = m.doc_id
        GROUP BY em.event_id) AS x
  WHERE event_summaries.event_id = x.id;
CREATE INDEX events_for_lists ON events(type, status, date_start, date_end, rejected,
  killed_best, lat, lon, mode, place_country, key);
)sql",
  };
  return kMigrations;
}

}  // namespace vigil
