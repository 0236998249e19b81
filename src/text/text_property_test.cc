// Property and differential tests of the tokenizer and the sentence splitter
// on random input: random bytes, random valid UTF-8, and random mixes of the
// fragments that real news text is made of. The reference for "what is a
// character" and "what is whitespace" is written here independently of the
// scanner, on top of base's DecodeUtf8.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "text/tokenizer_internal.h"
#include "vigil/text.h"

namespace vigil {
namespace {

struct RefChar {
  size_t begin, end;
  bool space, newline;
};

bool IsRefSpace(char32_t cp) {
  return cp <= 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) ||
         (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
         (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
         (cp >= 0xE0000 && cp <= 0xE01FF);
}

bool IsRefNewline(char32_t cp) {
  return cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

// Splits |text| into characters: valid sequences, or single invalid bytes.
std::vector<RefChar> RefChars(std::string_view text) {
  std::vector<RefChar> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    char32_t cp = DecodeUtf8(text, &j);
    bool invalid = cp == 0xFFFD && j == i + 1;
    out.push_back(
        {i, j, !invalid && IsRefSpace(cp), !invalid && IsRefNewline(cp)});
    i = j;
  }
  return out;
}

// Checks the tokenizer's contract on |text|; |check_flags| also checks the
// space, line and non-ASCII flags against the gaps between tokens.
void CheckTokens(std::string_view text, const std::vector<Token>& tokens,
                 bool check_flags = true) {
  std::vector<RefChar> chars = RefChars(text);
  std::vector<char> boundary(text.size() + 1, 0);
  std::vector<int> owner(text.size(), -1);  // token covering each byte
  for (const RefChar& c : chars) boundary[c.begin] = 1;
  boundary[text.size()] = 1;

  uint32_t prev_end = 0;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    ASSERT_LT(t.begin, t.end) << "empty token " << k;
    ASSERT_LE(t.end, text.size()) << "token past the end " << k;
    ASSERT_GE(t.begin, prev_end) << "tokens overlap or go backwards at " << k;
    ASSERT_TRUE(boundary[t.begin])
        << "token " << k << " starts inside a character";
    ASSERT_TRUE(boundary[t.end]) << "token " << k << " ends inside a character";
    for (uint32_t q = t.begin; q < t.end; ++q) owner[q] = static_cast<int>(k);
    if (check_flags) {
      bool gap = t.begin > prev_end;
      bool line = false;
      for (const RefChar& c : chars)
        if (c.begin >= prev_end && c.end <= t.begin && c.newline) line = true;
      EXPECT_EQ(static_cast<bool>(t.flags & kTokSpaceBefore), gap)
          << "token " << k;
      EXPECT_EQ(static_cast<bool>(t.flags & kTokLineBefore), line)
          << "token " << k;
      bool non_ascii = false;
      for (uint32_t q = t.begin; q < t.end; ++q)
        non_ascii |= static_cast<uint8_t>(text[q]) >= 0x80;
      EXPECT_EQ(static_cast<bool>(t.flags & kTokNonAscii), non_ascii)
          << "token " << k;
    }
    prev_end = t.end;
  }
  // Whitespace is in no token; everything else is in one.
  for (const RefChar& c : chars) {
    if (c.space) {
      ASSERT_EQ(owner[c.begin], -1)
          << "whitespace inside a token at " << c.begin;
    } else {
      ASSERT_NE(owner[c.begin], -1)
          << "character at " << c.begin << " not covered";
    }
  }
}

// Checks that the sentences of |a| cover tokens [0, n) exactly, in order.
void CheckSentencesCoverTokens(const Annotated& a) {
  uint32_t next = 0;
  uint32_t prev_end = 0;
  for (size_t k = 0; k < a.sentences.size(); ++k) {
    const Sentence& s = a.sentences[k];
    ASSERT_EQ(s.first_token, next) << "sentence " << k;
    ASSERT_GT(s.token_count, 0u) << "sentence " << k;
    ASSERT_LE(s.first_token + s.token_count, a.tokens.size());
    EXPECT_EQ(s.begin, a.tokens[s.first_token].begin);
    EXPECT_EQ(s.end, a.tokens[s.first_token + s.token_count - 1].end);
    EXPECT_GE(s.begin, prev_end);
    prev_end = s.end;
    next = s.first_token + s.token_count;
  }
  EXPECT_EQ(next, a.tokens.size());
}

const std::string_view kFragments[] = {
    "Mexico",    "officials",  "U.S.",     "Gen.",
    "didn't",    "Culiacán",   "’s",       "'s",
    "'",         "10,000",     "3.5",      "—",
    "...",       "…",          "\"",       "“",
    "”",         "‘",          "’",        "(",
    ")",         "?",          "!",        ".",
    ",",         "-",          "--",       "a.m.",
    "J.",        "15th",       "1990s",    "MS-13",
    "TdA",       "•",          "Nov.",     "6",
    ":",         "The",        "He",       "strike",
    "killed",    "2025-11-03", "9/11",     "drug-trafficking",
    "US-Mexico", "Bogotá",     "SOUTHCOM", "$",
    "%",         "🚤",          "\u00A0",   "\u2028",
    "\u2011",    "Ñ",          "Москва",   "\xFF",
    "\xC3",      "\xE2\x80",   "\x80",     "1.",
    "Oct.",      "27",         "it’s",     "O'Brien",
    "I",
};
const std::string_view kSeparators[] = {" ",  " ",    " ",  "",
                                        "\n", "\n\n", "  ", "\t"};

std::string RandomNewsLike(std::mt19937& rng, int pieces, bool newlines) {
  std::string s;
  for (int k = 0; k < pieces; ++k) {
    std::string_view frag = kFragments[rng() % std::size(kFragments)];
    if (!newlines && frag == "\u2028") frag = "\u00A0";
    s += frag;
    std::string_view sep = kSeparators[rng() % std::size(kSeparators)];
    if (!newlines && (sep.find('\n') != std::string_view::npos)) sep = " ";
    s += sep;
  }
  return s;
}

std::string RandomBytes(std::mt19937& rng, size_t n) {
  std::string s;
  for (size_t k = 0; k < n; ++k) {
    uint32_t r = rng();
    // Bias towards interesting bytes: ASCII text, lead and continuation bytes.
    switch (r % 4) {
      case 0:
        s.push_back(static_cast<char>(0x20 + (r >> 8) % 0x5F));
        break;
      case 1:
        s.push_back(static_cast<char>(0x80 + (r >> 8) % 0x80));
        break;
      case 2:
        s.push_back(" \n.'-,\"sS1aA"[(r >> 8) % 12]);
        break;
      default:
        s.push_back(static_cast<char>(r >> 8));
        break;
    }
  }
  return s;
}

std::string RandomValidUtf8(std::mt19937& rng, size_t n) {
  std::string s;
  for (size_t k = 0; k < n; ++k) {
    uint32_t r = rng();
    char32_t cp;
    switch (r % 5) {
      case 0:
        cp = 0x20 + (r >> 8) % 0x5F;
        break;  // ASCII
      case 1:
        cp = 0x80 + (r >> 8) % 0x580;
        break;  // Latin, Greek, Cyrillic
      case 2:
        cp = 0x2000 + (r >> 8) % 0x70;
        break;  // general punctuation
      case 3:
        cp = (r >> 8) % 0x110000;
        break;  // anything
      default:
        cp = ' ';
        break;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 'x';
    AppendUtf8(cp, &s);
  }
  return s;
}

TEST(TokenizerProperty, RandomBytes) {
  std::mt19937 rng(1);
  std::vector<Token> tokens;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text = RandomBytes(rng, rng() % 120);
    Tokenize(text, &tokens);
    ASSERT_NO_FATAL_FAILURE(CheckTokens(text, tokens))
        << ::testing::PrintToString(text);
  }
}

TEST(TokenizerProperty, RandomValidUtf8) {
  std::mt19937 rng(2);
  std::vector<Token> tokens;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text = RandomValidUtf8(rng, rng() % 80);
    ASSERT_EQ(FindInvalidUtf8(text), std::string_view::npos);
    Tokenize(text, &tokens);
    ASSERT_NO_FATAL_FAILURE(CheckTokens(text, tokens))
        << ::testing::PrintToString(text);
  }
}

TEST(TokenizerProperty, RandomNewsFragments) {
  std::mt19937 rng(3);
  std::vector<Token> tokens;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text = RandomNewsLike(rng, rng() % 40, true);
    Tokenize(text, &tokens);
    ASSERT_NO_FATAL_FAILURE(CheckTokens(text, tokens))
        << ::testing::PrintToString(text);
  }
}

