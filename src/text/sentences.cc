// The sentence splitter: a pass over the tokens of each block that may end
// a sentence or start a line, which the tokenizer marked as it went (Mark);
// the other tokens are looked at only as neighbours of those.
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
#include <cstring>
#include <span>

#include "text/char_class.h"
#include "text/tokenizer_internal.h"
#include "text/word_lists.h"
#include "vigil/text.h"

namespace vigil {

namespace {

using text_internal::IsAsciiDigit;
using text_internal::IsContinuation;
using text_internal::Mark;
using text_internal::Stop;

// A line followed by a single line break.
struct LineInfo {
  uint32_t first = 0;  // first token
  uint32_t end = 0;    // one past the last token: the next line's first
  uint32_t chars = 0;  // code points from the first to the last token
};

class SentenceSplitter {
 public:
  SentenceSplitter(std::string_view text, const std::vector<Token>& tokens,
                   std::vector<Sentence>* out)
      : text_(text), tokens_(tokens), out_(out) {}

  // Splits tokens [t0, t1), all inside one block of |kind|. |marks| lists
  // the tokens of the block that start a line or may end a sentence (see
  // TokenizeRange); no other token can end one.
  void Split(uint32_t t0, uint32_t t1, BlockKind kind,
             std::span<const Mark> marks);

 private:
  const Token& Tok(uint32_t i) const { return tokens_[i]; }
  uint8_t Byte(uint32_t off) const { return static_cast<uint8_t>(text_[off]); }
  std::string_view Text(const Token& t) const { return t.In(text_); }
  bool Spaced(uint32_t i) const { return Tok(i).flags & kTokSpaceBefore; }

  void Emit(uint32_t s, uint32_t e) {
    out_->push_back(Sentence{Tok(s).begin, Tok(e - 1).end, s, e - s, kind_});
  }

