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
        case ',': case ';': case ':': case '!': case '?': case '(': case ')':
        case '[': case ']': case '{': case '}': case '"': case '`':
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
    t[c] = v;
  }
  return t;
}

inline constexpr std::array<uint8_t, 256> kByteClass = MakeByteClassTable();

inline bool IsAsciiDigit(uint8_t c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiUpper(uint8_t c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(uint8_t c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiLetter(uint8_t c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
inline bool IsContinuation(uint8_t c) { return (c & 0xC0) == 0x80; }

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
