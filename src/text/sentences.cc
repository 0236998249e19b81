// The sentence splitter: a pass over the tokens of each block.
//
// A sentence ends
//   - at the end of its block (a headline or caption needs no final stop);
//   - at a line break that is a blank line; at any single line break when the
//     block is not hard-wrapped; in a hard-wrapped block, at a single line
//     break before a list item ("- ", "• ", "1. ", "Oct. 27: ") or after a
//     line that stops short where the wrapper would have gone on;
//   - after ".", "?", "!", or an ellipsis, plus any closing quotes and
//     brackets glued to it, when the next token does not continue the
//     sentence: a lower-case word ('..." he said'), a comma, a colon, a
//     closing bracket or a dash continue it;
//   - after an abbreviation or a dotted acronym ("Nov.", "a.m.", "U.S.") only
//     when a word that usually opens a sentence follows ("... in the U.S. The
//     strike"); never after a title ("Gen.", "Sen.", "Mr."), so "Gen. Dan
//     Caine" and "Donald J. Trump" hold together, and "Nov. 6" too;
//   - after an ellipsis, the same way: only before a typical opener.
// A "." right after a list number at the start of a line ("1. item") ends
// nothing. A dateline ("WASHINGTON (AP) — The ...") has no stop and so stays
// in the first sentence.
//
// Hard wrapping is detected per block from its lines (maximal runs of
// tokens between line breaks). The block is hard-wrapped when it has at least
// two lines followed by a single line break ("inner" lines), and of those
// most are 45-95 characters long, at least half do not end in punctuation,
// at least half are consistent with a greedy wrapper (the first word of the
// next line would not have fitted: length + 1 + word > widest line), and at
// least 30% of them go on with a lower-case word on the next line.
// The last two tests tell wrapped prose from a list of headlines, whose
// lines are just as long and just as unpunctuated but each starts anew.
#include <algorithm>

#include "text/char_class.h"
#include "text/tokenizer_internal.h"
#include "text/word_lists.h"
#include "vigil/text.h"

namespace vigil {

namespace {

using text_internal::AbbrevClass;
using text_internal::IsAsciiDigit;
using text_internal::IsContinuation;

enum class Terminal : uint8_t {
  kNone,
  kStop,      // .
  kQuestion,  // ? ! ‼ ⁉
  kEllipsis,  // ... …
  kAbbrev,    // an abbreviation or dotted acronym: "Nov." "U.S." "J."
  kHard,      // 。 ！ ？ (CJK: no case, no spaces to look at)
};

struct LineInfo {
  uint32_t first = 0;        // first token
  uint32_t end = 0;          // one past the last token
  uint32_t chars = 0;        // code points from first to last token
  uint32_t breaks_after = 0;  // line breaks before the next line
};

class SentenceSplitter {
 public:
  SentenceSplitter(std::string_view text, const std::vector<Token>& tokens,
                   std::vector<Sentence>* out)
      : text_(text), tokens_(tokens), out_(out) {}

  // Splits tokens [t0, t1), all inside one block of |kind|.
  void Split(uint32_t t0, uint32_t t1, BlockKind kind);

 private:
  const Token& Tok(uint32_t i) const { return tokens_[i]; }
  uint8_t Byte(uint32_t off) const { return static_cast<uint8_t>(text_[off]); }
  std::string_view Text(const Token& t) const { return t.In(text_); }
  bool Spaced(uint32_t i) const { return Tok(i).flags & kTokSpaceBefore; }

  void Emit(uint32_t s, uint32_t e) {
    out_->push_back(Sentence{Tok(s).begin, Tok(e - 1).end, s, e - s, kind_});
  }

  Terminal TerminalKind(const Token& t) const;
  bool IsCloser(const Token& t) const;
  bool IsQuoteOpener(const Token& t) const;
  bool EndsBetween(uint32_t s, uint32_t term, uint32_t next, Terminal tk) const;
  bool ContinuesSentence(const Token& t) const;
  bool StartsSentence(uint32_t i) const;
  bool IsListMarker(uint32_t s) const;
  bool IsListItemStart(uint32_t i) const;
  bool DetectHardWrap();
  uint32_t LineBreaks(uint32_t from, uint32_t to) const;
  uint32_t Chars(uint32_t b, uint32_t e) const;
  uint32_t FirstWordChars(uint32_t i) const;

