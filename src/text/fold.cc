// FoldForMatching: the form lexicon matching runs on.
//
// ASCII runs are lower-cased eight bytes at a time (a SWAR compare); the few
// multi-byte sequences that fold (typographic quotes, dashes, Unicode
// spaces) are recognised by their bytes. Every fold shortens or keeps the
// length, so the output is sized once and trimmed at the end.
#include <array>
#include <cstdint>
#include <cstring>

#include "vigil/text.h"

namespace vigil {

namespace {

// Lower-cases the ASCII letters of eight ASCII bytes.
inline uint64_t LowerAscii8(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  // Each byte is < 0x80, so these sums never carry into the next byte; the
  // high bit of a byte becomes set when the byte is >= 'A' (resp. > 'Z').
  uint64_t ge_a = w + kOnes * (0x80 - 'A');
  uint64_t gt_z = w + kOnes * (0x80 - 'Z' - 1);
  uint64_t upper = ge_a & ~gt_z & (kOnes * 0x80);
  return w | (upper >> 2);  // 0x80 >> 2 == 0x20
}

constexpr std::array<char, 256> MakeLowerTable() {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
  return t;
}
constexpr std::array<char, 256> kLower = MakeLowerTable();

// Folds of U+2000..U+203F (E2 80 80..BF), indexed by the last byte - 0x80;
// 0 keeps the character.
constexpr std::array<char, 64> MakeGeneralPunctTable() {
  std::array<char, 64> t{};
  for (int c = 0x00; c <= 0x0A; ++c) t[c] = ' ';   // U+2000..U+200A spaces
  for (int c = 0x10; c <= 0x15; ++c) t[c] = '-';   // ‐ ‑ ‒ – — ―
  for (int c = 0x18; c <= 0x1B; ++c) t[c] = '\'';  // ‘ ’ ‚ ‛
  for (int c = 0x1C; c <= 0x1F; ++c) t[c] = '"';   // “ ” „ ‟
  t[0x2F] = ' ';                                   // narrow NBSP
  t[0x32] = '\'';                                  // ′
  t[0x33] = '"';                                   // ″
  return t;
}
constexpr std::array<char, 64> kGeneralPunct = MakeGeneralPunctTable();

}  // namespace

void FoldForMatching(std::string_view s, std::string* out) {
  out->resize(s.size());
  out->resize(FoldForMatching(s, out->data()));
}

size_t FoldForMatching(std::string_view s, char* d) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  size_t n = s.size(), i = 0, o = 0;
  while (i < n) {
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      w = LowerAscii8(w);
      std::memcpy(d + o, &w, 8);
      i += 8;
      o += 8;
    }
    if (i >= n) break;
    uint8_t c = p[i];
    if (c < 0x80) {
      d[o++] = kLower[c];
      ++i;
      continue;
    }
    char folded = 0;
    size_t len = 1;
    if (c == 0xE2 && i + 2 < n) {
      uint8_t c1 = p[i + 1], c2 = p[i + 2];
      if (c2 >= 0x80 && c2 <= 0xBF) {
        if (c1 == 0x80) {
          folded = kGeneralPunct[c2 - 0x80];
        } else if (c1 == 0x81 && c2 == 0x9F) {
          folded = ' ';  // medium mathematical space
        } else if (c1 == 0x88 && c2 == 0x92) {
          folded = '-';  // minus sign
        }
        len = 3;
      }
    } else if (c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {
      folded = ' ';
      len = 2;
    } else if (c == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x80) {
      folded = ' ';  // ideographic space
      len = 3;
    }
    if (folded) {
      d[o++] = folded;
      i += len;
    } else {
      // Kept as is, byte by byte: the continuation bytes of this sequence
      // never match a lead byte above and are copied on the next rounds.
      d[o++] = static_cast<char>(c);
      ++i;
    }
  }
  return o;
}

std::string FoldForMatching(std::string_view s) {
  std::string out;
  FoldForMatching(s, &out);
  return out;
}

}  // namespace vigil
