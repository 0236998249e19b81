// The embedded store: one SQLite file holding outlets, documents and their
// sentences (and, from later schema versions, mentions and events).
//
// The schema is versioned (PRAGMA user_version) and upgraded by forward
// migrations when a file is opened; docs/STORE.md documents every table.
#ifndef VIGIL_STORE_H_
#define VIGIL_STORE_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vigil/document.h"
#include "vigil/ledger.h"
#include "vigil/status.h"
#include "vigil/text.h"

struct sqlite3;

namespace vigil {

// The schema version this build writes.
inline constexpr int kSchemaVersion = 7;

// A document's extraction output.
struct MentionsToStore {
  std::string extractor_version;
  std::string json;                    // the whole Mentions object
  std::vector<EventMentionRow> events;
  std::string cited_outlets_json = "[]";  // Mentions::cited_outlets
};

// A document ready to be stored: the document, its sentences and, when
// extraction ran, its mentions.
struct DocumentToStore {
  const Document* doc = nullptr;
  std::span<const Sentence> sentences;
  const MentionsToStore* mentions = nullptr;
  // Near-duplicate signature of the text (resolve.h), if computed.
  const std::vector<uint32_t>* signature = nullptr;
};

// A stored event mention with the document it came from (for listings).
struct StoredEventMention {
  int64_t id = 0;
  int64_t doc_id = 0;
  std::string outlet, url, published, title;
  EventMentionRow row;
};

struct MentionFilter {
  int64_t doc_id = 0;            // 0: any
  std::string type;              // PLOVER type, "" any
  std::string status;            // "" any
  int64_t limit = 1000;
  int64_t offset = 0;
};

enum class PutOutcome : uint8_t {
  kInserted,        // a new document
  kAlreadyPresent,  // same content hash as a stored document; nothing written
  kNewVersion,      // same URL as a stored document, different content
};

struct PutResult {
  PutOutcome outcome = PutOutcome::kInserted;
  int64_t id = 0;               // the stored (or already present) document
  int64_t previous_version = 0; // for kNewVersion: the version it follows
};

// The identity of a document's content: XXH3-128 (hex) over its URL, outlet,
// title and clean text. The same file ingested twice has one hash; the same
// wire text published by two outlets has two.
std::string ContentHash(const Document& doc);

struct DocumentRow {
  int64_t id = 0;
  std::string content_hash;
  std::string origin;
  std::string format;
  DocumentMeta meta;
  std::string language;
  bool language_reliable = false;
  int64_t previous_version = 0;
  std::string ingested_at;
  int64_t sentence_count = 0;
  int64_t text_bytes = 0;
  // Filled by GetDocument only:
  std::string text;
  std::vector<Block> blocks;
  std::vector<std::string> notes;
};

struct SentenceRow {
  int64_t index = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string block;
  std::string text;
};

struct CountRow {
  std::string key;
  int64_t count = 0;
};

struct StoreStats {
  int schema_version = 0;
  int64_t documents = 0;
  int64_t sentences = 0;
  int64_t outlets = 0;
  int64_t versions = 0;       // documents that revise an earlier version
  int64_t text_bytes = 0;
  int64_t event_mentions = 0;
  std::vector<CountRow> by_outlet;
  std::vector<CountRow> by_language;
  std::vector<CountRow> by_date;      // publication day; "unknown" when none
  std::vector<CountRow> by_format;
  std::vector<CountRow> mentions_by_type;    // "ASSAULT occurred" -> n
};

struct ListFilter {
  std::string outlet;
  std::string language;
  std::string published_from;  // inclusive, ISO date
  std::string published_to;    // inclusive, ISO date
  int64_t limit = 100;
  int64_t offset = 0;
};

// ---- Feed state (vigil watch; schema version 4) ----------------------------

// A feed as recorded after its polls.
struct FeedRecord {
  int64_t id = 0;
  std::string url;
  std::string title;          // the feed's own title, from its last good parse
  std::string etag;           // validators of the last full response
  std::string last_modified;
  std::string last_poll;      // UTC ISO 8601 times; "" when never
  std::string last_success;
  std::string last_error;     // message of the last failure ("" when none yet)
  std::string last_error_at;
  int64_t failures = 0;       // consecutive failed polls; 0 after a success
  // Computed by ListFeeds:
  int64_t items_seen = 0;
  int64_t documents = 0;      // items that brought a new document
  int64_t items_failed = 0;   // items waiting for another attempt
};

// What became of a feed item (feed_items.state).
//   stored     its page became a new document (or a new version)
//   present    its page's content was already stored
//   duplicate  another item (this or another feed) already brought its URL
//   filtered   did not match the feed's keyword filter
//   gone       its page answered 404 or 410
//   blocked    robots.txt disallows its page
//   rejected   its page could not be used (not HTML, too large, no text)
//   failed     a transient failure (5xx, timeout); tried again next poll
struct FeedItemRecord {
  int64_t feed_id = 0;
  std::string key;            // guid, else the link
  std::string url;
  std::string title;
  std::string published;
  std::string state;
  int64_t doc_id = 0;         // 0 when none
  int64_t attempts = 0;       // page fetches so far
  std::string error;
};

// ---- Queries for the HTTP API (src/store/store_query.cc) -----------------
// Every filter is a bound parameter; sort keys come from a fixed list and a
// leading '-' sorts descending (docs/API.md). An unknown key is InvalidInput.

struct DocumentQuery {
  ListFilter filter;
  std::string sort = "id";   // id, published, outlet, title, language
  // Documents whose title or a sentence matches this FTS5 expression (made
  // by SearchExpression); "" any.
  std::string text_match;
};

// ---- Full-text search (schema version 6; src/store/search.cc) -------------
// What a user typed, as an FTS5 expression for DocumentQuery::text_match and
// EventFilter::text_match. Words must all occur (in any order, any case,
// accents ignored, English endings folded: "strikes" finds "strike");
// "a phrase" in double quotes; word* for a prefix; -word excludes. Every
// word becomes a quoted FTS5 string, so FTS5 syntax typed by the user
// (NEAR, AND, OR, ^, column:, parentheses) is looked for as words and never
// makes a syntax error. InvalidInput when nothing is left to look for, when
// there are more than 32 words, or when |typed| is not UTF-8.
Result<std::string> SearchExpression(std::string_view typed);

// When the documents behind an event reached the store (documents.ingested_at,
// UTC ISO 8601 to the second).
struct EventIngestTimes {
  std::string first;   // its earliest document: when the event could first appear
  std::string last;    // its latest document: when it last gained a report
};

struct DocumentPage {
  int64_t total = 0;                     // matches, ignoring limit and offset
  std::vector<DocumentRow> documents;
  std::vector<int64_t> event_mentions;   // per document, parallel to documents
};

struct MentionQuery {
  int64_t mention_id = 0;    // 0: any
  int64_t doc_id = 0;        // 0: any
  std::string type, mode, status, outlet;
  std::string country;       // the place's country, ISO 3166-1 alpha-2
  // The mention's date interval overlaps [date_from, date_to] (inclusive ISO
  // dates); a mention without a date never matches a date filter.
  std::string date_from, date_to;
  std::optional<double> min_killed;
  std::optional<bool> running_total;
  std::string sort = "id";   // id, date, killed, published
  int64_t limit = 100;
  int64_t offset = 0;
};

struct MentionPage {
  int64_t total = 0;
  std::vector<StoredEventMention> mentions;
};

struct OutletRow {
  int64_t id = 0;
  std::string name, domain;
  bool is_wire = false;
  int64_t documents = 0, event_mentions = 0;
  std::string first_published, last_published;  // ISO dates, "" when unknown
};

// One event of GET /api/events in its summary form: the stored summary
// JSON (docs/STORE.md, event_summaries), without its mentions.
struct EventSummaryRow {
  int64_t id = 0;       // events.id
  std::string key;
  std::string json;
  EventIngestTimes ingested;   // kept beside the summary ("" when unknown)
};

// Events per day for the dashboard's timeline: the events of one start day,
// type and status, and the sum of their best death figures.
struct EventDayRow {
  std::string day;      // YYYY-MM-DD (the event's date_start)
  std::string type, status;
  int64_t events = 0;
  double killed = 0;
};

// What a filter selects, counted: events, those with a place on the map,
// those without a date, those that occurred or are ongoing, and the sum of
// their best death figures.
struct EventTotals {
  int64_t events = 0, located = 0, undated = 0, happened = 0;
  double killed = 0;
};

struct EventTimeline {
  EventTotals totals;
  std::vector<EventDayRow> days;   // by day, type, status
};

// An event with a place, for the dashboard's map.
struct EventPoint {
  std::string key;
  double lat = 0, lon = 0;
  std::optional<double> killed;   // best figure
  std::string type, status;
};

// The filtered events placed at one sea or marine area (the map draws
// the area as a region).
struct EventArea {
  std::string place_id, name;
  int64_t events = 0;
  double killed = 0;  // sum of best figures
};

class LedgerWriter;

class Store {
 public:
  // Opens (creating if needed) the store at |path| and migrates its schema to
  // kSchemaVersion. A file written by a newer Vigil is refused.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const { return schema_version_; }
  const std::string& path() const { return path_; }

