// Tests of the source stage other than the HTML reader: dates, metadata
// lines, plain-text blocks, JSON lines, compressed streams and the input
// reader with injected file-system faults.

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <map>
#include <set>

#include "source/stream.h"
#include "source/text_blocks.h"
#include "vigil/source.h"

namespace vigil {
namespace {

TEST(NormalizeDate, CommonStyles) {
  EXPECT_EQ(NormalizeDate("2025-11-03"), "2025-11-03");
  EXPECT_EQ(NormalizeDate("2025-11-03T14:05:00Z"), "2025-11-03T14:05:00Z");
  EXPECT_EQ(NormalizeDate("2025-11-03T14:05:00.123-05:00"), "2025-11-03T14:05:00-05:00");
  EXPECT_EQ(NormalizeDate("2025-11-03 09:30"), "2025-11-03T09:30:00");
  EXPECT_EQ(NormalizeDate("2025/11/03"), "2025-11-03");
  EXPECT_EQ(NormalizeDate("Nov 3, 2025"), "2025-11-03");
  EXPECT_EQ(NormalizeDate("Nov. 3, 2025"), "2025-11-03");
  EXPECT_EQ(NormalizeDate("November 3, 2025"), "2025-11-03");
  EXPECT_EQ(NormalizeDate("Monday, November 3, 2025"), "2025-11-03");
  EXPECT_EQ(NormalizeDate("3 November 2025"), "2025-11-03");
  EXPECT_EQ(NormalizeDate("3 de noviembre de 2025"), "2025-11-03");
  EXPECT_EQ(NormalizeDate("11/03/2025"), "2025-11-03");
  EXPECT_EQ(NormalizeDate("Mon, 03 Nov 2025 14:05:00 GMT"), "2025-11-03T14:05:00Z");
  EXPECT_EQ(NormalizeDate("Mon, 03 Nov 2025 14:05:00 +0100"), "2025-11-03T14:05:00+01:00");
}

TEST(NormalizeDate, RejectsImpossibleDates) {
  EXPECT_EQ(NormalizeDate("2025-02-31"), "");
  EXPECT_EQ(NormalizeDate("2025-13-01"), "");
  EXPECT_EQ(NormalizeDate("99999-01-01"), "");
  EXPECT_EQ(NormalizeDate("February 30, 2024"), "");
  EXPECT_EQ(NormalizeDate("2024-02-29"), "2024-02-29");
  EXPECT_EQ(NormalizeDate("yesterday"), "");
  EXPECT_EQ(NormalizeDate(""), "");
  EXPECT_EQ(NormalizeDate("The administration"), "");
  EXPECT_EQ(NormalizeDate("2025-11-03 The administration"), "");
  EXPECT_EQ(NormalizeDate("Nov 3, 2025 and more"), "");
  EXPECT_EQ(NormalizeDate("2025-11-03 "), "2025-11-03");
}

TEST(MetadataLines, SeedStyleDateWithBodyOnTheSameLine) {
  DocumentMeta meta;
  std::string text = " date 2025-11-03 The administration of US President Donald Trump has begun.\n\nMore.";
  std::string_view body = ReadMetadataLines(text, &meta);
  EXPECT_EQ(meta.published, "2025-11-03");
  EXPECT_EQ(body.substr(0, 18), "The administration");
}

TEST(MetadataLines, KeyColonValueLines) {
  DocumentMeta meta;
  std::string text =
      "title: Strike kills three\nDate: November 3, 2025\nurl: https://example.org/a\n"
      "outlet: Example News\nauthor: A. Writer\n\nStrike kills three\n\nBody.";
  std::string_view body = ReadMetadataLines(text, &meta);
  EXPECT_EQ(meta.title, "Strike kills three");
  EXPECT_EQ(meta.published, "2025-11-03");
  EXPECT_EQ(meta.url, "https://example.org/a");
  EXPECT_EQ(meta.outlet, "Example News");
  EXPECT_EQ(meta.author, "A. Writer");
  EXPECT_EQ(body, "Strike kills three\n\nBody.");
}

TEST(MetadataLines, ImpossibleDateIsDroppedWithANote) {
  DocumentMeta meta;
  std::vector<std::string> notes;
  std::string text = "title: T\ndate: 31 February 2025\n\nA strike killed two.";
  EXPECT_EQ(ReadMetadataLines(text, &meta, &notes), "A strike killed two.");
  EXPECT_EQ(meta.title, "T");
  EXPECT_TRUE(meta.published.empty());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0], "unrecognised date ignored: 31 February 2025");
  notes.clear();
  text = "published: 99999-01-01\nBody.";
  EXPECT_EQ(ReadMetadataLines(text, &meta, &notes), "Body.");
  EXPECT_EQ(notes.size(), 1u);
}

