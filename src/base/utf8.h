// UTF-8 helpers: validation with repair, NFC, whitespace trimming.
#ifndef VIGIL_BASE_UTF8_H_
#define VIGIL_BASE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vigil {

// Returns true when every byte of |s| is below 0x80.
bool IsAscii(std::string_view s);

// Returns the offset of the first invalid UTF-8 sequence in |s|, or npos.
// Overlong forms, surrogates and code points above U+10FFFF are invalid.
size_t FindInvalidUtf8(std::string_view s);

// Replaces each invalid UTF-8 sequence in |s| with U+FFFD. Returns the number
// of replacements; |first_bad| (if not null) receives the byte offset of the
// first one in the input.
size_t RepairUtf8(std::string* s, size_t* first_bad = nullptr);

// Normalises valid UTF-8 |s| to Unicode NFC in place. ASCII input returns at
// once. Returns false if the library rejected the input (left unchanged).
bool NormalizeNfc(std::string* s);

// |s| folded for matching what a user typed: Unicode case folding with the
// accents stripped ("MICHOACÁN" and "Michoacan" both give "michoacan").
// Invalid UTF-8 is folded as ASCII only.
std::string FoldCaseAndAccents(std::string_view s);

// Returns |s| without leading and trailing ASCII whitespace, NBSP (U+00A0)
// and zero-width characters.
std::string_view TrimSpace(std::string_view s);

// Returns the longest prefix of |s| that has at most |max_bytes| bytes and
// does not end inside a UTF-8 sequence (for quoting input in messages).
std::string_view TruncateUtf8(std::string_view s, size_t max_bytes);

// Decodes the code point at |s[i]|, advancing |i|. Invalid bytes decode as
// U+FFFD and advance by one. |i| must be < s.size().
char32_t DecodeUtf8(std::string_view s, size_t* i);

// Appends the UTF-8 encoding of |cp| to |out|.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace vigil

#endif  // VIGIL_BASE_UTF8_H_
