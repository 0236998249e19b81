// The store's side of the ledger: what resolution reads, the events, tallies
// and campaign membership it writes, and the analyst's corrections
// (docs/STORE.md, docs/EVENTS.md). Every statement binds its parameters.

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <tuple>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "store/read_cache.h"
#include "store/sqlite_util.h"
#include "vigil/store.h"

namespace vigil {

namespace {

using Json = nlohmann::json;

std::string DumpJson(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::vector<std::string> StringList(const Json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& e : j)
    if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

// Runs |sql| rows through |row| until done.
template <typename F>
Status ForEachRow(Statement* q, F&& row) {
  VIGIL_RETURN_IF_ERROR(q->PrepareStatus());
  for (;;) {
    auto r = q->Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
    row();
  }
}

}  // namespace

const char* CorrectionActionName(CorrectionAction a) {
  switch (a) {
    case CorrectionAction::kMerge: return "merge";
    case CorrectionAction::kSplit: return "split";
    case CorrectionAction::kReject: return "reject";
    case CorrectionAction::kSetFigure: return "set";
    case CorrectionAction::kUnreject: return "unreject";
  }
  return "reject";
}

Result<std::vector<ResolutionDoc>> Store::LoadResolutionDocs() {
  Statement q(db_, R"sql(
SELECT d.id, d.content_hash, o.name, o.is_wire, d.url, d.title, substr(d.published, 1, 10),
  s.minhash, x.cited_outlets, substr(d.updated, 1, 10)
FROM documents d LEFT JOIN outlets o ON o.id = d.outlet_id
LEFT JOIN doc_signatures s ON s.doc_id = d.id
LEFT JOIN extractions x ON x.doc_id = d.id
WHERE EXISTS (SELECT 1 FROM event_mentions m WHERE m.doc_id = d.id)
ORDER BY d.id)sql");
  std::vector<ResolutionDoc> out;
  VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
    ResolutionDoc d;
    d.id = q.Int(0);
    d.content_hash = q.Text(1);
    d.outlet = q.Text(2);
    d.outlet_is_wire = q.Int(3) != 0;
    d.url = q.Text(4);
    d.title = q.Text(5);
    d.published = q.Text(6);
    if (!q.IsNull(7)) {
      const void* blob = sqlite3_column_blob(q.raw(), 7);
      size_t n = static_cast<size_t>(sqlite3_column_bytes(q.raw(), 7)) / sizeof(uint32_t);
      d.signature.resize(n);
      if (n) std::memcpy(d.signature.data(), blob, n * sizeof(uint32_t));
    }
    d.updated = q.Text(9);
    if (!q.IsNull(8)) d.cited_outlets = StringList(Json::parse(q.Text(8), nullptr, false));
    out.push_back(std::move(d));
  }));
  return out;
}

Result<std::vector<ResolutionMention>> Store::LoadResolutionMentions(
    const std::vector<ResolutionDoc>& docs, bool details) {
  std::unordered_map<int64_t, size_t> doc_index;
  for (size_t i = 0; i < docs.size(); ++i) doc_index[docs[i].id] = i;
  std::string columns = kMentionColumns;
  if (!details) {
    // The JSON and targets stay in the file; their digest stands in.
    for (const char* col : {"m.mention,", "m.targets,"}) {
      size_t at = columns.find(col);
      if (at == std::string::npos) return Status::Internal(std::string("mention columns lack ") + col);
      columns.replace(at, std::strlen(col), "NULL,");
    }
  }
  std::string sql = "SELECT m.id, m.doc_id, " + columns +
                    ", vigil_digest(m.mention, m.targets, m.actors) FROM event_mentions m "
                    "ORDER BY m.doc_id, m.idx";
  Statement q(db_, sql.c_str());
  std::vector<ResolutionMention> out;
  int digest_col = 0;
  VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
    if (!digest_col) digest_col = sqlite3_column_count(q.raw()) - 1;
    auto it = doc_index.find(q.Int(1));
    if (it == doc_index.end()) return;
    ResolutionMention m;
    m.id = q.Int(0);
    m.doc = it->second;
    ReadMentionRow(q, 2, &m);
    if (!details) {
      m.targets_json.clear();
      m.digest = static_cast<uint64_t>(q.Int(digest_col));
    }
    out.push_back(std::move(m));
  }));
  return out;
}

Result<std::unordered_map<std::string, StoredEventState>> Store::LoadEventStates() {
  Statement q(db_, "SELECT key, fingerprint, type, killed_best FROM events");
  std::unordered_map<std::string, StoredEventState> out;
  VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
    StoredEventState st;
    st.fingerprint = q.IsNull(1) ? 0 : q.Int(1);
    st.type = q.Text(2);
    st.killed_best = q.OptDouble(3);
    out.emplace(q.Text(0), std::move(st));
  }));
  return out;
}