// The 64-byte bulk path against the byte-wise scanners alone, on inputs long
// enough to cross many windows, with every alignment of the text.
void ExpectSameTokens(std::string_view text) {
  std::vector<Token> fast, reference;
  Tokenize(text, &fast);
  text_internal::TokenizeBytewise(text, &reference);
  ASSERT_EQ(fast.size(), reference.size())
      << ::testing::PrintToString(std::string(text));
  for (size_t k = 0; k < fast.size(); ++k) {
    ASSERT_EQ(fast[k].begin, reference[k].begin) << "token " << k;
    ASSERT_EQ(fast[k].end, reference[k].end) << "token " << k;
    ASSERT_EQ(fast[k].kind, reference[k].kind) << "token " << k;
    ASSERT_EQ(fast[k].flags, reference[k].flags) << "token " << k;
  }
}

TEST(TokenizerDifferential, BulkPathMatchesBytewise) {
  std::mt19937 rng(8);
  for (int iter = 0; iter < 1500; ++iter) {
    std::string text;
    switch (iter % 4) {
      case 0:
        text = RandomNewsLike(rng, rng() % 400, true);
        break;
      case 1:
        text = RandomNewsLike(rng, rng() % 400, false);
        break;
      case 2:
        text = RandomBytes(rng, rng() % 1500);
        break;
      default:
        text = RandomValidUtf8(rng, rng() % 800);
        break;
    }
    ASSERT_NO_FATAL_FAILURE(ExpectSameTokens(text));
  }
}

