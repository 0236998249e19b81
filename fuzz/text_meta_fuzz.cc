// The plain-text reader's two halves on arbitrary UTF-8: leading metadata
// lines and the split of the body into blocks. The body returned is a tail of
// the input; a date read is a valid ISO date; blocks are non-empty.

#include <string>

#include "base/utf8.h"
#include "fuzz.h"
#include "source/text_blocks.h"
#include "vigil/source.h"

namespace vigil::fuzz {

int FuzzTextMeta(const uint8_t* data, size_t size) {
  // ParseRawItem repairs the bytes before these run; do the same.
  std::string text(reinterpret_cast<const char*>(data), size);
  RepairUtf8(&text);
  DocumentMeta meta;
  std::string_view body = ReadMetadataLines(text, &meta);
  FUZZ_CHECK(body.data() >= text.data());
  FUZZ_CHECK(body.data() + body.size() == text.data() + text.size());
  for (const std::string* s : {&meta.title, &meta.url, &meta.outlet, &meta.author,
                               &meta.published, &meta.lang})
    FUZZ_CHECK(IsUtf8(*s));
  if (!meta.published.empty()) FUZZ_CHECK(NormalizeDate(meta.published) == meta.published);
  std::vector<TextBlock> blocks = SplitTextBlocks(body, meta.title);
  for (const TextBlock& b : blocks) {
    FUZZ_CHECK(!b.text.empty());
    FUZZ_CHECK(IsUtf8(b.text));
  }
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzTextMeta)
