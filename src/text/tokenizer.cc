// The tokenizer: one forward pass over the bytes, no regular expressions, no
// allocation per token (tokens are staged in a fixed buffer and appended to
// a vector reserved from the text size).
//
// Two layers. The bulk of the text goes through RunBulk, which classifies 64
// bytes at a time into bit masks (letters and digits, capitals, digits,
// spaces) and visits only token starts with a bit scan; a plain word (lower
// case, or one capital then lower case, or digits) ending at a byte that
// cannot continue it is emitted from the masks alone. Everything else, and
// the last bytes of the text, goes to byte-wise scanners that dispatch on a
// 256-entry class table and decode UTF-8 only where a lead byte appears.
//
// ScanWord handles the words that need a decision at the end of an
// alphanumeric run (a "connector"):
//   - "-" or U+2010/U+2011 before a letter or digit joins a compound
//     ("drug-trafficking", "64-year-old", "2025-11-03"), except between two
//     capitalised parts, which are separate names ("US-Mexico" -> 3 tokens),
//     unless the first part is a prefix such as "Anti" or "Pro";
//   - "," + three digits, "." + digit, "/" + digit and ":" + digit continue a
//     number ("10,000", "3.5", "9/11", "10:30");
//   - "'" or U+2019 before letters continues a contraction ("didn't",
//     "O'Brien", "it's"), but before a lone "s" ends the word so that the
//     possessive "'s" becomes its own token ("Mexico" "'s");
//   - "." after one or two letters followed by more such groups makes a
//     dotted form ("U.S.", "a.m.", "Ph.D."); "." after a listed abbreviation
//     ("Gen", "Nov", "Calif") or a single capital initial ("J") is kept in
//     the token.
// The token's kind comes from the bits its bytes set (lower, upper, digit)
// and its shape: digits only -> number; digits + st/nd/rd/th -> ordinal;
// four or two digits + "s" -> number (a decade); letters all upper case ->
// acronym; "TdA", "DoD", "NGOs" -> acronym; otherwise a word.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "text/char_class.h"
#include "text/tokenizer_internal.h"
#include "text/word_lists.h"
#include "vigil/text.h"

namespace vigil {

const char* TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord:
      return "word";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kOrdinal:
      return "ordinal";
    case TokenKind::kAcronym:
      return "acronym";
    case TokenKind::kAbbreviation:
      return "abbreviation";
    case TokenKind::kPossessive:
      return "possessive";
    case TokenKind::kPunct:
      return "punct";
    case TokenKind::kSymbol:
      return "symbol";
  }
  return "word";
}

namespace text_internal {

namespace {

// Whether the byte at |p|[|j|] (|j| < |n|), which ends the ASCII
// alphanumeric run [|i|, |j|) with kinds |seen|, may continue the token or
// attach to it, so that ScanWord must take over.
inline bool NeedsWordSlowPath(const uint8_t* p, size_t i, size_t j, size_t n,
                              uint8_t seen) {
  uint8_t c = p[j];
  switch (c) {
    case '-':
    case '\'':
      return true;
    case '.':
      if (seen == kBitDigit) return j + 1 < n && IsAsciiDigit(p[j + 1]);  // 3.5
      if (seen & kBitDigit) return false;
      // "U.S.", "a.m." and initials start with one or two letters; longer
      // words keep their period only when they are listed ("Gen.", "Calif.").
      if (j - i <= 2) return true;
      return j - i <= kMaxAbbrevLen &&
             MayBeAbbreviation(static_cast<char>(p[i])) &&
             LookupAbbreviation(std::string_view(
                 reinterpret_cast<const char*>(p) + i, j - i)) !=
                 AbbrevClass::kNone;
    case ',':  // "10,000"
    case ':':  // "10:30"
    case '/':  // "9/11"
      return seen == kBitDigit;
    default:
      return c >= 0xC2;  // a non-ASCII letter, ’ or a Unicode hyphen
  }
}

class Scanner {
 public:
  Scanner(std::string_view text, size_t begin, size_t end,
          std::vector<Token>* out, std::vector<Mark>* marks)
      : p_(reinterpret_cast<const uint8_t*>(text.data())),
        begin_(begin),
        n_(end),
        out_(out),
        marks_(marks) {}

  // Tokenizes the range; |bulk| false skips RunBulk (for tests).
  void Run(bool bulk);

