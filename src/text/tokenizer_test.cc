#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "vigil/text.h"

namespace vigil {
namespace {

// Renders the tokens of |text| as "text|kind" strings.
std::vector<std::string> Render(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    out.push_back(std::string(t.In(text)) + "|" + TokenKindName(t.kind));
  }
  return out;
}

struct TokenCase {
  std::string_view text;
  std::vector<std::string> expected;  // "text|kind"
};

void PrintTo(const TokenCase& c, std::ostream* os) { *os << c.text; }

class TokenizeTable : public ::testing::TestWithParam<TokenCase> {};

TEST_P(TokenizeTable, TokensAndKinds) {
  const TokenCase& c = GetParam();
  EXPECT_EQ(Render(c.text), c.expected) << "input: " << c.text;
}

const TokenCase kWordCases[] = {
    {"The boat sank", {"The|word", "boat|word", "sank|word"}},
    {"Culiacán, Sinaloa", {"Culiacán|word", ",|punct", "Sinaloa|word"}},
    {"Bogotá and Caracas", {"Bogotá|word", "and|word", "Caracas|word"}},
    {"São Paulo Zürich Łódź Ñuñoa",
     {"São|word", "Paulo|word", "Zürich|word", "Łódź|word", "Ñuñoa|word"}},
    {"Москва Αθήνα", {"Москва|word", "Αθήνα|word"}},
    {"naïve café", {"naïve|word", "café|word"}},
    {"x", {"x|word"}},
};
INSTANTIATE_TEST_SUITE_P(Words, TokenizeTable, ::testing::ValuesIn(kWordCases));

const TokenCase kNumberCases[] = {
    {"10,000 people", {"10,000|number", "people|word"}},
    {"3.5 miles", {"3.5|number", "miles|word"}},
    {"1,000.5", {"1,000.5|number"}},
    {"1,000,000", {"1,000,000|number"}},
    {"2025-11-03", {"2025-11-03|number"}},
    {"on 2025-11-03.", {"on|word", "2025-11-03|number", ".|punct"}},
    {"9/11", {"9/11|number"}},
    {"24/7", {"24/7|number"}},
    {"at 10:30 a.m.", {"at|word", "10:30|number", "a.m.|abbreviation"}},
    {"1,2 and 3", {"1|number", ",|punct", "2|number", "and|word", "3|number"}},
    {"killed 64.", {"killed|word", "64|number", ".|punct"}},
    {"64, 65", {"64|number", ",|punct", "65|number"}},
    {"2025,300", {"2025|number", ",|punct", "300|number"}},
    {"$1.5 billion", {"$|symbol", "1.5|number", "billion|word"}},
    {"0.5%", {"0.5|number", "%|symbol"}},
    {"15th 1st 22nd 3rd 101st 15TH",
     {"15th|ordinal", "1st|ordinal", "22nd|ordinal", "3rd|ordinal",
      "101st|ordinal", "15TH|ordinal"}},
    {"the 10th strike", {"the|word", "10th|ordinal", "strike|word"}},
    {"1990s 90s", {"1990s|number", "90s|number"}},
    {"the ’90s and '80s",
     {"the|word", "’90s|number", "and|word", "'80s|number"}},
    {"in the mid-60s", {"in|word", "the|word", "mid-60s|word"}},
    {"9mm", {"9mm|word"}},
};
INSTANTIATE_TEST_SUITE_P(Numbers, TokenizeTable,
                         ::testing::ValuesIn(kNumberCases));

const TokenCase kHyphenCases[] = {
    {"drug-trafficking", {"drug-trafficking|word"}},
    {"semi-submersible", {"semi-submersible|word"}},
    {"Cold War-era", {"Cold|word", "War-era|word"}},
    {"a 64-year-old man", {"a|word", "64-year-old|word", "man|word"}},
    {"state-of-the-art", {"state-of-the-art|word"}},
    {"anti-Maduro", {"anti-Maduro|word"}},
    {"Anti-Maduro", {"Anti-Maduro|word"}},
    {"Mexico-based", {"Mexico-based|word"}},
    {"U.S.-backed", {"U.S.-backed|word"}},
    {"mid-September", {"mid-September|word"}},
    {"U.S.-Mexico", {"U.S.|acronym", "-|punct", "Mexico|word"}},
    {"US-Mexico", {"US|acronym", "-|punct", "Mexico|word"}},
    {"Venezuela-Colombia", {"Venezuela|word", "-|punct", "Colombia|word"}},
    {"Mexico-U.S.-Canada",
     {"Mexico|word", "-|punct", "U.S.|acronym", "-|punct", "Canada|word"}},
    {"Sen. Rubio, R-Fla., said",
     {"Sen.|abbreviation", "Rubio|word", ",|punct", "R|word", "-|punct",
      "Fla.|abbreviation", ",|punct", "said|word"}},
    {"pre- and post-strike",
     {"pre|word", "-|punct", "and|word", "post-strike|word"}},
    {"drug\u2011trafficking", {"drug\u2011trafficking|word"}},
    {"a -- b", {"a|word", "--|punct", "b|word"}},
    {"end-", {"end|word", "-|punct"}},
};
INSTANTIATE_TEST_SUITE_P(Hyphens, TokenizeTable,
                         ::testing::ValuesIn(kHyphenCases));

const TokenCase kApostropheCases[] = {
    {"Mexico's", {"Mexico|word", "'s|possessive"}},
    {"Mexico’s navy", {"Mexico|word", "’s|possessive", "navy|word"}},
    {"Sheinbaum’s", {"Sheinbaum|word", "’s|possessive"}},
    {"officials' claims", {"officials|word", "'|possessive", "claims|word"}},
    {"officials’ claims", {"officials|word", "’|possessive", "claims|word"}},
    {"the CIA's role",
     {"the|word", "CIA|acronym", "'s|possessive", "role|word"}},
    {"the U.S.'s role",
     {"the|word", "U.S.|acronym", "'s|possessive", "role|word"}},
    {"MEXICO'S", {"MEXICO|acronym", "'S|possessive"}},
    {"O'Brien's", {"O'Brien|word", "'s|possessive"}},
    {"didn't", {"didn't|word"}},
    {"It’s", {"It’s|word"}},
    {"it's that's let's", {"it's|word", "that's|word", "let's|word"}},
    {"won't we'll they're I'm",
     {"won't|word", "we'll|word", "they're|word", "I'm|word"}},
    {"the ‘narco-terrorists’ label",
     {"the|word", "‘|punct", "narco-terrorists|word", "’|punct", "label|word"}},
    {"the 'narco-terrorists' label",
     {"the|word", "'|punct", "narco-terrorists|word", "'|punct", "label|word"}},
    {"'Hello'", {"'|punct", "Hello|word", "'|punct"}},
};
INSTANTIATE_TEST_SUITE_P(Apostrophes, TokenizeTable,
                         ::testing::ValuesIn(kApostropheCases));

const TokenCase kAcronymCases[] = {
    {"U.S. U.N. D.C.", {"U.S.|acronym", "U.N.|acronym", "D.C.|acronym"}},
    {"CIA DHS SOUTHCOM", {"CIA|acronym", "DHS|acronym", "SOUTHCOM|acronym"}},
    {"MS-13 F-35 COVID-19",
     {"MS-13|acronym", "F-35|acronym", "COVID-19|acronym"}},
    {"TdA DoD NGOs", {"TdA|acronym", "DoD|acronym", "NGOs|acronym"}},
    {"I A", {"I|word", "A|word"}},
    {"Ms As Its", {"Ms|word", "As|word", "Its|word"}},
    {"in the U.S.", {"in|word", "the|word", "U.S.|acronym"}},
    // Without its last period "U.S" is an initial and a letter.
    {"the U.S, he",
     {"the|word", "U.|abbreviation", "S|word", ",|punct", "he|word"}},
};
INSTANTIATE_TEST_SUITE_P(Acronyms, TokenizeTable,
                         ::testing::ValuesIn(kAcronymCases));

const TokenCase kAbbreviationCases[] = {
    {"Gen. Sen. Rep. Mr. Mrs. Dr. Lt. Col. Adm.",
     {"Gen.|abbreviation", "Sen.|abbreviation", "Rep.|abbreviation",
      "Mr.|abbreviation", "Mrs.|abbreviation", "Dr.|abbreviation",
      "Lt.|abbreviation", "Col.|abbreviation", "Adm.|abbreviation"}},
    {"Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sept. Sep. Oct. Nov. Dec.",
     {"Jan.|abbreviation", "Feb.|abbreviation", "Mar.|abbreviation",
      "Apr.|abbreviation", "Jun.|abbreviation", "Jul.|abbreviation",
      "Aug.|abbreviation", "Sept.|abbreviation", "Sep.|abbreviation",
      "Oct.|abbreviation", "Nov.|abbreviation", "Dec.|abbreviation"}},
    {"a.m. p.m. e.g. i.e. Ph.D.",
     {"a.m.|abbreviation", "p.m.|abbreviation", "e.g.|abbreviation",
      "i.e.|abbreviation", "Ph.D.|abbreviation"}},
    {"No. St. vs. etc. Inc. Co. Jr.",
     {"No.|abbreviation", "St.|abbreviation", "vs.|abbreviation",
      "etc.|abbreviation", "Inc.|abbreviation", "Co.|abbreviation",
      "Jr.|abbreviation"}},
    {"Donald J. Trump", {"Donald|word", "J.|abbreviation", "Trump|word"}},
    {"SAN DIEGO, Calif. (AP)",
     {"SAN|acronym", "DIEGO|acronym", ",|punct", "Calif.|abbreviation",
      "(|punct", "AP|acronym", ")|punct"}},
    {"in May.", {"in|word", "May|word", ".|punct"}},
    {"said no.", {"said|word", "no|word", ".|punct"}},
    {"World War I.", {"World|word", "War|word", "I|word", ".|punct"}},
    {"He.So.", {"He|word", ".|punct", "So|word", ".|punct"}},
    {"Mr.Smith", {"Mr.|abbreviation", "Smith|word"}},
};
INSTANTIATE_TEST_SUITE_P(Abbreviations, TokenizeTable,
                         ::testing::ValuesIn(kAbbreviationCases));

const TokenCase kPunctCases[] = {
    {"a. b, c; d: e! f? (g) [h]",
     {"a|word", ".|punct", "b|word", ",|punct", "c|word", ";|punct", "d|word",
      ":|punct", "e|word", "!|punct", "f|word", "?|punct", "(|punct", "g|word",
      ")|punct", "[|punct", "h|word", "]|punct"}},
    {"\"quoted\" “curly” ‘single’",
     {"\"|punct", "quoted|word", "\"|punct", "“|punct", "curly|word", "”|punct",
      "‘|punct", "single|word", "’|punct"}},
    {"wait... what", {"wait|word", "...|punct", "what|word"}},
    {"wait…what", {"wait|word", "…|punct", "what|word"}},
    {"WASHINGTON (AP) — The",
     {"WASHINGTON|acronym", "(|punct", "AP|acronym", ")|punct", "—|punct",
      "The|word"}},
    {"2014–2025", {"2014|number", "–|punct", "2025|number"}},
    {"« guillemets » ¿qué? ¡sí!",
     {"«|punct", "guillemets|word", "»|punct", "¿|punct", "qué|word", "?|punct",
      "¡|punct", "sí|word", "!|punct"}},
    {"• item", {"•|punct", "item|word"}},
    {"$ % & @ # / +",
     {"$|symbol", "%|symbol", "&|symbol", "@|symbol", "#|symbol", "/|symbol",
      "+|symbol"}},
    {"and/or", {"and|word", "/|symbol", "or|word"}},
    {"€5 £3 ©", {"€|symbol", "5|number", "£|symbol", "3|number", "©|symbol"}},
    {"🚤 boat", {"🚤|symbol", "boat|word"}},
};
INSTANTIATE_TEST_SUITE_P(Punctuation, TokenizeTable,
                         ::testing::ValuesIn(kPunctCases));

const TokenCase kSpaceCases[] = {
    {"", {}},
    {"   \n\t ", {}},
    {"a\u00A0b", {"a|word", "b|word"}},                   // NBSP
    {"a\u2009b\u202Fc", {"a|word", "b|word", "c|word"}},  // thin, narrow NBSP
    {"a\u200Bb", {"a|word", "b|word"}},                   // zero-width space
    {"\xEF\xBB\xBFText", {"Text|word"}},                  // BOM
    {"a\r\nb", {"a|word", "b|word"}},
    {"a\x01\x7F b", {"a|word", "b|word"}},  // control characters
};
INSTANTIATE_TEST_SUITE_P(Spaces, TokenizeTable,
                         ::testing::ValuesIn(kSpaceCases));

const TokenCase kInvalidCases[] = {
    {"\xFF\xFE"
     "abc\xC3",
     {"\xFF|symbol", "\xFE|symbol", "abc|word", "\xC3|symbol"}},
    {"Bogot\xC3", {"Bogot|word", "\xC3|symbol"}},
    {"Bogot\xC3!", {"Bogot|word", "\xC3|symbol", "!|punct"}},
    {"\xC0\xAF", {"\xC0|symbol", "\xAF|symbol"}},  // overlong
    {"\xED\xA0\x80",
     {"\xED|symbol", "\xA0|symbol", "\x80|symbol"}},  // surrogate
    {"ab\x80"
     "cd",
     {"ab|word", "\x80|symbol", "cd|word"}},
    {"\xE2\x80", {"\xE2|symbol", "\x80|symbol"}},  // truncated ’
    {"Mexico\xE2\x80", {"Mexico|word", "\xE2|symbol", "\x80|symbol"}},
    {"\xF4\x90\x80\x80",
     {"\xF4|symbol", "\x90|symbol", "\x80|symbol",
      "\x80|symbol"}},  // above U+10FFFF
};
INSTANTIATE_TEST_SUITE_P(InvalidUtf8, TokenizeTable,
                         ::testing::ValuesIn(kInvalidCases));

// --- Flags -----------------------------------------------------------------

struct FlagCase {
  std::string_view text;
  size_t index;  // token index
  std::string_view token;
  uint8_t flags;
};

void PrintTo(const FlagCase& c, std::ostream* os) { *os << c.text; }

class TokenFlags : public ::testing::TestWithParam<FlagCase> {};

TEST_P(TokenFlags, Match) {
  const FlagCase& c = GetParam();
  std::vector<Token> tokens;
  Tokenize(c.text, &tokens);
  ASSERT_LT(c.index, tokens.size());
  EXPECT_EQ(tokens[c.index].In(c.text), c.token);
  EXPECT_EQ(static_cast<int>(tokens[c.index].flags), static_cast<int>(c.flags))
      << "token " << c.token << " in: " << c.text;
}

constexpr uint8_t kCap = kTokCapitalized;
constexpr uint8_t kAll = kTokAllCaps;
constexpr uint8_t kHyp = kTokHyphenated;
constexpr uint8_t kSp = kTokSpaceBefore;
constexpr uint8_t kLn = kTokLineBefore;
constexpr uint8_t kNa = kTokNonAscii;

const FlagCase kFlagCases[] = {
    {"The boat", 0, "The", kCap},
    {"The boat", 1, "boat", kSp},
    {"CIA", 0, "CIA", kCap | kAll},
    {"U.S.", 0, "U.S.", kCap | kAll},
    {"TdA", 0, "TdA", kCap},
    {"F-35", 0, "F-35", kCap | kHyp},
    {"MS-13", 0, "MS-13", kCap | kAll | kHyp},
    {"I", 0, "I", kCap},
    {"x drug-trafficking", 1, "drug-trafficking", kSp | kHyp},
    {"2025-11-03", 0, "2025-11-03", kHyp},
    {"a\nb", 1, "b", kSp | kLn},
    {"a\n\n  b", 1, "b", kSp | kLn},
    {"a\u2028b", 1, "b", kSp | kLn},
    {"a\u00A0b", 1, "b", kSp},
    {"x Bogotá", 1, "Bogotá", kSp | kCap | kNa},
    {"Ángel", 0, "Ángel", kCap | kNa},
    {"BOGOTÁ", 0, "BOGOTÁ", kCap | kAll | kNa},
    {"x —", 1, "—", kSp | kNa},
    {"Mexico’s", 1, "’s", kNa},
    {"Mexico's", 1, "'s", 0},
    {"(AP)", 1, "AP", kCap | kAll},
    {"Gen.", 0, "Gen.", kCap},
    {"a.m.", 0, "a.m.", 0},
};
INSTANTIATE_TEST_SUITE_P(Flags, TokenFlags, ::testing::ValuesIn(kFlagCases));

// --- Offsets and API behaviour --------------------------------------------

TEST(Tokenize, OffsetsRoundTrip) {
  std::string text =
      "WASHINGTON (AP) — The U.S. military struck a boat on Nov. 6, killing "
      "three people, Defense Secretary Pete Hegseth said. Mexico’s president, "
      "Claudia Sheinbaum, said the strikes “violate international law.”";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<std::string_view> words;
  for (const Token& t : tokens) words.push_back(t.In(text));
  std::vector<std::string_view> expected = {"WASHINGTON", "(",
                                            "AP",         ")",
                                            "—",          "The",
                                            "U.S.",       "military",
                                            "struck",     "a",
                                            "boat",       "on",
                                            "Nov.",       "6",
                                            ",",          "killing",
                                            "three",      "people",
                                            ",",          "Defense",
                                            "Secretary",  "Pete",
                                            "Hegseth",    "said",
                                            ".",          "Mexico",
                                            "’s",         "president",
                                            ",",          "Claudia",
                                            "Sheinbaum",  ",",
                                            "said",       "the",
                                            "strikes",    "“",
                                            "violate",    "international",
                                            "law",        ".",
                                            "”"};
  EXPECT_EQ(words, expected);
  // Offsets point into the text: every span is where it says it is.
  size_t pos = 0;
  for (const Token& t : tokens) {
    ASSERT_LE(t.end, text.size());
    size_t found = text.find(t.In(text), pos);
    EXPECT_EQ(found, t.begin);
    pos = t.end;
  }
}

TEST(Tokenize, ClearsOutput) {
  std::vector<Token> tokens(5);
  Tokenize("one two", &tokens);
  EXPECT_EQ(tokens.size(), 2u);
  Tokenize("", &tokens);
  EXPECT_TRUE(tokens.empty());
}

TEST(Tokenize, FirstTokenHasNoSpaceFlag) {
  std::vector<Token> tokens;
  Tokenize("Strike", &tokens);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_FALSE(tokens[0].flags & kTokSpaceBefore);
  Tokenize("  Strike", &tokens);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_TRUE(tokens[0].flags & kTokSpaceBefore);
  EXPECT_EQ(tokens[0].begin, 2u);
}

TEST(Tokenize, DoesNotReadPastTheView) {
  // The view ends inside a larger buffer: a scanner that looked past the end
  // would see the rest ("'s", "000", ".S.") and change the tokens.
  std::string buffer = "Mexico's 10,000 U.S.";
  EXPECT_EQ(Render(std::string_view(buffer).substr(0, 6)),
            std::vector<std::string>{"Mexico|word"});
  EXPECT_EQ(Render(std::string_view(buffer).substr(9, 3)),
            (std::vector<std::string>{"10|number", ",|punct"}));
  EXPECT_EQ(Render(std::string_view(buffer).substr(16, 3)),
            (std::vector<std::string>{"U.|abbreviation", "S|word"}));
}

TEST(Tokenize, LongRuns) {
  // Runs longer than the scanner's 64-byte windows, at the start, in the
  // middle and at the end of the text.
  std::string word(5000, 'a'), digits(3000, '7'), dots(200, '.');
  std::string text = word + " " + digits + " " + std::string(1000, ' ') + dots +
                     " x " + std::string(130, 'B') + "-" + word;
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].In(text), word);
  EXPECT_EQ(tokens[1].In(text), digits);
  EXPECT_EQ(tokens[1].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[2].In(text), dots);
  EXPECT_EQ(tokens[2].kind, TokenKind::kPunct);
  EXPECT_EQ(tokens[3].In(text), "x");
  EXPECT_TRUE(tokens[3].flags & kTokSpaceBefore);
  // "BBB...-aaa...": the second part is lower case, so one compound.
  EXPECT_EQ(tokens[4].In(text), std::string(130, 'B') + "-" + word);
  EXPECT_EQ(tokens[4].kind, TokenKind::kWord);
  EXPECT_TRUE(tokens[4].flags & kTokHyphenated);
}

TEST(TokenKindName, AllKinds) {
  EXPECT_STREQ(TokenKindName(TokenKind::kWord), "word");
  EXPECT_STREQ(TokenKindName(TokenKind::kNumber), "number");
  EXPECT_STREQ(TokenKindName(TokenKind::kOrdinal), "ordinal");
  EXPECT_STREQ(TokenKindName(TokenKind::kAcronym), "acronym");
  EXPECT_STREQ(TokenKindName(TokenKind::kAbbreviation), "abbreviation");
  EXPECT_STREQ(TokenKindName(TokenKind::kPossessive), "possessive");
  EXPECT_STREQ(TokenKindName(TokenKind::kPunct), "punct");
  EXPECT_STREQ(TokenKindName(TokenKind::kSymbol), "symbol");
}

}  // namespace
}  // namespace vigil
