// ParseRawItem on arbitrary bytes read as plain text, HTML or one JSON line
// (the first byte chooses): either a clear InvalidInput naming the origin, or
// a Document that keeps every promise of vigil/document.h.

#include <string>

#include "fuzz.h"
#include "vigil/source.h"

namespace vigil::fuzz {

int FuzzRawItem(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  vigil::RawItem item;
  item.kind = static_cast<RawKind>(data[0] % 3);
  item.origin = "fuzz:1";
  item.bytes.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  item.input_bytes = size - 1;
  auto doc = ParseRawItem(item, ReadOptions());
  if (!doc.ok()) {
    FUZZ_CHECK(doc.status().code() == Status::Code::kInvalidInput);
    FUZZ_CHECK(doc.status().ToString().find("fuzz:1") != std::string::npos);
    FUZZ_CHECK(IsUtf8(doc.status().ToString()));
    return 0;
  }
  CheckDocument(*doc);
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzRawItem)
