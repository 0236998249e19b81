// The store's filtered, sorted and paged queries for the HTTP API. Every
// value from a request is a bound parameter; the only SQL that varies is the
// ORDER BY clause, picked from fixed strings by name.

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <utility>

#include "store/rows.h"
#include "store/sqlite_util.h"
#include "vigil/store.h"

namespace vigil {

namespace {

struct SortKey {
  const char* name;
  const char* expr;
};

// "published" -> "d.published, d.id"; "-published" -> "d.published DESC,
// d.id DESC". Returns InvalidInput for a name not in |keys|.
Result<std::string> OrderBy(const std::string& sort, std::initializer_list<SortKey> keys,
                            const char* tie_breaker) {
  bool desc = !sort.empty() && sort[0] == '-';
  std::string_view name = desc ? std::string_view(sort).substr(1) : std::string_view(sort);
  std::string names;
  for (const SortKey& k : keys) {
    if (name == k.name) {
      const char* dir = desc ? " DESC" : "";
      return std::string(" ORDER BY ") + k.expr + dir + ", " + tie_breaker + dir;
    }
    if (!names.empty()) names += ", ";
    names += k.name;
  }
  return Status::InvalidInput("unknown sort key \"" + std::string(name) + "\" (one of: " +
                              names + ", with an optional leading '-')");
}

// Counts the rows of |from_where| and reads one page of them: the count
// query and the page query share the filter and its parameters (bound by
// |bind|); the page's limit and offset are parameters |paging_param| and
// |paging_param| + 1. Calls |row| for each row of the page. Returns the count.
template <typename Bind, typename Row>
Result<int64_t> CountAndPage(sqlite3* db, const std::string& columns, const char* from_where,
                             const std::string& order, int paging_param, int64_t limit,
                             int64_t offset, Bind bind, Row row) {
  std::string count_sql = std::string("SELECT count(*)") + from_where;
  Statement count(db, count_sql.c_str());
  VIGIL_RETURN_IF_ERROR(count.PrepareStatus());
  bind(&count);
  auto counted = count.Step();
  if (!counted.ok()) return counted.status();
  int64_t total = *counted ? count.Int(0) : 0;

  std::string sql = "SELECT " + columns + from_where + order + " LIMIT ?" +
                    std::to_string(paging_param) + " OFFSET ?" + std::to_string(paging_param + 1);
  Statement q(db, sql.c_str());
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  bind(&q);
  q.Bind(paging_param, limit).Bind(paging_param + 1, offset);
  for (;;) {
    auto r = q.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    row(q);
  }
  return total;
}

int ProgressHandler(void* deadline) {
  auto* d = static_cast<std::chrono::steady_clock::time_point*>(deadline);
  return std::chrono::steady_clock::now() > *d ? 1 : 0;
}

}  // namespace

std::string EventMentionColumns() {
  return std::string("m.id, m.doc_id, o.name, d.url, d.published, d.title, ") + kMentionColumns;
}

StoredEventMention ReadEventMention(const Statement& q) {
  StoredEventMention m;
  m.id = q.Int(0);
  m.doc_id = q.Int(1);
  m.outlet = q.Text(2);
  m.url = q.Text(3);
  m.published = q.Text(4);
  m.title = q.Text(5);
  ReadMentionRow(q, 6, &m.row);
  return m;
}

Result<DocumentPage> Store::QueryDocuments(const DocumentQuery& query) {
  auto order = OrderBy(query.sort,
                       {{"id", "d.id"},
                        {"published", "d.published"},
                        {"outlet", "o.name"},
                        {"title", "d.title"},
                        {"language", "d.language"}},
                       "d.id");
  if (!order.ok()) return order.status();
  static constexpr const char* kFromWhere =
      " FROM documents d LEFT JOIN outlets o ON o.id = d.outlet_id"
      " WHERE (?1 IS NULL OR o.name = ?1)"
      " AND (?2 IS NULL OR d.language = ?2)"
      " AND (?3 IS NULL OR substr(d.published, 1, 10) >= ?3)"
      " AND (?4 IS NULL OR substr(d.published, 1, 10) <= ?4)"
      // Full-text search: a hit's rowid holds its document id (search.h).
      " AND (?7 IS NULL OR d.id IN"
      "      (SELECT rowid >> 24 FROM text_search WHERE text_search MATCH ?7))";
  const ListFilter& f = query.filter;
  auto bind = [&](Statement* q) {
    q->Bind(1, OrNull(f.outlet)).Bind(2, OrNull(f.language)).Bind(3, OrNull(f.published_from))
        .Bind(4, OrNull(f.published_to)).Bind(7, OrNull(query.text_match));
  };
  DocumentPage page;
  auto total = CountAndPage(
      db_, std::string(kDocumentColumns) +
               ", (SELECT count(*) FROM event_mentions m WHERE m.doc_id = d.id)",
      kFromWhere, *order, 5, f.limit, f.offset, bind, [&](const Statement& q) {
        page.documents.push_back(ReadDocumentRow(q));
        page.event_mentions.push_back(q.Int(kDocumentColumnCount));
      });
  if (!total.ok()) return total.status();
  page.total = *total;
  return page;
}

Result<MentionPage> Store::QueryEventMentions(const MentionQuery& query) {
  auto order = OrderBy(query.sort,
                       {{"id", "m.id"},
                        {"date", "m.date_start"},
                        {"killed", "m.killed"},
                        {"published", "d.published"},
                        {"type", "m.type"},
                        {"status", "m.status"}},
                       "m.id");
  if (!order.ok()) return order.status();
  static constexpr const char* kFromWhere = R"sql(
FROM event_mentions m JOIN documents d ON d.id = m.doc_id
LEFT JOIN outlets o ON o.id = d.outlet_id
WHERE (?1 = 0 OR m.doc_id = ?1) AND (?2 IS NULL OR m.type = ?2)
  AND (?3 IS NULL OR m.mode = ?3) AND (?4 IS NULL OR m.status = ?4)
  AND (?5 IS NULL OR o.name = ?5) AND (?6 IS NULL OR m.place_country = ?6)
  AND (?7 IS NULL OR coalesce(m.date_end, m.date_start) >= ?7)
  AND (?8 IS NULL OR m.date_start <= ?8)
  AND (?9 IS NULL OR m.killed >= ?9)
  AND (?10 IS NULL OR (m.running_total != 0) = ?10) AND (?13 = 0 OR m.id = ?13))sql";
  auto bind = [&](Statement* q) {
    q->Bind(1, query.doc_id).Bind(2, OrNull(query.type)).Bind(3, OrNull(query.mode))
        .Bind(4, OrNull(query.status)).Bind(5, OrNull(query.outlet))
        .Bind(6, OrNull(query.country)).Bind(7, OrNull(query.date_from))
        .Bind(8, OrNull(query.date_to));
    if (query.min_killed) sqlite3_bind_double(q->raw(), 9, *query.min_killed);
    else q->BindNull(9);
    if (query.running_total) q->Bind(10, int64_t{*query.running_total ? 1 : 0});
    else q->BindNull(10);
    q->Bind(13, query.mention_id);
  };
  MentionPage page;
  auto total = CountAndPage(db_, EventMentionColumns(), kFromWhere, *order, 11, query.limit,
                            query.offset, bind, [&](const Statement& q) {
                              page.mentions.push_back(ReadEventMention(q));
                            });
  if (!total.ok()) return total.status();
  page.total = *total;
  return page;
}

