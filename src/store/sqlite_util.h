// A thin RAII layer over SQLite's C API: prepared statements with bound
// parameters (no SQL is ever built from data), and errors as Status.
#ifndef VIGIL_STORE_SQLITE_UTIL_H_
#define VIGIL_STORE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vigil/ledger.h"
#include "vigil/status.h"

namespace vigil {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& o) noexcept : stmt_(o.stmt_), db_(o.db_), prepare_rc_(o.prepare_rc_) {
    o.stmt_ = nullptr;
  }
  Statement& operator=(Statement&& o) noexcept {
    if (this != &o) {
      sqlite3_finalize(stmt_);
      stmt_ = o.stmt_;
      db_ = o.db_;
      prepare_rc_ = o.prepare_rc_;
      o.stmt_ = nullptr;
    }
    return *this;
  }

  bool valid() const { return stmt_ != nullptr; }
  sqlite3_stmt* raw() const { return stmt_; }
  Status PrepareStatus() const;

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, std::string_view v);  // NULL when v.data() == nullptr
  Statement& BindBlob(int i, std::string_view v);
  Statement& BindNull(int i);
  Statement& BindDouble(int i, double v);
  Statement& BindOptional(int i, const std::optional<double>& v) {
    return v ? BindDouble(i, *v) : BindNull(i);
  }

  // Steps once. Returns true when a row is available, false when done.
  Result<bool> Step();
  // Steps to completion, expecting no rows.
  Status Run();
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) const;
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::optional<double> OptDouble(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Double(col);
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  int prepare_rc_ = SQLITE_OK;
};

inline std::string_view Sv(const std::string& s) { return std::string_view(s.data(), s.size()); }
// NULL for empty strings.
inline std::string_view OrNull(const std::string& s) {
  return s.empty() ? std::string_view() : std::string_view(s);
}

// The current UTC time, ISO 8601 to the second.
std::string NowUtc();

// The event_mentions columns every mention query selects (table alias m),
// in the order ReadMentionRow reads them from column |first|.
extern const char* const kMentionColumns;
void ReadMentionRow(const Statement& q, int first, EventMentionRow* e);

// Status for SQLite result |rc| on |db|, with |what| as context.
Status SqliteStatus(sqlite3* db, int rc, std::string_view what);

}  // namespace vigil

#endif  // VIGIL_STORE_SQLITE_UTIL_H_
