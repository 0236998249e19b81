// The store's queries for the HTTP API (store_query.cc).
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "vigil/store.h"

namespace vigil {
namespace {

class StoreQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vigil-store-query-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto store = Store::Open(dir_ + "/t.db");
    ASSERT_TRUE(store.ok());
    store_ = std::move(store.value());
    // Three documents: two outlets, three dates.
    struct Spec { const char* outlet; const char* published; const char* text; };
    std::vector<Spec> specs = {{"Alpha News", "2025-10-02", "First report."},
                               {"Beta Wire", "2025-11-05", "Second report."},
                               {"Alpha News", "2025-09-20", "Third report."}};
    std::vector<Document> docs(specs.size());
    std::vector<std::vector<Sentence>> sentences(specs.size());
    std::vector<DocumentToStore> batch;
    for (size_t i = 0; i < specs.size(); ++i) {
      docs[i].origin = "test";
      docs[i].meta.outlet = specs[i].outlet;
      docs[i].meta.published = specs[i].published;
      docs[i].raw = specs[i].text;
      docs[i].AppendBlock(BlockKind::kBody, specs[i].text);
      docs[i].language = "en";
      Sentence s;
      s.end = static_cast<uint32_t>(docs[i].text.size());
      sentences[i] = {s};
    }
    for (size_t i = 0; i < specs.size(); ++i) batch.push_back({&docs[i], sentences[i], nullptr});
    ASSERT_TRUE(store_->PutDocuments(batch).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreQueryTest, FiltersSortsAndCounts) {
  DocumentQuery q;
  q.filter.outlet = "Alpha News";
  q.sort = "-published";
  auto page = store_->QueryDocuments(q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->documents.size(), 2u);
  EXPECT_EQ(page->documents[0].meta.published, "2025-10-02");
  EXPECT_EQ(page->documents[1].meta.published, "2025-09-20");
  EXPECT_EQ(page->event_mentions, (std::vector<int64_t>{0, 0}));

  DocumentQuery one;
  one.filter.limit = 1;
  one.filter.offset = 1;
  one.sort = "published";
  page = store_->QueryDocuments(one);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 3);  // the total ignores paging
  ASSERT_EQ(page->documents.size(), 1u);
  EXPECT_EQ(page->documents[0].meta.published, "2025-10-02");
}

TEST_F(StoreQueryTest, RefusesUnknownSortKeys) {
  for (const char* sort : {"text", "id; DROP TABLE documents", "--id", ""}) {
    DocumentQuery q;
    q.sort = sort;
    auto page = store_->QueryDocuments(q);
    ASSERT_FALSE(page.ok()) << sort;
    EXPECT_EQ(page.status().code(), Status::Code::kInvalidInput);
    MentionQuery m;
    m.sort = sort;
    EXPECT_FALSE(store_->QueryEventMentions(m).ok()) << sort;
  }
}

TEST_F(StoreQueryTest, InjectionStringsAreValues) {
  DocumentQuery q;
  q.filter.outlet = "Alpha News' OR '1'='1";
  auto page = store_->QueryDocuments(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 0);
  MentionQuery m;
  m.type = "x' OR 1=1 --";
  auto mentions = store_->QueryEventMentions(m);
  ASSERT_TRUE(mentions.ok());
  EXPECT_EQ(mentions->total, 0);
}

TEST_F(StoreQueryTest, ListsOutletsWithCounts) {
  auto outlets = store_->ListOutlets();
  ASSERT_TRUE(outlets.ok());
  ASSERT_EQ(outlets->size(), 2u);
  EXPECT_EQ((*outlets)[0].name, "Alpha News");
  EXPECT_EQ((*outlets)[0].documents, 2);
  EXPECT_EQ((*outlets)[0].first_published, "2025-09-20");
  EXPECT_EQ((*outlets)[0].last_published, "2025-10-02");
  EXPECT_EQ((*outlets)[1].name, "Beta Wire");
}

TEST_F(StoreQueryTest, DeadlineInterruptsAndCanBeLifted) {
  // Enough rows for the query to run past SQLite's progress-handler period.
  std::vector<Document> docs(400);
  std::vector<DocumentToStore> batch;
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i].origin = "bulk";
    docs[i].raw = "Report number " + std::to_string(i) + ".";
    docs[i].AppendBlock(BlockKind::kBody, docs[i].raw);
    docs[i].language = "en";
    batch.push_back({&docs[i], {}, nullptr});
  }
  ASSERT_TRUE(store_->PutDocuments(batch).ok());
  store_->SetDeadline(std::chrono::steady_clock::now() - std::chrono::seconds(1));
  // A query long enough for the progress handler to run.
  MentionQuery m;
  DocumentQuery q;
  q.filter.limit = 1000;
  EXPECT_FALSE(store_->QueryDocuments(q).ok());
  store_->SetDeadline({});
  EXPECT_TRUE(store_->QueryDocuments(q).ok());
  EXPECT_TRUE(store_->QueryEventMentions(m).ok());
}

