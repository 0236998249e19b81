// Feed state for `vigil watch` (schema version 4): the tables feeds and
// feed_items. Kept apart from the document store's code; the watch stage is
// its only writer.

#include "store/sqlite_util.h"
#include "vigil/store.h"

namespace vigil {

namespace {

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%SZ','now')";

constexpr const char* kFeedColumns =
    "f.id, f.url, coalesce(f.title,''), coalesce(f.etag,''), coalesce(f.last_modified,''), "
    "coalesce(f.last_poll,''), coalesce(f.last_success,''), coalesce(f.last_error,''), "
    "coalesce(f.last_error_at,''), f.failures";

FeedRecord ReadFeed(const Statement& q) {
  FeedRecord f;
  f.id = q.Int(0);
  f.url = q.Text(1);
  f.title = q.Text(2);
  f.etag = q.Text(3);
  f.last_modified = q.Text(4);
  f.last_poll = q.Text(5);
  f.last_success = q.Text(6);
  f.last_error = q.Text(7);
  f.last_error_at = q.Text(8);
  f.failures = q.Int(9);
  return f;
}

constexpr const char* kItemColumns =
    "feed_id, item_key, coalesce(url,''), coalesce(title,''), coalesce(published,''), state, "
    "coalesce(doc_id,0), attempts, coalesce(error,'')";

FeedItemRecord ReadItem(const Statement& q) {
  FeedItemRecord r;
  r.feed_id = q.Int(0);
  r.key = q.Text(1);
  r.url = q.Text(2);
  r.title = q.Text(3);
  r.published = q.Text(4);
  r.state = q.Text(5);
  r.doc_id = q.Int(6);
  r.attempts = q.Int(7);
  r.error = q.Text(8);
  return r;
}

}  // namespace

Result<FeedRecord> Store::EnsureFeed(const std::string& url) {
  std::string insert = std::string("INSERT OR IGNORE INTO feeds(url, added_at) VALUES(?1, ") +
                       kNow + ")";
  Statement ins(db_, insert.c_str());
  VIGIL_RETURN_IF_ERROR(ins.PrepareStatus());
  ins.Bind(1, std::string_view(url));
  VIGIL_RETURN_IF_ERROR(ins.Run());
  std::string select = std::string("SELECT ") + kFeedColumns + " FROM feeds f WHERE url = ?1";
  Statement q(db_, select.c_str());
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, std::string_view(url));
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("feed row missing after insert", url);
  return ReadFeed(q);
}

Result<std::vector<FeedRecord>> Store::ListFeeds() {
  std::string sql = std::string("SELECT ") + kFeedColumns +
                    ", (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id)"
                    ", (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id"
                    "   AND i.state = 'stored')"
                    ", (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id"
                    "   AND i.state = 'failed')"
                    " FROM feeds f ORDER BY f.id";
  Statement q(db_, sql.c_str());
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  std::vector<FeedRecord> out;
  for (;;) {
    auto row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    FeedRecord f = ReadFeed(q);
    f.items_seen = q.Int(10);
    f.documents = q.Int(11);
    f.items_failed = q.Int(12);
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<FeedItemRecord>> Store::FeedItems(int64_t feed_id) {
  std::string sql = std::string("SELECT ") + kItemColumns +
                    " FROM feed_items WHERE feed_id = ?1 ORDER BY first_seen, item_key";
  Statement q(db_, sql.c_str());
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, feed_id);
  std::vector<FeedItemRecord> out;
  for (;;) {
    auto row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(ReadItem(q));
  }
  return out;
}

Result<std::optional<FeedItemRecord>> Store::FeedItemWithDocument(const std::string& url) {
  std::string sql = std::string("SELECT ") + kItemColumns +
                    " FROM feed_items WHERE url = ?1 AND state IN ('stored','present')"
                    " AND doc_id IS NOT NULL ORDER BY first_seen LIMIT 1";
  Statement q(db_, sql.c_str());
  VIGIL_RETURN_IF_ERROR(q.PrepareStatus());
  q.Bind(1, std::string_view(url));
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<FeedItemRecord>();
  return std::optional<FeedItemRecord>(ReadItem(q));
}

Status Store::RecordFeedPoll(const FeedRecord& feed, std::span<const FeedItemRecord> items) {
  VIGIL_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  auto fail = [&](Status s) -> Status {
    Status rb = Exec("ROLLBACK");
    (void)rb;
    return s;
  };
  // first_seen survives a replacement (an item tried again keeps its date).
  std::string upsert = std::string(
      "INSERT INTO feed_items(feed_id, item_key, url, title, published, state, doc_id, "
      "attempts, error, first_seen, updated_at) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ") + kNow + ", " + kNow + ") "
      "ON CONFLICT(feed_id, item_key) DO UPDATE SET url = excluded.url, "
      "title = excluded.title, published = excluded.published, state = excluded.state, "
      "doc_id = excluded.doc_id, attempts = excluded.attempts, error = excluded.error, "
      "updated_at = excluded.updated_at";
  Statement put(db_, upsert.c_str());
  if (!put.valid()) return fail(put.PrepareStatus());
  for (const FeedItemRecord& r : items) {
    put.Bind(1, r.feed_id)
        .Bind(2, std::string_view(r.key))
        .Bind(3, OrNull(r.url))
        .Bind(4, OrNull(r.title))
        .Bind(5, OrNull(r.published))
        .Bind(6, std::string_view(r.state));
    if (r.doc_id) put.Bind(7, r.doc_id);
    else put.BindNull(7);
    put.Bind(8, r.attempts).Bind(9, OrNull(r.error));
    Status s = put.Run();
    if (!s.ok()) return fail(s);
    put.Reset();
  }
  Statement upd(db_,
                "UPDATE feeds SET title = ?2, etag = ?3, last_modified = ?4, last_poll = ?5, "
                "last_success = ?6, last_error = ?7, last_error_at = ?8, failures = ?9 "
                "WHERE id = ?1");
  if (!upd.valid()) return fail(upd.PrepareStatus());
  upd.Bind(1, feed.id)
      .Bind(2, OrNull(feed.title))
      .Bind(3, OrNull(feed.etag))
      .Bind(4, OrNull(feed.last_modified))
      .Bind(5, OrNull(feed.last_poll))
      .Bind(6, OrNull(feed.last_success))
      .Bind(7, OrNull(feed.last_error))
      .Bind(8, OrNull(feed.last_error_at))
      .Bind(9, feed.failures);
  Status s = upd.Run();
  if (!s.ok()) return fail(s);
  return Exec("COMMIT");
}

}  // namespace vigil
