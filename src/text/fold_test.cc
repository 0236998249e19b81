#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "vigil/text.h"

namespace vigil {
namespace {

struct FoldCase {
  std::string_view in;
  std::string_view out;
};

void PrintTo(const FoldCase& c, std::ostream* os) { *os << c.in; }

class FoldTable : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldTable, Folds) {
  const FoldCase& c = GetParam();
  EXPECT_EQ(FoldForMatching(c.in), c.out);
  std::string out = "previous content";
  FoldForMatching(c.in, &out);
  EXPECT_EQ(out, c.out);
}

const FoldCase kFoldCases[] = {
    {"", ""},
    {"The U.S. Military", "the u.s. military"},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZ @[`{", "abcdefghijklmnopqrstuvwxyz @[`{"},
    {"Sheinbaum’s", "sheinbaum's"},
    {"‘single’ ‚low‛", "'single' 'low'"},
    {"“Quoted” „low‟", "\"quoted\" \"low\""},
    {"5′ 10″", "5' 10\""},
    {"a‐b‑c‒d–e—f―g−h", "a-b-c-d-e-f-g-h"},
    {"a\u00A0b", "a b"},
    {"a\u2002b\u2003c\u2009d\u200Ae", "a b c d e"},
    {"a\u202Fb\u205Fc\u3000d", "a b c d"},
    {"CULIACÁN Bogotá", "culiacÁn bogotá"},  // non-ASCII letters kept
    {"«Hola» ¿qué? …", "«hola» ¿qué? …"},
    {"\xFF\xE2\x80Xy", "\xFF\xE2\x80xy"},  // invalid bytes kept
    {"\xE2\x80"
     "A",
     "\xE2\x80"
     "a"},  // truncated sequence kept
    {"Hegseth—“We will hunt you down”", "hegseth-\"we will hunt you down\""},
};
INSTANTIATE_TEST_SUITE_P(Cases, FoldTable, ::testing::ValuesIn(kFoldCases));

// The reference: decode each code point and map it; invalid bytes copied.
std::string ReferenceFold(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    char32_t cp = DecodeUtf8(s, &j);
    bool invalid = cp == 0xFFFD && j == i + 1;
    if (invalid || cp >= 0x80) {
      char r = 0;
      if (!invalid) {
        switch (cp) {
          case 0x2018:
          case 0x2019:
          case 0x201A:
          case 0x201B:
          case 0x2032:
            r = '\'';
            break;
          case 0x201C:
          case 0x201D:
          case 0x201E:
          case 0x201F:
          case 0x2033:
            r = '"';
            break;
          case 0x2010:
          case 0x2011:
          case 0x2012:
          case 0x2013:
          case 0x2014:
          case 0x2015:
          case 0x2212:
            r = '-';
            break;
          case 0x00A0:
          case 0x202F:
          case 0x205F:
          case 0x3000:
            r = ' ';
            break;
          default:
            if (cp >= 0x2000 && cp <= 0x200A) r = ' ';
        }
      }
      if (r) {
        out.push_back(r);
      } else {
        out.append(s.substr(i, j - i));
      }
    } else {
      out.push_back(static_cast<char>(std::tolower(static_cast<int>(cp))));
    }
    i = j;
  }
  return out;
}

TEST(FoldForMatching, AsciiAtEveryAlignment) {
  // Every ASCII byte at every position relative to the eight-byte blocks.
  std::string s;
  for (int c = 0; c < 128; ++c) s.push_back(static_cast<char>(c));
  for (size_t shift = 0; shift < 9; ++shift) {
    std::string in = std::string(shift, 'Q') + s + s;
    EXPECT_EQ(FoldForMatching(in), ReferenceFold(in)) << shift;
  }
}

TEST(FoldForMatching, DifferentialOnRandomInput) {
  std::mt19937 rng(20251103);
  const std::string_view kPieces[] = {
      "A",      "z",        "Q",      " ",       "\n",     ".",
      "é",      "Á",        "’",      "‘",       "“",      "”",
      "„",      "‚",        "—",      "–",       "‐",      "‑",
      "−",      "′",        "″",      "\u00A0",  "\u2003", "\u202F",
      "\u3000", "\u2026",   "\u2022", "🚤",       "\xFF",   "\xE2",
      "\x80",   "\xE2\x80", "\xC2",   "Hegseth", "U.S.",   "SOUTHCOM"};
  for (int iter = 0; iter < 3000; ++iter) {
    std::string in;
    int n = std::uniform_int_distribution<int>(0, 40)(rng);
    for (int k = 0; k < n; ++k) {
      if (rng() % 4 == 0) {
        in.push_back(static_cast<char>(rng() & 0xFF));  // any byte
      } else {
        in += kPieces[rng() % std::size(kPieces)];
      }
    }
    ASSERT_EQ(FoldForMatching(in), ReferenceFold(in))
        << ::testing::PrintToString(in);
  }
}

TEST(FoldForMatching, NeverLongerThanInput) {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 500; ++iter) {
    std::string in;
    for (int k = 0; k < 64; ++k) in.push_back(static_cast<char>(rng() & 0xFF));
    EXPECT_LE(FoldForMatching(in).size(), in.size());
  }
}

}  // namespace
}  // namespace vigil