  // Stores |batch| in one transaction: every document with its sentences, or
  // nothing. Returns one result per input, in order.
  Result<std::vector<PutResult>> PutDocuments(std::span<const DocumentToStore> batch);

  // Replaces the mentions of document |doc_id| (re-extraction), in the
  // caller's batch: call between BeginBatch and CommitBatch.
  Status ReplaceMentions(int64_t doc_id, const MentionsToStore& mentions);
  Status BeginBatch();
  Status CommitBatch();
  void RollbackBatch();

  Result<std::vector<StoredEventMention>> ListEventMentions(const MentionFilter& filter);
  // The stored mentions JSON of a document ("" when not extracted).
  Result<std::string> GetMentionsJson(int64_t doc_id);
  // Ids of every stored document, in order.
  Result<std::vector<int64_t>> DocumentIds();
  // A stored document as a Document (metadata, text, blocks), for
  // re-extraction.
  Result<Document> LoadDocument(int64_t id);

  Result<StoreStats> Stats();
  Result<std::vector<DocumentRow>> ListDocuments(const ListFilter& filter);
  Result<DocumentRow> GetDocument(int64_t id);
  Result<std::vector<SentenceRow>> GetSentences(int64_t doc_id);

  // --- The ledger (src/store/ledger_store.cc; docs/EVENTS.md) ---
  // What resolution reads: every document with event mentions, and every
  // event mention. Documents without a stored signature get an empty one.
  Result<std::vector<ResolutionDoc>> LoadResolutionDocs();
  // With |details| false, each mention's full JSON and targets are left out
  // (read them with ReadMentionDetails when needed) and |digest| holds a
  // hash of them instead: what an unchanged event needs to be recognised.
  Result<std::vector<ResolutionMention>> LoadResolutionMentions(
      const std::vector<ResolutionDoc>& docs, bool details = true);
  // The full JSON and targets JSON of event mention |id|.
  Status ReadMentionDetails(int64_t id, std::string* json, std::string* targets_json);
  // Every stored event's key with what incremental resolution compares.
  Result<std::unordered_map<std::string, StoredEventState>> LoadEventStates();
  // Text of documents whose signature is missing (stores made before
  // signatures existed), for the resolver to sign; and storing them.
  Result<std::string> DocumentText(int64_t doc_id);
  Status PutSignature(int64_t doc_id, const std::vector<uint32_t>& signature);
  // Starts changing the machine-made ledger (events, members, tallies,
  // campaign membership) in one write transaction; see LedgerWriter.
  // Corrections and campaigns are never touched.
  Result<std::unique_ptr<LedgerWriter>> BeginLedgerWrite();
  Result<std::vector<EventRow>> ListEvents(const EventFilter& filter);
  Result<int64_t> CountEvents(const EventFilter& filter);
  // The page of |filter| (sort, limit, offset as ListEvents) in the summary
  // form, read from event_summaries and the events' columns only.
  Result<std::vector<EventSummaryRow>> ListEventSummaries(const EventFilter& filter);
  // The events of |filter| (its sort and page ignored) counted, and per
  // start day, type and status (events without a date in no day), from one
  // pass over the covering index.
  Result<EventTimeline> EventsPerDay(const EventFilter& filter);
  Result<EventTotals> CountEventTotals(const EventFilter& filter);
  // Up to |limit| located events of |filter|, most deaths first.
  Result<std::vector<EventPoint>> EventPoints(const EventFilter& filter, int64_t limit);
  // The seas and marine areas the filtered events are placed at, with how
  // many events and deaths each (most events first).
  Result<std::vector<EventArea>> EventAreas(const EventFilter& filter);
  // For each event mention of |mention_ids| that is a member of an event:
  // (mention id, the event's key).
  Result<std::vector<std::pair<int64_t, std::string>>> EventKeysOfMentions(
      const std::vector<int64_t>& mention_ids);
  // Tallies, of one campaign or ("") all, by as-of date.
  Result<std::vector<TallyRow>> ListTallies(const std::string& campaign);
  Status SaveCampaigns(const std::vector<Campaign>& campaigns);
  Result<std::vector<Campaign>> LoadCampaigns();
  Result<int64_t> AddCorrection(const Correction& correction);
  Result<std::vector<Correction>> ListCorrections();
  Status DeleteCorrection(int64_t id);
  // Mention keys of an event's members (for corrections), by event key.
  Result<std::vector<std::string>> EventMentionKeys(const std::string& event_key);
  // When the ledger last changed (ISO time), "" before the first resolution.
  Result<std::string> LedgerUpdatedAt();
  // A value that changes whenever the events change: the time above and the
  // largest events.id (a resolution writes every changed event as a new
  // row), for caching what is computed from the events.
  Result<std::string> LedgerVersion();
  // For each event (events.id) of |event_ids| that has members: when its
  // documents were ingested (src/store/store_query.cc).
  Result<std::vector<std::pair<int64_t, EventIngestTimes>>> EventIngestTimesOf(
      const std::vector<int64_t>& event_ids);
  // The time the newest document was stored, "" when none.
  Result<std::string> LastIngestedAt();
  // For each mention key (Correction::mentions), the id of the event that
  // holds that mention now, "" when none (src/store/corrections.cc).
  Result<std::vector<std::string>> EventsOfMentionKeys(const std::vector<std::string>& keys);