Result<std::string> Store::DocumentText(int64_t doc_id) {
  Statement q(db_, "SELECT text FROM documents WHERE id = ?1");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, doc_id);
  auto r = q.Step();
  if (!r.ok()) return r.status();
  if (!*r) return Status::NotFound("no document " + std::to_string(doc_id));
  return q.Text(0);
}

struct LedgerWriter::Impl {
  sqlite3* db = nullptr;
  bool open = false;
  Statement find, del_event, del_members, del_campaigns, ins, member, tally, camp_event,
      camp_tally, stamp;
  Status Exec(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return SqliteStatus(db, rc, sql);
    return Status::Ok();
  }
};

LedgerWriter::LedgerWriter() : impl_(std::make_unique<Impl>()) {}

LedgerWriter::~LedgerWriter() {
  if (impl_->open) (void)impl_->Exec("ROLLBACK");
  (void)impl_->Exec("PRAGMA foreign_keys=ON");
}

Result<std::unique_ptr<LedgerWriter>> Store::BeginLedgerWrite() {
  // Per-row foreign-key checks on the deletes and inserts would cost more
  // than the resolution itself, and the rows written here reference only
  // rows written here or mentions read in the same run. (The pragma cannot
  // change inside a transaction; the writer turns it back on when done.)
  VIGIL_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=OFF"));
  std::unique_ptr<LedgerWriter> w(new LedgerWriter());
  LedgerWriter::Impl& x = *w->impl_;
  x.db = db_;
  VIGIL_RETURN_IF_ERROR(x.Exec("BEGIN IMMEDIATE"));
  x.open = true;
  x.find = Statement(db_, "SELECT id FROM events WHERE key = ?1");
  x.del_event = Statement(db_, "DELETE FROM events WHERE id = ?1");
  x.del_members = Statement(db_, "DELETE FROM event_members WHERE event_id = ?1");
  x.del_campaigns = Statement(db_, "DELETE FROM campaign_events WHERE event_id = ?1");
  x.ins = Statement(db_, R"sql(
INSERT INTO events(key, type, mode, status, date_start, date_end, date_precision, place_id,
  place_name, place_kind, place_country, lat, lon, killed_low, killed_best, killed_high,
  injured_best, survivors_best, vessels, strikes, reports, origins, first_reported, flags,
  rejected, event, troops, count, fingerprint, missing_best)
VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
  ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30))sql");
  x.member = Statement(db_,
                       "INSERT OR REPLACE INTO event_members(mention_id, event_id, origin) "
                       "VALUES(?1, ?2, ?3)");
  x.tally = Statement(db_, R"sql(
INSERT OR REPLACE INTO tallies(mention_id, doc_id, as_of, outlet, origin, killed,
  killed_qualifier, strikes, vessels, survivors)
VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql");
  x.camp_event = Statement(db_,
                           "INSERT OR IGNORE INTO campaign_events(campaign, event_id) "
                           "SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM campaigns WHERE name = ?1)");
  x.camp_tally = Statement(db_,
                           "INSERT OR IGNORE INTO campaign_tallies(campaign, mention_id) "
                           "SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM campaigns WHERE name = ?1)");
  x.stamp = Statement(db_,
                      "INSERT OR REPLACE INTO ledger_state(key, value) VALUES('updated_at', ?1)");
  for (Statement* s : {&x.find, &x.del_event, &x.del_members, &x.del_campaigns, &x.ins, &x.member,
                       &x.tally, &x.camp_event, &x.camp_tally, &x.stamp})
    if (!s->valid()) return s->PrepareStatus();
  return w;
}

Status LedgerWriter::RemoveAllEvents() {
  for (const char* sql : {"DELETE FROM campaign_events", "DELETE FROM event_members",
                          "DELETE FROM events"})
    VIGIL_RETURN_IF_ERROR(impl_->Exec(sql));
  return Status::Ok();
}

Status LedgerWriter::RemoveEvent(const std::string& key) {
  Impl& x = *impl_;
  x.find.Bind(1, Sv(key));
  auto row = x.find.Step();
  if (!row.ok()) {
    x.find.Reset();
    return row.status();
  }
  const int64_t id = *row ? x.find.Int(0) : -1;
  x.find.Reset();
  if (id < 0) return Status::Ok();
  for (Statement* s : {&x.del_members, &x.del_campaigns, &x.del_event})
    VIGIL_RETURN_IF_ERROR(s->Bind(1, id).Run());
  return Status::Ok();
}

