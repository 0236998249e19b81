// Time expressions: found in a sentence and resolved against the
// publication date into an inclusive date interval with a precision.
#ifndef VIGIL_EXTRACT_TIMEX_H_
#define VIGIL_EXTRACT_TIMEX_H_

#include <optional>
#include <span>
#include <vector>

#include "extract/calendar.h"
#include "extract/sentence_view.h"
#include "extract/word_table.h"
#include "vigil/extract.h"

namespace vigil {

// Appends to |out| every time expression of |sv|. Relative expressions
// ("on Thursday", "over the weekend", "in February", "Nov. 6" without a year)
// are read against |published|; without it they are kept unresolved (empty
// start and end). |list_item| says the sentence opens a tracker list item, so
// that a leading "Oct. 27:" is marked as its date.
void FindTimeExpressions(const SentenceView& sv, const std::optional<Ymd>& published,
                         bool list_item, std::vector<TimeExpr>* out);

// Month number (1-12) of an English or Spanish month name or abbreviation
// ("nov.", "sept", "noviembre"), else 0. |norm| is folded.
int MonthFromWord(std::string_view norm);
// Weekday (0 = Sunday) of an English or Spanish weekday name, else -1.
int WeekdayFromWord(std::string_view norm);

// The words the two functions above know, with their values (for tests).
std::span<const WordTable<int>::Entry> MonthWords();
std::span<const WordTable<int>::Entry> WeekdayWords();

}  // namespace vigil

#endif  // VIGIL_EXTRACT_TIMEX_H_
