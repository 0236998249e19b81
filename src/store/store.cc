#include "vigil/store.h"

#include <xxhash.h>
#include <zstd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "store/read_cache.h"
#include "store/rows.h"
#include "store/schema.h"
#include "store/search.h"
#include "store/sqlite_util.h"

namespace vigil {

namespace {

// Raw bytes above this size are stored zstd-compressed.
constexpr size_t kCompressRawAbove = 4096;


std::string BlocksJson(const std::vector<Block>& blocks) {
  std::string out = "[";
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i) out += ',';
    out += "[\"";
    out += BlockKindName(blocks[i].kind);
    out += "\",";
    out += std::to_string(blocks[i].begin);
    out += ',';
    out += std::to_string(blocks[i].end);
    out += ']';
  }
  out += ']';
  return out;
}

std::vector<Block> ParseBlocksJson(const std::string& s) {
  std::vector<Block> out;
  auto j = nlohmann::json::parse(s, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (!e.is_array() || e.size() != 3) continue;
    Block b;
    std::string kind = e[0].is_string() ? e[0].get<std::string>() : "body";
    for (BlockKind k : {BlockKind::kHeadline, BlockKind::kStandfirst, BlockKind::kBody,
                        BlockKind::kCaption, BlockKind::kListItem})
      if (kind == BlockKindName(k)) b.kind = k;
    b.begin = e[1].is_number_unsigned() ? e[1].get<uint32_t>() : 0;
    b.end = e[2].is_number_unsigned() ? e[2].get<uint32_t>() : 0;
    out.push_back(b);
  }
  return out;
}



}  // namespace

std::string ContentHash(const Document& doc) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  auto add = [&](const std::string& s) {
    XXH3_128bits_update(st, s.data(), s.size());
    XXH3_128bits_update(st, "\0", 1);
  };
  add(doc.meta.url);
  add(doc.meta.outlet);
  add(doc.meta.title);
  add(doc.text);
  XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx",
                static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

namespace {

// vigil_digest(a, b, ...): a 64-bit hash of its arguments' bytes and types,
// so a query can tell whether stored values changed without returning them
// (incremental resolution reads each mention's digest, not its JSON).
void DigestFunction(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  XXH3_state_t* st = XXH3_createState();
  if (!st) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  XXH3_64bits_reset(st);
  for (int i = 0; i < argc; ++i) {
    const unsigned char type = static_cast<unsigned char>(sqlite3_value_type(argv[i]));
    XXH3_64bits_update(st, &type, 1);
    if (type == SQLITE_NULL) continue;
    const void* data = sqlite3_value_blob(argv[i]);
    const int n = sqlite3_value_bytes(argv[i]);
    const uint32_t len = static_cast<uint32_t>(n);
    XXH3_64bits_update(st, &len, sizeof(len));
    if (data && n > 0) XXH3_64bits_update(st, data, static_cast<size_t>(n));
  }
  sqlite3_result_int64(ctx, static_cast<sqlite3_int64>(XXH3_64bits_digest(st)));
  XXH3_freeState(st);
}

}  // namespace

