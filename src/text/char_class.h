// Character classes shared by the tokenizer and the sentence splitter.
//
// ASCII bytes are classified by one 256-entry table; a byte at or above 0x80
// is a UTF-8 lead byte (decoded and classified by ClassifyCodePoint) or an
// invalid byte. The code point classification is deliberately small: Latin-1,
// Latin Extended, Greek and Cyrillic letters with their case; the common
// typographic punctuation (quotes, dashes, ellipsis, bullets) and spaces; the
// symbol blocks (currency, arrows, math, shapes, emoji). Everything else in
// the letter-bearing ranges of the BMP and beyond counts as a caseless letter,
// so text in other scripts forms words rather than runs of one-character
// symbols.
#ifndef VIGIL_TEXT_CHAR_CLASS_H_
#define VIGIL_TEXT_CHAR_CLASS_H_

#include <array>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vigil::text_internal {

// Low nibble of kByteClass: what a byte starts.
enum ByteClass : uint8_t {
  kBcSpace = 0,    // ASCII whitespace other than \n, and control characters
  kBcNewline = 1,  // \n
  kBcAlnum = 2,    // A-Z a-z 0-9
  kBcPeriod = 3,   // .
  kBcHyphen = 4,   // -
  kBcApos = 5,     // '
  kBcPunct = 6,    // , ; : ! ? ( ) [ ] { } " `
  kBcSymbol = 7,   // $ % & @ # / + * = < > ^ ~ | \ _
  kBcLead = 8,     // C2..F4: starts a multi-byte sequence
  kBcInvalid = 9,  // 80..C1, F5..FF: never starts a valid sequence
};

// High bits of kByteClass for alphanumeric ASCII bytes. A word scanner ORs
// them together to learn what a token contains without a second pass.
inline constexpr uint8_t kBitLower = 0x10;
inline constexpr uint8_t kBitUpper = 0x20;
inline constexpr uint8_t kBitDigit = 0x40;
inline constexpr uint8_t kBitLetter = kBitLower | kBitUpper;
inline constexpr uint8_t kAlnumBits = kBitLower | kBitUpper | kBitDigit;
// Set for the bytes that may continue or attach to a word after a run of
// ASCII letters: . - ' and UTF-8 lead bytes; after a run of digits also
// , : / ("10,000", "10:30", "9/11"), which are not marked. A word ending at
// any other byte (a space, most punctuation) is complete.
inline constexpr uint8_t kBitConnector = 0x80;
inline constexpr uint8_t kClassMask = 0x0F;

constexpr std::array<uint8_t, 256> MakeByteClassTable() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    uint8_t v = kBcSpace;
    if (c == '\n') {
      v = kBcNewline;
    } else if (c >= 'a' && c <= 'z') {
      v = kBcAlnum | kBitLower;
    } else if (c >= 'A' && c <= 'Z') {
      v = kBcAlnum | kBitUpper;
    } else if (c >= '0' && c <= '9') {
      v = kBcAlnum | kBitDigit;
    } else if (c == '.') {
      v = kBcPeriod;
    } else if (c == '-') {
      v = kBcHyphen;
    } else if (c == '\'') {
      v = kBcApos;
    } else if (c < 0x20 || c == 0x7F || c == ' ') {
      v = kBcSpace;
    } else if (c < 0x80) {
      switch (c) {
        case ',':
        case ';':
        case ':':
        case '!':
        case '?':
        case '(':
        case ')':
        case '[':
        case ']':
        case '{':
        case '}':
        case '"':
        case '`':
          v = kBcPunct;
          break;
        default:
          v = kBcSymbol;
      }
    } else if (c >= 0xC2 && c <= 0xF4) {
      v = kBcLead;
    } else {
      v = kBcInvalid;
    }
    if (c == '.' || c == '-' || c == '\'' || (c >= 0xC2 && c <= 0xF4))
      v |= kBitConnector;
    t[c] = v;
  }
  return t;
}