TEST(TokenizerDifferential, EveryAlignment) {
  // Long words, numbers and runs that end exactly at window edges.
  std::string base =
      "The U.S. military struck a semi-submersible vessel on 2025-11-03, "
      "killing 10,000.5 Supercalifragilisticexpialidocious narco-terrorists "
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
      "Mexico’s officials' CIA's 1234567890123456789012345678901234567890 "
      "Hegseth said. \"We will,\" he wrote. Gen. Dan Caine — a.m. —\n\nNext";
  for (size_t shift = 0; shift < 70; ++shift) {
    std::string text =
        std::string(shift, ' ') + base + std::string(shift % 7, 'x');
    ASSERT_NO_FATAL_FAILURE(ExpectSameTokens(text)) << shift;
    std::string glued = std::string(shift, 'a') + base;  // a word at byte 0
    ASSERT_NO_FATAL_FAILURE(ExpectSameTokens(glued)) << shift;
  }
}

// A range that ends before the text does (a block, as Annotate tokenizes
// them): the bulk path must not read or extend a token past the range.
TEST(TokenizerDifferential, RangesInsideLongerText) {
  std::mt19937 rng(9);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text;
    switch (iter % 3) {
      case 0:
        text = RandomNewsLike(rng, rng() % 200, true);
        break;
      case 1:
        text = RandomBytes(rng, rng() % 600);
        break;
      default:
        text = RandomValidUtf8(rng, rng() % 400);
        break;
    }
    if (text.empty()) continue;
    size_t b = rng() % text.size();
    size_t e = b + rng() % (text.size() - b + 1);
    std::vector<Token> fast, reference;
    std::vector<text_internal::Mark> fast_marks, reference_marks;
    text_internal::TokenizeRange(text, b, e, &fast, &fast_marks);
    text_internal::TokenizeRangeBytewise(text, b, e, &reference, &reference_marks);
    ASSERT_EQ(fast.size(), reference.size())
        << b << " " << e << " " << ::testing::PrintToString(text);
    for (size_t k = 0; k < fast.size(); ++k) {
      ASSERT_EQ(fast[k].begin, reference[k].begin) << "token " << k;
      ASSERT_EQ(fast[k].end, reference[k].end) << "token " << k;
      ASSERT_EQ(fast[k].kind, reference[k].kind) << "token " << k;
      ASSERT_EQ(fast[k].flags, reference[k].flags) << "token " << k;
    }
    ASSERT_EQ(fast_marks.size(), reference_marks.size());
    for (size_t k = 0; k < fast_marks.size(); ++k) {
      ASSERT_EQ(fast_marks[k].token, reference_marks[k].token) << "mark " << k;
      ASSERT_EQ(fast_marks[k].bits, reference_marks[k].bits) << "mark " << k;
    }
  }
}