struct Store::Statements {
  Statement find_hash, find_url, find_outlet, insert_outlet, insert_doc, insert_sentence;
  Statement insert_extraction, insert_event_mention, delete_event_mentions, insert_signature;
  Statement mention_details;
  std::unordered_map<std::string, int64_t> outlet_ids;
};

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  std::unique_ptr<Store> store(new Store());
  store->path_ = path;
  int rc = sqlite3_open_v2(path.c_str(), &store->db_,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteStatus(store->db_, rc, "cannot open database").At(path);
    return s;
  }
  sqlite3_extended_result_codes(store->db_, 1);
  sqlite3_busy_timeout(store->db_, 10000);
  rc = sqlite3_create_function_v2(store->db_, "vigil_digest", -1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, nullptr,
                                  DigestFunction, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(store->db_, rc, "cannot register vigil_digest").At(path);
  // A file that is not a database fails here, on the first read. Switching
  // a new file to WAL takes a lock SQLite does not wait for (no busy
  // handler): when several processes open a new database at once (a reader
  // as the first ingest starts), retry within the busy timeout.
  Status wal;
  for (int waited_ms = 0;; waited_ms += 10) {
    wal = store->Exec("PRAGMA journal_mode=WAL");
    int code = sqlite3_extended_errcode(store->db_) & 0xFF;
    if (wal.ok() || (code != SQLITE_BUSY && code != SQLITE_LOCKED) || waited_ms >= 10000) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!wal.ok()) return wal.At(path);
  for (const char* pragma : {"PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
    Status s = store->Exec(pragma);
    if (!s.ok()) return s.At(path);
  }
  Status s = store->Migrate();
  if (!s.ok()) return s.At(path);
  auto* st = new Statements();
  store->stmts_.reset(st);
  sqlite3* db = store->db_;
  st->find_hash = Statement(db, "SELECT id FROM documents WHERE content_hash = ?1");
  st->find_url = Statement(db, "SELECT id FROM documents WHERE url = ?1 ORDER BY id DESC LIMIT 1");
  st->find_outlet = Statement(db, "SELECT id FROM outlets WHERE name = ?1");
  st->insert_outlet = Statement(db, "INSERT INTO outlets(name, domain) VALUES(?1, ?2)");
  st->insert_doc = Statement(db, R"sql(
INSERT INTO documents(content_hash, origin, format, external_id, url, title,
  outlet_id, author, published, lang_declared, language, language_reliable,
  raw, raw_encoding, raw_size, text, blocks, notes, previous_version, ingested_at, updated)
VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
  ?17, ?18, ?19, ?20, ?21))sql");
  st->insert_sentence = Statement(db,
      "INSERT INTO sentences(doc_id, idx, begin, end, block) VALUES(?1, ?2, ?3, ?4, ?5)");
  st->insert_extraction = Statement(db,
      "INSERT OR REPLACE INTO extractions(doc_id, extractor_version, mentions, "
      "mentions_encoding, extracted_at, cited_outlets) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  st->delete_event_mentions = Statement(db, "DELETE FROM event_mentions WHERE doc_id = ?1");
  st->insert_event_mention = Statement(db, R"sql(
INSERT INTO event_mentions(doc_id, idx, sentence, begin, end, trigger_begin, trigger_end,
  type, mode, status, generic, negated, running_total, date_start, date_end,
  date_precision, place_id, place_name, place_kind, place_country, lat, lon, killed,
  killed_high, killed_qualifier, injured, survivors, vessels, strikes, ordinal, speaker,
  outlet_cited, anonymous_sources, mention, speaker_id, grp, actors, targets, troops, count,
  missing)
VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
  ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35,
  ?36, ?37, ?38, ?39, ?40, ?41))sql");
  st->insert_signature = Statement(db,
      "INSERT OR REPLACE INTO doc_signatures(doc_id, minhash) VALUES(?1, ?2)");
  for (Statement* stmt : {&st->find_hash, &st->find_url, &st->find_outlet,
                          &st->insert_outlet, &st->insert_doc, &st->insert_sentence,
                          &st->insert_extraction, &st->insert_event_mention,
                          &st->delete_event_mentions, &st->insert_signature}) {
    if (!stmt->valid()) return stmt->PrepareStatus().At(path);
  }
  return store;
}

Store::~Store() {
  stmts_.reset();
  read_cache_.reset();
  if (db_) sqlite3_close_v2(db_);
}

Status Store::Exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    // Name the statement ("COMMIT: database or disk is full"), or give
    // SQLite's own message when it says more than the code does.
    std::string_view statement(sql);
    std::string what(statement.substr(0, statement.find_first_of(" \n")));
    if (err && std::string_view(err) != sqlite3_errstr(rc)) what = err;
    sqlite3_free(err);
    if ((rc & 0xFF) == SQLITE_NOTADB)
      return Status::Corruption("not a Vigil database (file is not SQLite)");
    return SqliteStatus(nullptr, rc, what);
  }
  return Status::Ok();
}