inline constexpr std::array<uint8_t, 256> kByteClass = MakeByteClassTable();

inline bool IsAsciiDigit(uint8_t c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiUpper(uint8_t c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(uint8_t c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiLetter(uint8_t c) {
  return IsAsciiUpper(c) || IsAsciiLower(c);
}
inline bool IsContinuation(uint8_t c) { return (c & 0xC0) == 0x80; }

// Returns the end of the run of ASCII letters and digits that starts at |i|
// in |p|[0, |n|), OR-ing kBitLower/kBitUpper/kBitDigit for what the run
// contains into |*seen|. With SSE2 it classifies sixteen bytes at a time and
// finds the end with one bit scan, so the loop exit is not a per-byte branch
// (word lengths are too irregular for the branch predictor).
inline size_t AsciiAlnumRun(const uint8_t* p, size_t i, size_t n,
                            uint8_t* seen) {
  uint8_t acc = 0;
#if defined(__SSE2__)
  // Signed compares after a bias: x + (0x80 - lo) < 0x80 + count as signed
  // bytes exactly when lo <= x < lo + count.
  const __m128i bias_lower = _mm_set1_epi8(static_cast<char>(0x80 - 'a'));
  const __m128i bias_upper = _mm_set1_epi8(static_cast<char>(0x80 - 'A'));
  const __m128i bias_digit = _mm_set1_epi8(static_cast<char>(0x80 - '0'));
  const __m128i limit_letter = _mm_set1_epi8(static_cast<char>(0x80 + 26));
  const __m128i limit_digit = _mm_set1_epi8(static_cast<char>(0x80 + 10));
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    unsigned lower = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_cmplt_epi8(_mm_add_epi8(v, bias_lower), limit_letter)));
    unsigned upper = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_cmplt_epi8(_mm_add_epi8(v, bias_upper), limit_letter)));
    unsigned digit = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_cmplt_epi8(_mm_add_epi8(v, bias_digit), limit_digit)));
    unsigned other = ~(lower | upper | digit) & 0xFFFF;
    unsigned run = other ? static_cast<unsigned>(__builtin_ctz(other)) : 16;
    unsigned prefix = (1u << run) - 1;  // run <= 16: no overflow
    acc |= ((lower & prefix) ? kBitLower : 0) |
           ((upper & prefix) ? kBitUpper : 0) |
           ((digit & prefix) ? kBitDigit : 0);
    i += run;
    if (run < 16) {
      *seen |= acc;
      return i;
    }
  }
#endif
  while (i < n) {
    uint8_t b = kByteClass[p[i]];
    if (!(b & kAlnumBits)) break;
    acc |= b;
    ++i;
  }
  *seen |= acc & kAlnumBits;
  return i;
}

// The classification of 64 bytes of text at once: bit k of each mask
// describes byte k. The tokenizer finds token starts and word ends in it
// with shifts and bit scans.
struct AlnumWindow {
  uint64_t alnum = 0;  // A-Z a-z 0-9
  uint64_t upper = 0;  // A-Z
  uint64_t digit = 0;  // 0-9
  uint64_t space = 0;  // ' ' (other whitespace is rarer, handled bytewise)