TEST(MetadataLines, BodyThatLooksLikeAKeyIsNotMetadata) {
  DocumentMeta meta;
  std::string text = "Title IX rules were not at issue.\nSecond line.";
  EXPECT_EQ(ReadMetadataLines(text, &meta), text);
  EXPECT_TRUE(meta.title.empty());
  std::string dated = "Date night plans were cancelled after the strike.";
  EXPECT_EQ(ReadMetadataLines(dated, &meta), dated);
  EXPECT_TRUE(meta.published.empty());
  std::string source = "Source familiar with the matter said the strike happened.";
  EXPECT_EQ(ReadMetadataLines(source, &meta), source);
}

TEST(TextBlocks, HeadlineLinesAndLists) {
  auto blocks = SplitTextBlocks(
      "Two dead in latest strike, officials say\n\nFirst paragraph.\nSecond line paragraph.\n\n"
      "Oct. 27: Three strikes on four vessels.\nNov. 1 \xE2\x80\x94 One strike.\n- a bullet item\n\n"
      "Pictured: soldiers at the border",
      "");
  ASSERT_EQ(blocks.size(), 7u);
  EXPECT_EQ(blocks[0].kind, BlockKind::kHeadline);
  EXPECT_EQ(blocks[1].text, "First paragraph.");
  EXPECT_EQ(blocks[2].text, "Second line paragraph.");
  EXPECT_EQ(blocks[3].kind, BlockKind::kListItem);
  EXPECT_EQ(blocks[4].kind, BlockKind::kListItem);
  EXPECT_EQ(blocks[5].kind, BlockKind::kListItem);
  EXPECT_EQ(blocks[6].kind, BlockKind::kCaption);
}

TEST(TextBlocks, HeadlineEndingInAQuoteIsAHeadline) {
  auto blocks = SplitTextBlocks("Trump says strikes in Mexico would be \xE2\x80\x98OK with me\xE2\x80\x99\n\nBody.", "");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].kind, BlockKind::kHeadline);
  auto quoted = SplitTextBlocks("He said: \"We will.\"\n\nBody.", "");
  EXPECT_EQ(quoted[0].kind, BlockKind::kBody);
}

TEST(TextBlocks, HardWrappedParagraphsAreJoined) {
  std::string body =
      "The strike was carried out in international waters in the eastern\n"
      "Pacific on Tuesday, according to a statement posted by the secretary\n"
      "on social media late in the evening, and the vessel was said to be\n"
      "operated by a designated terrorist organization, officials added.\n\n"
      "A second paragraph follows here.";
  auto blocks = SplitTextBlocks(body, "");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].text.find('\n'), std::string::npos);
  EXPECT_NE(blocks[0].text.find("eastern Pacific"), std::string::npos);
}

TEST(ParseRawItem, ADateLineNearTheTopDatesAnUndatedText) {
  RawItem item;
  item.origin = "a.txt";
  item.kind = RawKind::kText;
  item.bytes = "Two strikes kill 6 in Pacific\n\nDec. 5, 2025\n\nThe U.S. carried out two "
               "more strikes on Thursday.\n";
  auto doc = ParseRawItem(item, ReadOptions());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->meta.published, "2025-12-05");
  ASSERT_FALSE(doc->notes.empty());
  EXPECT_NE(doc->notes.back().find("date line"), std::string::npos);
  // With a time and a label.
  item.bytes = "Headline here\n\nPublished: November 3, 2025 10:15 a.m. EST\n\nBody text.\n";
  doc = ParseRawItem(item, ReadOptions());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->meta.published.substr(0, 10), "2025-11-03");
  // A sentence that starts with a date is not a date line; a date given
  // otherwise wins.
  item.bytes = "Headline here\n\nNov. 3, 2025 was the day the strike was announced.\n";
  doc = ParseRawItem(item, ReadOptions());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->meta.published, "");
  item.bytes = "date 2025-11-04\nHeadline here\n\nDec. 5, 2025\n\nBody text.\n";
  doc = ParseRawItem(item, ReadOptions());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->meta.published, "2025-11-04");
}