Status Store::Migrate() {
  Statement version(db_, "PRAGMA user_version");
  VIGIL_RETURN_IF_ERROR(version.PrepareStatus());
  auto row = version.Step();
  if (!row.ok()) return row.status();
  int current = static_cast<int>(version.Int(0));
  version.Reset();
  const auto& migrations = Migrations();
  if (current > static_cast<int>(migrations.size()))
    return Status::Unsupported("database schema version " + std::to_string(current) +
                               " is newer than this Vigil supports (" +
                               std::to_string(migrations.size()) + "); upgrade Vigil");
  for (int v = current; v < static_cast<int>(migrations.size()); ++v) {
    VIGIL_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    // Another process (a reader opening the file as the first ingest
    // creates it) may have migrated since the version was read.
    auto again = version.Step();
    int now = again.ok() && *again ? static_cast<int>(version.Int(0)) : v;
    version.Reset();
    if (now > v) {
      VIGIL_RETURN_IF_ERROR(Exec("COMMIT"));
      v = now - 1;
      continue;
    }
    Status s = Exec(migrations[v]);
    if (s.ok()) {
      std::string set = "PRAGMA user_version = " + std::to_string(v + 1);
      s = Exec(set.c_str());
    }
    if (!s.ok()) {
      Status rb = Exec("ROLLBACK");
      (void)rb;
      return Status::Internal("migration to schema version " + std::to_string(v + 1) +
                              " failed: " + s.message());
    }
    VIGIL_RETURN_IF_ERROR(Exec("COMMIT"));
  }
  schema_version_ = static_cast<int>(migrations.size());
  return Status::Ok();
}

Result<std::vector<PutResult>> Store::PutDocuments(std::span<const DocumentToStore> batch) {
  std::vector<PutResult> results;
  results.reserve(batch.size());
  VIGIL_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  Statements& st = *stmts_;
  auto fail = [&](Status s) -> Status {
    Status rb = Exec("ROLLBACK");
    (void)rb;
    st.outlet_ids.clear();  // ids from the rolled-back transaction are void
    st.find_hash.Reset();
    st.find_url.Reset();
    st.find_outlet.Reset();
    return s;
  };
  std::string raw_buf;
  std::string now = NowUtc();
  for (const DocumentToStore& item : batch) {
    const Document& doc = *item.doc;
    PutResult res;
    std::string hash = ContentHash(doc);
    st.find_hash.Bind(1, Sv(hash));
    auto found = st.find_hash.Step();
    if (!found.ok()) return fail(found.status());
    if (*found) {
      res.outcome = PutOutcome::kAlreadyPresent;
      res.id = st.find_hash.Int(0);
      st.find_hash.Reset();
      results.push_back(res);
      continue;
    }
    st.find_hash.Reset();

    if (!doc.meta.url.empty()) {
      st.find_url.Bind(1, Sv(doc.meta.url));
      auto prev = st.find_url.Step();
      if (!prev.ok()) return fail(prev.status());
      if (*prev) {
        res.outcome = PutOutcome::kNewVersion;
        res.previous_version = st.find_url.Int(0);
      }
      st.find_url.Reset();
    }

    int64_t outlet_id = 0;
    if (!doc.meta.outlet.empty()) {
      auto it = st.outlet_ids.find(doc.meta.outlet);
      if (it != st.outlet_ids.end()) {
        outlet_id = it->second;
      } else {
        st.find_outlet.Bind(1, Sv(doc.meta.outlet));
        auto f = st.find_outlet.Step();
        if (!f.ok()) return fail(f.status());
        if (*f) {
          outlet_id = st.find_outlet.Int(0);
          st.find_outlet.Reset();
        } else {
          st.find_outlet.Reset();
          std::string domain = DomainOf(doc.meta.url);
          st.insert_outlet.Bind(1, Sv(doc.meta.outlet)).Bind(2, OrNull(domain));
          Status s = st.insert_outlet.Run();
          if (!s.ok()) return fail(s);
          outlet_id = sqlite3_last_insert_rowid(db_);
        }
        st.outlet_ids[doc.meta.outlet] = outlet_id;
      }
    }

    // Raw bytes: compressed when large.
    std::string_view raw = doc.raw;
    const char* encoding = "identity";
    if (doc.raw.size() > kCompressRawAbove) {
      raw_buf.resize(ZSTD_compressBound(doc.raw.size()));
      size_t n = ZSTD_compress(raw_buf.data(), raw_buf.size(), doc.raw.data(),
                               doc.raw.size(), 1);
      if (!ZSTD_isError(n)) {
        raw = std::string_view(raw_buf.data(), n);
        encoding = "zstd";
      }
    }
    nlohmann::json notes = nlohmann::json::array();
    for (const auto& n : doc.notes) notes.push_back(n);

    std::string blocks = BlocksJson(doc.blocks);
    std::string notes_json = notes.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    Statement& ins = st.insert_doc;
    ins.Bind(1, Sv(hash))
        .Bind(2, Sv(doc.origin))
        .Bind(3, SourceFormatName(doc.format))
        .Bind(4, OrNull(doc.meta.external_id))
        .Bind(5, OrNull(doc.meta.url))
        .Bind(6, OrNull(doc.meta.title))
        .Bind(8, OrNull(doc.meta.author))
        .Bind(9, OrNull(doc.meta.published))
        .Bind(10, OrNull(doc.meta.lang))
        .Bind(11, Sv(doc.language))
        .Bind(12, int64_t{doc.language_reliable ? 1 : 0})
        .BindBlob(13, raw)
        .Bind(14, encoding)
        .Bind(15, static_cast<int64_t>(doc.raw.size()))
        .Bind(16, Sv(doc.text))
        .Bind(17, Sv(blocks))
        .Bind(18, Sv(notes_json))
        .Bind(20, Sv(now))
        .Bind(21, OrNull(doc.meta.updated));
    if (outlet_id) ins.Bind(7, outlet_id); else ins.BindNull(7);
    if (res.previous_version) ins.Bind(19, res.previous_version); else ins.BindNull(19);
    Status s = ins.Run();
    if (!s.ok()) return fail(s.At(doc.origin));
    res.id = sqlite3_last_insert_rowid(db_);

    int64_t idx = 0;
    for (const Sentence& sent : item.sentences) {
      st.insert_sentence.Bind(1, res.id)
          .Bind(2, idx++)
          .Bind(3, int64_t{sent.begin})
          .Bind(4, int64_t{sent.end})
          .Bind(5, BlockKindName(sent.block));
      Status ss = st.insert_sentence.Run();
      if (!ss.ok()) return fail(ss.At(doc.origin));
    }
    Status indexed = IndexDocumentText(db_, res.id, doc.meta.title, doc.text, item.sentences);
    if (!indexed.ok()) return fail(indexed.At(doc.origin));
    if (item.signature) {
      Status ss = PutSignature(res.id, *item.signature);
      if (!ss.ok()) return fail(ss.At(doc.origin));
    }
    if (item.mentions) {
      Status ms = InsertMentions(res.id, *item.mentions);
      if (!ms.ok()) return fail(ms.At(doc.origin));
    }
    results.push_back(res);
  }
  Status c = Exec("COMMIT");
  if (!c.ok()) return fail(c);
  return results;
}


