// What every fuzz target shares: the failure report and a UTF-8 check
// written independently of src/base/utf8.cc, so that a bug there cannot hide
// itself.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/utf8.h"
#include "fuzz.h"

namespace vigil::fuzz {

namespace {
std::string& CurrentInput() {
  static std::string* name = new std::string();
  return *name;
}
}  // namespace

void SetCurrentInput(std::string name) { CurrentInput() = std::move(name); }

void CheckFailed(const char* file, int line, const char* what) {
  std::fprintf(stderr, "%s:%d: fuzz check failed: %s%s%s\n", file, line, what,
               CurrentInput().empty() ? "" : " (input ", CurrentInput().c_str());
  if (!CurrentInput().empty()) std::fputs(")\n", stderr);
  std::fflush(stderr);
  std::abort();
}

// Well-formed UTF-8 as Unicode defines it (table 3-7): no overlong forms,
// no surrogates, nothing above U+10FFFF.
bool IsUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n) return false;
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return false;
    for (int k = 2; k < len; ++k) {
      unsigned char ck = static_cast<unsigned char>(s[i + k]);
      if (ck < 0x80 || ck > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

Document DocumentOfParagraphs(std::string_view bytes) {
  std::string text(bytes);
  RepairUtf8(&text);
  Document doc;
  for (size_t at = 0; at <= text.size();) {
    size_t blank = text.find("\n\n", at);
    if (blank == std::string::npos) blank = text.size();
    std::string_view para(text.data() + at, blank - at);
    doc.AppendBlock(static_cast<BlockKind>(para.size() % 5), para);
    at = blank + 2;
  }
  return doc;
}

void CheckDocument(const Document& doc) {
  const DocumentMeta& m = doc.meta;
  for (const std::string* s : {&m.external_id, &m.title, &m.url, &m.outlet, &m.author,
                               &m.published, &m.lang})
    FUZZ_CHECK(IsUtf8(*s));
  FUZZ_CHECK(!doc.text.empty());
  FUZZ_CHECK(IsUtf8(doc.text));
  std::string nfc = doc.text;
  FUZZ_CHECK(NormalizeNfc(&nfc));
  FUZZ_CHECK(nfc == doc.text);
  FUZZ_CHECK(!doc.blocks.empty());
  uint32_t at = 0;
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    FUZZ_CHECK(b.begin < b.end);
    FUZZ_CHECK(b.end <= doc.text.size());
    FUZZ_CHECK(i == 0 ? b.begin == 0 : b.begin == at + 2);
    if (i > 0) FUZZ_CHECK(doc.text.compare(at, 2, "\n\n") == 0);
    std::string_view body(doc.text.data() + b.begin, b.end - b.begin);
    FUZZ_CHECK(TrimSpace(body).size() == body.size());
    at = b.end;
  }
  FUZZ_CHECK(at == doc.text.size());
  for (const std::string& note : doc.notes) FUZZ_CHECK(IsUtf8(note));
}

}  // namespace vigil::fuzz