// A count, a page, a timeline, totals and map points of events come from
// the connection's read cache while nothing changes, and never after: not after a commit of another
// connection (another process ingesting), nor after this one's own writes.
TEST_F(StoreQueryTest, CachedEventListsFollowEveryWrite) {
  auto put = [](Store* store, const std::string& key) {
    auto writer = store->BeginLedgerWrite();
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    EventRow e;
    e.key = key;
    e.type = "ASSAULT";
    e.status = "occurred";
    e.date_start = e.date_end = "2025-11-01";
    e.lat = 15;
    e.lon = -75;
    e.json = "{\"id\":\"" + key + "\",\"mentions\":[]}";
    ASSERT_TRUE((*writer)->PutEvent(e, {}).ok());
    ASSERT_TRUE((*writer)->Commit(true).ok());
  };
  EventFilter f;
  f.type = "ASSAULT";
  f.limit = 10;
  // Every cached query must agree with the count.
  auto count = [&](Store* s) {
    int64_t n = *s->CountEvents(f);
    EXPECT_EQ(s->EventsPerDay(f)->totals.events, n);
    EXPECT_EQ(s->CountEventTotals(f)->located, n);
    EXPECT_EQ(static_cast<int64_t>(s->EventPoints(f, 100)->size()), n);
    return n;
  };
  auto listed = [&](Store* s) { return s->ListEventSummaries(f)->size(); };

  put(store_.get(), "E0000000001");
  EXPECT_EQ(count(store_.get()), 1);
  EXPECT_EQ(listed(store_.get()), 1u);
  EXPECT_EQ(count(store_.get()), 1);  // from the cache

  auto other = Store::Open(dir_ + "/t.db");
  ASSERT_TRUE(other.ok());
  put(other->get(), "E0000000002");
  EXPECT_EQ(count(store_.get()), 2);
  EXPECT_EQ(listed(store_.get()), 2u);

  put(store_.get(), "E0000000003");
  EXPECT_EQ(count(store_.get()), 3);
  EXPECT_EQ(listed(store_.get()), 3u);
  // Another filter is another entry.
  EventFilter none;
  none.type = "MOBILIZE";
  EXPECT_EQ(*store_->CountEvents(none), 0);
  EXPECT_EQ(count(store_.get()), 3);
}

// BeginRead..EndRead is one snapshot: a writer committing between two reads
// changes neither, and the read cache never hands out an answer from
// another commit than the one the snapshot sees (a count cached before the
// snapshot and a page computed inside it, or the reverse).
TEST_F(StoreQueryTest, ReadsBetweenBeginAndEndReadSeeOneCommit) {
  auto other = Store::Open(dir_ + "/t.db");
  ASSERT_TRUE(other.ok());
  Store* writer = other->get();
  int next = 1;
  auto put = [&]() {
    auto w = writer->BeginLedgerWrite();
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    EventRow e;
    e.key = "E" + std::to_string(1000000000 + next++);
    e.type = "ASSAULT";
    e.status = "occurred";
    e.date_start = e.date_end = "2025-11-01";
    e.lat = 15;
    e.lon = -75;
    e.json = "{\"id\":\"" + e.key + "\",\"mentions\":[]}";
    ASSERT_TRUE((*w)->PutEvent(e, {}).ok());
    ASSERT_TRUE((*w)->Commit(true).ok());
  };
  EventFilter f;
  f.type = "ASSAULT";
  f.limit = 100;
  Store* r = store_.get();
  auto count = [&] { return *r->CountEvents(f); };
  auto listed = [&] { return static_cast<int64_t>(r->ListEventSummaries(f)->size()); };

  put();
  EXPECT_EQ(count(), 1);  // cached outside any snapshot
  put();                  // a commit before the snapshot: the cached count is stale
  ASSERT_TRUE(r->BeginRead().ok());
  EXPECT_TRUE(r->InTransaction());
  EXPECT_EQ(count(), 2);
  put();                  // a commit inside the snapshot is not seen...
  EXPECT_EQ(listed(), 2);
  EXPECT_EQ(count(), 2);
  EXPECT_EQ(r->EventsPerDay(f)->totals.events, 2);
  EXPECT_EQ(r->CountEventTotals(f)->events, 2);
  EXPECT_EQ(static_cast<int64_t>(r->EventPoints(f, 100)->size()), 2);
  auto version = r->LedgerVersion();
  ASSERT_TRUE(version.ok());
  auto stats = r->Stats();  // its own snapshot is the caller's
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  r->EndRead();
  EXPECT_FALSE(r->InTransaction());
  EXPECT_EQ(count(), 3);  // ...and is once it ends
  EXPECT_EQ(listed(), 3);
  EXPECT_NE(*r->LedgerVersion(), *version);

  // The page first, cached before the snapshot; the count computed inside
  // it after another commit must agree with the cached page.
  EXPECT_EQ(listed(), 3);
  ASSERT_TRUE(r->BeginRead().ok());
  EXPECT_EQ(listed(), 3);  // from the cache: nothing changed in between
  put();
  EXPECT_EQ(count(), 3);
  EXPECT_EQ(listed(), 3);
  r->EndRead();
  EXPECT_EQ(count(), 4);
  EXPECT_EQ(listed(), 4);

  // Within a batch BeginRead leaves the transaction alone; EndRead rolls
  // back whatever is open, and is harmless when nothing is.
  r->EndRead();
  ASSERT_TRUE(r->BeginBatch().ok());
  ASSERT_TRUE(r->BeginRead().ok());
  EXPECT_TRUE(r->InTransaction());
  r->EndRead();
  EXPECT_FALSE(r->InTransaction());

  // A snapshot still ends when the request's deadline has passed.
  ASSERT_TRUE(r->BeginRead().ok());
  EXPECT_EQ(count(), 4);
  put();
  r->SetDeadline(std::chrono::steady_clock::now() - std::chrono::seconds(1));
  r->EndRead();
  EXPECT_FALSE(r->InTransaction());
  r->SetDeadline({});
  EXPECT_EQ(count(), 5);
}

}  // namespace
}  // namespace vigil
