// InputReader: expands paths into input files and yields one RawItem per
// document, streaming so that memory stays bounded whatever the input size.

#include <algorithm>
#include <cstring>
#include <deque>
#include <set>
#include <utility>

#include <simdjson.h>

#include "source/stream.h"
#include "vigil/source.h"

namespace vigil {

namespace {

constexpr size_t kReadChunk = 1 << 16;

enum class FileFormat { kUnknown, kText, kHtml, kJsonl };

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Splits "name.html.gz" into the compression and the format the name implies.
void FormatFromName(const std::string& path, FileFormat* format,
                    Compression* compression) {
  std::string name = Lower(path.substr(path.find_last_of('/') + 1));
  *compression = Compression::kNone;
  if (EndsWith(name, ".gz")) {
    *compression = Compression::kGzip;
    name.resize(name.size() - 3);
  } else if (EndsWith(name, ".zst")) {
    *compression = Compression::kZstd;
    name.resize(name.size() - 4);
  } else if (EndsWith(name, ".zstd")) {
    *compression = Compression::kZstd;
    name.resize(name.size() - 5);
  }
  *format = FileFormat::kUnknown;
  for (const char* ext : {".txt", ".text"})
    if (EndsWith(name, ext)) *format = FileFormat::kText;
  for (const char* ext : {".html", ".htm", ".xhtml"})
    if (EndsWith(name, ext)) *format = FileFormat::kHtml;
  for (const char* ext : {".jsonl", ".json", ".ndjson"})
    if (EndsWith(name, ext)) *format = FileFormat::kJsonl;
}

// True when a directory walk should pick up |name|. Gold files of the
// evaluation corpus (NAME.gold.json) are not documents.
bool IsDocumentName(const std::string& name) {
  if (EndsWith(Lower(name), ".gold.json")) return false;
  FileFormat f;
  Compression c;
  FormatFromName(name, &f, &c);
  return f != FileFormat::kUnknown;
}

FileFormat SniffFormat(std::string_view prefix) {
  size_t i = 0;
  if (prefix.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < prefix.size() && std::isspace(static_cast<unsigned char>(prefix[i]))) ++i;
  if (i == prefix.size()) return FileFormat::kText;
  char c = prefix[i];
  if (c == '{' || c == '[') return FileFormat::kJsonl;
  if (c == '<') return FileFormat::kHtml;
  return FileFormat::kText;
}

std::string HumanBytes(uint64_t n) {
  char buf[32];
  if (n >= (1ull << 20))
    std::snprintf(buf, sizeof(buf), "%.1f MiB", n / 1048576.0);
  else
    std::snprintf(buf, sizeof(buf), "%llu bytes", static_cast<unsigned long long>(n));
  return buf;
}

}  // namespace

struct InputReader::Impl {
  std::vector<std::string> paths;
  ReadOptions options;
  FileSystem* fs = DefaultFileSystem();

  bool expanded = false;
  uint64_t total_bytes = 0;
  // Expanded inputs in order: a file to read, or an error to report.
  struct Entry {
    std::string path;
    Status error;
    bool from_directory = false;
  };
  std::deque<Entry> entries;

  // The file being read.
  std::unique_ptr<ByteStream> stream;
  std::string path;
  FileFormat format = FileFormat::kUnknown;
  uint64_t consumed_reported = 0;
  // JSONL state.
  std::string buffer;   // unread bytes of the current file
  size_t buffer_pos = 0;
  bool stream_eof = false;
  uint64_t line_no = 0;
  // Items of a JSON array file, queued.
  std::deque<RawItem> queued;

