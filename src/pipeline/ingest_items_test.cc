// Pipeline::IngestItems (in-memory items, as the watch stage sends) stores
// what Pipeline::Ingest stores from files with the same bytes, and reports
// every outcome through IngestObserver::OnStored.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "vigil/pipeline.h"

namespace vigil {
namespace {

class StoredRecorder : public IngestObserver {
 public:
  std::vector<std::pair<std::string, PutOutcome>> stored;
  std::vector<std::string> skipped;
  void OnStored(const Document& doc, const PutResult& r) override {
    stored.emplace_back(doc.origin, r.outcome);
  }
  void OnSkipped(const Status& s) override { skipped.push_back(s.where()); }
};

TEST(IngestItems, SameDocumentsAsFilesAndFallbackMetadata) {
  char tmpl[] = "/tmp/vigil-items-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  const std::string page =
      "<html><head><title>Strike kills three</title>"
      "<link rel=\"canonical\" href=\"https://news.example/strike\">"
      "<meta name=\"date\" content=\"2025-11-02\"></head><body><article>"
      "<h1>Strike kills three</h1><p>A strike on a boat killed three people, officials "
      "said on Sunday.</p></article></body></html>";
  std::ofstream(dir + "/page.html") << page;
  auto files = Store::Open(dir + "/files.db");
  auto items = Store::Open(dir + "/items.db");
  ASSERT_TRUE(files.ok() && items.ok());
  Pipeline pipeline;
  IngestOptions options;
  ASSERT_TRUE(pipeline.Ingest(files->get(), {dir + "/page.html"}, options, nullptr).ok());

  RawItem a;
  a.origin = "http://127.0.0.1:1/a";
  a.kind = RawKind::kHtml;
  a.bytes = page;
  a.fallback.url = a.origin;
  a.fallback.published = "2020-01-01";  // the page's own date wins
  RawItem b = a;
  b.origin = "http://127.0.0.1:1/b";  // the same story under a second URL
  RawItem bare;
  bare.origin = "http://127.0.0.1:1/bare";
  bare.kind = RawKind::kHtml;
  bare.bytes = "<html><body><article><p>Troops were deployed to the border on Monday, "
               "the ministry said.</p></article></body></html>";
  bare.fallback.url = bare.origin;
  bare.fallback.published = "Mon, 03 Nov 2025 12:00:00 GMT";
  bare.fallback.title = "Troops deployed";
  RawItem empty;
  empty.origin = "http://127.0.0.1:1/empty";
  empty.kind = RawKind::kHtml;
  StoredRecorder rec;
  auto report = pipeline.IngestItems(items->get(), {a, b, bare, empty}, options, &rec);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->inserted, 2u);
  EXPECT_EQ(report->already_present, 1u);
  ASSERT_EQ(rec.stored.size(), 3u);
  EXPECT_EQ(rec.stored[0].first, a.origin);
  EXPECT_EQ(rec.stored[0].second, PutOutcome::kInserted);
  EXPECT_EQ(rec.stored[1].first, b.origin);
  EXPECT_EQ(rec.stored[1].second, PutOutcome::kAlreadyPresent);
  ASSERT_EQ(rec.skipped.size(), 1u);
  EXPECT_EQ(rec.skipped[0], empty.origin);

  auto from_file = (*files)->GetDocument(1);
  auto from_item = (*items)->GetDocument(1);
  ASSERT_TRUE(from_file.ok() && from_item.ok());
  EXPECT_EQ(from_file->content_hash, from_item->content_hash);
  EXPECT_EQ(from_item->meta.url, "https://news.example/strike");
  EXPECT_EQ(from_item->meta.published, "2025-11-02");
  EXPECT_EQ(from_file->text, from_item->text);

  auto fallback = (*items)->GetDocument(2);
  ASSERT_TRUE(fallback.ok());
  EXPECT_EQ(fallback->meta.url, bare.origin);
  EXPECT_EQ(fallback->meta.title, "Troops deployed");
  EXPECT_EQ(fallback->meta.published.substr(0, 10), "2025-11-03");
  EXPECT_EQ(fallback->meta.outlet, "127.0.0.1");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vigil