 private:
  size_t RunBulk(size_t i);
  size_t ScanAsciiWord(size_t i);
  size_t ScanOther(size_t i);
  static constexpr size_t kSlowPath = ~size_t{0};
  size_t ScanDottedOrAbbreviation(size_t start, size_t period);
  // Tokens are staged in a small buffer and appended to the output vector
  // in batches: cheaper than a push_back per token, whose capacity check
  // reloads the vector after every store.
  static constexpr size_t kBatch = 256;

  // Appends a token with the pending space/line flags. |mark|: Mark bits
  // when the token may end a sentence (see TokenizeRange).
  [[gnu::always_inline]] void Emit(size_t b, size_t e, TokenKind kind,
                                   uint8_t flags, uint8_t mark = 0) {
    uint8_t f = flags | pending_;
    if ((mark || (f & kTokLineBefore)) && marks_) AddMark(mark);
    Token t;
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    t.kind = kind;
    t.flags = f;
    std::memcpy(batch_ + batched_ * sizeof(Token), &t, sizeof(Token));
    if (++batched_ == kBatch) Flush();
    pending_ = 0;
    line_breaks_ = 0;
  }
  [[gnu::noinline]] void Flush() {
    // (insert() would construct the tokens one by one: Token is trivially
    // copyable but not trivial.)
    if (batched_ == 0) return;
    size_t old = out_->size();
    out_->resize(old + batched_);
    std::memcpy(out_->data() + old, batch_, batched_ * sizeof(Token));
    batched_ = 0;
  }
  // Marks the token about to be emitted.
  [[gnu::noinline]] void AddMark(uint8_t bits) {
    Mark m;
    m.token = static_cast<uint32_t>(out_->size() + batched_);
    m.bits = bits;
    if (pending_ & kTokLineBefore) m.bits |= Mark::kLine;
    if (line_breaks_ >= 2) m.bits |= Mark::kBlank;
    marks_->push_back(m);
  }
  void AddLineBreaks(uint8_t count) {
    pending_ |= kTokSpaceBefore | kTokLineBefore;
    line_breaks_ = static_cast<uint8_t>(std::min(2, line_breaks_ + count));
  }

  void InitPendingFromContext();
  size_t ScanWord(size_t start);
  size_t ScanAlnumRun(size_t j, uint8_t* seen, uint8_t* flags) const;
  size_t ScanMultibyte(size_t i);
  size_t ScanApostrophe(size_t i, size_t len);
  size_t MatchDotted(size_t start, size_t period) const;
  TokenKind DottedKind(size_t start, size_t end) const;
  TokenKind ClassifyWord(size_t start, size_t end, uint8_t seen,
                         bool digit_first, bool hyphenated,
                         uint8_t* flags) const;
  bool IsOpeningPosition(size_t i, size_t len) const;

  // Returns kBitLower/kBitUpper/kBitDigit for a letter or digit at |j| (and
  // its byte length in |*len|), or 0 when no word character starts there.
  uint8_t WordCharAt(size_t j, size_t* len) const {
    if (j >= n_) return 0;
    uint8_t b = kByteClass[p_[j]];
    if (b & kAlnumBits) {
      *len = 1;
      return b & kAlnumBits;
    }
    if ((b & kClassMask) != kBcLead) return 0;
    Decoded d = DecodeAt(p_ + j, n_ - j);
    if (d.len == 0) return 0;
    CodePointClass c = ClassifyCodePoint(d.cp);
    *len = d.len;
    if (c == kCpUpper) return kBitUpper;
    if (c == kCpLower) return kBitLower;
    return 0;
  }
  bool IsWordCharAt(size_t j) const {
    size_t len;
    return WordCharAt(j, &len) != 0;
  }
  // Byte length of a hyphen ("-", U+2010, U+2011) at |j|, or 0.
  size_t HyphenAt(size_t j) const {
    if (j >= n_) return 0;
    if (p_[j] == '-') return 1;
    if (p_[j] == 0xE2 && j + 2 < n_ && p_[j + 1] == 0x80 &&
        (p_[j + 2] == 0x90 || p_[j + 2] == 0x91))
      return 3;
    return 0;
  }
  // Byte length of an apostrophe ("'" or U+2019) at |j|, or 0.
  size_t ApostropheAt(size_t j) const {
    if (j >= n_) return 0;
    if (p_[j] == '\'') return 1;
    if (p_[j] == 0xE2 && j + 2 < n_ && p_[j + 1] == 0x80 && p_[j + 2] == 0x99)
      return 3;
    return 0;
  }
  std::string_view View(size_t b, size_t e) const {
    return std::string_view(reinterpret_cast<const char*>(p_) + b, e - b);
  }

