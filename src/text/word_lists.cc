#include "text/word_lists.h"

#include <algorithm>
#include <array>

namespace vigil::text_internal {

namespace {

struct AbbrevEntry {
  std::string_view word;
  AbbrevClass cls;
};

constexpr bool operator<(const AbbrevEntry& a, const AbbrevEntry& b) {
  return a.word < b.word;
}

constexpr AbbrevClass T = AbbrevClass::kTitle;
constexpr AbbrevClass M = AbbrevClass::kMonth;
constexpr AbbrevClass O = AbbrevClass::kOther;

// Sorted by byte value (upper case before lower case). Case matters: "No."
// is an abbreviation, "no." ends a sentence. The U.S. state abbreviations
// are AP style, as they appear in datelines ("SAN DIEGO, Calif. (AP) —").
constexpr std::array kAbbreviations = std::to_array<AbbrevEntry>({
    {"Adm", T},  {"Ala", O},  {"Amb", T},   {"Apr", M},    {"Ariz", O},
    {"Ark", O},  {"Atty", T}, {"Aug", M},   {"Ave", O},    {"Blvd", O},
    {"Brig", T}, {"Bros", O}, {"Calif", O}, {"Capt", T},   {"Cdr", T},
    {"Cmdr", T}, {"Co", O},   {"Col", T},   {"Colo", O},   {"Conn", O},
    {"Corp", O}, {"Cpl", T},  {"Dec", M},   {"Del", O},    {"Dept", O},
    {"Det", T},  {"Dr", T},   {"Ens", T},   {"Feb", M},    {"Fig", O},
    {"Fla", O},  {"Fr", T},   {"Fri", O},   {"Ft", O},     {"Ga", O},
    {"Gen", T},  {"Gens", T}, {"Gov", T},   {"Govs", T},   {"Hon", T},
    {"Ill", O},  {"Inc", O},  {"Ind", O},   {"Insp", T},   {"Jan", M},
    {"Jr", O},   {"Jul", M},  {"Jun", M},   {"Kan", O},    {"Kans", O},
    {"Ky", O},   {"La", O},   {"Lt", T},    {"Ltd", O},    {"Maj", T},
    {"Mar", M},  {"Mass", O}, {"Md", O},    {"Mich", O},   {"Minn", O},
    {"Miss", O}, {"Mo", O},   {"Mon", O},   {"Mont", O},   {"Mr", T},
    {"Mrs", T},  {"Ms", T},   {"Msgr", T},  {"Mt", O},     {"Mx", T},
    {"Neb", O},  {"Nev", O},  {"No", O},    {"Nos", O},    {"Nov", M},
    {"Oct", M},  {"Okla", O}, {"Ore", O},   {"Pa", O},     {"Pfc", T},
    {"Pres", T}, {"Prof", T}, {"Pvt", T},   {"Rd", O},     {"Rep", T},
    {"Reps", T}, {"Rev", T},  {"Sat", O},   {"Sec", T},    {"Sen", T},
    {"Sens", T}, {"Sep", M},  {"Sept", M},  {"Sgt", T},    {"Spc", T},
    {"Sr", O},   {"St", O},   {"Sun", O},   {"Supt", T},   {"Tenn", O},
    {"Tex", O},  {"Thu", O},  {"Thurs", O}, {"Tue", O},    {"Tues", O},
    {"Va", O},   {"Vol", O},  {"Vt", O},    {"Wash", O},   {"Wed", O},
    {"Wis", O},  {"Wyo", O},  {"al", O},    {"approx", O}, {"ca", O},
    {"cf", O},   {"est", O},  {"etc", O},   {"incl", O},   {"viz", O},
    {"vs", T},
});
static_assert(std::is_sorted(kAbbreviations.begin(), kAbbreviations.end()));
static_assert([] {
  for (const AbbrevEntry& e : kAbbreviations)
    if (e.word.size() > kMaxAbbrevLen || !MayBeAbbreviation(e.word[0]))
      return false;
  return true;
}());

// The abbreviations keyed by their bytes packed into an integer (all are at
// most eight bytes), sorted by key: a lookup is a binary search over
// integers, without a string compare. LookupAbbreviation runs for most
// short words before a period, so it is on the tokenizer's hot path.
constexpr uint64_t PackWord(std::string_view w) {
  uint64_t key = 0;
  for (size_t i = 0; i < w.size(); ++i)
    key |= static_cast<uint64_t>(static_cast<uint8_t>(w[i])) << (8 * i);
  return key;
}

// An open-addressing hash table of the abbreviations keyed by their bytes
// packed into an integer: LookupAbbreviation runs for every short word
// before a period, and a binary search there costs a branch miss per step.
struct AbbrevSlot {
  uint64_t key = 0;  // 0: empty (no word packs to 0)
  AbbrevClass cls = AbbrevClass::kNone;
};
constexpr size_t kAbbrevSlots = 512;  // a power of two, load factor < 1/3
static_assert(kAbbreviations.size() * 3 < kAbbrevSlots);

constexpr size_t AbbrevHash(uint64_t key) {
  return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 55) &
         (kAbbrevSlots - 1);
}

constexpr auto kAbbrevTable = [] {
  std::array<AbbrevSlot, kAbbrevSlots> table{};
  for (const AbbrevEntry& e : kAbbreviations) {
    uint64_t key = PackWord(e.word);
    size_t h = AbbrevHash(key);
    while (table[h].key != 0) h = (h + 1) & (kAbbrevSlots - 1);
    table[h] = {key, e.cls};
  }
  return table;
}();

constexpr std::array kSentenceStarters = std::to_array<std::string_view>({
    "A",       "According", "After",     "Afterward",   "Again",  "All",
    "Also",    "Although",  "Among",     "An",          "And",    "Another",
    "Any",     "As",        "At",        "Authorities", "Before", "Both",
    "But",     "By",        "Critics",   "Despite",     "During", "Each",
    "Earlier", "Eight",     "Even",      "Every",       "Five",   "For",
    "Four",    "From",      "Further",   "He",          "Her",    "Here",
    "His",     "However",   "I",         "If",          "In",     "Instead",
    "It",      "Its",       "Last",      "Later",       "Many",   "Meanwhile",
    "More",    "Moreover",  "Most",      "My",          "Nine",   "No",
    "None",    "Now",       "Officials", "On",          "One",    "Only",
    "Or",      "Other",     "Our",       "Seven",       "She",    "Since",
    "Six",     "So",        "Some",      "Still",       "Such",   "Ten",
    "That",    "The",       "Their",     "Then",        "There",  "These",
    "They",    "This",      "Those",     "Though",      "Three",  "Thus",
    "To",      "Today",     "Two",       "Under",       "Until",  "We",
    "What",    "When",      "Where",     "While",       "Who",    "Why",
    "With",    "Without",   "Yesterday", "Yet",         "You",    "Your",
});
static_assert(std::is_sorted(kSentenceStarters.begin(),
                             kSentenceStarters.end()));

// Lower case; compared case-insensitively.
constexpr std::array kHyphenPrefixes = std::to_array<std::string_view>({
    "anti", "co",  "counter", "cross", "ex",    "inter", "mid",  "multi",
    "neo",  "non", "pan",     "post",  "pre",   "pro",   "re",   "self",
    "semi", "sub", "super",   "trans", "ultra", "un",    "vice",
});
static_assert(std::is_sorted(kHyphenPrefixes.begin(), kHyphenPrefixes.end()));

constexpr std::array kSContractionBases = std::to_array<std::string_view>({
    "he",
    "here",
    "how",
    "it",
    "let",
    "she",
    "that",
    "there",
    "what",
    "when",
    "where",
    "who",
    "why",
});
static_assert(std::is_sorted(kSContractionBases.begin(),
                             kSContractionBases.end()));

constexpr std::array kMonthNames = std::to_array<std::string_view>({
    "Apr",      "April",    "Aug",     "August",  "Dec",  "December",
    "Feb",      "February", "Jan",     "January", "Jul",  "July",
    "Jun",      "June",     "Mar",     "March",   "May",  "Nov",
    "November", "Oct",      "October", "Sep",     "Sept", "September",
});
static_assert(std::is_sorted(kMonthNames.begin(), kMonthNames.end()));

template <size_t N>
bool Contains(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::binary_search(list.begin(), list.end(), w);
}

// An open-addressing hash set of words, built at compile time: a lookup
// hashes the first eight bytes and the length, and compares strings only on
// a hit.
template <size_t Slots>
class WordSet {
  static_assert((Slots & (Slots - 1)) == 0, "a power of two");

