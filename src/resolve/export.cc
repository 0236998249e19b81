// The ledger's output formats (CSV, GeoJSON, PLOVER-style JSON Lines) and
// the campaign tally comparison. docs/EVENTS.md documents each.

#include <algorithm>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "base/json_writer.h"
#include "vigil/export.h"

namespace vigil {

namespace {

using Json = nlohmann::json;

std::string Num(std::optional<double> v) {
  if (!v) return "";
  char buf[32];
  if (*v == static_cast<double>(static_cast<long long>(*v)))
    std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(*v));
  else
    std::snprintf(buf, sizeof(buf), "%g", *v);
  return buf;
}

// RFC 4180 field: quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string Names(const Json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const Json& a : list)
    if (a.is_object() && a["name"].is_string())
      out += (out.empty() ? "" : "; ") + a["name"].get<std::string>();
  return out;
}

std::optional<double> Best(const std::optional<FigureRange>& r) {
  if (!r) return std::nullopt;
  return r->best;
}

}  // namespace

const std::vector<std::string>& EventCsvColumns() {
  static const std::vector<std::string> kColumns = {
      "id", "type", "mode", "status", "date_start", "date_end", "date_precision", "place",
      "place_kind", "country", "lat", "lon", "actors", "targets", "killed_low", "killed_best",
      "killed_high", "injured", "survivors", "missing", "vessels", "troops", "count", "strikes",
      "reports",
      "origins",
      "first_reported", "flags", "campaigns"};
  return kColumns;
}

std::string EventsCsv(const std::vector<EventRow>& events) {
  std::string out;
  const auto& cols = EventCsvColumns();
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i];
  out += "\r\n";
  for (const EventRow& e : events) {
    Json j = Json::parse(e.json, nullptr, false);
    std::string flags, campaigns;
    if (j.is_object()) {
      for (const Json& f : j["flags"])
        if (f.is_object()) flags += (flags.empty() ? "" : "; ") + f.value("kind", "");
      for (const Json& c : j["campaigns"])
        if (c.is_string()) campaigns += (campaigns.empty() ? "" : "; ") + c.get<std::string>();
    }
    std::vector<std::string> row = {
        e.key, e.type, e.mode, e.status, e.date_start, e.date_end, e.date_precision,
        e.place_name, e.place_kind, e.place_country, Num(e.lat), Num(e.lon),
        j.is_object() ? Names(j["actors"]) : "", j.is_object() ? Names(j["targets"]) : "",
        e.killed ? Num(e.killed->low) : "", Num(Best(e.killed)),
        e.killed ? Num(e.killed->high) : "", Num(Best(e.injured)), Num(Best(e.survivors)),
        Num(Best(e.missing)), Num(e.vessels), Num(e.troops), Num(e.count), Num(e.strikes), std::to_string(e.reports), std::to_string(e.origins),
        e.first_reported, flags, campaigns};
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + CsvField(row[i]);
    out += "\r\n";
  }
  return out;
}