TEST(SplitterProperty, SentencesCoverTokensInOrder) {
  std::mt19937 rng(4);
  Annotated a;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text;
    switch (iter % 3) {
      case 0:
        text = RandomNewsLike(rng, rng() % 60, true);
        break;
      case 1:
        text = RandomBytes(rng, rng() % 150);
        break;
      default:
        text = RandomValidUtf8(rng, rng() % 100);
        break;
    }
    Annotate(text, {}, &a);
    ASSERT_NO_FATAL_FAILURE(CheckTokens(text, a.tokens));
    ASSERT_NO_FATAL_FAILURE(CheckSentencesCoverTokens(a))
        << ::testing::PrintToString(text);
    for (const Sentence& s : a.sentences) EXPECT_EQ(s.block, BlockKind::kBody);
    // The one-block form is the same as no blocks.
    Annotated b;
    Block whole{BlockKind::kBody, 0, static_cast<uint32_t>(text.size())};
    Annotate(text, std::span<const Block>(&whole, 1), &b);
    ASSERT_EQ(a.sentences.size(), b.sentences.size());
    for (size_t k = 0; k < a.sentences.size(); ++k) {
      EXPECT_EQ(a.sentences[k].begin, b.sentences[k].begin);
      EXPECT_EQ(a.sentences[k].end, b.sentences[k].end);
    }
  }
}

TEST(SplitterProperty, RandomBlocksAreRespected) {
  std::mt19937 rng(5);
  Annotated a;
  for (int iter = 0; iter < 2000; ++iter) {
    std::string text = iter % 2 ? RandomNewsLike(rng, rng() % 50, true)
                                : RandomBytes(rng, rng() % 150);
    // Random cut points (possibly inside words or UTF-8 sequences: blocks
    // from a buggy reader must not crash anything).
    std::vector<uint32_t> cuts = {0, static_cast<uint32_t>(text.size())};
    int extra = rng() % 6;
    for (int k = 0; k < extra && !text.empty(); ++k)
      cuts.push_back(rng() % (text.size() + 1));
    std::sort(cuts.begin(), cuts.end());
    std::vector<Block> blocks;
    for (size_t k = 0; k + 1 < cuts.size(); ++k) {
      if (rng() % 4 == 0 || cuts[k] == cuts[k + 1]) continue;  // a gap
      blocks.push_back(
          {static_cast<BlockKind>(rng() % 5), cuts[k], cuts[k + 1]});
    }
    // (No blocks at all would mean one body block over the whole text.)
    if (blocks.empty())
      blocks.push_back({BlockKind::kCaption, cuts[0], cuts[1]});
    Annotate(text, blocks, &a);
    // Tokens: ordered, within bounds, never straddling a block edge. Flags
    // are not checked: a cut inside a UTF-8 sequence changes what is a
    // character on each side.
    for (size_t k = 0; k < a.tokens.size(); ++k) {
      const Token& t = a.tokens[k];
      ASSERT_LT(t.begin, t.end);
      ASSERT_LE(t.end, text.size());
      if (k > 0) {
        ASSERT_GE(t.begin, a.tokens[k - 1].end);
      }
      for (const Block& b : blocks) {
        ASSERT_FALSE(t.begin < b.begin && t.end > b.begin)
            << "straddles a block start";
        ASSERT_FALSE(t.begin < b.end && t.end > b.end)
            << "straddles a block end";
      }
    }
    // Sentences: inside one block, with that block's kind; in order; each
    // block's tokens covered by its sentences.
    std::vector<uint32_t> covered(a.tokens.size(), 0);
    uint32_t prev_end = 0;
    for (const Sentence& s : a.sentences) {
      ASSERT_GT(s.token_count, 0u);
      ASSERT_LE(s.first_token + s.token_count, a.tokens.size());
      EXPECT_GE(s.begin, prev_end);
      prev_end = s.end;
      const Block* home = nullptr;
      for (const Block& b : blocks)
        if (s.begin >= b.begin && s.end <= b.end) home = &b;
      ASSERT_NE(home, nullptr)
          << "sentence outside every block: " << s.begin << ".." << s.end
          << " in " << ::testing::PrintToString(text) << " blocks "
          << ::testing::PrintToString(cuts);
      EXPECT_EQ(s.block, home->kind);
      for (uint32_t k = s.first_token; k < s.first_token + s.token_count; ++k)
        ++covered[k];
    }
    for (size_t k = 0; k < a.tokens.size(); ++k) {
      bool in_block = false;
      for (const Block& b : blocks)
        in_block |= a.tokens[k].begin >= b.begin && a.tokens[k].end <= b.end;
      EXPECT_EQ(covered[k], in_block ? 1u : 0u) << "token " << k;
    }
  }
}

