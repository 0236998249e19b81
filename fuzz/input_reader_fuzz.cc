// InputReader over one file held in memory: compression sniffing, gzip and
// zstd streams, format sniffing, JSON Lines splitting and JSON arrays, then
// ParseRawItem on every item. The first byte chooses the file name (and so
// the format the name implies), the second how many bytes each read returns,
// so that every buffer boundary gets tried.

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "fuzz.h"
#include "source/stream.h"
#include "vigil/source.h"

namespace vigil::fuzz {

namespace {

class ChunkedStream : public ByteStream {
 public:
  ChunkedStream(std::string_view bytes, size_t chunk) : bytes_(bytes), chunk_(chunk) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min({n, chunk_, bytes_.size() - pos_});
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  uint64_t SourceOffset() const override { return pos_; }

 private:
  std::string_view bytes_;
  size_t chunk_;
  size_t pos_ = 0;
};

class OneFileSystem : public FileSystem {
 public:
  OneFileSystem(std::string name, std::string_view bytes, size_t chunk)
      : name_(std::move(name)), bytes_(bytes), chunk_(chunk) {}
  Result<FileInfo> Stat(const std::string& path) override {
    FileInfo info;
    if (path == name_) {
      info.exists = info.is_file = true;
      info.size = bytes_.size();
    }
    return info;
  }
  Status ListDir(const std::string& path, std::vector<DirEntry>*) override {
    return Status::IoError("not a directory", path);
  }
  Result<std::unique_ptr<ByteStream>> OpenRead(const std::string& path) override {
    if (path != name_) return Status::NotFound("no such file", path);
    return std::unique_ptr<ByteStream>(new ChunkedStream(bytes_, chunk_));
  }

 private:
  std::string name_;
  std::string_view bytes_;
  size_t chunk_;
};

const char* const kNames[] = {"in.txt",      "in.html",     "in.jsonl",   "in.json",
                              "in.txt.gz",   "in.jsonl.gz", "in.html.zst", "in.jsonl.zst",
                              "in.unknown",  "in.xhtml",    "in.ndjson.zstd", "in"};

}  // namespace

int FuzzInputReader(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  std::string name = kNames[data[0] % std::size(kNames)];
  size_t chunk = data[1] == 0 ? 1u << 20 : data[1];
  std::string_view bytes(reinterpret_cast<const char*>(data + 2), size - 2);
  OneFileSystem fs(name, bytes, chunk);
  ReadOptions options;
  // Small, so that the limits are reached by inputs libFuzzer can make.
  options.max_document_bytes = 4096;
  vigil::InputReader reader({name}, options);
  reader.SetFileSystemForTesting(&fs);
  RawItem item;
  Status error;
  for (;;) {
    auto step = reader.Next(&item, &error);
    if (step == vigil::InputReader::Step::kEnd) break;
    if (step == vigil::InputReader::Step::kError) {
      FUZZ_CHECK(!error.ok());
      FUZZ_CHECK(error.ToString().find(name) != std::string::npos);
      continue;
    }
    FUZZ_CHECK(item.bytes.size() <= options.max_document_bytes);
    FUZZ_CHECK(item.origin.rfind(name, 0) == 0);
    auto doc = ParseRawItem(item, options);
    if (doc.ok()) CheckDocument(*doc);
  }
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzInputReader)
