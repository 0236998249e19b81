#include "vigil/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace vigil {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vigil-store-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/t.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static Document MakeDoc(const std::string& url, const std::string& text) {
    Document d;
    d.origin = "test";
    d.meta.url = url;
    d.meta.outlet = "Example News";
    d.meta.published = "2025-11-03";
    d.raw = text;
    d.AppendBlock(BlockKind::kBody, text);
    d.language = "en";
    return d;
  }
  static std::vector<Sentence> OneSentence(const Document& d) {
    Sentence s;
    s.begin = 0;
    s.end = static_cast<uint32_t>(d.text.size());
    return {s};
  }

  std::string dir_, path_;
};

TEST_F(StoreTest, CreatesSchemaAndReopens) {
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ((*store)->schema_version(), kSchemaVersion);
  }
  auto again = Store::Open(path_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->schema_version(), kSchemaVersion);
  EXPECT_TRUE((*again)->IntegrityCheck().ok());
}

TEST_F(StoreTest, RefusesNewerSchema) {
  { ASSERT_TRUE(Store::Open(path_).ok()); }
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = Store::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("newer than this Vigil"), std::string::npos);
}

TEST_F(StoreTest, RefusesNonDatabase) {
  FILE* f = std::fopen(path_.c_str(), "w");
  std::fputs("this is not sqlite at all, just some text that fills a page......", f);
  std::fclose(f);
  auto store = Store::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().ToString().find("t.db"), std::string::npos);
}

TEST_F(StoreTest, IdempotentByContentAndVersionsByUrl) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  Document a = MakeDoc("https://example.org/s", "A strike killed three people.");
  Document a_copy = a;
  Document b = MakeDoc("https://example.org/s", "A strike killed four people.");
  Document c = MakeDoc("", "Unrelated text without a URL.");
  auto sa = OneSentence(a), sb = OneSentence(b), sc = OneSentence(c);

  std::vector<DocumentToStore> batch = {{&a, sa}, {&a_copy, sa}, {&c, sc}};
  auto r1 = (*store)->PutDocuments(batch);
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  ASSERT_EQ(r1->size(), 3u);
  EXPECT_EQ((*r1)[0].outcome, PutOutcome::kInserted);
  EXPECT_EQ((*r1)[1].outcome, PutOutcome::kAlreadyPresent);
  EXPECT_EQ((*r1)[1].id, (*r1)[0].id);

  std::vector<DocumentToStore> batch2 = {{&b, sb}};
  auto r2 = (*store)->PutDocuments(batch2);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ((*r2)[0].outcome, PutOutcome::kNewVersion);
  EXPECT_EQ((*r2)[0].previous_version, (*r1)[0].id);

  auto stats = (*store)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 3);
  EXPECT_EQ(stats->versions, 1);
  EXPECT_EQ(stats->sentences, 3);
  EXPECT_EQ(stats->outlets, 1);
  ASSERT_EQ(stats->by_date.size(), 1u);
  EXPECT_EQ(stats->by_date[0].key, "2025-11-03");

  auto doc = (*store)->GetDocument((*r2)[0].id);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "A strike killed four people.");
  EXPECT_EQ(doc->previous_version, (*r1)[0].id);
  ASSERT_EQ(doc->blocks.size(), 1u);
  auto sents = (*store)->GetSentences(doc->id);
  ASSERT_TRUE(sents.ok());
  ASSERT_EQ(sents->size(), 1u);
  EXPECT_EQ((*sents)[0].text, "A strike killed four people.");
  EXPECT_FALSE((*store)->GetDocument(12345).ok());
}

TEST_F(StoreTest, LargeRawIsCompressedAndTextKept) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  std::string text;
  for (int i = 0; i < 500; ++i) text += "The strike killed three people. ";
  Document d = MakeDoc("", text);
  auto s = OneSentence(d);
  std::vector<DocumentToStore> batch = {{&d, s}};
  ASSERT_TRUE((*store)->PutDocuments(batch).ok());
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT raw_encoding, raw_size, length(raw) FROM documents",
                               -1, &q, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "zstd");
  EXPECT_EQ(sqlite3_column_int64(q, 1), static_cast<int64_t>(text.size()));
  EXPECT_LT(sqlite3_column_int64(q, 2), static_cast<int64_t>(text.size()) / 10);
  sqlite3_finalize(q);
  sqlite3_close(db);
}

TEST_F(StoreTest, FailedBatchWritesNothing) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  Document a = MakeDoc("", "First document.");
  auto sa = OneSentence(a);
  std::vector<DocumentToStore> ok_batch = {{&a, sa}};
  ASSERT_TRUE((*store)->PutDocuments(ok_batch).ok());

  sqlite3* other;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &other), SQLITE_OK);
  // A trigger that makes every insert of a given text fail, mid-batch.
  ASSERT_EQ(sqlite3_exec(other,
                         "CREATE TRIGGER fail_insert BEFORE INSERT ON documents "
                         "WHEN NEW.text = 'Poison.' BEGIN SELECT RAISE(ABORT, 'poisoned'); END;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(other);
  Document b = MakeDoc("", "Second document.");
  Document poison = MakeDoc("", "Poison.");
  auto sb = OneSentence(b), sp = OneSentence(poison);
  std::vector<DocumentToStore> batch = {{&b, sb}, {&poison, sp}};
  auto r = (*store)->PutDocuments(batch);
  ASSERT_FALSE(r.ok());
  auto stats = (*store)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 1);  // "Second document." rolled back too
  EXPECT_EQ(stats->sentences, 1);
  // The store keeps working after a failed batch.
  std::vector<DocumentToStore> retry = {{&b, sb}};
  auto r2 = (*store)->PutDocuments(retry);
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ((*r2)[0].outcome, PutOutcome::kInserted);
}

TEST_F(StoreTest, MentionsRoundTrip) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  Document d = MakeDoc("", "A strike killed three people.");
  auto sents = OneSentence(d);
  MentionsToStore m;
  m.extractor_version = "test";
  m.json = std::string(R"({"schema":"vigil.mentions/1","events":[)") + std::string(3000, ' ') + "]}";
  EventMentionRow e;
  e.type = "ASSAULT";
  e.status = "occurred";
  e.killed = 3;
  e.json = R"({"type":"ASSAULT"})";
  m.events.push_back(e);
  std::vector<DocumentToStore> batch = {{&d, sents, &m}};
  auto r = (*store)->PutDocuments(batch);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto json = (*store)->GetMentionsJson((*r)[0].id);
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  EXPECT_EQ(*json, m.json);
  MentionFilter f;
  f.type = "ASSAULT";
  auto rows = (*store)->ListEventMentions(f);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(*(*rows)[0].row.killed, 3);
  EXPECT_FALSE((*rows)[0].row.injured.has_value());
  EXPECT_EQ((*store)->GetMentionsJson(999).value(), "");
}

TEST(ContentHash, DependsOnTextUrlOutletTitle) {
  Document a;
  a.text = "same";
  Document b = a;
  EXPECT_EQ(ContentHash(a), ContentHash(b));
  b.meta.outlet = "Other";
  EXPECT_NE(ContentHash(a), ContentHash(b));
  Document c = a;
  c.meta.published = "2025-01-01";  // not part of the identity
  EXPECT_EQ(ContentHash(a), ContentHash(c));
  EXPECT_EQ(ContentHash(a).size(), 32u);
}

}  // namespace
}  // namespace vigil