Status LedgerWriter::PutEvent(const EventRow& e, const std::vector<std::string>& campaigns) {
  Impl& x = *impl_;
  Statement& ins = x.ins;
  ins.Bind(1, Sv(e.key))
      .Bind(2, Sv(e.type))
      .Bind(3, OrNull(e.mode))
      .Bind(4, Sv(e.status))
      .Bind(5, OrNull(e.date_start))
      .Bind(6, OrNull(e.date_end))
      .Bind(7, OrNull(e.date_precision))
      .Bind(8, OrNull(e.place_id))
      .Bind(9, OrNull(e.place_name))
      .Bind(10, OrNull(e.place_kind))
      .Bind(11, OrNull(e.place_country))
      .BindOptional(12, e.lat)
      .BindOptional(13, e.lon);
  if (e.killed)
    ins.BindDouble(14, e.killed->low).BindDouble(15, e.killed->best).BindDouble(16, e.killed->high);
  else
    ins.BindNull(14).BindNull(15).BindNull(16);
  ins.BindOptional(17, e.injured ? std::optional<double>(e.injured->best) : std::nullopt)
      .BindOptional(18, e.survivors ? std::optional<double>(e.survivors->best) : std::nullopt)
      .BindOptional(19, e.vessels)
      .BindDouble(20, e.strikes)
      .Bind(21, e.reports)
      .Bind(22, e.origins)
      .Bind(23, OrNull(e.first_reported))
      .Bind(24, e.flags)
      .Bind(25, int64_t{e.rejected ? 1 : 0})
      .Bind(26, Sv(e.json))
      .BindOptional(27, e.troops)
      .BindOptional(28, e.count)
      .Bind(29, e.fingerprint)
      .BindOptional(30, e.missing ? std::optional<double>(e.missing->best) : std::nullopt);
  VIGIL_RETURN_IF_ERROR(ins.Run());
  const int64_t id = sqlite3_last_insert_rowid(x.db);
  for (size_t k = 0; k < e.mention_ids.size(); ++k)
    VIGIL_RETURN_IF_ERROR(
        x.member.Bind(1, e.mention_ids[k]).Bind(2, id).Bind(3, Sv(e.mention_origins[k])).Run());
  for (const std::string& c : campaigns)
    VIGIL_RETURN_IF_ERROR(x.camp_event.Bind(1, Sv(c)).Bind(2, id).Run());
  return Status::Ok();
}

Status LedgerWriter::ReplaceTallies(
    const std::vector<TallyRow>& tallies,
    const std::vector<std::pair<std::string, size_t>>& campaign_tallies) {
  Impl& x = *impl_;
  for (const char* sql : {"DELETE FROM campaign_tallies", "DELETE FROM tallies"})
    VIGIL_RETURN_IF_ERROR(x.Exec(sql));
  for (const TallyRow& t : tallies) {
    x.tally.Bind(1, t.mention_id)
        .Bind(2, t.doc_id)
        .Bind(3, OrNull(t.as_of))
        .Bind(4, OrNull(t.outlet))
        .Bind(5, OrNull(t.origin))
        .BindOptional(6, t.killed)
        .Bind(7, OrNull(t.killed_qualifier))
        .BindOptional(8, t.strikes)
        .BindOptional(9, t.vessels)
        .BindOptional(10, t.survivors);
    VIGIL_RETURN_IF_ERROR(x.tally.Run());
  }
  for (const auto& [name, index] : campaign_tallies) {
    if (index >= tallies.size()) continue;
    VIGIL_RETURN_IF_ERROR(x.camp_tally.Bind(1, Sv(name)).Bind(2, tallies[index].mention_id).Run());
  }
  return Status::Ok();
}

Status LedgerWriter::Commit(bool changed) {
  Impl& x = *impl_;
  if (changed) VIGIL_RETURN_IF_ERROR(x.stamp.Bind(1, Sv(NowUtc())).Run());
  VIGIL_RETURN_IF_ERROR(x.Exec("COMMIT"));
  x.open = false;
  return Status::Ok();
}