  std::string_view text_;
  const std::vector<Token>& tokens_;
  std::vector<Sentence>* out_;
  uint32_t t0_ = 0, t1_ = 0;
  BlockKind kind_ = BlockKind::kBody;
  // Scratch for hard-wrap detection, reused across blocks.
  std::vector<LineInfo> lines_;
  std::vector<uint32_t> wrap_breaks_;  // tokens a wrapped block breaks before
};

Terminal SentenceSplitter::TerminalKind(const Token& t) const {
  switch (t.kind) {
    case TokenKind::kPunct: {
      uint8_t c = Byte(t.begin);
      uint32_t len = t.end - t.begin;
      if (c == '.') return len >= 2 ? Terminal::kEllipsis : Terminal::kStop;
      if (c == '?' || c == '!') return Terminal::kQuestion;
      if (c < 0x80 || len != 3) return Terminal::kNone;
      uint8_t c1 = Byte(t.begin + 1), c2 = Byte(t.begin + 2);
      if (c == 0xE2 && c1 == 0x80 && c2 == 0xA6) return Terminal::kEllipsis;
      if (c == 0xE2 && ((c1 == 0x80 && c2 == 0xBC) ||
                        (c1 == 0x81 && c2 >= 0x87 && c2 <= 0x89)))
        return Terminal::kQuestion;  // ‼ ⁇ ⁈ ⁉
      if ((c == 0xE3 && c1 == 0x80 && c2 == 0x82) ||
          (c == 0xEF && c1 == 0xBC && (c2 == 0x81 || c2 == 0x9F)))
        return Terminal::kHard;  // 。 ！ ？
      return Terminal::kNone;
    }
    case TokenKind::kAbbreviation:
      return Terminal::kAbbrev;
    case TokenKind::kAcronym:
      return Byte(t.end - 1) == '.' ? Terminal::kAbbrev : Terminal::kNone;
    default:
      return Terminal::kNone;
  }
}

bool SentenceSplitter::IsCloser(const Token& t) const {
  if (t.kind != TokenKind::kPunct) return false;
  uint8_t c = Byte(t.begin);
  uint32_t len = t.end - t.begin;
  if (len == 1)
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
  std::string_view s = Text(t);
  return s == "\u201D" || s == "\u2019" || s == "\u00BB" || s == "\u203A";
}

bool SentenceSplitter::IsQuoteOpener(const Token& t) const {
  if (t.kind != TokenKind::kPunct) return false;
  std::string_view s = Text(t);
  return s == "\"" || s == "'" || s == "\u201C" || s == "\u2018" ||
         s == "\u00AB" || s == "\u201E";
}

// Whether the token after a terminal stop keeps the sentence going.
bool SentenceSplitter::ContinuesSentence(const Token& t) const {
  switch (t.kind) {
    case TokenKind::kWord:
    case TokenKind::kAcronym:
    case TokenKind::kAbbreviation:
    case TokenKind::kOrdinal:
    case TokenKind::kPossessive:
      // A lower-case word continues ('..." he said'); a capitalised word or
      // one starting with a digit does not.
      return !(t.flags & kTokCapitalized) && !IsAsciiDigit(Byte(t.begin));
    case TokenKind::kPunct: {
      std::string_view s = Text(t);
      if (s.size() == 1)
        return s[0] == ',' || s[0] == ';' || s[0] == ':' || s[0] == ')' ||
               s[0] == ']' || s[0] == '}' || s[0] == '-';
      return s == "\u2013" || s == "\u2014" || s == "--" || s == "\u201D" ||
             s == "\u2019";
    }
    case TokenKind::kSymbol:
      return Byte(t.begin) == '%';
    default:
      return false;
  }
}

// A strong signal that token |i| opens a sentence: a typical opener ("The",
// "He", "But") or an opening quote glued to a capitalised word.
bool SentenceSplitter::StartsSentence(uint32_t i) const {
  const Token& t = Tok(i);
  if (t.kind == TokenKind::kWord && (t.flags & kTokCapitalized))
    return text_internal::IsSentenceStarter(Text(t));
  if (IsQuoteOpener(t) && i + 1 < t1_ && !Spaced(i + 1) &&
      (Tok(i + 1).flags & kTokCapitalized))
    return true;
  return false;
}

// "1" in "1. item" or "a" in "a. item" at the start of a line.
bool SentenceSplitter::IsListMarker(uint32_t s) const {
  if (s != t0_ && !(Tok(s).flags & kTokLineBefore)) return false;
  const Token& t = Tok(s);
  uint32_t len = t.end - t.begin;
  if (t.kind == TokenKind::kNumber) {
    if (len > 3) return false;
    for (uint32_t q = t.begin; q < t.end; ++q)
      if (!IsAsciiDigit(Byte(q))) return false;
    return true;
  }
  return t.kind == TokenKind::kWord && len == 1;
}

bool SentenceSplitter::EndsBetween(uint32_t s, uint32_t term, uint32_t next,
                                   Terminal tk) const {
  const Token& nx = Tok(next);
  bool spaced = nx.flags & kTokSpaceBefore;
  bool closed = next > term + 1;  // closing quotes or brackets were absorbed
  if (tk == Terminal::kHard) return true;
  if (tk == Terminal::kAbbrev && !closed) {
    if (!spaced) return false;
    const Token& t = Tok(term);
    std::string_view word = Text(t);
    word.remove_suffix(1);
    if (text_internal::LookupAbbreviation(word) == AbbrevClass::kTitle)
      return false;
    return StartsSentence(next);
  }
  if (!spaced) {
    // "Mexico.The" (a missing space): only a capitalised word after . ? !
    return tk != Terminal::kEllipsis && tk != Terminal::kAbbrev &&
           nx.kind == TokenKind::kWord && (nx.flags & kTokCapitalized) &&
           nx.end - nx.begin > 1;
  }
  if (tk == Terminal::kStop && term == s + 1 && IsListMarker(s)) return false;
  if (tk == Terminal::kEllipsis && !closed) return StartsSentence(next);
  return !ContinuesSentence(nx);
}

bool SentenceSplitter::IsListItemStart(uint32_t i) const {
  const Token& t = Tok(i);
  std::string_view w = Text(t);
  if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kSymbol) {
    static constexpr std::string_view kBullets[] = {
        "-", "--", "*", ">", "\u2013", "\u2014", "\u2022", "\u00B7",
        "\u25AA", "\u25BA", "\u2023", "\u25E6", "\u25CF", "\u25A0",
        "\u25CB", "\u25A1", "\u25B8", "\u27A2", "\u2192"};
    bool bullet = std::find(std::begin(kBullets), std::end(kBullets), w) !=
                  std::end(kBullets);
    return bullet && i + 1 < t1_ && Spaced(i + 1);
  }
  // "1. item", "12) item", "a) item"
  if ((t.kind == TokenKind::kNumber && w.size() <= 3) ||
      (t.kind == TokenKind::kWord && w.size() == 1)) {
    if (i + 2 < t1_ && !Spaced(i + 1) && Spaced(i + 2)) {
      std::string_view m = Text(Tok(i + 1));
      if (m == "." || m == ")") return true;
    }
  }
  // A tracker line: "Oct. 27: ...", "October 27, 2025 — ..."
  if (t.kind == TokenKind::kAbbreviation || t.kind == TokenKind::kWord) {
    std::string_view month = w;
    if (t.kind == TokenKind::kAbbreviation) month.remove_suffix(1);
    if (!text_internal::IsMonthName(month)) return false;
    uint32_t j = i + 1;
    if (j >= t1_ || Tok(j).kind != TokenKind::kNumber ||
        Tok(j).end - Tok(j).begin > 2)
      return false;
    ++j;
    if (j + 1 < t1_ && Text(Tok(j)) == "," &&
        Tok(j + 1).kind == TokenKind::kNumber)
      j += 2;
    if (j >= t1_) return false;
    std::string_view sep = Text(Tok(j));
    return sep == ":" || sep == "-" || sep == "\u2013" || sep == "\u2014" ||
           sep == "--";
  }
  // "2025-11-03: ..."
  if (t.kind == TokenKind::kNumber && i + 1 < t1_ && !Spaced(i + 1))
    return Text(Tok(i + 1)) == ":";
  return false;
}

uint32_t SentenceSplitter::LineBreaks(uint32_t from, uint32_t to) const {
  uint32_t n = 0;
  for (uint32_t q = from; q < to; ++q) {
    uint8_t c = Byte(q);
    if (c == '\n') {
      ++n;
    } else if (c == 0xE2 && q + 2 < to && Byte(q + 1) == 0x80) {
      uint8_t c2 = Byte(q + 2);
      if (c2 == 0xA8) n += 1;  // line separator
      if (c2 == 0xA9) n += 2;  // paragraph separator
    } else if (c == 0xC2 && q + 1 < to && Byte(q + 1) == 0x85) {
      ++n;  // NEL
    }
  }
  return n;
}

uint32_t SentenceSplitter::Chars(uint32_t b, uint32_t e) const {
  uint32_t n = 0;
  for (uint32_t q = b; q < e; ++q) n += !IsContinuation(Byte(q));
  return n;
}

// Characters of the first word of the line starting at token |i|, with the
// punctuation glued to it ("“The", "U.S.,").
uint32_t SentenceSplitter::FirstWordChars(uint32_t i) const {
  uint32_t e = Tok(i).end;
  for (uint32_t g = i + 1; g < t1_ && !Spaced(g); ++g) e = Tok(g).end;
  return Chars(Tok(i).begin, e);
}

bool SentenceSplitter::DetectHardWrap() {
  lines_.clear();
  wrap_breaks_.clear();
  // Most blocks have no single line break at all; look no further then.
  bool any_single = false;
  for (uint32_t i = t0_ + 1; i < t1_ && !any_single; ++i) {
    if ((Tok(i).flags & kTokLineBefore) &&
        LineBreaks(Tok(i - 1).end, Tok(i).begin) == 1)
      any_single = true;
  }
  if (!any_single) return false;

  uint32_t first = t0_;
  for (uint32_t i = t0_ + 1; i <= t1_; ++i) {
    if (i < t1_ && !(Tok(i).flags & kTokLineBefore)) continue;
    LineInfo line;
    line.first = first;
    line.end = i;
    line.chars = Chars(Tok(first).begin, Tok(i - 1).end);
    line.breaks_after = i < t1_ ? LineBreaks(Tok(i - 1).end, Tok(i).begin) : 2;
    lines_.push_back(line);
    first = i;
  }

  uint32_t inner = 0, widest = 0;
  for (const LineInfo& line : lines_) {
    if (line.breaks_after != 1) continue;
    ++inner;
    widest = std::max(widest, line.chars);
  }
  if (inner < 2) return false;

  uint32_t in_range = 0, unpunctuated = 0, greedy = 0, lower_next = 0;
  for (size_t a = 0; a + 1 < lines_.size(); ++a) {
    const LineInfo& line = lines_[a];
    if (line.breaks_after != 1) continue;
    in_range += line.chars >= 45 && line.chars <= 95;
    const Token& last = Tok(line.end - 1);
    Terminal tk = TerminalKind(last);
    bool punctuated = (tk != Terminal::kNone && tk != Terminal::kAbbrev) ||
                      IsCloser(last) || Text(last) == ":" || Text(last) == ";";
    unpunctuated += !punctuated;
    uint32_t next = lines_[a + 1].first;
    greedy += line.chars + 1 + FirstWordChars(next) > widest;
    lower_next += !(Tok(next).flags & kTokCapitalized) &&
                  Tok(next).kind != TokenKind::kPunct &&
                  Tok(next).kind != TokenKind::kSymbol;
  }
  bool wrapped = in_range * 10 >= inner * 6 && unpunctuated * 2 >= inner &&
                 greedy * 2 >= inner && lower_next * 10 >= inner * 3;
  if (!wrapped) return false;

  // A line that stops well short of the width although the next word would
  // have fitted was broken on purpose (a headline, the end of a paragraph).
  for (size_t a = 0; a + 1 < lines_.size(); ++a) {
    const LineInfo& line = lines_[a];
    if (line.breaks_after != 1) continue;
    uint32_t next = lines_[a + 1].first;
    if (line.chars + 1 + FirstWordChars(next) <= widest &&
        line.chars * 10 < widest * 7)
      wrap_breaks_.push_back(next);
  }
  return true;
}

void SentenceSplitter::Split(uint32_t t0, uint32_t t1, BlockKind kind) {
  if (t0 >= t1) return;
  t0_ = t0;
  t1_ = t1;
  kind_ = kind;
  bool wrapped = DetectHardWrap();
  size_t wb = 0;  // cursor into wrap_breaks_

  uint32_t s = t0;  // first token of the current sentence
  uint32_t i = t0;
  while (i < t1) {
    const Token& t = Tok(i);
    if (i > s && (t.flags & kTokLineBefore)) {
      bool brk = true;
      if (wrapped && LineBreaks(Tok(i - 1).end, t.begin) < 2) {
        while (wb < wrap_breaks_.size() && wrap_breaks_[wb] < i) ++wb;
        brk = (wb < wrap_breaks_.size() && wrap_breaks_[wb] == i) ||
              IsListItemStart(i);
      }
      if (brk) {
        Emit(s, i);
        s = i;
      }
    }
    Terminal tk = TerminalKind(t);
    if (tk == Terminal::kNone) {
      ++i;
      continue;
    }
    // Glue further stops and closing quotes or brackets: ?!  ."  .)”
    uint32_t k = i + 1;
    while (k < t1 && !Spaced(k)) {
      const Token& g = Tok(k);
      Terminal gk = TerminalKind(g);
      bool stop = gk != Terminal::kNone && gk != Terminal::kAbbrev;
      if (!stop && !IsCloser(g)) break;
      ++k;
    }
    if (k < t1 && EndsBetween(s, i, k, tk)) {
      Emit(s, k);
      s = k;
    }
    i = k;
  }
  if (s < t1) Emit(s, t1);
}

}  // namespace

