// Language identification with CLD2.

#include <cstdio>  // CLD2's header needs it first.

#include <cld2/public/compact_lang_det.h>

#include <string>
#include <string_view>

#include "base/utf8.h"
#include "vigil/source.h"

namespace CLD2 {
// Declared in CLD2's internal lang_script.h, exported by libcld2.
const char* LanguageCode(Language lang);
}  // namespace CLD2

namespace vigil {

std::string DetectLanguage(std::string_view text, bool* reliable) {
  *reliable = false;
  // The first 2 KiB decide (some 300 words: plenty for CLD2; on whole
  // documents language identification took a third of ingest time); cut at
  // a code point boundary.
  size_t n = std::min<size_t>(text.size(), 2048);
  while (n > 0 && n < text.size() &&
         (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80)
    --n;
  if (n == 0) return "un";
  // CLD2 requires valid UTF-8; the text is repaired before it gets here, but
  // do not trust that in a library entry point.
  std::string_view sample = text.substr(0, n);
  std::string repaired;
  if (FindInvalidUtf8(sample) != std::string_view::npos) {
    repaired.assign(sample);
    RepairUtf8(&repaired);
    sample = repaired;
  }
  bool is_reliable = false;
  CLD2::Language lang = CLD2::DetectLanguage(
      sample.data(), static_cast<int>(sample.size()), /*is_plain_text=*/true,
      &is_reliable);
  *reliable = is_reliable;
  const char* code = CLD2::LanguageCode(lang);
  if (code == nullptr || lang == CLD2::UNKNOWN_LANGUAGE) return "un";
  return code;
}

}  // namespace vigil