namespace {

// The WHERE clause shared by ListEvents and CountEvents, with a term only
// for each filter given: a term written "(?N IS NULL OR col = ?N)" for every
// field keeps SQLite from using any index, and counting the events of a
// 100,000-document ledger took 640 ms instead of 2. Parameters keep their
// numbers (BindEventFilter binds all of them); nothing from the request is
// written into the SQL.
std::string EventWhere(const EventFilter& f) {
  std::string w = "\nWHERE 1";
  if (!f.key.empty()) w += " AND e.key = ?1";
  if (!f.type.empty()) w += " AND e.type = ?2";
  if (!f.mode.empty()) w += " AND e.mode = ?3";
  if (!f.status.empty()) w += " AND e.status = ?4";
  if (!f.campaign.empty())
    w += " AND e.id IN (SELECT event_id FROM campaign_events WHERE campaign = ?5)";
  if (!f.from.empty()) w += " AND COALESCE(e.date_end, e.date_start) >= ?6";
  if (!f.to.empty()) w += " AND e.date_start <= ?7";
  if (!f.country.empty()) w += " AND e.place_country = ?8";
  if (f.min_killed) w += " AND e.killed_best >= ?9";
  if (f.west && f.south && f.east && f.north)
    w += " AND e.lat >= ?10 AND e.lat <= ?11 AND (CASE WHEN ?12 <= ?13 THEN e.lon >= ?12 AND "
         "e.lon <= ?13 ELSE e.lon >= ?12 OR e.lon <= ?13 END)";
  if (!f.include_rejected) w += " AND e.rejected = 0";
  if (!f.text_match.empty())
    w += R"sql( AND e.id IN (
    SELECT em.event_id FROM text_search t
    JOIN event_mentions m ON m.doc_id = t.rowid >> 24 AND m.sentence = (t.rowid & 16777215) - 1
    JOIN event_members em ON em.mention_id = m.id
    WHERE text_search MATCH ?17
    UNION
    SELECT em.event_id FROM text_search t
    JOIN event_mentions m ON m.doc_id = t.rowid >> 24
    JOIN event_members em ON em.mention_id = m.id
    WHERE text_search MATCH ?17 AND (t.rowid & 16777215) = 0))sql";
  return w;
}

void BindEventFilter(Statement* q, const EventFilter& f) {
  q->Bind(1, OrNull(f.key))
      .Bind(2, OrNull(f.type))
      .Bind(3, OrNull(f.mode))
      .Bind(4, OrNull(f.status))
      .Bind(5, OrNull(f.campaign))
      .Bind(6, OrNull(f.from))
      .Bind(7, OrNull(f.to))
      .Bind(8, OrNull(f.country))
      .BindOptional(9, f.min_killed);
  bool box = f.west && f.south && f.east && f.north;
  q->BindOptional(10, box ? f.south : std::nullopt)
      .BindOptional(11, box ? f.north : std::nullopt)
      .BindOptional(12, box ? f.west : std::nullopt)
      .BindOptional(13, box ? f.east : std::nullopt)
      .Bind(14, int64_t{f.include_rejected ? 1 : 0})
      .Bind(17, OrNull(f.text_match));  // full-text search (src/store/search.h)
}

constexpr const char* kEventColumns = R"sql(
SELECT e.id, e.key, e.type, e.mode, e.status, e.date_start, e.date_end, e.date_precision,
  e.place_id, e.place_name, e.place_kind, e.place_country, e.lat, e.lon, e.killed_low,
  e.killed_best, e.killed_high, e.injured_best, e.survivors_best, e.vessels, e.strikes,
  e.reports, e.origins, e.first_reported, e.flags, e.rejected, e.event, e.troops, e.count,
  e.missing_best
FROM events e)sql";

// The ORDER BY of an events page (without the words), chosen from a fixed
// list, never taken from the request. Ties by key: the order then depends
// on the events alone, not on when each was written (an incremental
// resolution rewrites only some).
std::string EventOrder(const EventFilter& f) {
  std::string order;
  const char* dir = f.descending ? " DESC" : " ASC";
  if (f.sort == "killed") order = std::string("COALESCE(e.killed_best, -1)") + dir;
  else if (f.sort == "reports") order = std::string("e.reports") + dir;
  else if (f.sort == "origins") order = std::string("e.origins") + dir;
  else if (f.sort == "type") order = std::string("e.type") + dir;
  else if (f.sort == "status") order = std::string("e.status") + dir;
  else if (f.sort == "place") order = std::string("COALESCE(e.place_name, '')") + dir;
  else order = std::string("e.date_start") + dir;
  return order + ", e.key";
}

// The ids of the page of |f|: from the filter and sort columns alone (an
// index, or a sort of small rows), so that only the page's rows are then
// read whole; a sort that carried every matching event's JSON spilled
// megabytes.
std::string EventPageIds(const EventFilter& f) {
  return "SELECT e.id FROM events e" + EventWhere(f) + " ORDER BY " + EventOrder(f) +
         " LIMIT ?15 OFFSET ?16";
}

// Prepares |q| (an events query written with EventWhere) and binds |f|'s
// filters, and its page when |paged|.
Status PrepareEventQuery(Statement* q, const EventFilter& f, bool paged) {
  VIGIL_RETURN_IF_ERROR(q->PrepareStatus());
  BindEventFilter(q, f);
  if (paged) q->Bind(15, f.limit).Bind(16, f.offset);
  return Status::Ok();
}

}  // namespace