Status Store::InsertMentions(int64_t doc_id, const MentionsToStore& m) {
  Statements& st = *stmts_;
  // The whole mentions object is large (every actor, place, number and date
  // with its words) and read only per document: stored zstd-compressed.
  std::string packed(ZSTD_compressBound(m.json.size()), '\0');
  size_t n = ZSTD_compress(packed.data(), packed.size(), m.json.data(), m.json.size(), 1);
  const char* encoding = "zstd";
  if (ZSTD_isError(n)) {
    packed = m.json;
    encoding = "identity";
  } else {
    packed.resize(n);
  }
  st.insert_extraction.Bind(1, doc_id)
      .Bind(2, Sv(m.extractor_version))
      .BindBlob(3, packed)
      .Bind(4, encoding)
      .Bind(5, Sv(NowUtc()))
      .Bind(6, Sv(m.cited_outlets_json));
  VIGIL_RETURN_IF_ERROR(st.insert_extraction.Run());
  for (const EventMentionRow& e : m.events) {
    Statement& q = st.insert_event_mention;
    q.Bind(1, doc_id)
        .Bind(2, e.index)
        .Bind(3, int64_t{e.sentence})
        .Bind(4, int64_t{e.begin})
        .Bind(5, int64_t{e.end})
        .Bind(6, int64_t{e.trigger_begin})
        .Bind(7, int64_t{e.trigger_end})
        .Bind(8, Sv(e.type))
        .Bind(9, OrNull(e.mode))
        .Bind(10, Sv(e.status))
        .Bind(11, int64_t{e.generic})
        .Bind(12, int64_t{e.negated})
        .Bind(13, int64_t{e.total_figures ? 2 : e.running_total ? 1 : 0})
        .Bind(14, OrNull(e.date_start))
        .Bind(15, OrNull(e.date_end))
        .Bind(16, OrNull(e.date_precision))
        .Bind(17, OrNull(e.place_id))
        .Bind(18, OrNull(e.place_name))
        .Bind(19, OrNull(e.place_kind))
        .Bind(20, OrNull(e.place_country));
    q.BindOptional(21, e.lat);
    q.BindOptional(22, e.lon);
    q.BindOptional(23, e.killed);
    q.BindOptional(24, e.killed_high);
    q.Bind(25, OrNull(e.killed_qualifier));
    q.BindOptional(26, e.injured);
    q.BindOptional(27, e.survivors);
    q.BindOptional(28, e.vessels);
    q.BindOptional(29, e.strikes);
    if (e.ordinal) q.Bind(30, *e.ordinal); else q.BindNull(30);
    q.Bind(31, OrNull(e.speaker)).Bind(32, OrNull(e.outlet_cited)).Bind(33, e.anonymous_sources)
        .Bind(34, Sv(e.json))
        .Bind(35, OrNull(e.speaker_id))
        .Bind(37, Sv(e.actors_json))
        .Bind(38, Sv(e.targets_json))
        .BindOptional(39, e.troops)
        .BindOptional(40, e.count)
        .BindOptional(41, e.missing);
    if (e.group >= 0) q.Bind(36, e.group); else q.BindNull(36);
    VIGIL_RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Status Store::BeginBatch() { return Exec("BEGIN IMMEDIATE"); }
Status Store::CommitBatch() { return Exec("COMMIT"); }
void Store::RollbackBatch() {
  Status s = Exec("ROLLBACK");
  (void)s;
  stmts_->outlet_ids.clear();
}

Status Store::ReadMentionDetails(int64_t id, std::string* json, std::string* targets_json) {
  Statement& q = stmts_->mention_details;
  if (!q.valid()) {
    q = Statement(db_, "SELECT mention, targets FROM event_mentions WHERE id = ?1");
    VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  }
  q.Bind(1, id);
  auto row = q.Step();
  if (!row.ok()) {
    q.Reset();
    return row.status();
  }
  if (!*row) {
    q.Reset();
    return Status::NotFound("no event mention " + std::to_string(id));
  }
  *json = q.Text(0);
  *targets_json = q.IsNull(1) ? "[]" : q.Text(1);
  q.Reset();
  return Status::Ok();
}

Status Store::PutSignature(int64_t doc_id, const std::vector<uint32_t>& signature) {
  Statement& q = stmts_->insert_signature;
  q.Bind(1, doc_id).BindBlob(2, std::string_view(reinterpret_cast<const char*>(signature.data()),
                                                signature.size() * sizeof(uint32_t)));
  return q.Run();
}

Status Store::ReplaceMentions(int64_t doc_id, const MentionsToStore& mentions) {
  stmts_->delete_event_mentions.Bind(1, doc_id);
  VIGIL_RETURN_IF_ERROR(stmts_->delete_event_mentions.Run());
  return InsertMentions(doc_id, mentions);
}

Result<std::vector<StoredEventMention>> Store::ListEventMentions(const MentionFilter& f) {
  std::string sql = "SELECT " + EventMentionColumns() + R"sql(
FROM event_mentions m JOIN documents d ON d.id = m.doc_id
LEFT JOIN outlets o ON o.id = d.outlet_id
WHERE (?1 = 0 OR m.doc_id = ?1) AND (?2 IS NULL OR m.type = ?2) AND (?3 IS NULL OR m.status = ?3)
ORDER BY m.doc_id, m.idx LIMIT ?4 OFFSET ?5)sql";
  Statement q(db_, sql.c_str());
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, f.doc_id).Bind(2, OrNull(f.type)).Bind(3, OrNull(f.status)).Bind(4, f.limit)
      .Bind(5, f.offset);
  std::vector<StoredEventMention> out;
  for (;;) {
    auto r = q.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    out.push_back(ReadEventMention(q));
  }
  return out;
}