void Annotate(std::string_view text, std::span<const Block> blocks,
              Annotated* out) {
  std::vector<Token>& tokens = out->tokens;
  tokens.clear();
  out->sentences.clear();
  tokens.reserve(text_internal::TokenCapacityHint(text.size()));
  out->sentences.reserve(text.size() / 128 + 4);
  SentenceSplitter splitter(text, tokens, &out->sentences);
  size_t n = text.size();

  if (blocks.empty()) {
    text_internal::TokenizeRange(text, 0, n, &tokens);
    splitter.Split(0, static_cast<uint32_t>(tokens.size()), BlockKind::kBody);
    return;
  }
  // Blocks are tokenized one by one so that no token straddles a boundary;
  // text between blocks (normally just "\n\n") is tokenized too but belongs
  // to no sentence. Overlapping or out-of-range blocks are clipped.
  size_t pos = 0;
  for (const Block& b : blocks) {
    size_t bb = std::min<size_t>(b.begin, n);
    size_t be = std::min<size_t>(b.end, n);
    bb = std::max(bb, pos);
    if (be <= bb) continue;
    text_internal::TokenizeRange(text, pos, bb, &tokens);
    uint32_t t0 = static_cast<uint32_t>(tokens.size());
    text_internal::TokenizeRange(text, bb, be, &tokens);
    splitter.Split(t0, static_cast<uint32_t>(tokens.size()), b.kind);
    pos = be;
  }
  text_internal::TokenizeRange(text, pos, n, &tokens);
}

}  // namespace vigil