Result<std::vector<EventRow>> Store::ListEvents(const EventFilter& f) {
  std::string sql = std::string(kEventColumns) + "\nWHERE e.id IN (" + EventPageIds(f) +
                    ") ORDER BY " + EventOrder(f);
  Statement q(db_, sql.c_str());
  VIGIL_RETURN_IF_ERROR(PrepareEventQuery(&q, f, true));
  std::vector<EventRow> out;
  VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
    EventRow e;
    e.id = q.Int(0);
    e.key = q.Text(1);
    e.type = q.Text(2);
    e.mode = q.Text(3);
    e.status = q.Text(4);
    e.date_start = q.Text(5);
    e.date_end = q.Text(6);
    e.date_precision = q.Text(7);
    e.place_id = q.Text(8);
    e.place_name = q.Text(9);
    e.place_kind = q.Text(10);
    e.place_country = q.Text(11);
    e.lat = q.OptDouble(12);
    e.lon = q.OptDouble(13);
    if (!q.IsNull(15)) e.killed = FigureRange{q.Double(14), q.Double(15), q.Double(16)};
    if (!q.IsNull(17)) e.injured = FigureRange{q.Double(17), q.Double(17), q.Double(17)};
    if (!q.IsNull(18)) e.survivors = FigureRange{q.Double(18), q.Double(18), q.Double(18)};
    e.vessels = q.OptDouble(19);
    e.strikes = q.Double(20);
    e.reports = q.Int(21);
    e.origins = q.Int(22);
    e.first_reported = q.Text(23);
    e.flags = q.Int(24);
    e.rejected = q.Int(25) != 0;
    e.json = q.Text(26);
    e.troops = q.OptDouble(27);
    e.count = q.OptDouble(28);
    if (!q.IsNull(29)) e.missing = FigureRange{q.Double(29), q.Double(29), q.Double(29)};
    out.push_back(std::move(e));
  }));
  return out;
}

Store::ReadCache* Store::FreshReadCache() {
  if (!read_cache_) {
    read_cache_ = std::make_unique<ReadCache>();
    read_cache_->data_version = Statement(db_, "PRAGMA data_version");
  }
  ReadCache* c = read_cache_.get();
  if (!c->data_version.valid()) return nullptr;
  auto row = c->data_version.Step();
  if (!row.ok() || !*row) {
    c->data_version.Reset();
    return nullptr;
  }
  int64_t version = c->data_version.Int(0);
  c->data_version.Reset();
  int64_t own = sqlite3_total_changes64(db_);
  if (version != c->version || own != c->own_changes ||
      c->answers.size() >= ReadCache::kMaxEntries) {
    c->answers.clear();
    c->version = version;
    c->own_changes = own;
  }
  return c;
}

template <typename T, typename Compute>
Result<T> Store::CachedRead(std::string key, Compute&& compute) {
  ReadCache* cache = FreshReadCache();
  if (cache) {
    auto it = cache->answers.find(key);
    if (it != cache->answers.end()) {
      if (const T* answer = std::get_if<T>(&it->second)) return *answer;
    }
  }
  Result<T> r = compute();
  if (r.ok() && cache) cache->answers.insert_or_assign(std::move(key), *r);
  return r;
}

namespace {

// Every field of |f|, as a key of the read cache.
std::string FilterCacheKey(std::string_view query, const EventFilter& f, bool paged) {
  std::string k(query);
  k += '\x1e';
  auto add = [&k](std::string_view v) {
    k += v;
    k += '\x1f';
  };
  auto add_opt = [&](const std::optional<double>& v) {
    char buf[32] = "-";
    if (v) std::snprintf(buf, sizeof buf, "%.17g", *v);  // exact: no two values share a key
    add(buf);
  };
  for (const std::string* v : {&f.key, &f.type, &f.mode, &f.status, &f.campaign, &f.from, &f.to,
                               &f.country, &f.text_match})
    add(*v);
  for (const auto* v : {&f.min_killed, &f.west, &f.south, &f.east, &f.north}) add_opt(*v);
  add(f.include_rejected ? "r" : "");
  if (paged) {
    add(f.sort);
    add(f.descending ? "d" : "a");
    add(std::to_string(f.limit));
    add(std::to_string(f.offset));
  }
  return k;
}

}  // namespace

Result<int64_t> Store::CountEvents(const EventFilter& f) {
  return CachedRead<int64_t>(FilterCacheKey("count", f, false), [&]() -> Result<int64_t> {
    std::string sql = std::string("SELECT count(*) FROM events e") + EventWhere(f);
    Statement q(db_, sql.c_str());
    VIGIL_RETURN_IF_ERROR(PrepareEventQuery(&q, f, false));
    auto r = q.Step();
    if (!r.ok()) return r.status();
    return q.Int(0);
  });
}

