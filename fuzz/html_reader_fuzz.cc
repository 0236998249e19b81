// ReadHtmlArticle on arbitrary bytes: never crashes, returns valid UTF-8,
// and cutting script/style/svg bodies before parsing changes nothing (the
// speed-up of html_reader.cc must not change what a page says).

#include <string_view>

#include "fuzz.h"
#include "source/html_reader.h"

namespace vigil::fuzz {

namespace {
void CheckArticle(const HtmlArticle& a) {
  const DocumentMeta& m = a.meta;
  for (const std::string* s : {&m.title, &m.url, &m.outlet, &m.author, &m.published, &m.lang})
    FUZZ_CHECK(IsUtf8(*s));
  for (const auto& [kind, text] : a.blocks) {
    FUZZ_CHECK(IsUtf8(text));
    FUZZ_CHECK(!text.empty());
  }
}
}  // namespace

int FuzzHtmlReader(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  auto cut = ReadHtmlArticle(html, "fuzz.html");
  HtmlReadOptions whole;
  whole.cut_raw_text = false;
  auto full = ReadHtmlArticle(html, "fuzz.html", whole);
  FUZZ_CHECK(cut.ok() == full.ok());
  if (!cut.ok()) {
    FUZZ_CHECK(!cut.status().message().empty());
    return 0;
  }
  CheckArticle(*cut);
  FUZZ_CHECK(cut->blocks == full->blocks);
  FUZZ_CHECK(cut->meta.title == full->meta.title);
  FUZZ_CHECK(cut->meta.published == full->meta.published);
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzHtmlReader)
