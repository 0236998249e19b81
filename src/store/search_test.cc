// Full-text search: the query a user types, the index kept at ingest, and
// the migration that builds the index for a version-5 file.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "vigil/store.h"

namespace vigil {
namespace {

TEST(SearchExpression, QuotesEveryWord) {
  EXPECT_EQ(*SearchExpression("boat strike"), "(\"boat\" \"strike\")");
  EXPECT_EQ(*SearchExpression("  \"eastern pacific\"  "), "(\"eastern pacific\")");
  EXPECT_EQ(*SearchExpression("strik*"), "(\"strik\"*)");
  EXPECT_EQ(*SearchExpression("boat -caribbean"), "(\"boat\") NOT \"caribbean\"");
  // FTS5 syntax is a word; a quote inside a word is doubled.
  EXPECT_EQ(*SearchExpression("NEAR(a b)"), "(\"NEAR(a\" \"b)\")");
  EXPECT_EQ(*SearchExpression("say\"what"), "(\"say\"\"what\")");
  EXPECT_EQ(*SearchExpression("\"unterminated phrase"), "(\"unterminated phrase\")");
  // Punctuation alone finds nothing and is dropped.
  EXPECT_EQ(*SearchExpression("boat - * \"\" ..."), "(\"boat\")");
  EXPECT_EQ(*SearchExpression("\xc3\xa9t\xc3\xa9"), "(\"\xc3\xa9t\xc3\xa9\")");
  // Control characters separate words; a NUL would end FTS5's reading of
  // the expression inside a quoted word (found by fuzz/http_query_fuzz.cc).
  using namespace std::string_literals;
  EXPECT_EQ(*SearchExpression("boat\0strike"s), "(\"boat\" \"strike\")");
  EXPECT_EQ(*SearchExpression("\"a\x01" "b\" -c\0"s), "(\"a b\") NOT \"c\"");
}

TEST(SearchExpression, RefusesWhatCannotBeSearched) {
  for (const char* bad : {"", "   ", "*", "\"*\"", "-", "-boat", "\xff", "a\xc0\x80"}) {
    auto r = SearchExpression(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput) << bad;
    }
  }
  std::string many;
  for (int i = 0; i < 33; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_FALSE(SearchExpression(many).ok());
}

class SearchStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vigil-search-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/t.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Stores one document with a title and two sentences.
  void Put(Store* store, const std::string& url, const std::string& title,
           const std::string& first, const std::string& second) {
    Document d;
    d.origin = "test";
    d.meta.url = url;
    d.meta.title = title;
    d.meta.outlet = "Example News";
    d.raw = first + " " + second;
    d.AppendBlock(BlockKind::kBody, first + " " + second);
    d.language = "en";
    std::vector<Sentence> s(2);
    s[0].begin = 0;
    s[0].end = static_cast<uint32_t>(first.size());
    s[1].begin = static_cast<uint32_t>(first.size() + 1);
    s[1].end = static_cast<uint32_t>(d.text.size());
    DocumentToStore item;
    item.doc = &d;
    item.sentences = s;
    auto put = store->PutDocuments(std::span<const DocumentToStore>(&item, 1));
    ASSERT_TRUE(put.ok()) << put.status().ToString();
  }

  int64_t Found(Store* store, const std::string& typed) {
    DocumentQuery q;
    auto expr = SearchExpression(typed);
    EXPECT_TRUE(expr.ok()) << typed;
    q.text_match = *expr;
    auto page = store->QueryDocuments(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->total : -1;
  }

  std::string dir_, path_;
};

TEST_F(SearchStoreTest, IngestIndexesTitlesAndSentences) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  Put(store->get(), "https://a.example/1", "Strike off Venezuela",
      "A boat was hit on Tuesday.", "Eleven people died.");
  Put(store->get(), "https://a.example/2", "Navy exercise",
      "Ships sailed in the Caribbean.", "No one was hurt.");
  EXPECT_EQ(Found(store->get(), "venezuela"), 1);     // a title
  EXPECT_EQ(Found(store->get(), "ELEVEN"), 1);        // the second sentence
  EXPECT_EQ(Found(store->get(), "strikes"), 1);       // English endings folded
  EXPECT_EQ(Found(store->get(), "sail*"), 1);         // a prefix
  EXPECT_EQ(Found(store->get(), "\"boat was hit\""), 1);
  EXPECT_EQ(Found(store->get(), "\"hit boat\""), 0);  // a phrase keeps its order
  EXPECT_EQ(Found(store->get(), "was"), 2);
  EXPECT_EQ(Found(store->get(), "was -hurt"), 1);
  // Words of one query are looked for in one sentence (or the title).
  EXPECT_EQ(Found(store->get(), "boat eleven"), 0);
  EXPECT_EQ(Found(store->get(), "NEAR"), 0);
}

TEST_F(SearchStoreTest, MigrationIndexesWhatAVersion5FileHolds) {
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok());
    Put(store->get(), "https://a.example/1", "Strike off Venezuela", "A boat was hit.",
        "Eleven people died.");
  }
  // Back to version 5: no index (and none of version 7's objects).
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE text_search; DROP INDEX event_mentions_by_sentence; "
                         "DROP TRIGGER event_summaries_insert; DROP TRIGGER event_summaries_update; "
                         "DROP TRIGGER event_summaries_delete; DROP TRIGGER event_summaries_member; "
                         "DROP TABLE event_summaries; DROP INDEX events_for_lists; "
                         "DROP INDEX documents_ingested; "
                         "PRAGMA user_version = 5;", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), kSchemaVersion);
  EXPECT_EQ(Found(store->get(), "venezuela"), 1);
  EXPECT_EQ(Found(store->get(), "eleven"), 1);
  EXPECT_EQ(Found(store->get(), "boat"), 1);
  EXPECT_TRUE((*store)->IntegrityCheck().ok());
}

}  // namespace
}  // namespace vigil