Result<std::string> Store::GetMentionsJson(int64_t doc_id) {
  Statement q(db_, "SELECT mentions, mentions_encoding FROM extractions WHERE doc_id = ?1");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, doc_id);
  auto r = q.Step();
  if (!r.ok()) return r.status();
  if (!*r) return std::string();
  std::string blob(static_cast<const char*>(sqlite3_column_blob(q.raw(), 0)),
                   static_cast<size_t>(sqlite3_column_bytes(q.raw(), 0)));
  if (q.Text(1) != "zstd") return blob;
  unsigned long long size = ZSTD_getFrameContentSize(blob.data(), blob.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 31))
    return Status::Corruption("stored mentions of document " + std::to_string(doc_id) +
                              " are not a valid zstd frame");
  std::string json(size, '\0');
  size_t got = ZSTD_decompress(json.data(), json.size(), blob.data(), blob.size());
  if (ZSTD_isError(got) || got != size)
    return Status::Corruption("stored mentions of document " + std::to_string(doc_id) +
                              " do not decompress");
  return json;
}

Result<std::vector<int64_t>> Store::DocumentIds() {
  Statement q(db_, "SELECT id FROM documents ORDER BY id");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  std::vector<int64_t> ids;
  for (;;) {
    auto r = q.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    ids.push_back(q.Int(0));
  }
  return ids;
}

