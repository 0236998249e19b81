#include "base/utf8.h"

#include <utf8proc.h>

#include <cstdlib>
#include <cstring>

namespace vigil {

bool IsAscii(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  // Eight bytes at a time: any byte with the top bit set fails.
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; i < n; ++i)
    if (p[i] & 0x80) return false;
  return true;
}

std::string FoldCaseAndAccents(std::string_view s) {
  std::string out(s);
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t len = -1;
  if (!IsAscii(out))
    len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                       static_cast<utf8proc_ssize_t>(s.size()), &folded,
                       static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK));
  if (len >= 0 && folded != nullptr) {
    out.assign(reinterpret_cast<const char*>(folded), static_cast<size_t>(len));
  } else {  // ASCII, or invalid UTF-8: ASCII letters only
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  std::free(folded);
  return out;
}

namespace {

// Length of the valid UTF-8 sequence at |p| (at most |n| bytes), or 0.
size_t ValidSequenceLength(const unsigned char* p, size_t n) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;  // continuation byte or overlong 2-byte lead
  if (c < 0xE0) {
    if (n < 2 || (p[1] & 0xC0) != 0x80) return 0;
    return 2;
  }
  if (c < 0xF0) {
    if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;   // overlong
    if (c == 0xED && p[1] >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c < 0xF5) {
    if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
        (p[3] & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;   // overlong
    if (c == 0xF4 && p[1] >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

size_t FindInvalidUtf8(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    size_t len = ValidSequenceLength(p + i, n - i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

size_t RepairUtf8(std::string* s, size_t* first_bad) {
  size_t bad = FindInvalidUtf8(*s);
  if (bad == std::string_view::npos) return 0;
  if (first_bad) *first_bad = bad;
  std::string out;
  out.reserve(s->size() + 16);
  out.append(*s, 0, bad);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s->data());
  size_t n = s->size(), i = bad, count = 0;
  while (i < n) {
    size_t len = p[i] < 0x80 ? 1 : ValidSequenceLength(p + i, n - i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++count;
      ++i;
    } else {
      out.append(s->data() + i, len);
      i += len;
    }
  }
  s->swap(out);
  return count;
}

bool NormalizeNfc(std::string* s) {
  if (IsAscii(*s)) return true;
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t len = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(s->data()),
      static_cast<utf8proc_ssize_t>(s->size()), &out,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (len < 0 || out == nullptr) {
    std::free(out);
    return false;
  }
  s->assign(reinterpret_cast<const char*>(out), static_cast<size_t>(len));
  std::free(out);
  return true;
}

namespace {

// Length of a leading "space-like" sequence at |s[i]|: ASCII whitespace,
// NBSP (C2 A0), zero-width space/joiners (E2 80 8B-8D), BOM (EF BB BF),
// and the Unicode spaces U+2000-U+200A, U+202F, U+3000.
size_t SpaceAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
    return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0)
    return 2;
  if (c == 0xE2 && i + 2 < s.size()) {
    unsigned char c1 = s[i + 1], c2 = s[i + 2];
    if (c1 == 0x80 && (c2 <= 0x8D || c2 == 0xAF)) return 3;
  }
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
      static_cast<unsigned char>(s[i + 2]) == 0xBF)
    return 3;
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80)
    return 3;
  return 0;
}

}  // namespace

std::string_view TrimSpace(std::string_view s) {
  size_t b = 0;
  while (b < s.size()) {
    size_t n = SpaceAt(s, b);
    if (n == 0) break;
    b += n;
  }
  size_t e = s.size();
  while (e > b) {
    // Walk back to the start of the last code point.
    size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    size_t n = SpaceAt(s, k);
    if (n == 0 || k + n != e) break;
    e = k;
  }
  return s.substr(b, e - b);
}

char32_t DecodeUtf8(std::string_view s, size_t* i) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data()) + *i;
  size_t len = ValidSequenceLength(p, s.size() - *i);
  if (len == 0) {
    *i += 1;
    return 0xFFFD;
  }
  *i += len;
  switch (len) {
    case 1: return p[0];
    case 2: return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    case 3: return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    default:
      return ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) |
             ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
  }
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string_view TruncateUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t i = max_bytes;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return s.substr(0, i);
}

}  // namespace vigil
