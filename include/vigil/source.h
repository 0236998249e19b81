// The source stage: turns files, directories, stdin and JSONL batches into
// Documents.
//
// Reading happens in two steps so that the expensive one can run in parallel:
//   1. InputReader walks the inputs in a deterministic order and yields
//      RawItems (the bytes of one document, decompressed), one at a time.
//   2. ParseRawItem turns one RawItem into a Document: metadata, clean text
//      in blocks, UTF-8 repair, NFC, language. It is a pure function.
#ifndef VIGIL_SOURCE_H_
#define VIGIL_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vigil/document.h"
#include "vigil/status.h"

namespace vigil {

class FileSystem;  // src/source/stream.h: the I/O interface tests replace

struct ReadOptions {
  // A document (a file, or one JSONL line) larger than this is skipped with
  // an error; it is never held in memory whole.
  uint64_t max_document_bytes = 32ull << 20;
  // Overrides applied to every document read (meant for single files).
  std::string published;
  std::string outlet;
  std::string url;
};

enum class RawKind : uint8_t {
  kText,       // a plain-text file
  kHtml,       // an HTML page
  kJsonLine,   // one JSON object (a line of a .jsonl file, or an array item)
};

struct RawItem {
  std::string origin;  // "path", "path:line", "-" for stdin
  RawKind kind = RawKind::kText;
  std::string bytes;
  uint64_t input_bytes = 0;  // bytes of the input consumed for this item
  // Metadata used for the fields the item itself does not give (after the
  // ReadOptions overrides): a fetched page's URL, its feed's date and
  // language. Empty for files.
  DocumentMeta fallback;
  // The character set the transport declared for the bytes (a fetched
  // page's HTTP Content-Type charset, lower case); empty for files. For HTML
  // it outranks the page's own <meta charset>.
  std::string charset;
};

// One input-level entry found when the paths are expanded.
struct InputFile {
  std::string path;  // "-" for stdin
  uint64_t size = 0;  // on-disk size (compressed); 0 for stdin
};

class InputReader {
 public:
  // |paths| are files, directories (read recursively, in sorted order, hidden
  // entries skipped) or "-" for stdin.
  InputReader(std::vector<std::string> paths, ReadOptions options);
  ~InputReader();
  InputReader(const InputReader&) = delete;
  InputReader& operator=(const InputReader&) = delete;

  // Expands the paths (once). Errors for paths that do not exist or cannot
  // be listed are returned by Next() in order, not here.
  // Returns the total on-disk size of the inputs, for progress reporting.
  uint64_t TotalBytes();

  enum class Step { kItem, kError, kEnd };
  // Produces the next item, or an error concerning one input (a file that
  // cannot be read, a JSONL line that is too long, a corrupt gzip stream);
  // after an error, reading continues with what remains.
  Step Next(RawItem* item, Status* error);

  // Reads through |fs| instead of the real file system (tests inject faults
  // this way). |fs| must outlive the reader.
  void SetFileSystemForTesting(FileSystem* fs);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Turns |item| into a Document: reads metadata (plain-text metadata lines,
// HTML meta tags, JSON fields), builds the clean text in blocks, repairs
// invalid UTF-8 (reported in Document::notes), normalises to NFC and detects
// the language. Returns InvalidInput when the item has no usable text (empty,
// binary, a JSON line that is not an object or lacks "text"/"html").
Result<Document> ParseRawItem(const RawItem& item, const ReadOptions& options);

// Returns the ISO 8601 form of a date or date-time written in a common style
// ("2025-11-03", "2025-11-03T14:05:00Z", "Nov 3, 2025", "3 November 2025",
// "11/03/2025" (US order), RFC 2822), or "" if |s| is not one.
std::string NormalizeDate(std::string_view s);

// Language identification (CLD2) of UTF-8 |text|: a BCP 47 primary tag such
// as "en" or "es", or "un" when unknown.
std::string DetectLanguage(std::string_view text, bool* reliable);

}  // namespace vigil

#endif  // VIGIL_SOURCE_H_
