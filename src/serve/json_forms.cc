#include "serve/json_forms.h"

#include "vigil/serve.h"

namespace vigil {

namespace {

Json StrOrNull(const std::string& s) { return s.empty() ? Json() : Json(s); }

Json CountsObject(const std::vector<CountRow>& rows) {
  Json j = Json::object();
  for (const CountRow& r : rows) j[r.key] = r.count;
  return j;
}

}  // namespace

std::string DumpJson(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json StatsObject(const StoreStats& s) {
  Json j;
  j["schema_version"] = s.schema_version;
  j["documents"] = s.documents;
  j["versions"] = s.versions;
  j["sentences"] = s.sentences;
  j["outlets"] = s.outlets;
  j["text_bytes"] = s.text_bytes;
  j["by_outlet"] = CountsObject(s.by_outlet);
  j["by_language"] = CountsObject(s.by_language);
  j["by_date"] = CountsObject(s.by_date);
  j["by_format"] = CountsObject(s.by_format);
  j["event_mentions"] = s.event_mentions;
  j["mentions_by_type"] = CountsObject(s.mentions_by_type);
  return j;
}

Json DocumentObject(const DocumentRow& d) {
  Json j;
  j["id"] = d.id;
  j["content_hash"] = d.content_hash;
  j["origin"] = d.origin;
  j["format"] = d.format;
  if (!d.meta.external_id.empty()) j["external_id"] = d.meta.external_id;
  j["url"] = StrOrNull(d.meta.url);
  j["title"] = StrOrNull(d.meta.title);
  j["outlet"] = StrOrNull(d.meta.outlet);
  j["author"] = StrOrNull(d.meta.author);
  j["published"] = StrOrNull(d.meta.published);
  j["language"] = d.language;
  j["language_reliable"] = d.language_reliable;
  j["previous_version"] = d.previous_version ? Json(d.previous_version) : Json();
  j["ingested_at"] = d.ingested_at;
  j["sentences"] = d.sentence_count;
  j["text_bytes"] = d.text_bytes;
  return j;
}

Json DocumentDetailObject(const DocumentRow& doc, const std::vector<SentenceRow>& sentences) {
  Json j = DocumentObject(doc);
  j["notes"] = doc.notes;
  j["text"] = doc.text;
  Json blocks = Json::array();
  for (const Block& b : doc.blocks)
    blocks.push_back({{"kind", BlockKindName(b.kind)}, {"begin", b.begin}, {"end", b.end}});
  j["blocks"] = std::move(blocks);
  Json sents = Json::array();
  for (const SentenceRow& s : sentences)
    sents.push_back({{"index", s.index}, {"begin", s.begin}, {"end", s.end}, {"block", s.block},
                     {"text", s.text}});
  j["sentence_list"] = std::move(sents);
  return j;
}

std::string StatsJson(const StoreStats& stats) { return DumpJson(StatsObject(stats)); }
std::string DocumentJson(const DocumentRow& doc) { return DumpJson(DocumentObject(doc)); }
std::string DocumentDetailJson(const DocumentRow& doc, const std::vector<SentenceRow>& sentences) {
  return DumpJson(DocumentDetailObject(doc, sentences));
}

}  // namespace vigil