TEST(ParseRawItem, JsonLineFieldsAndErrors) {
  RawItem item;
  item.origin = "b.jsonl:3";
  item.kind = RawKind::kJsonLine;
  item.bytes =
      R"({"id":7,"url":"https://www.example.com/x","title":"A title","published":"Nov 3, 2025","text":"Para one.\n\nPara two."})";
  auto doc = ParseRawItem(item, ReadOptions());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->meta.external_id, "7");
  EXPECT_EQ(doc->meta.published, "2025-11-03");
  EXPECT_EQ(doc->meta.outlet, "example.com");  // from the URL
  ASSERT_EQ(doc->blocks.size(), 3u);           // the title is kept as headline
  EXPECT_EQ(doc->blocks[0].kind, BlockKind::kHeadline);
  EXPECT_EQ(doc->text, "A title\n\nPara one.\n\nPara two.");

  item.bytes = R"({"title":"x","text":"unterminated)";
  auto bad = ParseRawItem(item, ReadOptions());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().where(), "b.jsonl:3");
  EXPECT_NE(bad.status().message().find("invalid JSON"), std::string::npos);

  item.bytes = "[1,2]";
  EXPECT_NE(ParseRawItem(item, ReadOptions()).status().message().find("not a JSON object"),
            std::string::npos);
  item.bytes = R"({"title":"no text"})";
  EXPECT_NE(ParseRawItem(item, ReadOptions()).status().message().find("missing"),
            std::string::npos);
}

TEST(ParseRawItem, JsonNumbersTooLargeAreReadAsText) {
  RawItem item;
  item.origin = "n.jsonl:1";
  item.kind = RawKind::kJsonLine;
  item.bytes =
      R"({"id":123456789012345678901234567890,"n":[1e999999,-2.5E+3],"title":"T\"1e5",)"
      R"("text":"A strike killed 3."})";
  auto doc = ParseRawItem(item, ReadOptions());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->meta.external_id, "123456789012345678901234567890");
  EXPECT_EQ(doc->meta.title, "T\"1e5");  // a number inside a string is left alone
  ASSERT_EQ(doc->notes.size(), 1u);
  EXPECT_EQ(doc->notes[0], "a number too large to represent: the line's 3 number(s) read as text");

  // A malformed number is still an error, and not a "truncated" one.
  item.bytes = R"({"id":01,"text":"A strike."})";
  auto bad = ParseRawItem(item, ReadOptions());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("invalid JSON"), std::string::npos);
  EXPECT_EQ(bad.status().message().find("truncated"), std::string::npos);
  item.bytes = R"({"id":1,"text":"A str)";
  EXPECT_NE(ParseRawItem(item, ReadOptions()).status().message().find("truncated"),
            std::string::npos);
}

TEST(ParseRawItem, TextEncodings) {
  RawItem item;
  item.origin = "x.txt";
  item.kind = RawKind::kText;
  item.bytes = "Bogot\xE1 and Culiac\xE1n";  // windows-1252, no UTF-8 at all
  auto doc = ParseRawItem(item, ReadOptions());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Bogot\xC3\xA1 and Culiac\xC3\xA1n");
  ASSERT_EQ(doc->notes.size(), 1u);
  EXPECT_NE(doc->notes[0].find("windows-1252"), std::string::npos);

  item.bytes = "Bogot\xC3\xA1 and a stray \xFF byte";
  doc = ParseRawItem(item, ReadOptions());
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->text.find("\xEF\xBF\xBD"), std::string::npos);
  ASSERT_EQ(doc->notes.size(), 1u);
  EXPECT_NE(doc->notes[0].find("at byte 20"), std::string::npos);

  item.bytes = std::string("\xFF\xFE" "A\0b\0c\0", 8);  // UTF-16LE with BOM
  doc = ParseRawItem(item, ReadOptions());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Abc");

  item.bytes = std::string("ELF\0\0\0binary", 12);
  EXPECT_NE(ParseRawItem(item, ReadOptions()).status().message().find("binary"),
            std::string::npos);
  item.bytes = "";
  EXPECT_FALSE(ParseRawItem(item, ReadOptions()).ok());
  item.bytes = " \n\n \t";
  EXPECT_FALSE(ParseRawItem(item, ReadOptions()).ok());
}