 public:
  template <size_t N>
  constexpr explicit WordSet(const std::array<std::string_view, N>& words) {
    static_assert(N * 3 < Slots);
    for (std::string_view w : words) {
      size_t h = Hash(w);
      while (!slots_[h].empty()) h = (h + 1) & (Slots - 1);
      slots_[h] = w;
    }
  }

  bool Contains(std::string_view w) const {
    if (w.empty()) return false;
    for (size_t h = Hash(w);; h = (h + 1) & (Slots - 1)) {
      if (slots_[h].empty()) return false;
      if (slots_[h] == w) return true;
    }
  }

 private:
  static constexpr size_t Hash(std::string_view w) {
    uint64_t key =
        PackWord(w.substr(0, 8)) ^ (static_cast<uint64_t>(w.size()) << 58);
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 40) &
           (Slots - 1);
  }

  std::array<std::string_view, Slots> slots_{};
};

constexpr WordSet<512> kSentenceStarterSet(kSentenceStarters);

// Lower-cases ASCII |w| into |buf|; returns false when |w| is longer than
// |cap| (no listed word is).
bool LowerInto(std::string_view w, char* buf, size_t cap,
               std::string_view* out) {
  if (w.size() > cap) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  *out = std::string_view(buf, w.size());
  return true;
}

}  // namespace

AbbrevClass LookupAbbreviation(std::string_view word) {
  if (word.empty() || word.size() > kMaxAbbrevLen) return AbbrevClass::kNone;
  uint64_t key = PackWord(word);
  for (size_t h = AbbrevHash(key);; h = (h + 1) & (kAbbrevSlots - 1)) {
    const AbbrevSlot& slot = kAbbrevTable[h];
    if (slot.key == key) return slot.cls;
    if (slot.key == 0) return AbbrevClass::kNone;
  }
}

bool IsSentenceStarter(std::string_view word) {
  return kSentenceStarterSet.Contains(word);
}

bool IsHyphenPrefix(std::string_view segment) {
  char buf[8];
  std::string_view lower;
  return LowerInto(segment, buf, sizeof buf, &lower) &&
         Contains(kHyphenPrefixes, lower);
}

bool IsSContractionBase(std::string_view word) {
  char buf[8];
  std::string_view lower;
  return LowerInto(word, buf, sizeof buf, &lower) &&
         Contains(kSContractionBases, lower);
}

bool IsMonthName(std::string_view word) { return Contains(kMonthNames, word); }

}  // namespace vigil::text_internal
