#include "base/utf8.h"

#include <gtest/gtest.h>

#include <random>

#include "vigil/document.h"
#include "vigil/status.h"

namespace vigil {
namespace {

TEST(Utf8, FoldCaseAndAccents) {
  EXPECT_EQ(FoldCaseAndAccents("Boat STRIKE"), "boat strike");
  EXPECT_EQ(FoldCaseAndAccents("MICHOAC\xc3\x81N"), "michoacan");
  EXPECT_EQ(FoldCaseAndAccents("Michoaca\xcc\x81n"), "michoacan");  // decomposed accent
  EXPECT_EQ(FoldCaseAndAccents("Stra\xc3\x9f" "e"), "strasse");
  EXPECT_EQ(FoldCaseAndAccents("\xce\xa3\xce\x9f\xce\xa3"), "\xcf\x83\xce\xbf\xcf\x83");
  EXPECT_EQ(FoldCaseAndAccents("Bad \xff BYTE"), "bad \xff byte");
}

TEST(Utf8, AsciiDetection) {
  EXPECT_TRUE(IsAscii(""));
  EXPECT_TRUE(IsAscii("plain ASCII text, long enough for the wide loop"));
  EXPECT_FALSE(IsAscii("Culiac\xC3\xA1n"));
  EXPECT_FALSE(IsAscii("0123456789abcdef\x80"));
}

TEST(Utf8, FindsInvalidSequences) {
  EXPECT_EQ(FindInvalidUtf8("Bogot\xC3\xA1"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("abc\xFFxyz"), 3u);
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);           // overlong slash
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);      // surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);   // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("ab\xE2\x80"), 2u);         // truncated
  EXPECT_EQ(FindInvalidUtf8("\xF0\x9F\x98\x80"), std::string_view::npos);  // emoji
}

TEST(Utf8, RepairReplacesEachBadByte) {
  std::string s = "a\xFF" "b\xE2\x80" "c";
  size_t first = 99;
  size_t n = RepairUtf8(&s, &first);
  EXPECT_EQ(first, 1u);
  EXPECT_EQ(n, 3u);
  EXPECT_EQ(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c");
  EXPECT_EQ(FindInvalidUtf8(s), std::string_view::npos);
}

TEST(Utf8, RepairOfRandomBytesIsAlwaysValid) {
  std::mt19937 rng(1);
  for (int round = 0; round < 2000; ++round) {
    std::string s(rng() % 64, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    RepairUtf8(&s);
    ASSERT_EQ(FindInvalidUtf8(s), std::string_view::npos);
  }
}

TEST(Utf8, TruncateNeverCutsACharacter) {
  const std::string s = "ab\xC3\xA1\xF0\x9F\x92\xA5";  // "abá💥"
  EXPECT_EQ(TruncateUtf8(s, 100), s);
  EXPECT_EQ(TruncateUtf8(s, 3), "ab");
  EXPECT_EQ(TruncateUtf8(s, 4), "ab\xC3\xA1");
  EXPECT_EQ(TruncateUtf8(s, 7), "ab\xC3\xA1");
  EXPECT_EQ(TruncateUtf8(s, 0), "");
}

TEST(Utf8, NfcComposes) {
  std::string s = "Culiaca\xCC\x81n";  // a + combining acute
  ASSERT_TRUE(NormalizeNfc(&s));
  EXPECT_EQ(s, "Culiac\xC3\xA1n");
  std::string ascii = "no change";
  ASSERT_TRUE(NormalizeNfc(&ascii));
  EXPECT_EQ(ascii, "no change");
}

TEST(Utf8, TrimSpaceHandlesUnicodeSpaces) {
  EXPECT_EQ(TrimSpace("  \t x y \n"), "x y");
  EXPECT_EQ(TrimSpace("\xC2\xA0 text\xE2\x80\x8B"), "text");
  EXPECT_EQ(TrimSpace("\xEF\xBB\xBFtext"), "text");
  EXPECT_EQ(TrimSpace("   "), "");
  EXPECT_EQ(TrimSpace("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(Utf8, DecodeAndEncodeRoundTrip) {
  for (char32_t cp : {0x41u, 0xE1u, 0x2014u, 0x1F600u}) {
    std::string s;
    AppendUtf8(cp, &s);
    size_t i = 0;
    EXPECT_EQ(DecodeUtf8(s, &i), cp);
    EXPECT_EQ(i, s.size());
  }
}

TEST(Document, AppendBlockKeepsSpans) {
  Document doc;
  doc.AppendBlock(BlockKind::kHeadline, "  Headline here ");
  doc.AppendBlock(BlockKind::kBody, "   ");
  doc.AppendBlock(BlockKind::kBody, "Body text.");
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.text, "Headline here\n\nBody text.");
  EXPECT_EQ(doc.text.substr(doc.blocks[1].begin, doc.blocks[1].end - doc.blocks[1].begin),
            "Body text.");
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kHeadline);
}

TEST(Document, DomainOf) {
  EXPECT_EQ(DomainOf("https://www.apnews.com/article/x"), "apnews.com");
  EXPECT_EQ(DomainOf("http://User@Example.ORG:8080/a?b"), "example.org");
  EXPECT_EQ(DomainOf("//cdn.example.net/x"), "cdn.example.net");
  EXPECT_EQ(DomainOf("not a url"), "");
}

TEST(Status, FormatsLocation) {
  Status s = Status::InvalidInput("line 41: missing \"text\"", "batch.jsonl");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), "batch.jsonl: line 41: missing \"text\"");
  EXPECT_EQ(Status::Ok().ToString(), "OK");
  EXPECT_EQ(Status::IoError("x").At("here").ToString(), "here: x");
  EXPECT_EQ(Status::IoError("x", "first").At("second").where(), "first");
  Result<int> r = Status::NotFound("gone");
  EXPECT_FALSE(r.ok());
  Result<int> v = 3;
  EXPECT_EQ(*v, 3);
}

}  // namespace
}  // namespace vigil