Result<Document> Store::LoadDocument(int64_t id) {
  auto row = GetDocument(id);
  if (!row.ok()) return row.status();
  Document doc;
  doc.origin = row->origin;
  doc.meta = row->meta;
  doc.text = std::move(row->text);
  doc.blocks = std::move(row->blocks);
  doc.language = row->language;
  doc.language_reliable = row->language_reliable;
  doc.notes = std::move(row->notes);
  if (row->format == "html") doc.format = SourceFormat::kHtml;
  else if (row->format == "jsonl") doc.format = SourceFormat::kJsonl;
  return doc;
}

Result<StoreStats> Store::Stats() {
  StoreStats stats;
  stats.schema_version = schema_version_;
  auto scalar = [&](const char* sql, int64_t* out) -> Status {
    Statement q(db_, sql);
    VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
    auto r = q.Step();
    if (!r.ok()) return r.status();
    *out = *r ? q.Int(0) : 0;
    return Status::Ok();
  };
  auto counts = [&](const char* sql, std::vector<CountRow>* out) -> Status {
    Statement q(db_, sql);
    VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
    for (;;) {
      auto r = q.Step();
      if (!r.ok()) return r.status();
      if (!*r) break;
      out->push_back({q.Text(0), q.Int(1)});
    }
    return Status::Ok();
  };
  // Every count from one snapshot: in a read transaction, so that an ingest
  // committing meanwhile cannot make the figures disagree (a torn read once
  // showed 560 documents with the mentions of 576; concurrent_read_test.sh).
  auto read = [&]() -> Status {
    VIGIL_RETURN_IF_ERROR(scalar("SELECT count(*) FROM documents", &stats.documents));
    VIGIL_RETURN_IF_ERROR(scalar("SELECT count(*) FROM sentences", &stats.sentences));
    VIGIL_RETURN_IF_ERROR(scalar("SELECT count(*) FROM outlets", &stats.outlets));
    VIGIL_RETURN_IF_ERROR(scalar(
        "SELECT count(*) FROM documents WHERE previous_version IS NOT NULL", &stats.versions));
    VIGIL_RETURN_IF_ERROR(
        scalar("SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM documents",
               &stats.text_bytes));
    VIGIL_RETURN_IF_ERROR(counts(
        "SELECT coalesce(o.name, '(unknown)') AS k, count(*) FROM documents d "
        "LEFT JOIN outlets o ON o.id = d.outlet_id GROUP BY k ORDER BY count(*) DESC, k",
        &stats.by_outlet));
    VIGIL_RETURN_IF_ERROR(counts(
        "SELECT language, count(*) FROM documents GROUP BY language "
        "ORDER BY count(*) DESC, language",
        &stats.by_language));
    VIGIL_RETURN_IF_ERROR(counts(
        "SELECT coalesce(substr(published, 1, 10), 'unknown') AS k, count(*) FROM documents "
        "GROUP BY k ORDER BY k",
        &stats.by_date));
    VIGIL_RETURN_IF_ERROR(counts(
        "SELECT format, count(*) FROM documents GROUP BY format ORDER BY count(*) DESC",
        &stats.by_format));
    VIGIL_RETURN_IF_ERROR(scalar("SELECT count(*) FROM event_mentions", &stats.event_mentions));
    VIGIL_RETURN_IF_ERROR(counts(
        "SELECT type || ' ' || status, count(*) FROM event_mentions GROUP BY type, status "
        "ORDER BY count(*) DESC, 1",
        &stats.mentions_by_type));
    return Status::Ok();
  };
  // Inside the caller's snapshot when it holds one (BeginRead).
  if (InTransaction()) {
    VIGIL_RETURN_IF_ERROR(read());
    return stats;
  }
  VIGIL_RETURN_IF_ERROR(Exec("BEGIN"));
  Status read_status = read();
  Status end_status = Exec(read_status.ok() ? "COMMIT" : "ROLLBACK");
  VIGIL_RETURN_IF_ERROR(read_status);
  VIGIL_RETURN_IF_ERROR(end_status);
  return stats;
}

