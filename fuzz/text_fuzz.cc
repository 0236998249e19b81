// The tokenizer and the sentence splitter on arbitrary bytes:
//  - the 64-byte bulk path of Tokenize gives exactly the tokens of the
//    byte-wise reference scanner;
//  - tokens are non-empty, in order, do not overlap and never cut a
//    character; FoldForMatching of valid UTF-8 stays valid UTF-8;
//  - over the whole text, sentences cover the tokens exactly, in order;
//  - with blocks (the paragraphs, as Document builds them), sentences stay
//    inside one block and take that block's kind.

#include <string>
#include <vector>

#include "base/utf8.h"
#include "fuzz.h"
#include "text/tokenizer_internal.h"
#include "vigil/text.h"

namespace vigil::fuzz {

namespace {

// Token begins and ends fall on character boundaries (an invalid byte is a
// character of its own, as DecodeUtf8 reads it).
void CheckTokens(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<char> boundary(text.size() + 1, 0);
  for (size_t i = 0; i < text.size();) {
    boundary[i] = 1;
    DecodeUtf8(text, &i);
  }
  boundary[text.size()] = 1;
  uint32_t prev_end = 0;
  for (const Token& t : tokens) {
    FUZZ_CHECK(t.begin < t.end);
    FUZZ_CHECK(t.end <= text.size());
    FUZZ_CHECK(t.begin >= prev_end);
    FUZZ_CHECK(boundary[t.begin] && boundary[t.end]);
    FUZZ_CHECK(static_cast<uint8_t>(t.kind) <= static_cast<uint8_t>(TokenKind::kSymbol));
    prev_end = t.end;
  }
}

}  // namespace

int FuzzText(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  std::vector<Token> fast, reference;
  Tokenize(raw, &fast);
  text_internal::TokenizeBytewise(raw, &reference);
  FUZZ_CHECK(fast.size() == reference.size());
  for (size_t k = 0; k < fast.size(); ++k) {
    FUZZ_CHECK(fast[k].begin == reference[k].begin && fast[k].end == reference[k].end);
    FUZZ_CHECK(fast[k].kind == reference[k].kind && fast[k].flags == reference[k].flags);
  }
  CheckTokens(raw, fast);

  Annotated whole;
  Annotate(raw, {}, &whole);
  FUZZ_CHECK(whole.tokens.size() == fast.size());
  uint32_t next = 0;
  for (const Sentence& s : whole.sentences) {
    FUZZ_CHECK(s.first_token == next);
    FUZZ_CHECK(s.token_count > 0);
    FUZZ_CHECK(s.first_token + s.token_count <= whole.tokens.size());
    FUZZ_CHECK(s.begin == whole.tokens[s.first_token].begin);
    FUZZ_CHECK(s.end == whole.tokens[s.first_token + s.token_count - 1].end);
    next = s.first_token + s.token_count;
  }
  FUZZ_CHECK(next == whole.tokens.size());

  // As a Document: valid UTF-8, paragraphs as blocks of varying kinds.
  Document doc = DocumentOfParagraphs(raw);
  Annotated a;
  Annotate(doc.text, doc.blocks, &a);
  CheckTokens(doc.text, a.tokens);
  size_t b = 0;
  uint32_t prev_end = 0;
  for (const Sentence& s : a.sentences) {
    FUZZ_CHECK(s.token_count > 0);
    FUZZ_CHECK(s.first_token + s.token_count <= a.tokens.size());
    FUZZ_CHECK(s.begin >= prev_end && s.begin < s.end);
    while (b < doc.blocks.size() && doc.blocks[b].end <= s.begin) ++b;
    FUZZ_CHECK(b < doc.blocks.size());
    FUZZ_CHECK(s.begin >= doc.blocks[b].begin && s.end <= doc.blocks[b].end);
    FUZZ_CHECK(s.block == doc.blocks[b].kind);
    prev_end = s.end;
  }
  std::string folded;
  for (const Token& t : a.tokens) {
    FoldForMatching(t.In(doc.text), &folded);
    FUZZ_CHECK(IsUtf8(folded));
  }
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzText)