  // Classifies |p|[|at|, |at| + 64), which must be readable.
  void Fill(const uint8_t* p, size_t at) {
#if defined(__SSE2__)
    const __m128i case_bit = _mm_set1_epi8(0x20);
    const __m128i blank = _mm_set1_epi8(' ');
    const __m128i bias_letter = _mm_set1_epi8(static_cast<char>(0x80 - 'a'));
    const __m128i bias_digit = _mm_set1_epi8(static_cast<char>(0x80 - '0'));
    const __m128i limit_letter = _mm_set1_epi8(static_cast<char>(0x80 + 26));
    const __m128i limit_digit = _mm_set1_epi8(static_cast<char>(0x80 + 10));
    uint64_t a = 0, u = 0, d = 0, s = 0;
    for (int k = 0; k < 4; ++k) {
      __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at + 16 * k));
      // Letters: lower-case by setting bit 5, then compare with a..z.
      uint64_t letter = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmplt_epi8(
          _mm_add_epi8(_mm_or_si128(v, case_bit), bias_letter), limit_letter)));
      uint64_t dig = static_cast<uint32_t>(_mm_movemask_epi8(
          _mm_cmplt_epi8(_mm_add_epi8(v, bias_digit), limit_digit)));
      // Bit 5 of each byte moved to bit 7: set for lower case.
      uint64_t lower_case =
          static_cast<uint32_t>(_mm_movemask_epi8(_mm_slli_epi16(v, 2)));
      uint64_t sp =
          static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, blank)));
      a |= (letter | dig) << (16 * k);
      u |= (letter & ~lower_case & 0xFFFF) << (16 * k);
      d |= dig << (16 * k);
      s |= sp << (16 * k);
    }
    alnum = a;
    upper = u;
    digit = d;
    space = s;
#else
    alnum = upper = digit = space = 0;
    for (int k = 0; k < 64; ++k) {
      uint8_t c = p[at + k];
      uint64_t bit = uint64_t{1} << k;
      uint8_t b = kByteClass[c];
      if (b & kAlnumBits) alnum |= bit;
      if (b & kBitUpper) upper |= bit;
      if (b & kBitDigit) digit |= bit;
      if (c == ' ') space |= bit;
    }
#endif
  }
};

struct Decoded {
  char32_t cp = 0;
  uint32_t len = 0;  // 0: invalid sequence
};

// Decodes the UTF-8 sequence at |p| (|avail| > 0 bytes readable). Overlong
// forms, surrogates, truncated sequences and code points above U+10FFFF are
// invalid (len 0), exactly as base/utf8.h's FindInvalidUtf8 judges them.
inline Decoded DecodeAt(const uint8_t* p, size_t avail) {
  uint8_t c = p[0];
  if (c < 0x80) return {c, 1};
  if (c < 0xC2) return {};
  if (c < 0xE0) {
    if (avail < 2 || !IsContinuation(p[1])) return {};
    return {static_cast<char32_t>(((c & 0x1F) << 6) | (p[1] & 0x3F)), 2};
  }
  if (c < 0xF0) {
    if (avail < 3 || !IsContinuation(p[1]) || !IsContinuation(p[2])) return {};
    if (c == 0xE0 && p[1] < 0xA0) return {};
    if (c == 0xED && p[1] >= 0xA0) return {};
    return {static_cast<char32_t>(((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) |
                                  (p[2] & 0x3F)),
            3};
  }
  if (c < 0xF5) {
    if (avail < 4 || !IsContinuation(p[1]) || !IsContinuation(p[2]) ||
        !IsContinuation(p[3]))
      return {};
    if (c == 0xF0 && p[1] < 0x90) return {};
    if (c == 0xF4 && p[1] >= 0x90) return {};
    return {static_cast<char32_t>(((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) |
                                  ((p[2] & 0x3F) << 6) | (p[3] & 0x3F)),
            4};
  }
  return {};
}

enum CodePointClass : uint8_t {
  kCpSpace = 0,    // NBSP, Unicode spaces, zero-width and format characters
  kCpNewline = 1,  // U+0085, U+2028, U+2029
  kCpLower = 2,    // a letter that is not upper case (incl. caseless scripts)
  kCpUpper = 3,    // an upper-case letter
  kCpPunct = 4,    // quotes, dashes, ellipsis, bullets, « » ¿ ¡ ...
  kCpSymbol = 5,   // currency, math, arrows, shapes, emoji, private use ...
};

// Classifies a non-ASCII code point (>= 0x80).
CodePointClass ClassifyCodePoint(char32_t cp);

}  // namespace vigil::text_internal

#endif  // VIGIL_TEXT_CHAR_CLASS_H_