Result<std::vector<EventSummaryRow>> Store::ListEventSummaries(const EventFilter& f) {
  using Page = std::vector<EventSummaryRow>;
  return CachedRead<Page>(FilterCacheKey("page", f, true), [&]() -> Result<Page> {
    // The summary is stored apart from the events' rows (schema version 7),
    // so the page never reads an event's JSON; an event without one (its
    // JSON was not valid) has a null summary and is shown as null.
    std::string sql = "SELECT e.id, e.key, s.summary, s.first_ingested, s.last_ingested "
                      "FROM events e LEFT JOIN event_summaries s "
                      "ON s.event_id = e.id WHERE e.id IN (" + EventPageIds(f) +
                      ") ORDER BY " + EventOrder(f);
    Statement q(db_, sql.c_str());
    VIGIL_RETURN_IF_ERROR(PrepareEventQuery(&q, f, true));
    std::vector<EventSummaryRow> out;
    VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
      EventSummaryRow r;
      r.id = q.Int(0);
      r.key = q.Text(1);
      r.json = q.Text(2);
      r.ingested.first = q.Text(3);
      r.ingested.last = q.Text(4);
      out.push_back(std::move(r));
    }));
    return out;
  });
}

Result<EventTimeline> Store::EventsPerDay(const EventFilter& f) {
  auto cache_key = FilterCacheKey("timeline", f, false);
  return CachedRead<EventTimeline>(std::move(cache_key), [&]() -> Result<EventTimeline> {
    // Counted here rather than by GROUP BY: SQLite sorted every matching row
    // in a temporary b-tree (0.6 s for the 225,406 events of a 100,000-document
    // ledger), where one pass over the index and a hash map take a sixth.
    std::string sql = "SELECT e.date_start, e.type, e.status, e.killed_best, e.lat IS NOT NULL "
                      "FROM events e" + EventWhere(f);
    Statement q(db_, sql.c_str());
    VIGIL_RETURN_IF_ERROR(PrepareEventQuery(&q, f, false));
    EventTimeline out;
    EventTotals& t = out.totals;
    std::unordered_map<std::string, size_t> index;   // "day type status" -> days
    std::string key;
    VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
      const double killed = q.IsNull(3) ? 0 : q.Double(3);
      std::string status = q.Text(2);
      ++t.events;
      t.located += q.Int(4);
      t.killed += killed;
      if (status == "occurred" || status == "ongoing") ++t.happened;
      if (q.IsNull(0)) {
        ++t.undated;
        return;
      }
      std::string day = q.Text(0).substr(0, 10);
      std::string type = q.Text(1);
      key = day + ' ' + type + ' ' + status;
      auto [it, added] = index.emplace(key, out.days.size());
      if (added)
        out.days.push_back(EventDayRow{std::move(day), std::move(type), std::move(status)});
      EventDayRow& row = out.days[it->second];
      ++row.events;
      row.killed += killed;
    }));
    std::sort(out.days.begin(), out.days.end(), [](const EventDayRow& a, const EventDayRow& b) {
      return std::tie(a.day, a.type, a.status) < std::tie(b.day, b.type, b.status);
    });
    return out;
  });
}

Result<EventTotals> Store::CountEventTotals(const EventFilter& f) {
  return CachedRead<EventTotals>(FilterCacheKey("totals", f, false), [&]() -> Result<EventTotals> {
    std::string sql = "SELECT count(*), count(e.lat), count(*) - count(e.date_start), "
                      "total(e.status IN ('occurred', 'ongoing')), total(e.killed_best) "
                      "FROM events e" + EventWhere(f);
    Statement q(db_, sql.c_str());
    VIGIL_RETURN_IF_ERROR(PrepareEventQuery(&q, f, false));
    auto r = q.Step();
    if (!r.ok()) return r.status();
    EventTotals t;
    t.events = q.Int(0);
    t.located = q.Int(1);
    t.undated = q.Int(2);
    t.happened = static_cast<int64_t>(q.Double(3));
    t.killed = q.Double(4);
    return t;
  });
}

