// Text annotation: tokens and sentences over Document::text.
//
// The tokenizer and the sentence splitter are byte scanners that never copy
// the text: a Token and a Sentence are byte spans. Matching is done on a
// folded form (ASCII lower case, typographic quotes and dashes folded to
// ASCII) computed on demand by FoldForMatching().
#ifndef VIGIL_TEXT_H_
#define VIGIL_TEXT_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/document.h"

namespace vigil {

enum class TokenKind : uint8_t {
  kWord = 0,          // letters, possibly with inner hyphens or apostrophes
  kNumber = 1,        // 64, 10,000, 3.5, 1990s
  kOrdinal = 2,       // 15th, 1st, 22nd
  kAcronym = 3,       // U.S., CIA, MS-13, TdA
  kAbbreviation = 4,  // Gen., Nov., Mr., a.m. (the period is part of it)
  kPossessive = 5,    // 's or ' after a word
  kPunct = 6,         // . , ; : ! ? quotes brackets dashes ...
  kSymbol = 7,        // $ % & @ # and other symbols
};

const char* TokenKindName(TokenKind kind);

// Token flags.
inline constexpr uint8_t kTokCapitalized = 1 << 0;  // first letter upper case
inline constexpr uint8_t kTokAllCaps = 1 << 1;      // two or more letters, all upper
inline constexpr uint8_t kTokHyphenated = 1 << 2;   // contains an inner hyphen
inline constexpr uint8_t kTokSpaceBefore = 1 << 3;  // whitespace precedes it
inline constexpr uint8_t kTokLineBefore = 1 << 4;   // a line break precedes it
inline constexpr uint8_t kTokNonAscii = 1 << 5;     // contains non-ASCII bytes

struct Token {
  uint32_t begin = 0;  // byte offsets into the text
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;

  std::string_view In(std::string_view text) const {
    return text.substr(begin, end - begin);
  }
};

struct Sentence {
  uint32_t begin = 0;  // byte span, trimmed of surrounding whitespace
  uint32_t end = 0;
  uint32_t first_token = 0;  // index into Annotated::tokens
  uint32_t token_count = 0;
  BlockKind block = BlockKind::kBody;

  std::string_view In(std::string_view text) const {
    return text.substr(begin, end - begin);
  }
};

struct Annotated {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
};

// Splits |text| into tokens, appending to |out| (which is cleared first).
void Tokenize(std::string_view text, std::vector<Token>* out);

// Tokenizes |text| and splits it into sentences. Sentences never cross a
// block boundary; a block without final punctuation (a headline, a caption)
// is still a sentence. |blocks| may be empty: the whole text is then one body
// block.
void Annotate(std::string_view text, std::span<const Block> blocks,
              Annotated* out);

// Returns |s| in the form used for matching: ASCII letters lower-cased,
// typographic quotes folded to ' and ", dashes to -, non-breaking and other
// Unicode spaces to ' '. Other bytes are kept.
std::string FoldForMatching(std::string_view s);
void FoldForMatching(std::string_view s, std::string* out);
// Writes the folded form of |s| to |out|, which has room for s.size() bytes
// (folding never lengthens), and returns its length.
size_t FoldForMatching(std::string_view s, char* out);

}  // namespace vigil

#endif  // VIGIL_TEXT_H_
