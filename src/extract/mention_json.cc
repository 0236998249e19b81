// JSON form of mentions: docs/MENTIONS.md. Field order is fixed (ordered
// JSON) so that output is stable and diffable.

#include <nlohmann/json.hpp>

#include "vigil/extract.h"

namespace vigil {

namespace {

using Json = nlohmann::ordered_json;

std::string_view Cut(const Document& doc, Span s) {
  if (s.end > doc.text.size() || s.begin > s.end) return {};
  return std::string_view(doc.text).substr(s.begin, s.end - s.begin);
}

Json SpanJson(Span s) { return Json::array({s.begin, s.end}); }

Json OrNull(const std::string& s) { return s.empty() ? Json() : Json(s); }

Json FigureJson(const std::optional<Figure>& f) {
  if (!f) return Json();
  Json j;
  j["value"] = f->value;
  if (f->high != f->value) j["high"] = f->high;
  j["qualifier"] = QualifierName(f->qualifier);
  j["quantity"] = f->quantity;
  return j;
}

Json AttributionJson(const Document& doc, const Attribution& a) {
  Json j;
  j["speaker"] = OrNull(a.speaker);
  j["speaker_id"] = OrNull(a.speaker_id);
  j["role"] = OrNull(a.role);
  j["medium"] = OrNull(a.medium);
  j["anonymous_sources"] = a.anonymous_sources;
  j["source_kind"] = OrNull(a.source_kind);
  j["outlet_cited"] = OrNull(a.outlet_cited);
  j["span"] = a.span.empty() ? Json() : SpanJson(a.span);
  j["text"] = a.span.empty() ? Json() : Json(std::string(Cut(doc, a.span)));
  return j;
}

Json EventJson(const Document& doc, const Mentions& m, size_t i) {
  const EventMention& e = m.events[i];
  Json j;
  j["index"] = i;
  j["type"] = e.type;
  j["mode"] = OrNull(e.mode);
  j["status"] = EventStatusName(e.status);
  j["generic"] = e.generic;
  j["negated"] = e.negated;
  j["running_total"] = e.running_total;
  j["tally_scope"] = e.tally_scope;
  j["sentence"] = e.sentence;
  j["span"] = SpanJson(e.span);
  j["text"] = std::string(Cut(doc, e.span));
  j["trigger"] = {{"span", SpanJson(e.trigger)}, {"text", std::string(Cut(doc, e.trigger))}};
  j["status_cue"] = e.status_cue.empty()
                        ? Json()
                        : Json({{"span", SpanJson(e.status_cue)},
                                {"text", std::string(Cut(doc, e.status_cue))}});
  Json actors = Json::array(), targets = Json::array();
  for (int a : e.actors) actors.push_back(a);
  for (int a : e.targets) targets.push_back(a);
  j["actors"] = actors;
  j["targets"] = targets;
  j["target_things"] = e.target_things;
  j["place"] = e.place >= 0 ? Json(e.place) : Json();
  j["time"] = e.time >= 0 ? Json(e.time) : Json();
  j["killed"] = FigureJson(e.killed);
  j["injured"] = FigureJson(e.injured);
  j["survivors"] = FigureJson(e.survivors);
  j["missing"] = FigureJson(e.missing);
  j["vessels"] = FigureJson(e.vessels);
  j["count"] = FigureJson(e.count);
  j["troops"] = FigureJson(e.troops);
  j["ordinal"] = e.ordinal ? Json(*e.ordinal) : Json();
  j["quantities"] = e.quantities;
  j["attribution"] = AttributionJson(doc, e.attribution);
  j["group"] = e.group >= 0 ? Json(e.group) : Json();
  return j;
}

}  // namespace

std::string EventMentionToJson(const Document& doc, const Mentions& m, size_t event) {
  return EventJson(doc, m, event).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string MentionsToJson(const Document& doc, int64_t doc_id, const Mentions& m) {
  Json j;
  j["schema"] = "vigil.mentions/" + std::to_string(kMentionSchemaVersion);
  Json d;
  d["id"] = doc_id ? Json(doc_id) : Json();
  d["origin"] = doc.origin;
  d["external_id"] = OrNull(doc.meta.external_id);
  d["url"] = OrNull(doc.meta.url);
  d["outlet"] = OrNull(doc.meta.outlet);
  d["published"] = OrNull(doc.meta.published);
  d["title"] = OrNull(doc.meta.title);
  d["language"] = doc.language;
  j["document"] = d;

  Json actors = Json::array();
  for (const ActorMention& a : m.actors) {
    Json x;
    x["span"] = a.implied ? Json() : SpanJson(a.span);
    x["text"] = a.implied ? Json() : Json(std::string(Cut(doc, a.span)));
    x["actor_id"] = OrNull(a.actor_id);
    x["name"] = a.name;
    x["kind"] = a.kind;
    x["country"] = OrNull(a.country);
    x["sector"] = OrNull(a.sector);
    x["role"] = OrNull(a.role);
    x["via_demonym"] = a.via_demonym;
    x["via_capital"] = a.via_capital;
    x["implied"] = a.implied;
    x["sentence"] = a.sentence;
    actors.push_back(std::move(x));
  }
  j["actors"] = actors;

  Json places = Json::array();
  for (const PlaceMention& p : m.places) {
    Json x;
    x["span"] = SpanJson(p.span);
    x["text"] = std::string(Cut(doc, p.span));
    x["place_id"] = p.place_id;
    x["name"] = p.name;
    x["kind"] = p.kind;
    x["country"] = OrNull(p.country);
    x["lat"] = p.lat;
    x["lon"] = p.lon;
    x["qualifier"] = OrNull(p.qualifier);
    x["sentence"] = p.sentence;
    places.push_back(std::move(x));
  }
  j["places"] = places;

  Json quantities = Json::array();
  for (const Quantity& q : m.quantities) {
    Json x;
    x["span"] = SpanJson(q.span);
    x["text"] = std::string(Cut(doc, q.span));
    x["number"] = SpanJson(q.number);
    x["value"] = q.value;
    if (q.high != q.value) x["high"] = q.high;
    x["qualifier"] = QualifierName(q.qualifier);
    x["counted"] = CountedName(q.counted);
    x["ordinal"] = q.is_ordinal;
    x["sentence"] = q.sentence;
    quantities.push_back(std::move(x));
  }
  j["quantities"] = quantities;

  Json times = Json::array();
  for (const TimeExpr& t : m.times) {
    Json x;
    x["span"] = SpanJson(t.span);
    x["text"] = std::string(Cut(doc, t.span));
    x["start"] = OrNull(t.start);
    x["end"] = OrNull(t.end);
    x["precision"] = TimePrecisionName(t.precision);
    x["relative"] = t.relative;
    x["list_prefix"] = t.list_prefix;
    x["sentence"] = t.sentence;
    times.push_back(std::move(x));
  }
  j["times"] = times;

  Json events = Json::array();
  for (size_t i = 0; i < m.events.size(); ++i) events.push_back(EventJson(doc, m, i));
  j["events"] = events;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace vigil
