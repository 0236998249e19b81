// FindQuantities (and the number-word tables) on every sentence of
// arbitrary text: spans stay inside the sentence, the number inside the
// phrase, and every value is finite ("10,000,000,000,000 killed" must not
// become infinity or wrap around).

#include <cmath>
#include <vector>

#include "extract/quantity.h"
#include "extract/sentence_view.h"
#include "fuzz.h"

namespace vigil::fuzz {

int FuzzQuantity(const uint8_t* data, size_t size) {
  Document doc = DocumentOfParagraphs(
      std::string_view(reinterpret_cast<const char*>(data), size));
  Annotated a;
  Annotate(doc.text, doc.blocks, &a);
  SentenceView sv;
  std::vector<vigil::Quantity> found;
  for (uint32_t i = 0; i < a.sentences.size(); ++i) {
    BuildSentenceView(doc.text, a, i, &sv);
    for (const Tok& t : sv.toks) {
      bool vague = false;
      double v = NumberWordValue(t.norm, &vague);
      FUZZ_CHECK(std::isfinite(v));
      FUZZ_CHECK(OrdinalValue(t.norm) >= 0);
    }
    found.clear();
    FindQuantities(sv, BuiltinNounClass, &found);
    const Sentence& s = a.sentences[i];
    for (const vigil::Quantity& q : found) {
      FUZZ_CHECK(q.span.begin <= q.span.end);
      FUZZ_CHECK(q.span.begin >= s.begin && q.span.end <= s.end);
      FUZZ_CHECK(q.number.begin >= q.span.begin && q.number.end <= q.span.end);
      FUZZ_CHECK(std::isfinite(q.value) && std::isfinite(q.high));
      FUZZ_CHECK(static_cast<uint8_t>(q.qualifier) <= static_cast<uint8_t>(Qualifier::kVague));
      FUZZ_CHECK(static_cast<uint8_t>(q.counted) <= static_cast<uint8_t>(Counted::kOther));
    }
  }
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzQuantity)
