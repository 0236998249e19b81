// Feed state (schema version 4): feeds, their validators and health, and
// the items seen.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "vigil/store.h"

namespace vigil {
namespace {

class FeedStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vigil-feeds-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/t.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_, path_;
};

TEST_F(FeedStateTest, RecordsPollsAndSurvivesReopen) {
  int64_t doc_id = 0;
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Store& s = **store;
    Document d;
    d.origin = "https://a.example/1";
    d.meta.url = "https://a.example/1";
    d.raw = "Text.";
    d.AppendBlock(BlockKind::kBody, "Text.");
    d.language = "en";
    Sentence sent;
    sent.end = static_cast<uint32_t>(d.text.size());
    std::vector<Sentence> sentences = {sent};
    DocumentToStore item{&d, sentences, nullptr};
    auto put = s.PutDocuments(std::span<const DocumentToStore>(&item, 1));
    ASSERT_TRUE(put.ok());
    doc_id = (*put)[0].id;

    auto feed = s.EnsureFeed("https://a.example/rss");
    ASSERT_TRUE(feed.ok()) << feed.status().ToString();
    EXPECT_GT(feed->id, 0);
    EXPECT_TRUE(feed->etag.empty());
    auto same = s.EnsureFeed("https://a.example/rss");
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->id, feed->id);

    FeedRecord rec = *feed;
    rec.title = "A";
    rec.etag = "\"v1\"";
    rec.last_modified = "Mon, 03 Nov 2025 12:00:00 GMT";
    rec.last_poll = rec.last_success = "2025-11-03T12:00:00Z";
    std::vector<FeedItemRecord> items(3);
    items[0] = {rec.id, "g1", "https://a.example/1", "One", "2025-11-03", "stored", doc_id, 1, ""};
    items[1] = {rec.id, "g2", "https://a.example/2", "Two", "", "failed", 0, 1, "HTTP 503"};
    items[2] = {rec.id, "g3", "https://a.example/3", "", "", "gone", 0, 1, "HTTP 404"};
    ASSERT_TRUE(s.RecordFeedPoll(rec, items).ok());

    // A later poll replaces an item's row and the feed's health.
    items[1].state = "stored";
    items[1].doc_id = doc_id;
    items[1].attempts = 2;
    items[1].error.clear();
    rec.last_error = "HTTP 500";
    rec.last_error_at = "2025-11-03T12:10:00Z";
    rec.failures = 1;
    ASSERT_TRUE(s.RecordFeedPoll(rec, std::span<const FeedItemRecord>(&items[1], 1)).ok());
  }
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  auto feeds = (*store)->ListFeeds();
  ASSERT_TRUE(feeds.ok());
  ASSERT_EQ(feeds->size(), 1u);
  const FeedRecord& f = (*feeds)[0];
  EXPECT_EQ(f.title, "A");
  EXPECT_EQ(f.etag, "\"v1\"");
  EXPECT_EQ(f.failures, 1);
  EXPECT_EQ(f.last_error, "HTTP 500");
  EXPECT_EQ(f.items_seen, 3);
  EXPECT_EQ(f.documents, 2);
  EXPECT_EQ(f.items_failed, 0);
  auto items = (*store)->FeedItems(f.id);
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 3u);
  EXPECT_EQ((*items)[1].key, "g2");
  EXPECT_EQ((*items)[1].attempts, 2);
  EXPECT_EQ((*items)[1].error, "");
  auto with_doc = (*store)->FeedItemWithDocument("https://a.example/2");
  ASSERT_TRUE(with_doc.ok());
  ASSERT_TRUE(with_doc->has_value());
  EXPECT_EQ((*with_doc)->doc_id, doc_id);
  auto none = (*store)->FeedItemWithDocument("https://a.example/3");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_TRUE((*store)->IntegrityCheck().ok());
}

}  // namespace
}  // namespace vigil