std::string EventsGeoJson(const std::vector<EventRow>& events) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("type").String("FeatureCollection");
  w.Key("features").BeginArray();
  for (const EventRow& e : events) {
    if (!e.lat || !e.lon) continue;  // no place, no point
    w.BeginObject();
    w.Key("type").String("Feature");
    w.Key("id").String(e.key);
    w.Key("geometry").BeginObject();
    w.Key("type").String("Point");
    w.Key("coordinates").BeginArray().Double(*e.lon).Double(*e.lat).EndArray();
    w.EndObject();
    w.Key("properties").Raw(e.json);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

std::string EventPlover(const EventRow& e) {
  Json j = Json::parse(e.json, nullptr, false);
  if (!j.is_object()) j = Json::object();
  auto first = [&](const char* key, const char* field) -> Json {
    const Json& list = j[key];
    if (list.is_array() && !list.empty() && list[0].is_object()) return list[0].value(field, Json());
    return Json();
  };
  Json p = Json::object();
  p["event_id"] = e.key;
  p["event_date"] = e.date_start.empty() ? Json() : Json(e.date_start);
  p["event_type"] = e.type;
  p["mode"] = e.mode.empty() ? Json() : Json(e.mode);
  Json contexts = Json::array();
  if (e.status == "planned") contexts.push_back("future");
  if (e.status == "threatened") contexts.push_back("threat");
  if (e.status == "hypothetical") contexts.push_back("hypothetical");
  if (e.status == "denied") contexts.push_back("negation");
  if (e.status == "ongoing") contexts.push_back("ongoing");
  p["contexts"] = contexts;
  p["source_actor"] = first("actors", "name");
  p["source_country"] = first("actors", "country");
  p["source_sector"] = first("actors", "sector");
  p["recipient_actor"] = first("targets", "name");
  p["recipient_country"] = first("targets", "country");
  p["recipient_sector"] = first("targets", "sector");
  Json loc = Json::object();
  loc["name"] = e.place_name.empty() ? Json() : Json(e.place_name);
  loc["kind"] = e.place_kind.empty() ? Json() : Json(e.place_kind);
  loc["country"] = e.place_country.empty() ? Json() : Json(e.place_country);
  loc["lat"] = e.lat ? Json(*e.lat) : Json();
  loc["lon"] = e.lon ? Json(*e.lon) : Json();
  p["event_loc"] = loc;
  p["dead"] = e.killed ? Json(e.killed->best) : Json();
  p["injured"] = e.injured ? Json(e.injured->best) : Json();
  p["reports"] = e.reports;
  p["origins"] = e.origins;
  Json sources = Json::array();
  for (const Json& m : j["mentions"])
    if (m.is_object()) sources.push_back(m.value("url", Json()));
  p["source_urls"] = sources;
  return p.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<CampaignTally> TallyCampaign(Store* store, const std::string& name) {
  CampaignTally out;
  auto campaigns = store->LoadCampaigns();
  if (!campaigns.ok()) return campaigns.status();
  bool found = false;
  for (const Campaign& c : *campaigns)
    if (c.name == name) {
      out.campaign = c;
      found = true;
    }
  if (!found) return Status::NotFound("no campaign '" + name + "' (vigil campaigns lists them)");
  EventFilter filter;
  filter.campaign = name;
  auto events = store->ListEvents(filter);
  if (!events.ok()) return events.status();
  auto tallies = store->ListTallies(name);
  if (!tallies.ok()) return tallies.status();
  for (const EventRow& e : *events) {
    if (e.status != "occurred") continue;
    out.events.push_back(e);
    out.strikes += e.strikes;
    if (e.killed) out.killed += e.killed->best;
    if (e.survivors) out.survivors += e.survivors->best;
    if (e.vessels) out.vessels += *e.vessels;
  }
  std::string latest;
  for (const TallyRow& t : *tallies) {
    TallyLine line;
    line.reported = t;
    for (const EventRow& e : out.events) {
      if (e.date_start.empty() || t.as_of.empty() || e.date_start > t.as_of) continue;
      ++line.ledger_events;
      line.ledger_strikes += e.strikes;
      if (e.killed) line.ledger_killed += e.killed->best;
      if (e.survivors) line.ledger_survivors += e.survivors->best;
      if (e.vessels) line.ledger_vessels += *e.vessels;
    }
    // An undated total (a report without a publication date) is listed
    // but compared with nothing: the ledger's count "as of" no date is not
    // zero, it is unknown.
    if (!t.as_of.empty()) {
      if (t.strikes && *t.strikes > line.ledger_strikes)
        line.strikes_unaccounted = *t.strikes - line.ledger_strikes;
      if (t.killed && *t.killed > line.ledger_killed)
        line.killed_unaccounted = *t.killed - line.ledger_killed;
    }
    if (t.as_of > latest) latest = t.as_of;
    out.lines.push_back(std::move(line));
  }
  for (const EventRow& e : out.events)
    if (latest.empty() || e.date_start.empty() || e.date_start > latest) out.uncounted.push_back(e);
  return out;
}

std::string CampaignTallyJson(const CampaignTally& t) {
  using Json = nlohmann::ordered_json;  // fields in the documented order
  Json j;
  j["campaign"] = t.campaign.name;
  j["title"] = t.campaign.title;
  j["ledger"] = {{"events", t.events.size()}, {"strikes", t.strikes},
                 {"killed", t.killed}, {"survivors", t.survivors}, {"vessels", t.vessels}};
  Json lines = Json::array();
  for (const TallyLine& l : t.lines) {
    auto opt = [](std::optional<double> v) { return v ? Json(*v) : Json(); };
    lines.push_back({{"as_of", l.reported.as_of},
                     {"outlet", l.reported.outlet},
                     {"origin", l.reported.origin},
                     {"url", l.reported.url},
                     {"reported", {{"strikes", opt(l.reported.strikes)},
                                   {"killed", opt(l.reported.killed)},
                                   {"killed_qualifier", l.reported.killed_qualifier},
                                   {"survivors", opt(l.reported.survivors)}}},
                     {"ledger", {{"events", l.ledger_events},
                                 {"strikes", l.ledger_strikes},
                                 {"killed", l.ledger_killed},
                                 {"survivors", l.ledger_survivors},
                                 {"vessels", l.ledger_vessels}}},
                     {"unaccounted", {{"strikes", l.strikes_unaccounted},
                                      {"killed", l.killed_unaccounted}}},
                     {"mention_id", l.reported.mention_id},
                     {"doc_id", l.reported.doc_id},
                     {"span", {l.reported.begin, l.reported.end}},
                     {"text", l.reported.text}});
  }
  j["totals"] = lines;
  Json unc = Json::array();
  for (const EventRow& e : t.uncounted) unc.push_back(e.key);
  j["events_not_in_any_total"] = unc;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace vigil
