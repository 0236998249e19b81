#include "vigil/pipeline.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace vigil {
namespace {

class Recorder : public IngestObserver {
 public:
  std::vector<std::string> skipped, warnings;
  int progress_calls = 0;
  void OnSkipped(const Status& s) override { skipped.push_back(s.ToString()); }
  void OnWarning(const std::string& where, const std::string& m) override {
    warnings.push_back(where + ": " + m);
  }
  void OnProgress(const IngestProgress&) override { ++progress_calls; }
};

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vigil-pipeline-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << content;
  }
  std::string dir_;
};

TEST_F(PipelineTest, IngestKeepsGoodDocumentsAndReportsBadOnes) {
  Write("a.txt", "title: A\n\nA strike killed three people in the Caribbean. Officials said so.");
  Write("b.txt", "");
  Write("c.jsonl",
        "{\"title\":\"C1\",\"text\":\"Two survivors were repatriated.\"}\n"
        "{\"title\":\"C2\"}\n"
        "{\"title\":\"C3\",\"text\":\"Bad byte \xFF here, in U.S. waters.\"}\n");
  auto store = Store::Open(dir_ + "/t.db");
  ASSERT_TRUE(store.ok());
  Pipeline pipeline;
  Recorder rec;
  IngestOptions options;
  options.batch_documents = 2;  // several transactions
  auto report = pipeline.Ingest(store->get(), {dir_}, options, &rec);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->inserted, 3u);
  EXPECT_EQ(report->skipped, 2u);
  ASSERT_EQ(rec.skipped.size(), 2u);
  EXPECT_NE(rec.skipped[0].find("b.txt: empty file"), std::string::npos);
  EXPECT_NE(rec.skipped[1].find("c.jsonl:2: missing"), std::string::npos);
  ASSERT_EQ(rec.warnings.size(), 1u);
  EXPECT_NE(rec.warnings[0].find("c.jsonl:3: invalid UTF-8"), std::string::npos);
  EXPECT_GE(rec.progress_calls, 1);

  auto stats = (*store)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 3);
  // The first document: headline-less body of two sentences.
  auto sents = (*store)->GetSentences(1);
  ASSERT_TRUE(sents.ok());
  ASSERT_EQ(sents->size(), 2u);
  EXPECT_EQ((*sents)[1].text, "Officials said so.");

  // Again: nothing new.
  auto again = pipeline.Ingest(store->get(), {dir_}, options, nullptr);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted, 0u);
  EXPECT_EQ(again->already_present, 3u);
}

TEST_F(PipelineTest, AnnotateUsesBlocks) {
  Document doc;
  doc.AppendBlock(BlockKind::kHeadline, "Strike kills three");
  doc.AppendBlock(BlockKind::kBody, "The U.S. military struck a boat. Three died.");
  Pipeline pipeline;
  Annotated out;
  pipeline.Annotate(doc, &out);
  ASSERT_EQ(out.sentences.size(), 3u);
  EXPECT_EQ(out.sentences[0].block, BlockKind::kHeadline);
  EXPECT_EQ(out.sentences[1].In(doc.text), "The U.S. military struck a boat.");
}

}  // namespace
}  // namespace vigil