TEST(ParseRawItem, NfcAndOverrides) {
  RawItem item;
  item.origin = "x.txt";
  item.bytes = "Culiaca\xCC\x81n was calm after the strike, officials said.";
  ReadOptions options;
  options.published = "2025-11-03";
  options.outlet = "Given Outlet";
  auto doc = ParseRawItem(item, options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text.substr(0, 9), "Culiac\xC3\xA1n");
  EXPECT_EQ(doc->meta.published, "2025-11-03");
  EXPECT_EQ(doc->meta.outlet, "Given Outlet");
}

TEST(Language, EnglishAndSpanish) {
  bool reliable = false;
  EXPECT_EQ(DetectLanguage("The United States military struck a vessel in the Caribbean on "
                           "Saturday, killing three people aboard, the secretary said.",
                           &reliable),
            "en");
  EXPECT_EQ(DetectLanguage("La presidenta de México rechazó cualquier forma de intervención "
                           "extranjera y dijo que el país coopera pero no se subordina.",
                           &reliable),
            "es");
  EXPECT_EQ(DetectLanguage("", &reliable), "un");
}

// A file system held in memory, with faults on demand.
class FakeFileSystem : public FileSystem {
 public:
  std::map<std::string, std::string> files;
  std::map<std::string, std::vector<std::string>> dirs;
  std::set<std::string> unlistable;
  std::set<std::string> failing_reads;

  Result<FileInfo> Stat(const std::string& path) override {
    FileInfo info;
    if (files.count(path)) {
      info.exists = info.is_file = true;
      info.size = files[path].size();
    } else if (dirs.count(path)) {
      info.exists = info.is_dir = true;
      info.inode = std::hash<std::string>()(path);
    }
    return info;
  }
  Status ListDir(const std::string& path, std::vector<DirEntry>* out) override {
    if (unlistable.count(path))
      return Status::IoError("cannot list directory: Permission denied", path);
    out->clear();
    for (const std::string& name : dirs[path]) {
      DirEntry e;
      e.name = name;
      std::string full = path + "/" + name;
      e.is_dir = dirs.count(full) > 0;
      e.is_file = files.count(full) > 0;
      out->push_back(e);
    }
    return Status::Ok();
  }
  Result<std::unique_ptr<ByteStream>> OpenRead(const std::string& path) override;
};

class FailingStream : public ByteStream {
 public:
  Result<size_t> Read(char*, size_t) override { return Status::IoError("read failed: EIO"); }
  uint64_t SourceOffset() const override { return 0; }
};

class EmptyStream : public ByteStream {
 public:
  Result<size_t> Read(char*, size_t) override { return size_t{0}; }
  uint64_t SourceOffset() const override { return 0; }
};

Result<std::unique_ptr<ByteStream>> FakeFileSystem::OpenRead(const std::string& path) {
  if (failing_reads.count(path)) return std::unique_ptr<ByteStream>(new FailingStream());
  if (!files.count(path)) return Status::NotFound("no such file", path);
  return MakePrefixedStream(files[path], std::make_unique<EmptyStream>());
}

std::vector<std::string> ReadAll(InputReader* reader, std::vector<std::string>* errors) {
  std::vector<std::string> items;
  RawItem item;
  Status error;
  for (;;) {
    auto step = reader->Next(&item, &error);
    if (step == InputReader::Step::kEnd) break;
    if (step == InputReader::Step::kError) errors->push_back(error.ToString());
    else items.push_back(item.origin + "=" + item.bytes);
  }
  return items;
}

TEST(InputReader, WalksDirectoriesInOrderAndReportsFaults) {
  FakeFileSystem fs;
  fs.dirs["root"] = {"b.txt", "a.txt", "sub", "locked", ".hidden.txt", "notes.docx",
                     "a.gold.json"};
  fs.files["root/a.gold.json"] = "{\"events\":[]}";
  fs.dirs["root/sub"] = {"c.jsonl"};
  fs.dirs["root/locked"] = {};
  fs.unlistable.insert("root/locked");
  fs.files["root/a.txt"] = "A";
  fs.files["root/b.txt"] = "B";
  fs.files["root/.hidden.txt"] = "H";
  fs.files["root/notes.docx"] = "D";
  fs.files["root/sub/c.jsonl"] = "{\"text\":\"1\"}\n\n{\"text\":\"2\"}\n";
  fs.files["bad.txt"] = "never read";
  fs.failing_reads.insert("bad.txt");
  InputReader reader({"root", "bad.txt", "missing.txt"}, ReadOptions());
  reader.SetFileSystemForTesting(&fs);
  std::vector<std::string> errors;
  auto items = ReadAll(&reader, &errors);
  std::vector<std::string> want = {"root/a.txt=A", "root/b.txt=B",
                                   "root/sub/c.jsonl:1={\"text\":\"1\"}",
                                   "root/sub/c.jsonl:3={\"text\":\"2\"}"};
  EXPECT_EQ(items, want);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], "root/locked: cannot list directory: Permission denied");
  EXPECT_EQ(errors[1], "bad.txt: read failed: EIO");
  EXPECT_EQ(errors[2], "missing.txt: no such file or directory");
}