  const uint8_t* p_;
  size_t begin_;
  size_t n_;
  std::vector<Token>* out_;
  std::vector<Mark>* marks_;
  // Raw storage (a Token array would be zeroed for every range, which costs
  // more than the tokens of a short block).
  alignas(Token) unsigned char batch_[kBatch * sizeof(Token)];
  size_t batched_ = 0;
  uint8_t line_breaks_ = 0;         // line breaks in the pending whitespace
  uint8_t pending_ = 0;             // kTokSpaceBefore / kTokLineBefore to come
  bool single_quote_open_ = false;  // an opening ' or ‘ awaits its close
};

void Scanner::InitPendingFromContext() {
  // A range that starts after whitespace (a block after "\n\n") gets the
  // same flags its first token would get from a whole-text scan: walk back
  // over the whitespace code points before it.
  size_t k = begin_;
  while (k > 0) {
    uint8_t c = p_[k - 1];
    if (c < 0x80) {
      uint8_t cls = kByteClass[c] & kClassMask;
      if (cls == kBcNewline) {
        AddLineBreaks(1);
      } else if (cls == kBcSpace) {
        pending_ |= kTokSpaceBefore;
      } else {
        break;
      }
      --k;
      continue;
    }
    size_t m = k - 1;
    while (m > 0 && k - m < 4 && IsContinuation(p_[m])) --m;
    Decoded d = DecodeAt(p_ + m, k - m);
    if (d.len != k - m) break;
    CodePointClass cls = ClassifyCodePoint(d.cp);
    if (cls == kCpNewline) {
      AddLineBreaks(d.cp == 0x2029 ? 2 : 1);
    } else if (cls == kCpSpace) {
      pending_ |= kTokSpaceBefore;
    } else {
      break;
    }
    k = m;
  }
}

void Scanner::Run(bool bulk) {
  InitPendingFromContext();
  size_t i = bulk ? RunBulk(begin_) : begin_;
  // The last bytes (fewer than a window): one element at a time.
  while (i < n_) {
    uint8_t c = p_[i];
    if (kByteClass[c] & kAlnumBits) {
      i = ScanAsciiWord(i);
    } else if (c == ' ') {
      pending_ |= kTokSpaceBefore;
      ++i;
    } else {
      i = ScanOther(i);
    }
  }
  Flush();
}

// The bulk of the text goes through windows of 64 bytes classified at once
// (AlnumWindow): the start of every token in the window is a set bit of
//   word starts (an alphanumeric byte after a non-alphanumeric one) |
//   "other" bytes (neither alphanumeric nor a plain space),
// visited in order with a bit scan. A plain word is emitted straight from
// the masks; everything else goes to the byte-wise scanners, which may run
// past the window. Plain spaces are never visited: a gap between the end of
// the previous token and the next start is all spaces. Only starts below
// byte 62 are taken, so a word ending in the window has its next byte in
// the window too; the next window starts where this one stopped.
size_t Scanner::RunBulk(size_t i) {
  const uint8_t* p = p_;
  const size_t n = n_;
  constexpr unsigned kLimit = 62;
  AlnumWindow w;
  while (i + 64 <= n) {
    w.Fill(p, i);
    uint64_t alnum = w.alnum;
    uint64_t starts = ((alnum & ~(alnum << 1)) | ~(alnum | w.space)) &
                      ((uint64_t{1} << kLimit) - 1);
    unsigned done = 0;       // bytes of the window consumed
    unsigned next = kLimit;  // where the next window starts
    while (starts) {
      unsigned pos = static_cast<unsigned>(__builtin_ctzll(starts));
      // Only spaces lie between the previous token and this one.
      pending_ |= static_cast<uint8_t>(pos > done) * kTokSpaceBefore;
      uint64_t bit = uint64_t{1} << pos;
      if (!(alnum & bit)) {
        uint8_t c = p[i + pos];
        if (kByteClass[c] == kBcPunct && c != '?' && c != '!') {
          // , ; : ( ) [ ] { } " ` are one-byte tokens that end nothing.
          Emit(i + pos, i + pos + 1, TokenKind::kPunct, 0);
          done = pos + 1;
        } else if (c == '.' && p[i + pos + 1] != '.') {  // pos + 1 < 64
          Emit(i + pos, i + pos + 1, TokenKind::kPunct, 0,
               Mark::StopBits(Stop::kPeriod));
          done = pos + 1;
        } else {
          done = static_cast<unsigned>(ScanOther(i + pos) - i);
        }
      } else {
        // Bit 63 set keeps the operand nonzero when the whole window is
        // alphanumeric; a run reaching it is treated as crossing the window.
        unsigned end = pos + static_cast<unsigned>(__builtin_ctzll(
                                 ~(alnum >> pos) | (uint64_t{1} << 63)));
        if (end >= 63) {  // the word may go on past the window
          // Start the next window at the word; a word filling a whole
          // window is scanned byte-wise (a window must always advance).
          next = pos > 0 ? pos : static_cast<unsigned>(ScanAsciiWord(i) - i);
          break;
        }
        uint64_t span = ((uint64_t{1} << end) - 1) & ~(bit - 1);
        uint64_t upper = w.upper & span, digit = w.digit & span;
        // Lower case, or one capital then lower case ("Hegseth"), or
        // digits only, ending at a byte that cannot continue the token.
        bool plain_word = (digit | (upper & ~bit)) == 0;
        bool number = digit == span;
        uint8_t e = p[i + end];
        bool fast = (plain_word | number) && !(kByteClass[e] & kBitConnector) &&
                    !(number & ((e == ',') | (e == ':') | (e == '/')));
        bool handled = false;
        if (!fast && plain_word && e == '.') {
          // A word before a period: a dotted form or an abbreviation keeps
          // it ("U.S.", "Gen."); any other word is plain.
          size_t k = ScanDottedOrAbbreviation(i + pos, i + end);
          if (k == 0) {
            fast = true;
          } else if (k != kSlowPath) {
            done = static_cast<unsigned>(k - i);
            handled = true;
          }
        }
        if (fast) {
          Emit(i + pos, i + end, number ? TokenKind::kNumber : TokenKind::kWord,
               upper ? kTokCapitalized : 0);
          done = end;
        } else if (!handled) {
          done = static_cast<unsigned>(ScanAsciiWord(i + pos) - i);
        }
      }
      if (done >= kLimit) {
        next = done;
        break;
      }
      // Drop the starts consumed; a token never ends between two
      // alphanumeric bytes, but should one, the rest is a start of its own.
      starts &= ~uint64_t{0} << done;
      starts |= alnum & (uint64_t{1} << done);
    }
    // Only spaces lie between the last token and the next window.
    if (next == kLimit && done < kLimit) pending_ |= kTokSpaceBefore;
    i += next;
  }
  return i;
}

// The ASCII letters [|start|, |period|) (lower case, or a capital then lower
// case) before the period at |period|: emits a dotted form ("U.S.", "a.m.")
// or an abbreviation with its period ("Gen.", "J.") and returns its end, as
// ScanWord would. Returns 0 when the word is plain (the period is not part
// of it) and kSlowPath when what follows needs ScanWord ("U.S.-backed",
// "U.S.'s").
size_t Scanner::ScanDottedOrAbbreviation(size_t start, size_t period) {
  size_t len = period - start;
  uint8_t first = p_[start];
  uint8_t flags = IsAsciiUpper(first) ? kTokCapitalized : 0;
  size_t end = 0;
  TokenKind kind = TokenKind::kAbbreviation;
  uint8_t mark = Mark::StopBits(Stop::kAbbrev);
  if (len <= 2) end = MatchDotted(start, period);
  if (end != 0) {
    kind = DottedKind(start, end);
    if (kind == TokenKind::kAcronym) flags |= kTokAllCaps;  // 2+ letters
  } else if (len <= kMaxAbbrevLen) {
    AbbrevClass ac = AbbrevClass::kNone;
    if (MayBeAbbreviation(static_cast<char>(first)))
      ac = LookupAbbreviation(View(start, period));
    if (ac == AbbrevClass::kNone && !(len == 1 && flags && first != 'I'))
      return 0;
    if (ac == AbbrevClass::kTitle) mark |= Mark::kTitle;
    end = period + 1;
  } else {
    return 0;
  }
  // A hyphen or an apostrophe after it: ScanWord decides.
  if (end < n_ && (p_[end] == '-' || p_[end] == '\'' || p_[end] == 0xE2))
    return kSlowPath;
  Emit(start, end, kind, flags, mark);
  return end;
}

// A word or number starting with an ASCII letter or digit at |i|: the quick
// classification of a plain run, or ScanWord for anything that may continue
// or attach to it.
size_t Scanner::ScanAsciiWord(size_t i) {
  uint8_t seen = 0;
  size_t j = AsciiAlnumRun(p_, i, n_, &seen);
  if (j < n_ && NeedsWordSlowPath(p_, i, j, n_, seen)) return ScanWord(i);
  uint8_t flags = IsAsciiUpper(p_[i]) ? kTokCapitalized : 0;
  TokenKind kind;
  if (seen == kBitLower) {
    kind = TokenKind::kWord;
  } else if (seen == kBitDigit) {
    kind = TokenKind::kNumber;
  } else {
    kind = ClassifyWord(i, j, seen, IsAsciiDigit(p_[i]), false, &flags);
  }
  Emit(i, j, kind, flags);
  return j;
}

// One element at |i| that does not start with an ASCII letter or digit:
// whitespace (sets the pending flags), punctuation, a symbol, a UTF-8
// sequence (which may start a word), or an invalid byte.
size_t Scanner::ScanOther(size_t i) {
  uint8_t c = p_[i];
  switch (kByteClass[c] & kClassMask) {
    case kBcSpace:
      pending_ |= kTokSpaceBefore;
      return i + 1;
    case kBcNewline:
      AddLineBreaks(1);
      single_quote_open_ = false;
      return i + 1;
    case kBcPeriod: {
      // "." or an ellipsis "..." (any run of periods is one token).
      size_t j = i + 1;
      while (j < n_ && p_[j] == '.') ++j;
      Emit(i, j, TokenKind::kPunct, 0,
           Mark::StopBits(j - i > 1 ? Stop::kEllipsis : Stop::kPeriod));
      return j;
    }
    case kBcHyphen: {
      // "-", "--", "---": a hyphen that joins nothing, or a dash.
      size_t j = i + 1;
      while (j < n_ && p_[j] == '-') ++j;
      Emit(i, j, TokenKind::kPunct, 0);
      return j;
    }
    case kBcApos:
      return ScanApostrophe(i, 1);
    case kBcPunct:
      Emit(i, i + 1, TokenKind::kPunct, 0,
           (c == '?' || c == '!') ? Mark::StopBits(Stop::kQuestion) : 0);
      return i + 1;
    case kBcSymbol:
      Emit(i, i + 1, TokenKind::kSymbol, 0);
      return i + 1;
    case kBcLead:
      return ScanMultibyte(i);
    case kBcAlnum:  // not expected here; the word scanner handles it
      return ScanAsciiWord(i);
    default:  // an invalid byte: a symbol of its own, never part of a word
      Emit(i, i + 1, TokenKind::kSymbol, kTokNonAscii);
      return i + 1;
  }
}

size_t Scanner::ScanMultibyte(size_t i) {
  Decoded d = DecodeAt(p_ + i, n_ - i);
  if (d.len == 0) {
    Emit(i, i + 1, TokenKind::kSymbol, kTokNonAscii);
    return i + 1;
  }
  switch (ClassifyCodePoint(d.cp)) {
    case kCpSpace:
      pending_ |= kTokSpaceBefore;
      return i + d.len;
    case kCpNewline:
      AddLineBreaks(d.cp == 0x2029 ? 2 : 1);  // a paragraph separator is two
      single_quote_open_ = false;
      return i + d.len;
    case kCpLower:
    case kCpUpper:
      return ScanWord(i);
    case kCpPunct: {
      if (d.cp == 0x2019) return ScanApostrophe(i, 3);
      if (d.cp == 0x2018) single_quote_open_ = true;
      // … ‼ ⁇ ⁈ ⁉ 。 ！ ？ may end a sentence.
      Stop stop = Stop::kNone;
      if (d.cp == 0x2026) {
        stop = Stop::kEllipsis;
      } else if (d.cp == 0x203C || (d.cp >= 0x2047 && d.cp <= 0x2049)) {
        stop = Stop::kQuestion;
      } else if (d.cp == 0x3002 || d.cp == 0xFF01 || d.cp == 0xFF1F) {
        stop = Stop::kHard;
      }
      Emit(i, i + d.len, TokenKind::kPunct, kTokNonAscii, Mark::StopBits(stop));
      return i + d.len;
    }
    case kCpSymbol:
      break;
  }
  Emit(i, i + d.len, TokenKind::kSymbol, kTokNonAscii);
  return i + d.len;
}

bool Scanner::IsOpeningPosition(size_t i, size_t len) const {
  // An opening quote follows whitespace, the start of the range, or an
  // opening bracket or double quote, and is followed by a non-space.
  bool before = i == begin_ || (pending_ & kTokSpaceBefore);
  if (!before) {
    uint8_t c = p_[i - 1];
    before = c == '(' || c == '[' || c == '{' || c == '"' ||
             (c == 0x9C && i >= begin_ + 3 && p_[i - 2] == 0x80 &&
              p_[i - 3] == 0xE2);  // “
  }
  return before && IsWordCharAt(i + len);
}

size_t Scanner::ScanApostrophe(size_t i, size_t len) {
  // "'90s" / "’90s": the apostrophe of an elided century.
  size_t k = i + len;
  if (k + 2 < n_ && IsAsciiDigit(p_[k]) && IsAsciiDigit(p_[k + 1]) &&
      p_[k + 2] == 's' && !IsWordCharAt(k + 3)) {
    Emit(i, k + 3, TokenKind::kNumber, len > 1 ? kTokNonAscii : 0);
    return k + 3;
  }
  single_quote_open_ = IsOpeningPosition(i, len);
  Emit(i, k, TokenKind::kPunct, len > 1 ? kTokNonAscii : 0);
  return k;
}

size_t Scanner::ScanAlnumRun(size_t j, uint8_t* seen, uint8_t* flags) const {
  for (;;) {
    j = AsciiAlnumRun(p_, j, n_, seen);
    // Only a lead byte can continue the run (a non-ASCII letter).
    if (j >= n_ || p_[j] < 0xC2) return j;
    Decoded d = DecodeAt(p_ + j, n_ - j);
    if (d.len == 0) return j;
    CodePointClass c = ClassifyCodePoint(d.cp);
    if (c == kCpLower) {
      *seen |= kBitLower;
    } else if (c == kCpUpper) {
      *seen |= kBitUpper;
    } else {
      return j;
    }
    *flags |= kTokNonAscii;
    j += d.len;
  }
}

// Matches a dotted form starting at |start|, whose first group of one or two
// ASCII letters ends at the period |period|: "U.S.", "a.m.", "e.g.", "Ph.D.".
// Returns the end (after the last period) or 0. Every group is one or two
// letters followed by a period, there are at least two groups, and at least
// one group is a single letter (so "He.So." stays two words).
size_t Scanner::MatchDotted(size_t start, size_t period) const {
  size_t first = period - start;
  if (first > 2) return 0;
  for (size_t q = start; q < period; ++q)
    if (!IsAsciiLetter(p_[q])) return 0;
  bool has_single = first == 1;
  int groups = 1;
  size_t k = period + 1;
  for (;;) {
    size_t m = k;
    while (m < n_ && m - k < 3 && IsAsciiLetter(p_[m])) ++m;
    size_t len = m - k;
    if (len == 0 || len > 2 || m >= n_ || p_[m] != '.') break;
    ++groups;
    has_single |= len == 1;
    k = m + 1;
  }
  if (groups < 2 || !has_single) return 0;
  return k;
}

TokenKind Scanner::DottedKind(size_t start, size_t end) const {
  // All groups single capitals: an acronym ("U.S.", "D.C."); otherwise an
  // abbreviation ("a.m.", "e.g.", "Ph.D.").
  for (size_t q = start; q < end; q += 2) {
    if (!IsAsciiUpper(p_[q]) || p_[q + 1] != '.')
      return TokenKind::kAbbreviation;
  }
  return TokenKind::kAcronym;
}

TokenKind Scanner::ClassifyWord(size_t start, size_t end, uint8_t seen,
                                bool digit_first, bool hyphenated,
                                uint8_t* flags) const {
  bool has_letters = seen & kBitLetter;
  if (digit_first) {
    if (!has_letters) return TokenKind::kNumber;
    if (hyphenated) return TokenKind::kWord;  // "64-year-old"
    size_t len = end - start;
    if (len >= 3 && IsAsciiDigit(p_[end - 3])) {
      uint8_t a = p_[end - 2] | 0x20, b = p_[end - 1] | 0x20;
      if ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
          (a == 'r' && b == 'd') || (a == 't' && b == 'h'))
        return TokenKind::kOrdinal;
    }
    if ((len == 5 || len == 3) && p_[end - 1] == 's') {
      bool digits = true;
      for (size_t q = start; q + 1 < end; ++q) digits &= IsAsciiDigit(p_[q]);
      if (digits) return TokenKind::kNumber;  // "1990s", "90s"
    }
    return TokenKind::kWord;
  }
  if (!(seen & kBitLower)) {
    // No lower-case letter: an acronym when there are two letters or a digit
    // ("CIA", "MS-13", "F-35"); a lone capital ("I", "A") is a word.
    size_t letters = 0;
    for (size_t q = start; q < end && letters < 2; ++q) {
      uint8_t c = p_[q];
      letters += IsAsciiLetter(c) || c >= 0xC2;
    }
    if (letters >= 2) {
      *flags |= kTokAllCaps;
      return TokenKind::kAcronym;
    }
    return (seen & kBitDigit) ? TokenKind::kAcronym : TokenKind::kWord;
  }
  if (hyphenated || !(seen & kBitUpper)) return TokenKind::kWord;
  // Mixed case: "TdA", "DoD", "DfID" (short, capital first and last, two or
  // more capitals), or an acronym plural "NGOs", "IDs".
  size_t len = end - start;
  if (len <= 5 && (*flags & kTokNonAscii) == 0 && IsAsciiUpper(p_[start])) {
    if (IsAsciiUpper(p_[end - 1])) {
      int upper = 0;
      for (size_t q = start; q < end; ++q) upper += IsAsciiUpper(p_[q]);
      if (upper >= 2) return TokenKind::kAcronym;
    }
    if (p_[end - 1] == 's' && len >= 3) {
      bool caps = true;
      for (size_t q = start; q + 1 < end; ++q) caps &= IsAsciiUpper(p_[q]);
      if (caps) return TokenKind::kAcronym;
    }
  }
  return TokenKind::kWord;
}

size_t Scanner::ScanWord(size_t start) {
  uint8_t flags = 0;
  uint8_t seen = 0;
  size_t first_len;
  uint8_t first = WordCharAt(start, &first_len);
  bool digit_first = first & kBitDigit;
  if (first & kBitUpper) flags |= kTokCapitalized;
  bool seg_upper = first & kBitUpper;  // the current part starts upper case
  size_t seg = start;                  // start of the current part
  bool hyphenated = false;
  bool kind_known = false;  // a dotted form or an abbreviation
  bool title = false;       // an abbreviation of a title ("Gen.")
  TokenKind kind = TokenKind::kWord;
  size_t j = start;

  for (;;) {
    j = ScanAlnumRun(j, &seen, &flags);
    if (j >= n_) break;
    uint8_t c = p_[j];
    bool numeric = (seen & kAlnumBits) == kBitDigit;

    if (c == '.') {
      if (numeric && j + 1 < n_ && IsAsciiDigit(p_[j + 1])) {  // 3.5
        ++j;
        continue;
      }
      if (!hyphenated && !(seen & kBitDigit) && !(flags & kTokNonAscii)) {
        size_t k = MatchDotted(start, j);
        if (k) {
          // "U.S.-backed" goes on as a compound; "U.S.-Mexico" does not.
          size_t hl = HyphenAt(k);
          size_t wl;
          uint8_t w = hl ? WordCharAt(k + hl, &wl) : 0;
          if (w && !(w & kBitUpper)) {
            hyphenated = true;
            if (hl > 1) flags |= kTokNonAscii;
            j = k + hl;
            seg = j;
            seg_upper = false;
            continue;
          }
          j = k;
          kind = DottedKind(start, k);
          kind_known = true;
          break;
        }
        size_t len = j - start;
        if (len <= kMaxAbbrevLen) {
          AbbrevClass ac = LookupAbbreviation(View(start, j));
          if (ac != AbbrevClass::kNone ||
              (len == 1 && IsAsciiUpper(p_[start]) && p_[start] != 'I')) {
            ++j;  // the period belongs to "Gen." and to the initial "J."
            kind = TokenKind::kAbbreviation;
            kind_known = true;
            title = ac == AbbrevClass::kTitle;
            break;
          }
        }
      }
      break;
    }

    if (c == ',') {
      // Thousands: a group of at most three digits, a comma, exactly three.
      if (numeric && j + 3 < n_ && IsAsciiDigit(p_[j + 1]) &&
          IsAsciiDigit(p_[j + 2]) && IsAsciiDigit(p_[j + 3]) &&
          (j + 4 == n_ || !IsAsciiDigit(p_[j + 4])) &&
          !(j >= start + 4 && IsAsciiDigit(p_[j - 4]))) {
        j += 4;
        continue;
      }
      break;
    }

    if (c == '/' || c == ':') {  // 9/11, 24/7, 10:30
      if (numeric && j + 1 < n_ && IsAsciiDigit(p_[j + 1])) {
        ++j;
        continue;
      }
      break;
    }

    if (size_t hl = HyphenAt(j)) {
      size_t wl;
      uint8_t w = WordCharAt(j + hl, &wl);
      if (!w) break;
      // Two capitalised parts are two names: "US-Mexico", "Venezuela-Colombia".
      if ((w & kBitUpper) && seg_upper && !IsHyphenPrefix(View(seg, j))) break;
      hyphenated = true;
      if (hl > 1) flags |= kTokNonAscii;
      j += hl;
      seg = j;
      seg_upper = w & kBitUpper;
      continue;
    }

    if (size_t al = ApostropheAt(j)) {
      size_t k = j + al;
      size_t wl;
      uint8_t w = WordCharAt(k, &wl);
      if (!(w & kBitLetter) || numeric) break;
      uint8_t af = al > 1 ? kTokNonAscii : 0;
      if ((p_[k] == 's' || p_[k] == 'S') && !IsWordCharAt(k + 1)) {
        // "it's", "that's", "let's" are one word; "Mexico's" is not.
        if (!hyphenated && IsSContractionBase(View(start, j))) {
          j = k + 1;
          flags |= af;
        }
        break;
      }
      flags |= af;
      j = k;  // didn't, we'll, O'Brien
      continue;
    }
    break;
  }

  if (hyphenated) flags |= kTokHyphenated;
  if (kind_known) {
    if (kind == TokenKind::kAcronym && j - start >= 4) flags |= kTokAllCaps;
  } else {
    kind = ClassifyWord(start, j, seen, digit_first, hyphenated, &flags);
  }
  // Abbreviations and dotted acronyms ("Gen.", "U.S.") may end a sentence.
  Emit(start, j, kind, flags,
       kind_known ? (Mark::StopBits(Stop::kAbbrev) | (title ? Mark::kTitle : 0))
                  : 0);

  // A possessive directly after the word: "'s" / "’s", or a lone apostrophe
  // after a plural in -s ("officials'") unless it closes a single quote.
  if (size_t al = ApostropheAt(j)) {
    size_t k = j + al;
    uint8_t pf = al > 1 ? kTokNonAscii : 0;
    if (k < n_ && (p_[k] == 's' || p_[k] == 'S') && !IsWordCharAt(k + 1)) {
      Emit(j, k + 1, TokenKind::kPossessive, pf);
      return k + 1;
    }
    if (!IsWordCharAt(k) && !single_quote_open_ && !digit_first &&
        (p_[j - 1] == 's' || p_[j - 1] == 'S') &&
        (kind == TokenKind::kWord || kind == TokenKind::kAcronym)) {
      Emit(j, k, TokenKind::kPossessive, pf);
      return k;
    }
  }
  return j;
}

}  // namespace

