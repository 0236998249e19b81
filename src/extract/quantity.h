// Quantities: numbers in digits and words, with their hedges, ranges,
// ordinals and what they count.
#ifndef VIGIL_EXTRACT_QUANTITY_H_
#define VIGIL_EXTRACT_QUANTITY_H_

#include <functional>
#include <span>
#include <vector>

#include "extract/sentence_view.h"
#include "extract/word_table.h"
#include "vigil/extract.h"

namespace vigil {

// Says what a folded noun counts ("boats" -> kVessels), or kUnknown.
using NounClassifier = std::function<Counted(std::string_view norm)>;

// The classifier built into Vigil for the common nouns of PHRASING.md; the
// extractor extends it with the resource file's noun lexicon.
Counted BuiltinNounClass(std::string_view norm);

// Appends to |out| the quantities of |sv|. Numbers that are parts of dates
// ("Nov. 6", "2025") and clock times are not quantities.
void FindQuantities(const SentenceView& sv, const NounClassifier& classify,
                    std::vector<Quantity>* out);

// The value of a number word ("three" 3, "dozen" 12, "tres" 3), or a negative
// number when |norm| is not one. Sets |*vague| for "dozens", "several"...
double NumberWordValue(std::string_view norm, bool* vague);
// The value of an ordinal word ("first" 1, "15th" 15), or 0.
int OrdinalValue(std::string_view norm);

// The words the functions above know, with their values (for tests).
struct NumberWord {
  double value;
  bool vague;
};
std::span<const WordTable<NumberWord>::Entry> NumberWords();
std::span<const WordTable<int>::Entry> OrdinalWords();
std::span<const WordTable<Counted>::Entry> BuiltinNouns();

}  // namespace vigil

#endif  // VIGIL_EXTRACT_QUANTITY_H_
