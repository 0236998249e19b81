// WordTable and the word lookups built on it: every listed word maps to the
// value a scan of its list gives (the first entry of a word), and words not
// listed (near misses: prefixes, extensions, other cases, one byte changed)
// are not found.

#include "extract/word_table.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "extract/quantity.h"
#include "extract/timex.h"

namespace vigil {
namespace {

// What the lookups did before WordTable: the first entry of the list whose
// word equals |w|.
template <typename V>
std::optional<V> Scan(std::span<const typename WordTable<V>::Entry> entries, std::string_view w) {
  for (const auto& e : entries)
    if (!e.word.empty() && e.word == w) return e.value;
  return std::nullopt;
}

// The listed words and, for each, strings that differ a little.
template <typename V>
std::vector<std::string> Probes(std::span<const typename WordTable<V>::Entry> entries) {
  std::set<std::string> out = {"", "a", "the", "-", "mid-", "twenty-", "-one", "1st", "15th",
                               "xyzzy", std::string(40, 'a')};
  for (const auto& e : entries) {
    std::string w(e.word);
    out.insert(w);
    out.insert(w + "s");
    out.insert(w + ".");
    out.insert("x" + w);
    if (!w.empty()) out.insert(w.substr(0, w.size() - 1));
    if (w.size() > 1) out.insert(w.substr(1));
    std::string upper = w;
    for (char& c : upper)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    out.insert(upper);
    for (size_t i = 0; i < w.size(); ++i) {
      std::string changed = w;
      changed[i] = static_cast<char>(changed[i] ^ 1);
      out.insert(changed);
    }
  }
  return {out.begin(), out.end()};
}

TEST(WordTable, FindsEveryWordAndNothingElse) {
  const WordTable<int>::Entry entries[] = {
      {"may", 5}, {"mayo", 50}, {"m", 1}, {"may", 99}, {"", 7}, {"diciembre", 12}};
  WordTable<int> table(entries);
  ASSERT_NE(table.Find("may"), nullptr);
  EXPECT_EQ(*table.Find("may"), 5);  // the first entry of a word wins
  EXPECT_EQ(*table.Find("mayo"), 50);
  EXPECT_EQ(*table.Find("m"), 1);
  EXPECT_EQ(*table.Find("diciembre"), 12);
  EXPECT_EQ(table.Find(""), nullptr);  // empty words are never found
  EXPECT_EQ(table.Find("ma"), nullptr);
  EXPECT_EQ(table.Find("mayos"), nullptr);
  EXPECT_EQ(table.Find("May"), nullptr);
  EXPECT_EQ(table.Find("diciembres"), nullptr);
  for (const std::string& w : Probes<int>(entries)) {
    std::optional<int> want = Scan<int>(entries, w);
    const int* got = table.Find(w);
    ASSERT_EQ(got != nullptr, want.has_value()) << w;
    if (got) {
      EXPECT_EQ(*got, *want) << w;
    }
  }
}

TEST(WordTable, EmptyTable) {
  WordTable<int> table(std::span<const WordTable<int>::Entry>{});
  EXPECT_EQ(table.Find(""), nullptr);
  EXPECT_EQ(table.Find("may"), nullptr);
}

TEST(WordTable, MonthsAsTheScanReadThem) {
  for (const std::string& w : Probes<int>(MonthWords()))
    EXPECT_EQ(MonthFromWord(w), Scan<int>(MonthWords(), w).value_or(0)) << w;
  EXPECT_EQ(MonthFromWord("nov."), 11);
  EXPECT_EQ(MonthFromWord("septiembre"), 9);
  EXPECT_EQ(MonthFromWord("mayday"), 0);
}

TEST(WordTable, WeekdaysAsTheScanReadThem) {
  for (const std::string& w : Probes<int>(WeekdayWords()))
    EXPECT_EQ(WeekdayFromWord(w), Scan<int>(WeekdayWords(), w).value_or(-1)) << w;
  EXPECT_EQ(WeekdayFromWord("sunday"), 0);
  EXPECT_EQ(WeekdayFromWord("sábado"), 6);
  EXPECT_EQ(WeekdayFromWord("sun"), -1);
}

TEST(WordTable, NumberWordsAsTheScanReadThem) {
  for (const std::string& w : Probes<NumberWord>(NumberWords())) {
    bool vague = true;
    double got = NumberWordValue(w, &vague);
    std::optional<NumberWord> want = Scan<NumberWord>(NumberWords(), w);
    if (want) {
      EXPECT_EQ(got, want->value) << w;
      EXPECT_EQ(vague, want->vague) << w;
    } else if (w.find('-') == std::string::npos) {
      EXPECT_LT(got, 0) << w;
      EXPECT_FALSE(vague) << w;
    }
  }
  bool vague;
  EXPECT_EQ(NumberWordValue("twenty-five", &vague), 25);
  EXPECT_EQ(NumberWordValue("dozens", &vague), 24);
  EXPECT_TRUE(vague);
  EXPECT_LT(NumberWordValue("five-twenty", &vague), 0);
}

TEST(WordTable, OrdinalsAsTheScanReadThem) {
  for (const std::string& w : Probes<int>(OrdinalWords())) {
    if (!w.empty() && w[0] >= '0' && w[0] <= '9') continue;  // digits: below
    EXPECT_EQ(OrdinalValue(w), Scan<int>(OrdinalWords(), w).value_or(0)) << w;
  }
  EXPECT_EQ(OrdinalValue("first"), 1);
  EXPECT_EQ(OrdinalValue("twentieth"), 20);
  EXPECT_EQ(OrdinalValue("fiftieth"), 50);
  EXPECT_EQ(OrdinalValue("15th"), 15);
  EXPECT_EQ(OrdinalValue("2nd"), 2);
  EXPECT_EQ(OrdinalValue("1234th"), 1234);
  EXPECT_EQ(OrdinalValue("12345th"), 0);
  EXPECT_EQ(OrdinalValue("15"), 0);
  EXPECT_EQ(OrdinalValue("15x"), 0);
  EXPECT_EQ(OrdinalValue("sixtieth"), 0);
}

TEST(WordTable, NounsAsTheScanReadThem) {
  for (const std::string& w : Probes<Counted>(BuiltinNouns()))
    EXPECT_EQ(BuiltinNounClass(w),
              Scan<Counted>(BuiltinNouns(), w).value_or(Counted::kUnknown))
        << w;
  EXPECT_EQ(BuiltinNounClass("semi-submersibles"), Counted::kVessels);
  EXPECT_EQ(BuiltinNounClass("Boats"), Counted::kUnknown);
}

}  // namespace
}  // namespace vigil
