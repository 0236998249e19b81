#include "extract/sentence_view.h"

namespace vigil {

void BuildSentenceView(std::string_view text, const Annotated& annotated, uint32_t index,
                       SentenceView* out) {
  const Sentence& s = annotated.sentences[index];
  out->index = index;
  out->sentence = s;
  out->toks.resize(s.token_count);
  // Folding never lengthens a token: one buffer as long as the tokens'
  // bytes holds every folded form.
  size_t bytes = 0;
  for (uint32_t k = 0; k < s.token_count; ++k) {
    const Token& t = annotated.tokens[s.first_token + k];
    bytes += t.end - t.begin;
  }
  out->norms.resize(bytes);
  char* buf = out->norms.data();
  size_t used = 0;
  for (uint32_t k = 0; k < s.token_count; ++k) {
    const Token& t = annotated.tokens[s.first_token + k];
    Tok& tok = out->toks[k];
    tok.text = t.In(text);
    size_t n = FoldForMatching(tok.text, buf + used);
    tok.norm = std::string_view(buf + used, n);
    used += n;
    tok.kind = t.kind;
    tok.flags = t.flags;
    tok.begin = t.begin;
    tok.end = t.end;
  }
}

}  // namespace vigil
