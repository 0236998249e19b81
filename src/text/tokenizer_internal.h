// Internal entry points of the tokenizer, shared with the sentence splitter.
#ifndef VIGIL_TEXT_TOKENIZER_INTERNAL_H_
#define VIGIL_TEXT_TOKENIZER_INTERNAL_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "vigil/text.h"

namespace vigil::text_internal {

// Appends the tokens of |text|[|begin|, |end|) to |out|. No token extends
// outside the range; offsets are relative to |text|. The space and line-break
// flags of the first token look at the bytes before |begin|.
//
// How a token may end a sentence.
enum class Stop : uint8_t {
  kNone = 0,
  kPeriod = 1,    // .
  kQuestion = 2,  // ? ! ‼ ⁇ ⁈ ⁉
  kEllipsis = 3,  // ... …
  kAbbrev = 4,    // an abbreviation or dotted acronym: "Nov." "U.S." "J."
  kHard = 5,      // 。 ！ ？ (CJK: no case and no spaces to look at)
};

// A token the sentence splitter must look at: it starts a line or may end a
// sentence. The splitter visits only these instead of every token, and what
// the mark says spares it most reads of the (by then often cold) tokens.
struct Mark {
  static constexpr uint8_t kLine = 1;   // a line break precedes the token
  static constexpr uint8_t kBlank = 2;  // two or more line breaks do
  static constexpr uint8_t kTitle = 4;  // "Gen.", "Sen.": never ends one
  static constexpr int kStopShift = 4;  // bits 4-6: the Stop

  static constexpr uint8_t StopBits(Stop stop) {
    return static_cast<uint8_t>(static_cast<uint8_t>(stop) << kStopShift);
  }
  Stop stop() const { return static_cast<Stop>(bits >> kStopShift); }

  uint32_t token = 0;  // index in the token vector
  uint8_t bits = 0;
};

// If |marks| is not null, a Mark for every token that starts a line or may
// end a sentence is appended to it, in order: tokens with kTokLineBefore,
// periods and ellipses, "?" and "!" (and their Unicode variants),
// abbreviations and dotted acronyms.
void TokenizeRange(std::string_view text, size_t begin, size_t end,
                   std::vector<Token>* out, std::vector<Mark>* marks = nullptr);

// Tokenize() without the 64-byte bulk path: every byte goes through the
// byte-wise scanners. The reference the bulk path is tested against; the
// output must be identical.
void TokenizeBytewise(std::string_view text, std::vector<Token>* out);
// TokenizeRange() without the bulk path (appends, like TokenizeRange).
void TokenizeRangeBytewise(std::string_view text, size_t begin, size_t end,
                           std::vector<Token>* out, std::vector<Mark>* marks);

// A capacity for the token vector of |bytes| bytes of English prose that is
// rarely exceeded (news text averages five to six bytes per token).
inline size_t TokenCapacityHint(size_t bytes) { return bytes / 4 + 16; }

}  // namespace vigil::text_internal

#endif  // VIGIL_TEXT_TOKENIZER_INTERNAL_H_