TEST(TokenizerProperty, ExtraSpacesChangeNothingButOffsets) {
  // Metamorphic: doubling every space (in text without line breaks, whose
  // lengths feed hard-wrap detection) keeps token texts, kinds and flags,
  // and the sentences.
  std::mt19937 rng(6);
  Annotated a, b;
  for (int iter = 0; iter < 2000; ++iter) {
    std::string text = RandomNewsLike(rng, rng() % 40, false);
    std::string wide;
    for (char c : text) {
      wide.push_back(c);
      if (c == ' ') wide.push_back(' ');
    }
    Annotate(text, {}, &a);
    Annotate(wide, {}, &b);
    ASSERT_EQ(a.tokens.size(), b.tokens.size()) << text;
    for (size_t k = 0; k < a.tokens.size(); ++k) {
      EXPECT_EQ(a.tokens[k].In(text), b.tokens[k].In(wide)) << text;
      EXPECT_EQ(a.tokens[k].kind, b.tokens[k].kind) << text;
      EXPECT_EQ(a.tokens[k].flags, b.tokens[k].flags) << text;
    }
    ASSERT_EQ(a.sentences.size(), b.sentences.size()) << text;
    for (size_t k = 0; k < a.sentences.size(); ++k) {
      EXPECT_EQ(a.sentences[k].first_token, b.sentences[k].first_token) << text;
      EXPECT_EQ(a.sentences[k].token_count, b.sentences[k].token_count) << text;
    }
  }
}

TEST(SplitterProperty, ParagraphsSplitIndependently) {
  // Metamorphic: the sentences of "A\n\nB" are those of A then those of B.
  std::mt19937 rng(7);
  Annotated ab, a, b;
  for (int iter = 0; iter < 2000; ++iter) {
    std::string ta = RandomNewsLike(rng, 1 + rng() % 30, false);
    std::string tb = RandomNewsLike(rng, 1 + rng() % 30, false);
    std::string both = ta + "\n\n" + tb;
    Annotate(both, {}, &ab);
    Annotate(ta, {}, &a);
    Annotate(tb, {}, &b);
    std::vector<std::string_view> want, got;
    for (const Sentence& s : a.sentences) want.push_back(s.In(ta));
    for (const Sentence& s : b.sentences) want.push_back(s.In(tb));
    for (const Sentence& s : ab.sentences) got.push_back(s.In(both));
    ASSERT_EQ(got, want) << ::testing::PrintToString(both);
  }
}

}  // namespace
}  // namespace vigil
