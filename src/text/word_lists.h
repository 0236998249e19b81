// Small closed word lists the tokenizer and the sentence splitter consult:
// abbreviations that keep their period, words that typically open a
// sentence, prefixes that never make a hyphenated pair of names, and the
// pronouns whose "'s" is a contraction rather than a possessive.
#ifndef VIGIL_TEXT_WORD_LISTS_H_
#define VIGIL_TEXT_WORD_LISTS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vigil::text_internal {

enum class AbbrevClass : uint8_t {
  kNone = 0,
  kTitle = 1,  // Gen., Sen., Mr., Dr. ... : always followed by a name
  kMonth = 2,  // Jan. .. Dec., Sept.
  kOther = 3,  // Inc., Jr., No., Calif., etc. ... : may end a sentence
};

// Longest word (without its period) in the abbreviation list.
inline constexpr size_t kMaxAbbrevLen = 6;

// Returns the class of |word| (the letters before the period, case as
// written) in the abbreviation list; kNone when it is not listed.
AbbrevClass LookupAbbreviation(std::string_view word);

// Returns false when no listed abbreviation starts with |first|: listed ones
// are capitalised or start with a, c, e, i or v ("approx", "etc", "vs").
// Lets the tokenizer skip most lookups.
constexpr bool MayBeAbbreviation(char first) {
  return (first >= 'A' && first <= 'Z') || first == 'a' || first == 'c' ||
         first == 'e' || first == 'i' || first == 'v';
}

// Returns true when |word|, capitalised as written, usually opens a sentence
// ("The", "He", "But", "Officials" ...): after an abbreviation or an ellipsis
// such a word signals a sentence boundary.
bool IsSentenceStarter(std::string_view word);

// Returns true when |segment| (case-insensitive) is a prefix such as "Anti"
// or "Pro" that joins a capitalised word without forming a pair of names.
bool IsHyphenPrefix(std::string_view segment);

// Returns true when "'s" after |word| (case-insensitive) is a contraction of
// "is"/"has"/"us" ("it's", "that's", "let's") rather than a possessive.
bool IsSContractionBase(std::string_view word);

// Returns true for a month name or its abbreviation without the period
// ("October", "Oct", "Sept", "May").
bool IsMonthName(std::string_view word);

}  // namespace vigil::text_internal

#endif  // VIGIL_TEXT_WORD_LISTS_H_
