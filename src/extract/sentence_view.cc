#include "extract/sentence_view.h"

namespace vigil {

void BuildSentenceView(std::string_view text, const Annotated& annotated, uint32_t index,
                       SentenceView* out) {
  const Sentence& s = annotated.sentences[index];
  out->index = index;
  out->sentence = s;
  out->toks.resize(s.token_count);
  for (uint32_t k = 0; k < s.token_count; ++k) {
    const Token& t = annotated.tokens[s.first_token + k];
    Tok& tok = out->toks[k];
    tok.text = t.In(text);
    tok.norm.clear();
    FoldForMatching(tok.text, &tok.norm);
    tok.kind = t.kind;
    tok.flags = t.flags;
    tok.begin = t.begin;
    tok.end = t.end;
  }
}

}  // namespace vigil
