// JSON form of mentions: docs/MENTIONS.md. Written with the streaming
// JsonWriter in a fixed field order, so that output is stable and diffable
// and costs little next to extraction itself.

#include "base/json_writer.h"
#include "vigil/extract.h"

namespace vigil {

namespace {

std::string_view Cut(const Document& doc, Span s) {
  if (s.end > doc.text.size() || s.begin > s.end) return {};
  return std::string_view(doc.text).substr(s.begin, s.end - s.begin);
}

void WriteSpan(JsonWriter& w, Span s) { w.BeginArray().Int(s.begin).Int(s.end).EndArray(); }

void WriteIndex(JsonWriter& w, int i) {
  if (i >= 0) w.Int(i);
  else w.Null();
}

void WriteFigure(JsonWriter& w, const std::optional<Figure>& f) {
  if (!f) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("value").Double(f->value);
  if (f->high != f->value) w.Key("high").Double(f->high);
  w.Key("qualifier").String(QualifierName(f->qualifier));
  w.Key("quantity").Int(f->quantity);
  w.EndObject();
}

void WriteAttribution(JsonWriter& w, const Document& doc, const Attribution& a) {
  w.BeginObject();
  w.Key("speaker").StringOrNull(a.speaker);
  w.Key("speaker_id").StringOrNull(a.speaker_id);
  w.Key("role").StringOrNull(a.role);
  w.Key("medium").StringOrNull(a.medium);
  w.Key("anonymous_sources").Int(a.anonymous_sources);
  w.Key("source_kind").StringOrNull(a.source_kind);
  w.Key("outlet_cited").StringOrNull(a.outlet_cited);
  w.Key("span");
  if (a.span.empty()) w.Null();
  else WriteSpan(w, a.span);
  w.Key("text");
  if (a.span.empty()) w.Null();
  else w.String(Cut(doc, a.span));
  w.EndObject();
}

void WriteEvent(JsonWriter& w, const Document& doc, const Mentions& m, size_t i) {
  const EventMention& e = m.events[i];
  w.BeginObject();
  w.Key("index").Int(static_cast<int64_t>(i));
  w.Key("type").String(e.type);
  w.Key("mode").StringOrNull(e.mode);
  w.Key("status").String(EventStatusName(e.status));
  w.Key("generic").Bool(e.generic);
  w.Key("negated").Bool(e.negated);
  w.Key("running_total").Bool(e.running_total);
  w.Key("total_figures").Bool(e.total_figures);
  w.Key("tally_scope").BeginArray();
  for (const std::string& s : e.tally_scope) w.String(s);
  w.EndArray();
  w.Key("sentence").Int(e.sentence);
  w.Key("span");
  WriteSpan(w, e.span);
  w.Key("text").String(Cut(doc, e.span));
  w.Key("trigger").BeginObject();
  w.Key("span");
  WriteSpan(w, e.trigger);
  w.Key("text").String(Cut(doc, e.trigger));
  w.EndObject();
  w.Key("status_cue");
  if (e.status_cue.empty()) {
    w.Null();
  } else {
    w.BeginObject().Key("span");
    WriteSpan(w, e.status_cue);
    w.Key("text").String(Cut(doc, e.status_cue)).EndObject();
  }
  w.Key("actors").BeginArray();
  for (int a : e.actors) w.Int(a);
  w.EndArray();
  w.Key("targets").BeginArray();
  for (int a : e.targets) w.Int(a);
  w.EndArray();
  w.Key("target_things").BeginArray();
  for (const std::string& t : e.target_things) w.String(t);
  w.EndArray();
  w.Key("place");
  WriteIndex(w, e.place);
  w.Key("time");
  WriteIndex(w, e.time);
  w.Key("time_of_statement").Bool(e.time_of_statement);
  w.Key("killed");
  WriteFigure(w, e.killed);
  w.Key("injured");
  WriteFigure(w, e.injured);
  w.Key("survivors");
  WriteFigure(w, e.survivors);
  w.Key("missing");
  WriteFigure(w, e.missing);
  w.Key("vessels");
  WriteFigure(w, e.vessels);
  w.Key("count");
  WriteFigure(w, e.count);
  w.Key("troops");
  WriteFigure(w, e.troops);
  w.Key("ordinal");
  if (e.ordinal) w.Int(*e.ordinal);
  else w.Null();
  w.Key("quantities").BeginArray();
  for (int q : e.quantities) w.Int(q);
  w.EndArray();
  w.Key("attribution");
  WriteAttribution(w, doc, e.attribution);
  w.Key("group");
  WriteIndex(w, e.group);
  w.EndObject();
}

}  // namespace

std::string EventMentionToJson(const Document& doc, const Mentions& m, size_t event) {
  std::string out;
  JsonWriter w(&out);
  WriteEvent(w, doc, m, event);
  return out;
}

std::string MentionsToJson(const Document& doc, int64_t doc_id, const Mentions& m) {
  std::string out;
  out.reserve(4096);
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("schema").String("vigil.mentions/" + std::to_string(kMentionSchemaVersion));
  w.Key("document").BeginObject();
  w.Key("id");
  if (doc_id) w.Int(doc_id);
  else w.Null();
  w.Key("origin").String(doc.origin);
  w.Key("external_id").StringOrNull(doc.meta.external_id);
  w.Key("url").StringOrNull(doc.meta.url);
  w.Key("outlet").StringOrNull(doc.meta.outlet);
  w.Key("published").StringOrNull(doc.meta.published);
  w.Key("title").StringOrNull(doc.meta.title);
  w.Key("language").String(doc.language);
  w.EndObject();

  w.Key("actors").BeginArray();
  for (const ActorMention& a : m.actors) {
    w.BeginObject();
    w.Key("span");
    if (a.implied) w.Null();
    else WriteSpan(w, a.span);
    w.Key("text");
    if (a.implied) w.Null();
    else w.String(Cut(doc, a.span));
    w.Key("actor_id").StringOrNull(a.actor_id);
    w.Key("name").String(a.name);
    w.Key("kind").String(a.kind);
    w.Key("country").StringOrNull(a.country);
    w.Key("sector").StringOrNull(a.sector);
    w.Key("role").StringOrNull(a.role);
    w.Key("via_demonym").Bool(a.via_demonym);
    w.Key("via_capital").Bool(a.via_capital);
    w.Key("implied").Bool(a.implied);
    w.Key("sentence").Int(a.sentence);
    w.EndObject();
  }
  w.EndArray();

  w.Key("places").BeginArray();
  for (const PlaceMention& p : m.places) {
    w.BeginObject();
    w.Key("span");
    WriteSpan(w, p.span);
    w.Key("text").String(Cut(doc, p.span));
    w.Key("place_id").String(p.place_id);
    w.Key("name").String(p.name);
    w.Key("kind").String(p.kind);
    w.Key("country").StringOrNull(p.country);
    w.Key("lat").Double(p.lat);
    w.Key("lon").Double(p.lon);
    w.Key("qualifier").StringOrNull(p.qualifier);
    w.Key("sentence").Int(p.sentence);
    w.EndObject();
  }
  w.EndArray();

  w.Key("quantities").BeginArray();
  for (const Quantity& q : m.quantities) {
    w.BeginObject();
    w.Key("span");
    WriteSpan(w, q.span);
    w.Key("text").String(Cut(doc, q.span));
    w.Key("number");
    WriteSpan(w, q.number);
    w.Key("value").Double(q.value);
    if (q.high != q.value) w.Key("high").Double(q.high);
    w.Key("qualifier").String(QualifierName(q.qualifier));
    w.Key("counted").String(CountedName(q.counted));
    w.Key("ordinal").Bool(q.is_ordinal);
    w.Key("sentence").Int(q.sentence);
    w.EndObject();
  }
  w.EndArray();

  w.Key("times").BeginArray();
  for (const TimeExpr& t : m.times) {
    w.BeginObject();
    w.Key("span");
    WriteSpan(w, t.span);
    w.Key("text").String(Cut(doc, t.span));
    w.Key("start").StringOrNull(t.start);
    w.Key("end").StringOrNull(t.end);
    w.Key("precision").String(TimePrecisionName(t.precision));
    w.Key("relative").Bool(t.relative);
    w.Key("list_prefix").Bool(t.list_prefix);
    w.Key("sentence").Int(t.sentence);
    w.EndObject();
  }
  w.EndArray();

  w.Key("events").BeginArray();
  for (size_t i = 0; i < m.events.size(); ++i) WriteEvent(w, doc, m, i);
  w.EndArray();
  w.Key("cited_outlets").BeginArray();
  for (const std::string& o : m.cited_outlets) w.String(o);
  w.EndArray();
  w.EndObject();
  return out;
}

}  // namespace vigil
