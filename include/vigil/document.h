// Document: one news report as read from a source, before and after cleaning.
//
// Byte offsets everywhere in Vigil (blocks, sentences, tokens, mentions) refer
// to Document::text, the cleaned text that is stored and shown to users. That
// text is valid UTF-8 in Unicode NFC; paragraphs are separated by "\n\n".
#ifndef VIGIL_DOCUMENT_H_
#define VIGIL_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

// What part of a page a block of text came from.
enum class BlockKind : uint8_t {
  kHeadline = 0,
  kStandfirst = 1,  // summary / dek under the headline
  kBody = 2,
  kCaption = 3,     // photo or video caption
  kListItem = 4,    // an item of a list (tracker pages: "Oct. 27: ...")
};

const char* BlockKindName(BlockKind kind);

// A contiguous span of Document::text with one kind. Blocks do not overlap
// and appear in text order.
struct Block {
  BlockKind kind = BlockKind::kBody;
  uint32_t begin = 0;
  uint32_t end = 0;
};

enum class SourceFormat : uint8_t { kText = 0, kHtml = 1, kJsonl = 2 };

const char* SourceFormatName(SourceFormat format);

// The host of |url| in lower case, without "www.", user or port
// ("https://www.apnews.com/x" -> "apnews.com"), or "" when |url| has no
// scheme (scheme-relative "//host/..." is accepted).
std::string DomainOf(std::string_view url);

struct DocumentMeta {
  std::string external_id;  // "id" from JSONL, if any
  std::string title;
  std::string url;          // canonical URL when the page names one
  std::string outlet;       // display name ("NBC News") or domain
  std::string author;
  std::string published;    // ISO 8601: "2025-11-03" or "2025-11-03T14:05:00Z"
  // Last modified (ISO 8601), when the source says: a running tracker
  // first published in September and updated in November.
  std::string updated;
  std::string lang;         // declared language (BCP 47 primary tag), if any
};

struct Document {
  std::string origin;        // "path", "path:line" for JSONL, "-" for stdin
  SourceFormat format = SourceFormat::kText;
  DocumentMeta meta;
  std::string raw;           // the bytes as read (after decompression)
  std::string text;          // clean text; see the file comment
  std::vector<Block> blocks;
  std::string language;      // detected language ("en", "es", "un" unknown)
  bool language_reliable = false;
  std::vector<std::string> notes;  // non-fatal findings, e.g. repaired UTF-8

  // Appends |content| as a new block of |kind|, separated from the previous
  // block by a blank line. Leading and trailing whitespace is dropped; an
  // empty block is not added.
  void AppendBlock(BlockKind kind, std::string_view content);
};

}  // namespace vigil

#endif  // VIGIL_DOCUMENT_H_