  // Runs PRAGMA integrity_check; OK when SQLite answers "ok".
  Status IntegrityCheck();

  // ---- Feed state (vigil watch); src/store/feed_state.cc ----
  // The feed with |url|, added (with no history) when new.
  Result<FeedRecord> EnsureFeed(const std::string& url);
  // Every feed with its item counts, in order of addition.
  Result<std::vector<FeedRecord>> ListFeeds();
  // The items recorded for feed |feed_id|.
  Result<std::vector<FeedItemRecord>> FeedItems(int64_t feed_id);
  // The first item of any feed with link |url| that brought a document
  // (state stored or present); nullopt when none.
  Result<std::optional<FeedItemRecord>> FeedItemWithDocument(const std::string& url);
  // Records one poll of a feed in one transaction: |items| are inserted or
  // replace the rows with the same (feed, key), then |feed|'s validators,
  // times, error and failure count are written. Items first, validators last:
  // a crash in between makes the next poll fetch the feed again, never skip
  // an item.
  Status RecordFeedPoll(const FeedRecord& feed, std::span<const FeedItemRecord> items);
  // ---- Queries for the HTTP API (src/store/store_query.cc) ----
  Result<DocumentPage> QueryDocuments(const DocumentQuery& query);
  Result<MentionPage> QueryEventMentions(const MentionQuery& query);
  // Every outlet with its document and mention counts, by name.
  Result<std::vector<OutletRow>> ListOutlets();
  // Makes any statement still running after |deadline| fail (SQLite
  // interrupt); a default-constructed time point removes the limit.
  void SetDeadline(std::chrono::steady_clock::time_point deadline);

