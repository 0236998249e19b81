// The whole extractor on arbitrary text, the way `vigil ingest` runs it: the
// bytes are read as a plain-text file (metadata lines, so relative dates
// resolve against a publication date the input may give), annotated,
// extracted and turned into the rows and JSON the store keeps. Every span
// lies inside the text, every index points at an existing mention, every
// figure is finite, and the JSON parses.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <simdjson.h>

#include "fuzz.h"
#include "vigil/pipeline.h"

namespace vigil::fuzz {

namespace {

const Resources& LoadResources() {
  static const Resources* resources = [] {
    auto r = Resources::LoadDefault();
    if (!r.ok()) {
      std::fprintf(stderr, "extract fuzz target: %s (set VIGIL_RESOURCES)\n",
                   r.status().ToString().c_str());
      std::abort();
    }
    return r.value().release();
  }();
  return *resources;
}

void CheckSpan(const Document& doc, Span s) {
  FUZZ_CHECK(s.begin <= s.end);
  FUZZ_CHECK(s.end <= doc.text.size());
}

template <typename T>
void CheckIndex(int i, const std::vector<T>& v) {
  FUZZ_CHECK(i >= -1 && i < static_cast<int>(v.size()));
}

void CheckFigure(const std::optional<Figure>& f, const Mentions& m) {
  if (!f) return;
  FUZZ_CHECK(std::isfinite(f->value) && std::isfinite(f->high));
  CheckIndex(f->quantity, m.quantities);
}

}  // namespace

int FuzzExtract(const uint8_t* data, size_t size) {
  static const Pipeline* pipeline = new Pipeline(&LoadResources());
  vigil::RawItem item;
  item.origin = "fuzz.txt";
  item.kind = RawKind::kText;
  item.bytes.assign(reinterpret_cast<const char*>(data), size);
  auto doc = ParseRawItem(item, ReadOptions());
  if (!doc.ok()) return 0;
  Annotated a;
  pipeline->Annotate(*doc, &a);
  Mentions m;
  pipeline->Extract(*doc, a, &m);

  for (const auto& x : m.actors) CheckSpan(*doc, x.span);
  for (const auto& x : m.places) {
    CheckSpan(*doc, x.span);
    FUZZ_CHECK(std::isfinite(x.lat) && std::isfinite(x.lon));
  }
  for (const auto& x : m.quantities) {
    CheckSpan(*doc, x.span);
    FUZZ_CHECK(std::isfinite(x.value) && std::isfinite(x.high));
  }
  for (const auto& x : m.times) CheckSpan(*doc, x.span);
  for (const EventMention& e : m.events) {
    FUZZ_CHECK(e.sentence < a.sentences.size());
    CheckSpan(*doc, e.span);
    CheckSpan(*doc, e.trigger);
    CheckSpan(*doc, e.status_cue);
    CheckSpan(*doc, e.attribution.span);
    FUZZ_CHECK(!e.type.empty());
    for (int i : e.actors) FUZZ_CHECK(i >= 0 && i < static_cast<int>(m.actors.size()));
    for (int i : e.targets) FUZZ_CHECK(i >= 0 && i < static_cast<int>(m.actors.size()));
    for (int i : e.quantities) FUZZ_CHECK(i >= 0 && i < static_cast<int>(m.quantities.size()));
    CheckIndex(e.place, m.places);
    CheckIndex(e.time, m.times);
    for (const auto* f : {&e.killed, &e.injured, &e.survivors, &e.missing, &e.vessels,
                          &e.count, &e.troops})
      CheckFigure(*f, m);
    FUZZ_CHECK(e.attribution.anonymous_sources >= 0);
  }

  MentionsToStore rows = Pipeline::ToStore(*doc, m);
  FUZZ_CHECK(rows.events.size() == m.events.size());
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  FUZZ_CHECK(IsUtf8(rows.json));
  FUZZ_CHECK(parser.parse(rows.json).get(root) == simdjson::SUCCESS);
  for (const EventMentionRow& r : rows.events) {
    FUZZ_CHECK(IsUtf8(r.json));
    FUZZ_CHECK(parser.parse(r.json).get(root) == simdjson::SUCCESS);
  }
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzExtract)