Result<std::vector<EventPoint>> Store::EventPoints(const EventFilter& f, int64_t limit) {
  using Points = std::vector<EventPoint>;
  auto cache_key = FilterCacheKey("points", f, false) + std::to_string(limit);
  return CachedRead<Points>(std::move(cache_key), [&]() -> Result<Points> {
    std::string sql = "SELECT e.key, e.lat, e.lon, e.killed_best, e.type, e.status FROM events e" +
                      EventWhere(f) + " AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
                      "ORDER BY COALESCE(e.killed_best, -1) DESC, e.key LIMIT ?15";
    Statement q(db_, sql.c_str());
    VIGIL_RETURN_IF_ERROR(PrepareEventQuery(&q, f, false));
    q.Bind(15, limit);
    std::vector<EventPoint> out;
    VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
      EventPoint p;
      p.key = q.Text(0);
      p.lat = q.Double(1);
      p.lon = q.Double(2);
      p.killed = q.OptDouble(3);
      p.type = q.Text(4);
      p.status = q.Text(5);
      out.push_back(std::move(p));
    }));
    return out;
  });
}

Result<std::vector<EventArea>> Store::EventAreas(const EventFilter& f) {
  using Areas = std::vector<EventArea>;
  return CachedRead<Areas>(FilterCacheKey("areas", f, false), [&]() -> Result<Areas> {
    std::string sql = "SELECT e.place_id, min(e.place_name), count(*), total(e.killed_best) "
                      "FROM events e" + EventWhere(f) +
                      " AND e.place_kind = 'sea' AND e.place_id IS NOT NULL "
                      "GROUP BY e.place_id ORDER BY count(*) DESC, e.place_id";
    Statement q(db_, sql.c_str());
    VIGIL_RETURN_IF_ERROR(PrepareEventQuery(&q, f, false));
    Areas out;
    VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
      EventArea a;
      a.place_id = q.Text(0);
      a.name = q.Text(1);
      a.events = q.Int(2);
      a.killed = q.Double(3);
      out.push_back(std::move(a));
    }));
    return out;
  });
}

Result<std::vector<std::pair<int64_t, std::string>>> Store::EventKeysOfMentions(
    const std::vector<int64_t>& mention_ids) {
  Statement q(db_,
              "SELECT e.key FROM event_members em JOIN events e ON e.id = em.event_id "
              "WHERE em.mention_id = ?1");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  std::vector<std::pair<int64_t, std::string>> out;
  for (int64_t id : mention_ids) {
    q.Bind(1, id);
    auto r = q.Step();
    if (!r.ok()) {
      q.Reset();
      return r.status();
    }
    if (*r) out.push_back({id, q.Text(0)});
    q.Reset();
  }
  return out;
}

Result<std::vector<TallyRow>> Store::ListTallies(const std::string& campaign) {
  Statement q(db_, R"sql(
SELECT t.mention_id, t.doc_id, t.as_of, t.outlet, d.url, t.origin, t.killed,
  t.killed_qualifier, t.strikes, t.vessels, t.survivors, m.begin, m.end, m.mention
FROM tallies t JOIN event_mentions m ON m.id = t.mention_id
JOIN documents d ON d.id = t.doc_id
WHERE (?1 IS NULL OR t.mention_id IN
       (SELECT mention_id FROM campaign_tallies WHERE campaign = ?1))
ORDER BY t.as_of, t.doc_id, t.mention_id)sql");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, OrNull(campaign));
  std::vector<TallyRow> out;
  VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
    TallyRow t;
    t.mention_id = q.Int(0);
    t.doc_id = q.Int(1);
    t.as_of = q.Text(2);
    t.outlet = q.Text(3);
    t.url = q.Text(4);
    t.origin = q.Text(5);
    t.killed = q.OptDouble(6);
    t.killed_qualifier = q.Text(7);
    t.strikes = q.OptDouble(8);
    t.vessels = q.OptDouble(9);
    t.survivors = q.OptDouble(10);
    t.begin = static_cast<uint32_t>(q.Int(11));
    t.end = static_cast<uint32_t>(q.Int(12));
    Json m = Json::parse(q.Text(13), nullptr, false);
    if (m.is_object() && m["text"].is_string()) t.text = m["text"].get<std::string>();
    out.push_back(std::move(t));
  }));
  return out;
}

Status Store::SaveCampaigns(const std::vector<Campaign>& campaigns) {
  VIGIL_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  Statement q(db_,
              // An upsert, not a REPLACE: replacing deletes the row, and
              // with it (cascade) the campaign's events until the next
              // full rebuild. An unchanged definition changes nothing.
              "INSERT INTO campaigns(name, definition, updated_at) VALUES(?1, ?2, ?3) "
              "ON CONFLICT(name) DO UPDATE SET definition = excluded.definition, "
              "updated_at = excluded.updated_at WHERE definition IS NOT excluded.definition");
  if (!q.valid()) {
    RollbackBatch();
    return q.PrepareStatus();
  }
  std::string now = NowUtc();
  for (const Campaign& c : campaigns) {
    Json j = {{"title", c.title},           {"types", c.types},
              {"modes", c.modes},           {"statuses", c.statuses},
              {"actor_countries", c.actor_countries},
              {"target_kinds", c.target_kinds}, {"regions", c.regions},
              {"from", c.from},             {"to", c.to},
              {"source", c.source}};
    q.Bind(1, Sv(c.name)).Bind(2, Sv(DumpJson(j))).Bind(3, Sv(now));
    Status s = q.Run();
    if (!s.ok()) {
      RollbackBatch();
      return s;
    }
  }
  return Exec("COMMIT");
}