  // One snapshot for several reads (src/store/store_query.cc): every read
  // between BeginRead and EndRead sees the database as one commit left it,
  // however many commits other connections make meanwhile (a deferred read
  // transaction; in WAL mode it never blocks a writer). The read cache
  // follows the snapshot: PRAGMA data_version is read inside it, so a
  // cached answer and a computed one always come from the same commit.
  // BeginRead does nothing when a transaction is already open (a batch);
  // EndRead ends whatever transaction is open, rolling it back: a
  // connection handed back to a pool never keeps an old snapshot or a
  // half-written batch. Stats takes its own snapshot when none is open.
  Status BeginRead();
  void EndRead();
  // True while a transaction (read or write) is open on this connection.
  bool InTransaction() const;

 private:
  Store() = default;
  Status Migrate();
  Status Exec(const char* sql);
  Status InsertMentions(int64_t doc_id, const MentionsToStore& mentions);

  sqlite3* db_ = nullptr;
  std::string path_;
  int schema_version_ = 0;
  std::chrono::steady_clock::time_point deadline_{};
  struct Statements;
  std::unique_ptr<Statements> stmts_;
  // The answers to the list queries a dashboard repeats (the count of a
  // filter, a page of summaries), kept while the database is unchanged;
  // see ReadCache in ledger_store.cc. Null when it cannot be checked.
  struct ReadCache;
  std::unique_ptr<ReadCache> read_cache_;
  ReadCache* FreshReadCache();
  // |compute|'s answer, from the cache when it holds one for |key|.
  template <typename T, typename Compute>
  Result<T> CachedRead(std::string key, Compute&& compute);
};

// Writes the ledger in one transaction (Store::BeginLedgerWrite): events are
// removed and put one at a time, so a resolution can stream them; nothing is
// visible to readers until Commit, and destroying an uncommitted writer
// rolls everything back.
class LedgerWriter {
 public:
  ~LedgerWriter();
  LedgerWriter(const LedgerWriter&) = delete;
  LedgerWriter& operator=(const LedgerWriter&) = delete;

  // Removes every event (a rebuild from scratch).
  Status RemoveAllEvents();
  // Removes the event with |key|, its members and its campaign membership.
  Status RemoveEvent(const std::string& key);
  // Adds |event| (its key must not be stored) with its members, and makes it
  // a member of |campaigns|.
  Status PutEvent(const EventRow& event, const std::vector<std::string>& campaigns);
  // Replaces every tally; |campaign_tallies| index into |tallies|.
  Status ReplaceTallies(const std::vector<TallyRow>& tallies,
                        const std::vector<std::pair<std::string, size_t>>& campaign_tallies);
  // Commits; when |changed|, also records now as when the ledger last changed.
  Status Commit(bool changed);

 private:
  friend class Store;
  LedgerWriter();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigil

#endif  // VIGIL_STORE_H_