void TokenizeRange(std::string_view text, size_t begin, size_t end,
                   std::vector<Token>* out, std::vector<Mark>* marks) {
  if (end > text.size()) end = text.size();
  // Offsets are 32-bit (as everywhere in Document): text past 4 GiB, which
  // no reader produces, is left untokenized rather than mis-addressed.
  end = std::min<size_t>(end, UINT32_MAX);
  if (begin >= end) return;
  Scanner scanner(text, begin, end, out, marks);
  scanner.Run(/*bulk=*/true);
}

void TokenizeRangeBytewise(std::string_view text, size_t begin, size_t end,
                           std::vector<Token>* out, std::vector<Mark>* marks) {
  if (end > text.size()) end = text.size();
  end = std::min<size_t>(end, UINT32_MAX);
  if (begin >= end) return;
  Scanner scanner(text, begin, end, out, marks);
  scanner.Run(/*bulk=*/false);
}

void TokenizeBytewise(std::string_view text, std::vector<Token>* out) {
  out->clear();
  if (text.empty()) return;
  Scanner scanner(text, 0, text.size(), out, nullptr);
  scanner.Run(/*bulk=*/false);
}

}  // namespace text_internal

void Tokenize(std::string_view text, std::vector<Token>* out) {
  out->clear();
  out->reserve(text_internal::TokenCapacityHint(text.size()));
  text_internal::TokenizeRange(text, 0, text.size(), out);
}

}  // namespace vigil
