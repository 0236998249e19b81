// A sentence's tokens with their folded forms, built once per sentence and
// shared by the extractors (time, quantities, names, events).
#ifndef VIGIL_EXTRACT_SENTENCE_VIEW_H_
#define VIGIL_EXTRACT_SENTENCE_VIEW_H_

#include <string>
#include <string_view>
#include <vector>

#include "vigil/text.h"

namespace vigil {

struct Tok {
  std::string_view text;  // as written
  std::string norm;       // FoldForMatching(text): lower case, ASCII quotes/dashes
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;
  uint32_t begin = 0, end = 0;

  bool Is(std::string_view s) const { return norm == s; }
  bool Capitalized() const { return flags & kTokCapitalized; }
};

struct SentenceView {
  uint32_t index = 0;       // sentence number in the document
  Sentence sentence;
  std::vector<Tok> toks;

  size_t size() const { return toks.size(); }
  const Tok& operator[](size_t i) const { return toks[i]; }
  // The folded token at |i|, or "" outside the sentence.
  std::string_view NormAt(long i) const {
    return i >= 0 && static_cast<size_t>(i) < toks.size() ? std::string_view(toks[i].norm)
                                                            : std::string_view();
  }
};

// Fills |out| with sentence |index| of |annotated| over |text|.
void BuildSentenceView(std::string_view text, const Annotated& annotated, uint32_t index,
                       SentenceView* out);

}  // namespace vigil

#endif  // VIGIL_EXTRACT_SENTENCE_VIEW_H_
