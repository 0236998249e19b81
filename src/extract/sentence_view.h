// A sentence's tokens with their folded forms, built once per sentence and
// shared by the extractors (time, quantities, names, events).
#ifndef VIGIL_EXTRACT_SENTENCE_VIEW_H_
#define VIGIL_EXTRACT_SENTENCE_VIEW_H_

#include <string>
#include <string_view>
#include <vector>

#include "vigil/text.h"

namespace vigil {

// A folded word. Compared with a string literal it tests the length and then
// compares a fixed number of bytes, inline: the extractor makes hundreds of
// such tests per token ("w == \"would\" || w == \"could\" ..."), and
// std::string_view's operator== was an out-of-line call to memcmp each time.
struct Word : std::string_view {
  using std::string_view::basic_string_view;
  constexpr Word() = default;
  constexpr Word(std::string_view s) : std::string_view(s) {}

  template <size_t N>
  [[gnu::always_inline]] friend inline bool operator==(Word w, const char (&lit)[N]) {
    return w.size() == N - 1 && __builtin_memcmp(w.data(), lit, N - 1) == 0;
  }
};

struct Tok {
  std::string_view text;  // as written
  // FoldForMatching(text): lower case, ASCII quotes/dashes. A view into the
  // SentenceView's buffer, so that comparing it with a literal checks the
  // length first and no token needs a string of its own.
  Word norm;
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;
  uint32_t begin = 0, end = 0;

  bool Is(std::string_view s) const { return norm == s; }
  bool Capitalized() const { return flags & kTokCapitalized; }
};

struct SentenceView {
  SentenceView() = default;
  // Movable (a vector's buffer keeps its address when moved) but not
  // copyable: the tokens' folded forms point into |norms|.
  SentenceView(SentenceView&&) = default;
  SentenceView& operator=(SentenceView&&) = default;
  SentenceView(const SentenceView&) = delete;
  SentenceView& operator=(const SentenceView&) = delete;

  uint32_t index = 0;       // sentence number in the document
  Sentence sentence;
  std::vector<Tok> toks;
  std::vector<char> norms;  // the folded forms of all tokens, back to back

  size_t size() const { return toks.size(); }
  const Tok& operator[](size_t i) const { return toks[i]; }
  // The folded token at |i|, or "" outside the sentence.
  Word NormAt(long i) const {
    return i >= 0 && static_cast<size_t>(i) < toks.size() ? toks[i].norm : Word();
  }
};

// Fills |out| with sentence |index| of |annotated| over |text|.
void BuildSentenceView(std::string_view text, const Annotated& annotated, uint32_t index,
                       SentenceView* out);

}  // namespace vigil

#endif  // VIGIL_EXTRACT_SENTENCE_VIEW_H_