Result<std::vector<OutletRow>> Store::ListOutlets() {
  Statement q(db_, R"sql(
SELECT o.id, o.name, o.domain, o.is_wire, count(d.id),
  (SELECT count(*) FROM event_mentions m JOIN documents d2 ON d2.id = m.doc_id
   WHERE d2.outlet_id = o.id),
  min(substr(d.published, 1, 10)), max(substr(d.published, 1, 10))
FROM outlets o LEFT JOIN documents d ON d.outlet_id = o.id
GROUP BY o.id ORDER BY o.name)sql");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  std::vector<OutletRow> out;
  for (;;) {
    auto r = q.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    OutletRow o;
    o.id = q.Int(0);
    o.name = q.Text(1);
    o.domain = q.Text(2);
    o.is_wire = q.Int(3) != 0;
    o.documents = q.Int(4);
    o.event_mentions = q.Int(5);
    o.first_published = q.Text(6);
    o.last_published = q.Text(7);
    out.push_back(std::move(o));
  }
  return out;
}

void Store::SetDeadline(std::chrono::steady_clock::time_point deadline) {
  deadline_ = deadline;
  if (deadline == std::chrono::steady_clock::time_point{}) {
    sqlite3_progress_handler(db_, 0, nullptr, nullptr);
  } else {
    // Checked every few thousand virtual-machine instructions: cheap, and
    // fine-grained enough to stop a runaway query within milliseconds.
    sqlite3_progress_handler(db_, 4000, ProgressHandler, &deadline_);
  }
}

Status Store::BeginRead() {
  if (InTransaction()) return Status::Ok();
  return Exec("BEGIN");
}

void Store::EndRead() {
  if (!InTransaction()) return;
  // A rollback is not stopped by the deadline: lift it for the statement.
  auto deadline = deadline_;
  if (deadline != std::chrono::steady_clock::time_point{}) SetDeadline({});
  (void)Exec("ROLLBACK");
  if (deadline != std::chrono::steady_clock::time_point{}) SetDeadline(deadline);
}

bool Store::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Result<std::vector<std::pair<int64_t, EventIngestTimes>>> Store::EventIngestTimesOf(
    const std::vector<int64_t>& event_ids) {
  std::vector<std::pair<int64_t, EventIngestTimes>> out;
  if (event_ids.empty()) return out;
  // The ids go in as one JSON array parameter: one statement for a page of
  // events, no SQL built from data.
  std::string ids = "[";
  for (size_t i = 0; i < event_ids.size(); ++i)
    ids += (i ? "," : "") + std::to_string(event_ids[i]);
  ids += "]";
  Statement q(db_, R"sql(
SELECT em.event_id, min(d.ingested_at), max(d.ingested_at)
FROM event_members em JOIN event_mentions m ON m.id = em.mention_id
JOIN documents d ON d.id = m.doc_id
WHERE em.event_id IN (SELECT value FROM json_each(?1))
GROUP BY em.event_id)sql");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, Sv(ids));
  for (;;) {
    auto r = q.Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    out.push_back({q.Int(0), EventIngestTimes{q.Text(1), q.Text(2)}});
  }
  return out;
}

Result<std::string> Store::LastIngestedAt() {
  Statement q(db_, "SELECT max(ingested_at) FROM documents");
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  auto r = q.Step();
  if (!r.ok()) return r.status();
  return *r ? q.Text(0) : std::string();
}

}  // namespace vigil
