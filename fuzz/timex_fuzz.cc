// FindTimeExpressions on every sentence of arbitrary text, read against a
// publication date taken from the first bytes (or none): spans stay inside
// the sentence; a resolved interval is two real days, start <= end; without
// a publication date nothing relative is resolved.

#include <optional>
#include <vector>

#include "extract/calendar.h"
#include "extract/sentence_view.h"
#include "extract/timex.h"
#include "fuzz.h"

namespace vigil::fuzz {

int FuzzTimex(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  std::optional<Ymd> published;
  if (data[0] & 1) {
    // Any day from 1900 to 2100: month ends, leap days and year turns.
    long days = DaysFromCivil(Ymd{1900, 1, 1}) + ((data[1] << 8 | data[2]) * 73 % 73049);
    published = CivilFromDays(days);
    FUZZ_CHECK(ValidYmd(*published));
  }
  bool list_item = data[0] & 2;
  Document doc = DocumentOfParagraphs(
      std::string_view(reinterpret_cast<const char*>(data + 3), size - 3));
  Annotated a;
  Annotate(doc.text, doc.blocks, &a);
  SentenceView sv;
  std::vector<TimeExpr> found;
  for (uint32_t i = 0; i < a.sentences.size(); ++i) {
    BuildSentenceView(doc.text, a, i, &sv);
    found.clear();
    FindTimeExpressions(sv, published, list_item, &found);
    const Sentence& s = a.sentences[i];
    for (const TimeExpr& t : found) {
      FUZZ_CHECK(t.span.begin < t.span.end);
      FUZZ_CHECK(t.span.begin >= s.begin && t.span.end <= s.end);
      FUZZ_CHECK(t.start.empty() == t.end.empty());
      if (t.relative && !published) FUZZ_CHECK(t.start.empty());
      if (t.start.empty()) continue;
      Ymd start, end;
      FUZZ_CHECK(ParseYmd(t.start, &start) && ValidYmd(start));
      FUZZ_CHECK(ParseYmd(t.end, &end) && ValidYmd(end));
      FUZZ_CHECK(start <= end);
      FUZZ_CHECK(FormatYmd(start) == t.start && FormatYmd(end) == t.end);
      FUZZ_CHECK(static_cast<uint8_t>(t.precision) <= static_cast<uint8_t>(TimePrecision::kUnknown));
    }
  }
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzTimex)