const char* const kDocumentColumns =
    "d.id, d.content_hash, d.origin, d.format, d.external_id, d.url, d.title, "
    "o.name, d.author, d.published, d.lang_declared, d.language, d.language_reliable, "
    "d.previous_version, d.ingested_at, "
    "(SELECT count(*) FROM sentences s WHERE s.doc_id = d.id), length(CAST(d.text AS BLOB)), "
    "d.updated";

DocumentRow ReadDocumentRow(const Statement& q) {
  DocumentRow r;
  r.id = q.Int(0);
  r.content_hash = q.Text(1);
  r.origin = q.Text(2);
  r.format = q.Text(3);
  r.meta.external_id = q.Text(4);
  r.meta.url = q.Text(5);
  r.meta.title = q.Text(6);
  r.meta.outlet = q.Text(7);
  r.meta.author = q.Text(8);
  r.meta.published = q.Text(9);
  r.meta.lang = q.Text(10);
  r.language = q.Text(11);
  r.language_reliable = q.Int(12) != 0;
  r.previous_version = q.Int(13);
  r.ingested_at = q.Text(14);
  r.sentence_count = q.Int(15);
  r.text_bytes = q.Int(16);
  r.meta.updated = q.Text(17);
  return r;
}

Result<std::vector<DocumentRow>> Store::ListDocuments(const ListFilter& f) {
  std::string sql = std::string("SELECT ") + kDocumentColumns +
                    " FROM documents d LEFT JOIN outlets o ON o.id = d.outlet_id"
                    " WHERE (?1 IS NULL OR o.name = ?1)"
                    " AND (?2 IS NULL OR d.language = ?2)"
                    " AND (?3 IS NULL OR substr(d.published, 1, 10) >= ?3)"
                    " AND (?4 IS NULL OR substr(d.published, 1, 10) <= ?4)"
                    " ORDER BY d.id LIMIT ?5 OFFSET ?6";
  Statement q(db_, sql.c_str());
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, OrNull(f.outlet)).Bind(2, OrNull(f.language)).Bind(3, OrNull(f.published_from))
      .Bind(4, OrNull(f.published_to)).Bind(5, f.limit).Bind(6, f.offset);
  std::vector<DocumentRow> out;
  for (;;) {
    auto r = q.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    out.push_back(ReadDocumentRow(q));
  }
  return out;
}

Result<DocumentRow> Store::GetDocument(int64_t id) {
  std::string sql = std::string("SELECT ") + kDocumentColumns +
                    ", d.text, d.blocks, d.notes FROM documents d"
                    " LEFT JOIN outlets o ON o.id = d.outlet_id WHERE d.id = ?1";
  Statement q(db_, sql.c_str());
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, id);
  auto r = q.Step();
  if (!r.ok()) return r.status();
  if (!*r) return Status::NotFound("no document with id " + std::to_string(id));
  DocumentRow row = ReadDocumentRow(q);
  row.text = q.Text(18);
  row.blocks = ParseBlocksJson(q.Text(19));
  auto notes = nlohmann::json::parse(q.Text(20), nullptr, false);
  if (notes.is_array())
    for (const auto& n : notes)
      if (n.is_string()) row.notes.push_back(n.get<std::string>());
  return row;
}

Result<std::vector<SentenceRow>> Store::GetSentences(int64_t doc_id) {
  Statement q(db_,
              "SELECT idx, begin, end, block, text FROM sentence_texts WHERE doc_id = ?1 ORDER BY idx");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, doc_id);
  std::vector<SentenceRow> out;
  for (;;) {
    auto r = q.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    SentenceRow s;
    s.index = q.Int(0);
    s.begin = static_cast<uint32_t>(q.Int(1));
    s.end = static_cast<uint32_t>(q.Int(2));
    s.block = q.Text(3);
    s.text = q.Text(4);
    out.push_back(std::move(s));
  }
  return out;
}

Status Store::IntegrityCheck() {
  Statement q(db_, "PRAGMA integrity_check");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  auto r = q.Step();
  if (!r.ok()) return r.status();
  std::string answer = *r ? q.Text(0) : "";
  if (answer != "ok") return Status::Corruption("integrity_check: " + answer, path_);
  return Status::Ok();
}

}  // namespace vigil