TEST(InputReader, LongJsonLineIsSkippedAndReadingContinues) {
  FakeFileSystem fs;
  std::string big(5000, 'x');
  fs.files["f.jsonl"] = "{\"text\":\"a\"}\n{\"text\":\"" + big + "\"}\n{\"text\":\"c\"}";
  ReadOptions options;
  options.max_document_bytes = 1000;
  InputReader reader({"f.jsonl"}, options);
  reader.SetFileSystemForTesting(&fs);
  std::vector<std::string> errors;
  auto items = ReadAll(&reader, &errors);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1], "f.jsonl:3={\"text\":\"c\"}");  // last line has no newline
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("f.jsonl:2: longer than"), std::string::npos);
}

TEST(InputReader, JsonArrayFile) {
  FakeFileSystem fs;
  fs.files["a.json"] = " [ {\"text\": \"one\"}, {\"text\": \"two\"} ]";
  InputReader reader({"a.json"}, ReadOptions());
  reader.SetFileSystemForTesting(&fs);
  std::vector<std::string> errors;
  auto items = ReadAll(&reader, &errors);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0], "a.json:[0]={\"text\":\"one\"}");
  EXPECT_TRUE(errors.empty());
}

std::string Gzip(const std::string& s) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, s.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Drain(ByteStream* s, Status* error) {
  std::string out;
  char buf[7];  // small reads exercise the stream state machines
  for (;;) {
    auto r = s->Read(buf, sizeof(buf));
    if (!r.ok()) {
      *error = r.status();
      return out;
    }
    if (*r == 0) return out;
    out.append(buf, *r);
  }
}

TEST(Streams, GzipMembersAndCorruption) {
  std::string text = "first member. ";
  std::string two = Gzip(text) + Gzip("second member.");
  Status error;
  auto s = MakeGzipStream(MakePrefixedStream(two, std::make_unique<EmptyStream>()), "t.gz");
  EXPECT_EQ(Drain(s.get(), &error), "first member. second member.");
  EXPECT_TRUE(error.ok());

  std::string cut = Gzip(std::string(10000, 'a')).substr(0, 20);
  auto t = MakeGzipStream(MakePrefixedStream(cut, std::make_unique<EmptyStream>()), "t.gz");
  Drain(t.get(), &error);
  EXPECT_FALSE(error.ok());
  EXPECT_NE(error.ToString().find("t.gz: corrupt gzip stream"), std::string::npos);

  std::string garbage = Gzip("hello");
  garbage[12] ^= 0x55;
  garbage[13] ^= 0x55;
  error = Status::Ok();
  auto u = MakeGzipStream(MakePrefixedStream(garbage, std::make_unique<EmptyStream>()), "g.gz");
  Drain(u.get(), &error);
  EXPECT_FALSE(error.ok());
}

TEST(Streams, Zstd) {
  std::string text(20000, 'z');
  std::string packed(ZSTD_compressBound(text.size()), '\0');
  packed.resize(ZSTD_compress(packed.data(), packed.size(), text.data(), text.size(), 3));
  Status error;
  auto s = MakeZstdStream(MakePrefixedStream(packed, std::make_unique<EmptyStream>()), "t.zst");
  EXPECT_EQ(Drain(s.get(), &error), text);
  EXPECT_TRUE(error.ok());
  auto t = MakeZstdStream(
      MakePrefixedStream(packed.substr(0, packed.size() / 2), std::make_unique<EmptyStream>()),
      "t.zst");
  Drain(t.get(), &error);
  EXPECT_FALSE(error.ok());
}

}  // namespace
}  // namespace vigil
