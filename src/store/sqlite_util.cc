#include "store/sqlite_util.h"

#include <sys/resource.h>

#include <chrono>
#include <ctime>

namespace vigil {

const char* const kMentionColumns = R"sql(
  m.idx, m.sentence, m.begin, m.end, m.trigger_begin, m.trigger_end, m.type, m.mode, m.status,
  m.generic, m.negated, m.running_total, m.date_start, m.date_end, m.date_precision, m.place_id,
  m.place_name, m.place_kind, m.place_country, m.lat, m.lon, m.killed, m.killed_high,
  m.killed_qualifier, m.injured, m.survivors, m.vessels, m.strikes, m.ordinal, m.speaker,
  m.outlet_cited, m.anonymous_sources, m.mention, m.speaker_id, m.grp, m.actors, m.targets, m.troops, m.count, m.missing)sql";

void ReadMentionRow(const Statement& q, int c, EventMentionRow* e) {
  e->index = q.Int(c + 0);
  e->sentence = static_cast<uint32_t>(q.Int(c + 1));
  e->begin = static_cast<uint32_t>(q.Int(c + 2));
  e->end = static_cast<uint32_t>(q.Int(c + 3));
  e->trigger_begin = static_cast<uint32_t>(q.Int(c + 4));
  e->trigger_end = static_cast<uint32_t>(q.Int(c + 5));
  e->type = q.Text(c + 6);
  e->mode = q.Text(c + 7);
  e->status = q.Text(c + 8);
  e->generic = q.Int(c + 9) != 0;
  e->negated = q.Int(c + 10) != 0;
  e->running_total = q.Int(c + 11) != 0;
  e->total_figures = q.Int(c + 11) == 2;
  e->date_start = q.Text(c + 12);
  e->date_end = q.Text(c + 13);
  e->date_precision = q.Text(c + 14);
  e->place_id = q.Text(c + 15);
  e->place_name = q.Text(c + 16);
  e->place_kind = q.Text(c + 17);
  e->place_country = q.Text(c + 18);
  e->lat = q.OptDouble(c + 19);
  e->lon = q.OptDouble(c + 20);
  e->killed = q.OptDouble(c + 21);
  e->killed_high = q.OptDouble(c + 22);
  e->killed_qualifier = q.Text(c + 23);
  e->injured = q.OptDouble(c + 24);
  e->survivors = q.OptDouble(c + 25);
  e->vessels = q.OptDouble(c + 26);
  e->strikes = q.OptDouble(c + 27);
  if (!q.IsNull(c + 28)) e->ordinal = q.Int(c + 28);
  e->speaker = q.Text(c + 29);
  e->outlet_cited = q.Text(c + 30);
  e->anonymous_sources = q.Int(c + 31);
  e->json = q.Text(c + 32);
  e->speaker_id = q.Text(c + 33);
  e->group = q.IsNull(c + 34) ? -1 : q.Int(c + 34);
  e->actors_json = q.IsNull(c + 35) ? "[]" : q.Text(c + 35);
  e->targets_json = q.IsNull(c + 36) ? "[]" : q.Text(c + 36);
  e->troops = q.OptDouble(c + 37);
  e->count = q.OptDouble(c + 38);
  e->missing = q.OptDouble(c + 39);
}

std::string NowUtc() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Status SqliteStatus(sqlite3* db, int rc, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xFF;
  // A write past the process's file size limit fails with EFBIG, which
  // SQLite reports as a plain I/O error: say that a limit is set.
  rlimit limit{};
  if (primary == SQLITE_IOERR && getrlimit(RLIMIT_FSIZE, &limit) == 0 &&
      limit.rlim_cur != RLIM_INFINITY)
    msg += " (files are limited to " + std::to_string(limit.rlim_cur) + " bytes: ulimit -f)";
  if (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN ||
      primary == SQLITE_READONLY || primary == SQLITE_PERM || primary == SQLITE_BUSY ||
      primary == SQLITE_LOCKED)
    return Status::IoError(msg);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    return Status::Corruption(msg);
  return Status::Internal(msg);
}

Statement::Statement(sqlite3* db, const char* sql) : db_(db) {
  prepare_rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  if (prepare_rc_ != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Status Statement::PrepareStatus() const {
  if (prepare_rc_ == SQLITE_OK) return Status::Ok();
  return SqliteStatus(db_, prepare_rc_, "prepare");
}

Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Statement& Statement::Bind(int i, std::string_view v) {
  if (v.data() == nullptr)
    sqlite3_bind_null(stmt_, i);
  else
    sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::BindBlob(int i, std::string_view v) {
  sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Statement& Statement::BindDouble(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(db_, rc, "step");
}

Status Statement::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) {
      Reset();
      return r.status();
    }
    if (!*r) break;
  }
  Reset();
  return Status::Ok();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  if (!p) return std::string();
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
}

}  // namespace vigil