  void Expand();
  void ExpandDirectory(const std::string& root);
  InputReader::Step OpenNext(RawItem* item, Status* error);
  InputReader::Step NextLine(RawItem* item, Status* error);
  Status ReadWhole(std::string* out, uint64_t limit);
  Status FillBuffer();
  uint64_t TakeConsumed() {
    uint64_t now = stream ? stream->SourceOffset() : 0;
    uint64_t d = now >= consumed_reported ? now - consumed_reported : 0;
    consumed_reported = now;
    return d;
  }
  void CloseFile() {
    stream.reset();
    buffer.clear();
    buffer_pos = 0;
    stream_eof = false;
    line_no = 0;
    consumed_reported = 0;
  }
};

void InputReader::Impl::Expand() {
  if (expanded) return;
  expanded = true;
  for (const std::string& p : paths) {
    if (p == "-") {
      entries.push_back({p, Status::Ok(), false});
      continue;
    }
    auto info = fs->Stat(p);
    if (!info.ok()) {
      entries.push_back({p, info.status(), false});
      continue;
    }
    if (!info->exists) {
      entries.push_back({p, Status::NotFound("no such file or directory", p), false});
      continue;
    }
    if (info->is_dir) {
      ExpandDirectory(p);
    } else {
      total_bytes += info->size;
      entries.push_back({p, Status::Ok(), false});
    }
  }
}

void InputReader::Impl::ExpandDirectory(const std::string& root) {
  // Depth-first, entries sorted by name, so that every run reads the same
  // files in the same order (document ids depend on it).
  std::set<std::pair<uint64_t, uint64_t>> seen;  // (device, inode) of dirs
  std::vector<std::string> stack{root};
  std::vector<std::string> ordered_dirs;
  while (!stack.empty()) {
    std::string dir = std::move(stack.back());
    stack.pop_back();
    auto info = fs->Stat(dir);
    if (info.ok() && info->exists) {
      if (!seen.insert({info->device, info->inode}).second) continue;  // loop
    }
    std::vector<DirEntry> list;
    Status s = fs->ListDir(dir, &list);
    if (!s.ok()) {
      entries.push_back({dir, s, true});
      continue;
    }
    std::sort(list.begin(), list.end(),
              [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
    std::vector<std::string> subdirs;
    std::string base = dir;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    for (const DirEntry& e : list) {
      if (e.name.empty() || e.name[0] == '.') continue;
      std::string full = base + "/" + e.name;
      if (e.is_dir) {
        subdirs.push_back(full);
      } else if (e.is_file && IsDocumentName(e.name)) {
        total_bytes += e.size;
        entries.push_back({full, Status::Ok(), true});
      }
    }
    // Files of a directory come before its subdirectories; subdirectories in
    // name order (pushed in reverse onto the stack).
    for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(*it);
  }
}

Status InputReader::Impl::ReadWhole(std::string* out, uint64_t limit) {
  out->clear();
  char chunk[kReadChunk];
  for (;;) {
    auto r = stream->Read(chunk, sizeof(chunk));
    if (!r.ok()) return r.status();
    if (*r == 0) return Status::Ok();
    if (out->size() + *r > limit)
      return Status::InvalidInput("document larger than the " + HumanBytes(limit) +
                                  " limit (--max-doc-bytes)", path);
    out->append(chunk, *r);
  }
}

Status InputReader::Impl::FillBuffer() {
  if (buffer_pos > 0) {
    buffer.erase(0, buffer_pos);
    buffer_pos = 0;
  }
  size_t old = buffer.size();
  buffer.resize(old + kReadChunk);
  auto r = stream->Read(buffer.data() + old, kReadChunk);
  if (!r.ok()) {
    buffer.resize(old);
    return r.status();
  }
  buffer.resize(old + *r);
  if (*r == 0) stream_eof = true;
  return Status::Ok();
}

InputReader::Step InputReader::Impl::NextLine(RawItem* item, Status* error) {
  const uint64_t limit = options.max_document_bytes;
  for (;;) {
    // Find a newline in the buffered bytes, reading more as needed; a line
    // longer than the limit is skipped without being held in memory.
    size_t nl = buffer.find('\n', buffer_pos);
    bool too_long = false;
    while (nl == std::string::npos && !stream_eof) {
      if (buffer.size() - buffer_pos > limit) {
        too_long = true;
        break;
      }
      Status s = FillBuffer();
      if (!s.ok()) {
        *error = s.At(path);
        CloseFile();
        return InputReader::Step::kError;
      }
      nl = buffer.find('\n', buffer_pos);
    }
    if (too_long) {
      ++line_no;
      uint64_t skipped_line = line_no;
      // Discard up to the end of this line.
      for (;;) {
        buffer.clear();
        buffer_pos = 0;
        Status s = FillBuffer();
        if (!s.ok()) {
          *error = s.At(path);
          CloseFile();
          return InputReader::Step::kError;
        }
        size_t k = buffer.find('\n');
        if (k != std::string::npos) {
          buffer_pos = k + 1;
          break;
        }
        if (stream_eof) break;
      }
      *error = Status::InvalidInput(
          "longer than the " + HumanBytes(limit) + " limit (--max-doc-bytes); line skipped",
          path + ":" + std::to_string(skipped_line));
      return InputReader::Step::kError;
    }
    if (nl == std::string::npos && buffer_pos >= buffer.size()) {
      // End of file.
      CloseFile();
      return InputReader::Step::kEnd;
    }
    size_t end = nl == std::string::npos ? buffer.size() : nl;
    ++line_no;
    std::string_view line(buffer.data() + buffer_pos, end - buffer_pos);
    buffer_pos = nl == std::string::npos ? buffer.size() : nl + 1;
    if (line.size() > limit) {
      *error = Status::InvalidInput(
          "longer than the " + HumanBytes(limit) + " limit (--max-doc-bytes); line skipped",
          path + ":" + std::to_string(line_no));
      return InputReader::Step::kError;
    }
    // Skip blank lines.
    bool blank = true;
    for (char c : line)
      if (!std::isspace(static_cast<unsigned char>(c))) {
        blank = false;
        break;
      }
    if (blank) continue;
    item->origin = path + ":" + std::to_string(line_no);
    item->kind = RawKind::kJsonLine;
    item->bytes.assign(line);
    item->input_bytes = TakeConsumed();
    return InputReader::Step::kItem;
  }
}

InputReader::Step InputReader::Impl::OpenNext(RawItem* item, Status* error) {
  Entry entry = std::move(entries.front());
  entries.pop_front();
  if (!entry.error.ok()) {
    *error = entry.error;
    return InputReader::Step::kError;
  }
  path = entry.path;
  const std::string where = path == "-" ? "stdin" : path;
  FileFormat by_name = FileFormat::kUnknown;
  Compression compression = Compression::kNone;
  if (path != "-") FormatFromName(path, &by_name, &compression);

  auto opened = fs->OpenRead(path);
  if (!opened.ok()) {
    *error = opened.status().At(where);
    return InputReader::Step::kError;
  }
  std::unique_ptr<ByteStream> raw = std::move(opened.value());

  // Sniff magic bytes: a compressed file need not say so in its name.
  std::string head(8, '\0');
  size_t got = 0;
  while (got < head.size()) {
    auto r = raw->Read(head.data() + got, head.size() - got);
    if (!r.ok()) {
      *error = r.status().At(where);
      return InputReader::Step::kError;
    }
    if (*r == 0) break;
    got += *r;
  }
  head.resize(got);
  Compression sniffed = SniffCompression(head);
  if (compression != Compression::kNone && sniffed == Compression::kNone && got > 0) {
    *error = Status::InvalidInput(
        std::string("not a ") + (compression == Compression::kGzip ? "gzip" : "zstd") +
            " file (bad magic bytes at byte 0)",
        where);
    return InputReader::Step::kError;
  }
  std::unique_ptr<ByteStream> s = MakePrefixedStream(head, std::move(raw));
  if (sniffed == Compression::kGzip) s = MakeGzipStream(std::move(s), where);
  if (sniffed == Compression::kZstd) s = MakeZstdStream(std::move(s), where);
  stream = std::move(s);
  consumed_reported = 0;

  FileFormat format = by_name;
  if (format == FileFormat::kUnknown) {
    // Peek at the decompressed start to decide.
    std::string peek(512, '\0');
    size_t n = 0;
    while (n < peek.size()) {
      auto r = stream->Read(peek.data() + n, peek.size() - n);
      if (!r.ok()) {
        *error = r.status().At(where);
        CloseFile();
        return InputReader::Step::kError;
      }
      if (*r == 0) break;
      n += *r;
    }
    peek.resize(n);
    format = SniffFormat(peek);
    stream = MakePrefixedStream(peek, std::move(stream));
  }
  this->path = where;
  this->format = format;

  if (format == FileFormat::kJsonl) {
    // A .json file holding one top-level array is read whole (bounded) and
    // split into its elements; otherwise lines are streamed.
    Status s = FillBuffer();
    if (!s.ok()) {
      *error = s.At(where);
      CloseFile();
      return InputReader::Step::kError;
    }
    size_t i = 0;
    while (i < buffer.size() && std::isspace(static_cast<unsigned char>(buffer[i]))) ++i;
    if (i < buffer.size() && buffer[i] == '[') {
      std::string whole = buffer;
      char chunk[kReadChunk];
      for (;;) {
        auto r = stream->Read(chunk, sizeof(chunk));
        if (!r.ok()) {
          *error = r.status().At(where);
          CloseFile();
          return InputReader::Step::kError;
        }
        if (*r == 0) break;
        if (whole.size() + *r > options.max_document_bytes) {
          *error = Status::InvalidInput(
              "JSON array larger than the " + HumanBytes(options.max_document_bytes) +
                  " limit (--max-doc-bytes); use JSON Lines",
              where);
          CloseFile();
          return InputReader::Step::kError;
        }
        whole.append(chunk, *r);
      }
      uint64_t consumed = TakeConsumed();
      CloseFile();
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      auto err = parser.parse(whole).get(doc);
      if (err) {
        *error = Status::InvalidInput(
            std::string("invalid JSON: ") + simdjson::error_message(err), where);
        return InputReader::Step::kError;
      }
      simdjson::dom::array arr;
      if (doc.get_array().get(arr)) {
        *error = Status::InvalidInput("invalid JSON: expected an array", where);
        return InputReader::Step::kError;
      }
      size_t index = 0;
      for (simdjson::dom::element e : arr) {
        RawItem q;
        q.origin = where + ":[" + std::to_string(index++) + "]";
        q.kind = RawKind::kJsonLine;
        q.bytes = simdjson::minify(e);
        queued.push_back(std::move(q));
      }
      if (!queued.empty()) queued.back().input_bytes = consumed;
      if (queued.empty()) {
        *error = Status::InvalidInput("empty JSON array: no documents", where);
        return InputReader::Step::kError;
      }
      *item = std::move(queued.front());
      queued.pop_front();
      return InputReader::Step::kItem;
    }
    line_no = 0;
    InputReader::Step step = NextLine(item, error);
    if (step == InputReader::Step::kEnd) {
      *error = Status::InvalidInput("empty file: no documents", where);
      return InputReader::Step::kError;
    }
    return step;
  }

  // Whole-file formats: enforce the size limit before reading when the
  // on-disk size is known and the file is not compressed.
  RawItem out;
  out.origin = where;
  out.kind = format == FileFormat::kHtml ? RawKind::kHtml : RawKind::kText;
  Status read = ReadWhole(&out.bytes, options.max_document_bytes);
  out.input_bytes = TakeConsumed();
  CloseFile();
  if (!read.ok()) {
    *error = read.At(where);
    return InputReader::Step::kError;
  }
  *item = std::move(out);
  return InputReader::Step::kItem;
}

InputReader::InputReader(std::vector<std::string> paths, ReadOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->paths = std::move(paths);
  impl_->options = std::move(options);
}

InputReader::~InputReader() = default;

void InputReader::SetFileSystemForTesting(FileSystem* fs) { impl_->fs = fs; }

uint64_t InputReader::TotalBytes() {
  impl_->Expand();
  return impl_->total_bytes;
}

InputReader::Step InputReader::Next(RawItem* item, Status* error) {
  impl_->Expand();
  if (!impl_->queued.empty()) {
    *item = std::move(impl_->queued.front());
    impl_->queued.pop_front();
    return Step::kItem;
  }
  for (;;) {
    if (impl_->stream && impl_->format == FileFormat::kJsonl) {
      Step step = impl_->NextLine(item, error);
      if (step != Step::kEnd) return step;
      continue;
    }
    if (impl_->entries.empty()) return Step::kEnd;
    // Size check for plain files before opening them.
    return impl_->OpenNext(item, error);
  }
}

}  // namespace vigil