Result<std::vector<Campaign>> Store::LoadCampaigns() {
  Statement q(db_, "SELECT name, definition FROM campaigns ORDER BY name");
  std::vector<Campaign> out;
  VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
    Campaign c;
    c.name = q.Text(0);
    Json j = Json::parse(q.Text(1), nullptr, false);
    if (j.is_object()) {
      c.title = j.value("title", "");
      c.types = StringList(j["types"]);
      c.modes = StringList(j["modes"]);
      c.statuses = StringList(j["statuses"]);
      c.actor_countries = StringList(j["actor_countries"]);
      c.target_kinds = StringList(j["target_kinds"]);
      c.regions = StringList(j["regions"]);
      c.from = j.value("from", "");
      c.to = j.value("to", "");
      c.source = j.value("source", "");
    }
    out.push_back(std::move(c));
  }));
  return out;
}

Result<int64_t> Store::AddCorrection(const Correction& c) {
  Statement q(db_,
              "INSERT INTO corrections(created_at, action, mentions, field, value, note) "
              "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  std::string created = c.created_at.empty() ? NowUtc() : c.created_at;
  q.Bind(1, Sv(created))
      .Bind(2, CorrectionActionName(c.action))
      .Bind(3, Sv(DumpJson(Json(c.mentions))))
      .Bind(4, OrNull(c.field))
      .Bind(5, OrNull(c.value))
      .Bind(6, Sv(c.note));
  VIGIL_RETURN_IF_ERROR(q.Run());
  return sqlite3_last_insert_rowid(db_);
}

Result<std::vector<Correction>> Store::ListCorrections() {
  Statement q(db_,
              "SELECT id, created_at, action, mentions, field, value, note FROM corrections "
              "ORDER BY id");
  std::vector<Correction> out;
  VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] {
    Correction c;
    c.id = q.Int(0);
    c.created_at = q.Text(1);
    std::string action = q.Text(2);
    for (CorrectionAction a : {CorrectionAction::kMerge, CorrectionAction::kSplit,
                               CorrectionAction::kReject, CorrectionAction::kSetFigure,
                               CorrectionAction::kUnreject})
      if (action == CorrectionActionName(a)) c.action = a;
    c.mentions = StringList(Json::parse(q.Text(3), nullptr, false));
    c.field = q.Text(4);
    c.value = q.Text(5);
    c.note = q.Text(6);
    out.push_back(std::move(c));
  }));
  return out;
}

Status Store::DeleteCorrection(int64_t id) {
  Statement q(db_, "DELETE FROM corrections WHERE id = ?1");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, id);
  VIGIL_RETURN_IF_ERROR(q.Run());
  if (sqlite3_changes(db_) == 0)
    return Status::NotFound("no correction " + std::to_string(id));
  return Status::Ok();
}

Result<std::vector<std::string>> Store::EventMentionKeys(const std::string& event_key) {
  Statement q(db_, R"sql(
SELECT d.content_hash || ':' || m.begin || ':' || m.type
FROM events e JOIN event_members em ON em.event_id = e.id
JOIN event_mentions m ON m.id = em.mention_id JOIN documents d ON d.id = m.doc_id
WHERE e.key = ?1 ORDER BY m.doc_id, m.idx)sql");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, Sv(event_key));
  std::vector<std::string> out;
  VIGIL_RETURN_IF_ERROR(ForEachRow(&q, [&] { out.push_back(q.Text(0)); }));
  if (out.empty()) return Status::NotFound("no event " + event_key);
  return out;
}

Result<std::string> Store::LedgerVersion() {
  Statement q(db_,
              "SELECT (SELECT value FROM ledger_state WHERE key = 'updated_at') || ' ' || "
              "(SELECT max(id) FROM events) || ' ' || "
              "(SELECT count(*) FROM corrections)");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  auto r = q.Step();
  if (!r.ok()) return r.status();
  return q.Text(0);
}

Result<std::string> Store::LedgerUpdatedAt() {
  Statement q(db_, "SELECT value FROM ledger_state WHERE key = 'updated_at'");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  auto r = q.Step();
  if (!r.ok()) return r.status();
  return *r ? q.Text(0) : std::string();
}

}  // namespace vigil