  Stop TerminalKind(const Token& t) const;
  bool IsCloser(const Token& t) const;
  bool IsQuoteOpener(const Token& t) const;
  bool EndsBetween(uint32_t s, uint32_t term, uint32_t next, Stop tk,
                   bool title) const;
  bool ContinuesSentence(const Token& t) const;
  bool StartsSentence(uint32_t i) const;
  bool IsListMarker(uint32_t s) const;
  bool IsListItemStart(uint32_t i) const;
  bool DetectHardWrap(std::span<const Mark> marks);
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

inline Stop SentenceSplitter::TerminalKind(const Token& t) const {
  switch (t.kind) {
    case TokenKind::kPunct: {
      uint8_t c = Byte(t.begin);
      uint32_t len = t.end - t.begin;
      if (c == '.') return len >= 2 ? Stop::kEllipsis : Stop::kPeriod;
      if (c == '?' || c == '!') return Stop::kQuestion;
      if (c < 0x80 || len != 3) return Stop::kNone;
      uint8_t c1 = Byte(t.begin + 1), c2 = Byte(t.begin + 2);
      if (c == 0xE2 && c1 == 0x80 && c2 == 0xA6) return Stop::kEllipsis;
      if (c == 0xE2 && ((c1 == 0x80 && c2 == 0xBC) ||
                        (c1 == 0x81 && c2 >= 0x87 && c2 <= 0x89)))
        return Stop::kQuestion;  // ‼ ⁇ ⁈ ⁉
      if ((c == 0xE3 && c1 == 0x80 && c2 == 0x82) ||
          (c == 0xEF && c1 == 0xBC && (c2 == 0x81 || c2 == 0x9F)))
        return Stop::kHard;  // 。 ！ ？
      return Stop::kNone;
    }
    case TokenKind::kAbbreviation:
      return Stop::kAbbrev;
    case TokenKind::kAcronym:
      return Byte(t.end - 1) == '.' ? Stop::kAbbrev : Stop::kNone;
    default:
      return Stop::kNone;
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

// Whether the sentence that started at token |s| ends after the terminal
// token |term| of kind |tk| (a title abbreviation when |title|), with closing
// punctuation glued up to token |next|, which would open the next one.
bool SentenceSplitter::EndsBetween(uint32_t s, uint32_t term, uint32_t next,
                                   Stop tk, bool title) const {
  const Token& nx = Tok(next);
  bool spaced = nx.flags & kTokSpaceBefore;
  bool closed = next > term + 1;  // closing quotes or brackets were absorbed
  if (tk == Stop::kHard) return true;
  if (tk == Stop::kAbbrev && !closed) {
    if (!spaced || title) return false;
    return StartsSentence(next);
  }
  if (!spaced) {
    // "Mexico.The" (a missing space): only a capitalised word after . ? !
    return tk != Stop::kEllipsis && tk != Stop::kAbbrev &&
           nx.kind == TokenKind::kWord && (nx.flags & kTokCapitalized) &&
           nx.end - nx.begin > 1;
  }
  if (tk == Stop::kPeriod && term == s + 1 && IsListMarker(s)) return false;
  if (tk == Stop::kEllipsis && !closed) return StartsSentence(next);
  return !ContinuesSentence(nx);
}

bool SentenceSplitter::IsListItemStart(uint32_t i) const {
  const Token& t = Tok(i);
  std::string_view w = Text(t);
  if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kSymbol) {
    static constexpr std::string_view kBullets[] = {
        "-",      "--",     "*",      ">",      "\u2013", "\u2014", "\u2022",
        "\u00B7", "\u25AA", "\u25BA", "\u2023", "\u25E6", "\u25CF", "\u25A0",
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

uint32_t SentenceSplitter::Chars(uint32_t b, uint32_t e) const {
  // Bytes minus UTF-8 continuation bytes (10xxxxxx), eight at a time.
  const char* p = text_.data();
  uint32_t continuation = 0;
  uint32_t q = b;
  for (; q + 8 <= e; q += 8) {
    uint64_t w;
    std::memcpy(&w, p + q, 8);
    uint64_t high = w & 0x8080808080808080ULL;
    uint64_t second = (w << 1) & 0x8080808080808080ULL;
    // One bit per continuation byte at bit 7; sum the bytes with a multiply.
    uint64_t ones = (high & ~second) >> 7;
    continuation += static_cast<uint32_t>((ones * 0x0101010101010101ULL) >> 56);
  }
  for (; q < e; ++q) continuation += IsContinuation(Byte(q));
  return (e - b) - continuation;
}

// Characters of the first word of the line starting at token |i|, with the
// punctuation glued to it ("“The", "U.S.,").
uint32_t SentenceSplitter::FirstWordChars(uint32_t i) const {
  uint32_t e = Tok(i).end;
  for (uint32_t g = i + 1; g < t1_ && !Spaced(g); ++g) e = Tok(g).end;
  return Chars(Tok(i).begin, e);
}

bool SentenceSplitter::DetectHardWrap(std::span<const Mark> marks) {
  lines_.clear();
  wrap_breaks_.clear();
  const Token* tok = tokens_.data();
  // Only inner lines (followed by exactly one line break) are measured; most
  // blocks have none and are done after a look at the marked tokens.
  uint32_t line_first = t0_;
  for (const Mark& mark : marks) {
    uint32_t i = mark.token;
    if (i == t0_ || !(mark.bits & Mark::kLine)) continue;
    if (!(mark.bits & Mark::kBlank)) {
      LineInfo line;
      line.first = line_first;
      line.end = i;
      line.chars = Chars(tok[line_first].begin, tok[i - 1].end);
      lines_.push_back(line);
    }
    line_first = i;
  }
  uint32_t inner = static_cast<uint32_t>(lines_.size());
  if (inner < 2) return false;
  uint32_t widest = 0;
  for (const LineInfo& line : lines_) widest = std::max(widest, line.chars);

  uint32_t in_range = 0, unpunctuated = 0, greedy = 0, lower_next = 0;
  for (const LineInfo& line : lines_) {
    in_range += line.chars >= 45 && line.chars <= 95;
    const Token& last = tok[line.end - 1];
    Stop tk = TerminalKind(last);
    bool punctuated = (tk != Stop::kNone && tk != Stop::kAbbrev) ||
                      IsCloser(last) || Text(last) == ":" || Text(last) == ";";
    unpunctuated += !punctuated;
    const Token& next = tok[line.end];  // first token of the next line
    greedy += line.chars + 1 + FirstWordChars(line.end) > widest;
    lower_next += !(next.flags & kTokCapitalized) &&
                  next.kind != TokenKind::kPunct &&
                  next.kind != TokenKind::kSymbol;
  }
  bool wrapped = in_range * 10 >= inner * 6 && unpunctuated * 2 >= inner &&
                 greedy * 2 >= inner && lower_next * 10 >= inner * 3;
  if (!wrapped) return false;

  // A line that stops well short of the width although the next word would
  // have fitted was broken on purpose (a headline, the end of a paragraph).
  for (const LineInfo& line : lines_) {
    if (line.chars + 1 + FirstWordChars(line.end) <= widest &&
        line.chars * 10 < widest * 7)
      wrap_breaks_.push_back(line.end);
  }
  return true;
}

void SentenceSplitter::Split(uint32_t t0, uint32_t t1, BlockKind kind,
                             std::span<const Mark> marks) {
  if (t0 >= t1) return;
  t0_ = t0;
  t1_ = t1;
  kind_ = kind;
  bool wrapped = DetectHardWrap(marks);
  size_t wb = 0;  // cursor into wrap_breaks_
  const Token* tok = tokens_.data();

  uint32_t s = t0;       // first token of the current sentence
  uint32_t resume = t0;  // marks before this were glued to a stop
  // The token array of a long block is cold by now (the tokenizer wrote it
  // long ago); fetch the tokens of the marks a little ahead.
  constexpr size_t kPrefetch = 16;
  for (size_t m = 0; m < marks.size(); ++m) {
    if (m + kPrefetch < marks.size())
      __builtin_prefetch(&tok[marks[m + kPrefetch].token]);
    if (m + kPrefetch / 2 < marks.size())  // its token was fetched by now
      __builtin_prefetch(text_.data() +
                         tok[marks[m + kPrefetch / 2].token].end);
    uint32_t i = marks[m].token;
    uint8_t bits = marks[m].bits;
    if (i < resume) continue;
    if (i > s && (bits & Mark::kLine)) {
      bool brk = true;
      if (wrapped && !(bits & Mark::kBlank)) {
        while (wb < wrap_breaks_.size() && wrap_breaks_[wb] < i) ++wb;
        brk = (wb < wrap_breaks_.size() && wrap_breaks_[wb] == i) ||
              IsListItemStart(i);
      }
      if (brk) {
        Emit(s, i);
        s = i;
      }
    }
    Stop tk = marks[m].stop();
    if (tk == Stop::kNone) continue;
    // Glue further stops and closing quotes or brackets: ?!  ."  .)”
    uint32_t k = i + 1;
    while (k < t1 && !(tok[k].flags & kTokSpaceBefore)) {
      const Token& g = tok[k];
      Stop gk = TerminalKind(g);
      bool stop = gk != Stop::kNone && gk != Stop::kAbbrev;
      if (!stop && !IsCloser(g)) break;
      ++k;
    }
    if (k < t1 && EndsBetween(s, i, k, tk, bits & Mark::kTitle)) {
      Emit(s, k);
      s = k;
    }
    resume = k;
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
  std::vector<Mark> marks;
  marks.reserve(text.size() / 32 + 4);
  SentenceSplitter splitter(text, tokens, &out->sentences);
  size_t n = text.size();

  if (blocks.empty()) {
    text_internal::TokenizeRange(text, 0, n, &tokens, &marks);
    splitter.Split(0, static_cast<uint32_t>(tokens.size()), BlockKind::kBody,
                   marks);
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
    marks.clear();
    text_internal::TokenizeRange(text, bb, be, &tokens, &marks);
    splitter.Split(t0, static_cast<uint32_t>(tokens.size()), b.kind, marks);
    pos = be;
  }
  text_internal::TokenizeRange(text, pos, n, &tokens);
}

}  // namespace vigil
