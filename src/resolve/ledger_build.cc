// From clusters to the ledger: analyst corrections, figures (low / best /
// high), place and time, conflict flags, origins, campaigns, tallies, and
// the event JSON (docs/EVENTS.md).

#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "base/json_writer.h"
#include "resolve/resolver_internal.h"

namespace vigil {

namespace {

using Json = nlohmann::json;

std::string FormatNumber(double v) {
  char buf[32];
  if (v == static_cast<double>(static_cast<int64_t>(v)))
    std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(v));
  else
    std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

// The label shown for an origin key ("outlet:NBC News" -> "NBC News").
std::string OriginLabel(const std::string& key) {
  size_t colon = key.find(':');
  return colon == std::string::npos ? key : key.substr(colon + 1);
}

const std::set<std::string>& VesselWords() {
  static const std::set<std::string> kWords = {
      "boat", "boats", "vessel", "vessels", "ship", "ships", "semi-submersible",
      "semi-submersibles", "submarine", "narco-sub", "speedboat", "speedboats", "go-fast",
      "lancha", "lanchas", "embarcación", "embarcaciones", "barco", "barcos", "narcolancha",
      "narcolanchas", "semisumergible"};
  return kWords;
}

bool Contains(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// One reported figure of an event.
struct Reported {
  double value = 0, high = 0;
  std::string qualifier;
  size_t info = 0;
};

// The parts of a stored mention JSON the event JSON repeats.
struct MentionParts {
  std::string text, attribution, trigger_text;
  std::vector<std::string> target_things;
};

MentionParts ReadMentionParts(simdjson::dom::parser* parser, const std::string& json) {
  MentionParts out;
  simdjson::dom::element doc;
  if (parser->parse(json).get(doc)) return out;
  std::string_view s;
  if (!doc["text"].get_string().get(s)) out.text = std::string(s);
  if (!doc["trigger"]["text"].get_string().get(s)) out.trigger_text = std::string(s);
  simdjson::dom::element a;
  if (!doc["attribution"].get(a)) out.attribution = simdjson::minify(a);
  simdjson::dom::array things;
  if (!doc["target_things"].get_array().get(things))
    for (simdjson::dom::element item : things)
      if (!item.get_string().get(s)) out.target_things.emplace_back(s);
  return out;
}

// Actors of a mention's actors/targets JSON, by name. (Their countries are
// read once per mention, in Resolver::Prepare.)
void ReadActors(const std::string& json, std::map<std::string, Json>* out) {
  Json a = Json::parse(json, nullptr, false);
  if (!a.is_array()) return;
  for (const Json& e : a) {
    if (!e.is_object() || !e["name"].is_string()) continue;
    std::string name = e["name"].get<std::string>();
    if (out->count(name)) continue;
    Json o = Json::object();
    o["name"] = name;
    o["actor_id"] = e.value("actor_id", Json());
    o["kind"] = e.value("kind", Json());
    o["country"] = e.value("country", Json());
    o["sector"] = e.value("sector", Json());
    (*out)[name] = o;
  }
}

}  // namespace

Resolver::Cluster Resolver::Rebuild(const std::vector<size_t>& members) {
  Cluster c;
  if (members.empty()) return c;
  c.type = infos_[members.front()].m->type;
  c.cls = infos_[members.front()].cls;
  for (size_t i : members) Join(&c, i);
  return c;
}

void Resolver::ApplyCorrections(Ledger* ledger) {
  rejected_.assign(events_.size(), false);
  overrides_.assign(events_.size(), {});
  event_corrections_.assign(events_.size(), {});
  std::unordered_map<std::string, size_t> info_of_key;
  for (size_t i = 0; i < infos_.size(); ++i) info_of_key.emplace(infos_[i].key, i);
  std::vector<size_t> event_of(infos_.size(), SIZE_MAX);
  auto reindex = [&]() {
    std::fill(event_of.begin(), event_of.end(), SIZE_MAX);
    for (size_t e = 0; e < events_.size(); ++e)
      for (size_t i : events_[e].members) event_of[i] = e;
  };
  reindex();
  for (const Correction& c : in_.corrections) {
    std::vector<size_t> infos;
    std::set<size_t> events;
    for (const std::string& key : c.mentions) {
      auto it = info_of_key.find(key);
      if (it == info_of_key.end()) continue;
      infos.push_back(it->second);
      if (event_of[it->second] != SIZE_MAX) events.insert(event_of[it->second]);
    }
    std::string label = "correction " + std::to_string(c.id) + " (" +
                        CorrectionActionName(c.action) + ")";
    if (events.empty()) {
      ledger->correction_problems.push_back(
          label + ": none of its mentions is in an event any more; not applied");
      continue;
    }
    ++ledger->corrections_applied;
    size_t target = *events.begin();
    switch (c.action) {
      case CorrectionAction::kMerge: {
        std::vector<size_t> all;
        for (size_t e : events) all.insert(all.end(), events_[e].members.begin(), events_[e].members.end());
        for (size_t e : events) {
          if (e == target) continue;
          events_[e].members.clear();
          rejected_[target] = rejected_[target] || rejected_[e];
          for (auto& o : overrides_[e]) overrides_[target].push_back(o);
          for (auto* k : event_corrections_[e]) event_corrections_[target].push_back(k);
        }
        events_[target] = Rebuild(all);
        break;
      }
      case CorrectionAction::kSplit: {
        std::set<size_t> out(infos.begin(), infos.end());
        std::vector<size_t> keep, moved;
        for (size_t i : events_[target].members) (out.count(i) ? moved : keep).push_back(i);
        if (keep.empty() || moved.empty()) {
          ledger->correction_problems.push_back(label + ": nothing to split off");
          --ledger->corrections_applied;
          continue;
        }
        events_[target] = Rebuild(keep);
        events_.push_back(Rebuild(moved));
        rejected_.push_back(false);
        overrides_.emplace_back();
        event_corrections_.emplace_back();
        event_corrections_.back().push_back(&c);
        break;
      }
      case CorrectionAction::kReject:
        for (size_t e : events) rejected_[e] = true;
        break;
      case CorrectionAction::kUnreject:
        for (size_t e : events) rejected_[e] = false;
        break;
      case CorrectionAction::kSetFigure:
        for (size_t e : events) overrides_[e].push_back({c.field, c.value, c.id, c.note});
        break;
    }
    for (size_t e : events) event_corrections_[e].push_back(&c);
    reindex();
  }
}

bool Resolver::InRegion(const std::string& region, const ResolutionMention& m) const {
  if (m.place_id.empty()) return true;  // unknown place: not excluded
  if (region == m.place_id || region == m.place_name) return true;
  if (region.rfind("country:", 0) == 0 && region.substr(8) == m.place_country) return true;
  if (!in_.resources || !m.lat || !m.lon) return false;
  uint32_t idx;
  if (!in_.resources->FindPlace(region, &idx)) return false;
  const PlaceEntry& p = in_.resources->place(idx);
  Box box{true, p.south, p.west, p.north, p.east};
  if (p.south == 0 && p.north == 0) return false;
  return box.Contains(*m.lat, *m.lon, 0);
}

bool CampaignMatches(const Campaign& c, const EventRow& e,
                     const std::vector<std::string>& actor_countries,
                     const std::vector<std::string>& target_things) {
  if (!c.types.empty() && !Contains(c.types, e.type)) return false;
  if (!c.modes.empty() && !e.mode.empty() && !Contains(c.modes, e.mode)) return false;
  if (!c.statuses.empty() && !Contains(c.statuses, e.status)) return false;
  if (!c.from.empty() && !e.date_end.empty() && e.date_end < c.from) return false;
  if (!c.to.empty() && !e.date_start.empty() && e.date_start > c.to) return false;
  if (!c.actor_countries.empty() && !actor_countries.empty()) {
    bool any = false;
    for (const std::string& a : actor_countries) any |= Contains(c.actor_countries, a);
    if (!any) return false;
  }
  if (!c.target_kinds.empty()) {
    bool any = false;
    for (const std::string& kind : c.target_kinds) {
      if (kind == "vessel") {
        any |= e.vessels.has_value();
        for (const std::string& t : target_things) any |= VesselWords().count(t) > 0;
      } else {
        any |= Contains(target_things, kind);
      }
    }
    if (!any) return false;
  }
  return true;
}

Status Resolver::BuildEvents(Ledger* ledger, const Hooks& hooks) {
  simdjson::dom::parser parser;
  struct Built {
    EventRow row;
    std::vector<std::string> actor_countries, target_things;
    std::vector<std::string> campaigns;
  };
  std::vector<Built> built;
  std::vector<std::string> jsons, targets;  // of the event being built, when read on demand
  for (size_t e = 0; e < events_.size(); ++e) {
    Cluster& ev = events_[e];
    if (ev.members.empty()) continue;
    const std::vector<size_t>& members = ordered_[e];
    ledger->keys.push_back(keys_[e]);
    ledger->mentions_used += members.size();
    if (hooks.stored) {
      auto it = hooks.stored->find(keys_[e]);
      if (it != hooks.stored->end() &&
          static_cast<uint64_t>(it->second.fingerprint) == fingerprints_[e]) {
        // Built from the same input before: kept as stored.
        if (it->second.type == "ASSAULT" && it->second.killed_best)
          largest_killed_ = std::max(largest_killed_, *it->second.killed_best);
        continue;
      }
    }
    // The mentions' JSON and targets, read now when left out before.
    jsons.assign(members.size(), std::string());
    targets.assign(members.size(), std::string());
    for (size_t k = 0; k < members.size(); ++k) {
      const ResolutionMention& m = *infos_[members[k]].m;
      if (m.digest && hooks.details) {
        VIGIL_RETURN_IF_ERROR(hooks.details(m, &jsons[k], &targets[k]));
      } else {
        jsons[k] = m.json;
        targets[k] = m.targets_json;
      }
    }
    Built b;
    EventRow& row = b.row;
    row.key = keys_[e];
    row.fingerprint = static_cast<int64_t>(fingerprints_[e]);
    row.type = ev.type;
    row.rejected = rejected_[e];
    std::vector<std::pair<std::string, std::string>> flags;  // kind, detail

    // Status and mode: the most reported.
    std::map<std::string, int> statuses, modes;
    for (size_t i : members) {
      ++statuses[infos_[i].m->status];
      if (!infos_[i].m->mode.empty()) modes[infos_[i].m->mode] += infos_[i].m->mode == "explode" ? 1 : 10;
    }
    auto most = [](const std::map<std::string, int>& counts) {
      std::string best;
      int n = 0;
      for (const auto& [k, v] : counts)
        if (v > n) {
          n = v;
          best = k;
        }
      return best;
    };
    row.status = most(statuses);
    if (statuses.count("occurred")) row.status = "occurred";
    row.mode = most(modes);

    // Time: the own date most reports agree with, a report agreeing with
    // every date inside its own ("Monday or Tuesday", from an announcement
    // on Tuesday, agrees with "Tuesday"); between as many, the narrower.
    // Conflicting dates are flagged.
    std::map<std::pair<int, int>, int> dates;
    for (size_t i : members)
      if (infos_[i].own.known()) ++dates[{infos_[i].own.lo, infos_[i].own.hi}];
    if (!dates.empty()) {
      std::pair<int, int> best{0, 0};
      int n = 0;
      for (const auto& [d, c] : dates) {
        int support = 0;
        for (const auto& [other, oc] : dates)
          if (other.first <= d.first && d.second <= other.second) support += oc;
        if (support > n ||
            (support == n && d.second - d.first < best.second - best.first)) {
          n = support;
          best = d;
        }
      }
      row.date_start = IsoFromDays(best.first);
      row.date_end = IsoFromDays(best.second);
      row.date_precision = best.first == best.second ? "day" : "range";
      std::string detail;
      for (const auto& [d, c] : dates) {
        if (d.second < best.first || d.first > best.second) {
          if (detail.empty()) detail = row.date_start + (row.date_end != row.date_start ? ".." + row.date_end : "") + " (" + std::to_string(n) + ")";
          detail += " vs " + IsoFromDays(d.first) + (d.second != d.first ? ".." + IsoFromDays(d.second) : "") +
                    " (" + std::to_string(c) + ")";
        }
      }
      for (size_t i : members) {
        auto read = weekday_read_.find(i);
        if (read == weekday_read_.end()) continue;
        if (detail.empty()) detail = row.date_start + (row.date_end != row.date_start ? ".." + row.date_end : "") + " (" + std::to_string(n) + ")";
        detail += " vs " + IsoFromDays(read->second.lo) + " (1, " + infos_[i].doc->outlet +
                  ": a weekday six days before the report, taken as wrong)";
      }
      if (!detail.empty()) flags.push_back({"date_conflict", "reports disagree on the date: " + detail});
    } else {
      int first = 0;
      bool known = false;
      for (size_t i : members)
        if (infos_[i].reported.known() && (!known || infos_[i].reported.hi < first)) {
          first = infos_[i].reported.hi;
          known = true;
        }
      if (known) {
        row.date_start = IsoFromDays(first - 4);
        row.date_end = IsoFromDays(first);
        row.date_precision = "reported";
      }
    }

    // Place: the most specific place, then the most reported.
    std::map<std::string, int> place_votes;
    for (size_t i : members)
      if (!infos_[i].m->place_id.empty() && !placeless_.count(i)) ++place_votes[infos_[i].m->place_id];
    int place_info = -1;
    for (size_t i : members) {
      const ResolutionMention& m = *infos_[i].m;
      if (m.place_id.empty() || placeless_.count(i)) continue;
      if (place_info < 0) {
        place_info = static_cast<int>(i);
        continue;
      }
      const ResolutionMention& cur = *infos_[place_info].m;
      int r1 = Specificity(m), r0 = Specificity(cur);
      if (r1 > r0 || (r1 == r0 && place_votes[m.place_id] > place_votes[cur.place_id]))
        place_info = static_cast<int>(i);
    }
    if (place_info >= 0) {
      const ResolutionMention& p = *infos_[place_info].m;
      row.place_id = p.place_id;
      row.place_name = p.place_name;
      row.place_kind = p.place_kind;
      row.place_country = p.place_country;
      row.lat = p.lat;
      row.lon = p.lon;
      std::string clash;
      for (size_t i : members) {
        const ResolutionMention& m = *infos_[i].m;
        if (!m.place_id.empty() && PlaceRelation(p, m) < 0 && clash.find(m.place_name) == std::string::npos)
          clash += (clash.empty() ? "" : ", ") + m.place_name;
      }
      if (!clash.empty()) flags.push_back({"place_conflict", p.place_name + " vs " + clash});
    }

    // Figures. Low and high are the smallest and largest reported; best is
    // the figure most independent origins give (an official's own figure
    // breaks ties, then the latest report: revisions come later).
    auto figure = [&](const char* name, auto get) -> std::optional<FigureRange> {
      std::vector<Reported> reported;
      for (size_t i : members) {
        const ResolutionMention& m = *infos_[i].m;
        std::optional<double> v = get(m);
        if (!v) continue;
        Reported r;
        r.value = *v;
        r.high = *v;
        if (std::string(name) == "killed") {
          r.qualifier = m.killed_qualifier;
          if (m.killed_high) r.high = *m.killed_high;
        }
        r.info = i;
        reported.push_back(r);
      }
      if (reported.empty()) return std::nullopt;
      FigureRange out{reported[0].value, reported[0].value, reported[0].high};
      std::map<double, std::set<std::string>> origins_by_value;
      std::map<double, bool> official;
      std::map<double, std::string> latest;
      for (const Reported& r : reported) {
        out.low = std::min(out.low, r.value);
        out.high = std::max(out.high, r.high);
        origins_by_value[r.value].insert(infos_[r.info].origin);
        official[r.value] = official[r.value] || !infos_[r.info].m->speaker_id.empty();
        latest[r.value] = std::max(latest[r.value], infos_[r.info].doc->published);
      }
      double best = reported[0].value;
      auto better = [&](double a, double b) {  // is a a better best than b?
        size_t na = origins_by_value[a].size(), nb = origins_by_value[b].size();
        if (na != nb) return na > nb;
        if (official[a] != official[b]) return official[a];
        return latest[a] > latest[b];
      };
      for (const auto& [v, o] : origins_by_value)
        if (better(v, best)) best = v;
      out.best = best;
      // Exact figures that cannot both be true are a conflict.
      std::set<double> exact;
      for (const Reported& r : reported)
        if (r.qualifier.empty() || r.qualifier == "exact") exact.insert(r.value);
      if (exact.size() > 1) {
        std::string detail;
        for (double v : exact) {
          std::string who;
          for (const std::string& o : origins_by_value[v]) who += (who.empty() ? "" : "; ") + OriginLabel(o);
          detail += (detail.empty() ? "" : " vs ") + FormatNumber(v) + " (" + who + ")";
        }
        flags.push_back({std::string(name) + "_conflict", detail});
      }
      return out;
    };
    row.killed = figure("killed", [](const ResolutionMention& m) { return m.killed; });
    row.injured = figure("injured", [](const ResolutionMention& m) { return m.injured; });
    row.survivors = figure("survivors", [](const ResolutionMention& m) { return m.survivors; });
    row.missing = figure("missing", [](const ResolutionMention& m) { return m.missing; });
    auto vessels = figure("vessels", [](const ResolutionMention& m) { return m.vessels; });
    if (vessels) row.vessels = vessels->best;
    auto troops = figure("troops", [](const ResolutionMention& m) { return m.troops; });
    if (troops) row.troops = troops->best;
    if (row.type != "ASSAULT") {
      auto count = figure("count", [](const ResolutionMention& m) { return m.count; });
      if (count) row.count = count->best;
    }
    double strikes = 1;
    for (size_t i : members)
      if (infos_[i].m->strikes && *infos_[i].m->strikes > strikes) strikes = *infos_[i].m->strikes;
    row.strikes = row.type == "ASSAULT" ? strikes : 0;

    // Analyst figures replace the machine's, flagged as such.
    std::vector<std::string> analyst;
    for (const FigureOverride& o : overrides_[e]) {
      char* end = nullptr;
      double v = std::strtod(o.value.c_str(), &end);
      if (end == o.value.c_str()) continue;
      FigureRange r{v, v, v};
      if (o.field == "killed") row.killed = r;
      else if (o.field == "injured") row.injured = r;
      else if (o.field == "survivors") row.survivors = r;
      else if (o.field == "vessels") row.vessels = v;
      else if (o.field == "strikes") row.strikes = v;
      else continue;
      analyst.push_back(o.field);
    }

    // Reports and origins. Each report counts once, under the origin it
    // retells: an outlet it cites, else an official it quotes, else the
    // outlet it cites elsewhere, else its own reporting (docs/EVENTS.md).
    std::set<int64_t> docs;
    std::map<int64_t, std::pair<int, std::string>> doc_origin;  // doc -> (rank, origin)
    for (size_t i : members) {
      const Info& f = infos_[i];
      int rank = f.origin.rfind("speaker:", 0) == 0 ? 1 : 0;
      if (!f.m->outlet_cited.empty() && f.origin.rfind("outlet:", 0) == 0) rank = 2;
      auto it = doc_origin.find(f.doc->id);
      if (it == doc_origin.end() || rank > it->second.first) doc_origin[f.doc->id] = {rank, f.origin};
    }
    std::map<std::string, std::set<int64_t>> origin_docs;
    for (const auto& [doc, ro] : doc_origin) origin_docs[ro.second].insert(doc);
    for (size_t i : members) {
      docs.insert(infos_[i].doc->id);
      // A report cannot precede what it reports: a living tracker first
      // published in September reported the Oct. 27 strike when it was
      // updated (or, without an update date, on the strike's day at the
      // earliest).
      std::string reported = infos_[i].doc->published;
      const std::string& said = infos_[i].m->date_start;
      if (!reported.empty() && !said.empty() && said > reported) {
        const std::string& updated = infos_[i].doc->updated;
        reported = !updated.empty() && updated >= said ? updated : said;
      }
      if (!reported.empty() && (row.first_reported.empty() || reported < row.first_reported))
        row.first_reported = reported;
    }
    row.reports = static_cast<int64_t>(docs.size());
    row.origins = static_cast<int64_t>(origin_docs.size());
    row.flags = static_cast<int64_t>(flags.size());

    // Actors, targets, target things.
    std::map<std::string, Json> actors, target_actors;
    std::set<std::string> countries;
    std::vector<MentionParts> parts;
    std::set<std::string> things;
    for (size_t k = 0; k < members.size(); ++k) {
      const size_t i = members[k];
      ReadActors(infos_[i].m->actors_json, &actors);
      ReadActors(targets[k], &target_actors);
      countries.insert(infos_[i].actor_countries.begin(), infos_[i].actor_countries.end());
      parts.push_back(ReadMentionParts(&parser, jsons[k]));
      for (const std::string& t : parts.back().target_things) things.insert(t);
    }
    b.actor_countries.assign(countries.begin(), countries.end());
    b.target_things.assign(things.begin(), things.end());
    for (const Campaign& c : in_.campaigns) {
      bool region_ok = c.regions.empty();
      if (place_info >= 0)
        for (const std::string& r : c.regions) region_ok |= InRegion(r, *infos_[place_info].m);
      else region_ok = true;
      if (region_ok && CampaignMatches(c, row, b.actor_countries, b.target_things))
        b.campaigns.push_back(c.name);
    }

    // The event as JSON.
    std::string& js = row.json;
    JsonWriter w(&js);
    w.BeginObject();
    w.Key("schema").String("vigil.events/1");
    w.Key("id").String(row.key);
    w.Key("type").String(row.type);
    w.Key("mode").StringOrNull(row.mode);
    w.Key("status").String(row.status);
    w.Key("rejected").Bool(row.rejected);
    w.Key("date_start").StringOrNull(row.date_start);
    w.Key("date_end").StringOrNull(row.date_end);
    w.Key("date_precision").StringOrNull(row.date_precision);
    w.Key("place");
    if (place_info >= 0) {
      w.BeginObject();
      w.Key("name").String(row.place_name);
      w.Key("place_id").String(row.place_id);
      w.Key("kind").StringOrNull(row.place_kind);
      w.Key("country").StringOrNull(row.place_country);
      w.Key("lat");
      if (row.lat) w.Double(*row.lat); else w.Null();
      w.Key("lon");
      if (row.lon) w.Double(*row.lon); else w.Null();
      w.EndObject();
    } else {
      w.Null();
    }
    auto actor_list = [&](const char* key, const std::map<std::string, Json>& list) {
      w.Key(key).BeginArray();
      for (const auto& [name, a] : list) {
        w.BeginObject();
        w.Key("name").String(name);
        for (const char* f : {"actor_id", "kind", "country", "sector"}) {
          w.Key(f);
          if (a[f].is_string()) w.String(a[f].get<std::string>()); else w.Null();
        }
        w.EndObject();
      }
      w.EndArray();
    };
    actor_list("actors", actors);
    actor_list("targets", target_actors);
    w.Key("target_things").BeginArray();
    for (const std::string& t : b.target_things) w.String(t);
    w.EndArray();
    auto range = [&](const char* key, const std::optional<FigureRange>& r,
                     std::optional<double> ResolutionMention::*field) {
      w.Key(key);
      if (!r) {
        w.Null();
        return;
      }
      w.BeginObject();
      w.Key("low").Double(r->low);
      w.Key("best").Double(r->best);
      w.Key("high").Double(r->high);
      w.Key("analyst").Bool(Contains(analyst, key));
      w.Key("reported").BeginArray();
      for (size_t i : members) {
        const ResolutionMention& m = *infos_[i].m;
        if (!(m.*field)) continue;
        w.BeginObject();
        w.Key("value").Double(*(m.*field));
        if (field == &ResolutionMention::killed) w.Key("qualifier").StringOrNull(m.killed_qualifier);
        w.Key("mention").Int(m.id);
        w.Key("outlet").StringOrNull(infos_[i].doc->outlet);
        w.Key("origin").String(infos_[i].origin);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    };
    range("killed", row.killed, &ResolutionMention::killed);
    range("injured", row.injured, &ResolutionMention::injured);
    range("survivors", row.survivors, &ResolutionMention::survivors);
    range("missing", row.missing, &ResolutionMention::missing);
    w.Key("vessels");
    if (row.vessels) w.Double(*row.vessels); else w.Null();
    w.Key("troops");
    if (row.troops) w.Double(*row.troops); else w.Null();
    w.Key("count");
    if (row.count) w.Double(*row.count); else w.Null();
    w.Key("strikes").Double(row.strikes);
    w.Key("reports").Int(row.reports);
    w.Key("origins").Int(row.origins);
    w.Key("origin_list").BeginArray();
    for (const auto& [key, ds] : origin_docs) {
      w.BeginObject();
      w.Key("origin").String(key);
      w.Key("label").String(OriginLabel(key));
      w.Key("kind").String(key.substr(0, key.find(':')));
      w.Key("reports").Int(static_cast<int64_t>(ds.size()));
      w.EndObject();
    }
    w.EndArray();
    w.Key("first_reported").StringOrNull(row.first_reported);
    w.Key("flags").BeginArray();
    for (const auto& [kind, detail] : flags) {
      w.BeginObject();
      w.Key("kind").String(kind);
      w.Key("detail").String(detail);
      w.EndObject();
    }
    w.EndArray();
    w.Key("campaigns").BeginArray();
    for (const std::string& c : b.campaigns) w.String(c);
    w.EndArray();
    w.Key("corrections").BeginArray();
    for (const Correction* c : event_corrections_[e]) {
      w.BeginObject();
      w.Key("id").Int(c->id);
      w.Key("action").String(CorrectionActionName(c->action));
      w.Key("field").StringOrNull(c->field);
      w.Key("value").StringOrNull(c->value);
      w.Key("note").String(c->note);
      w.Key("created_at").String(c->created_at);
      w.EndObject();
    }
    w.EndArray();
    w.Key("mentions").BeginArray();
    for (size_t k = 0; k < members.size(); ++k) {
      const Info& f = infos_[members[k]];
      const ResolutionMention& m = *f.m;
      w.BeginObject();
      w.Key("mention_id").Int(m.id);
      w.Key("key").String(f.key);
      w.Key("doc_id").Int(f.doc->id);
      w.Key("index").Int(m.index);
      w.Key("url").StringOrNull(f.doc->url);
      w.Key("outlet").StringOrNull(f.doc->outlet);
      w.Key("published").StringOrNull(f.doc->published);
      w.Key("title").StringOrNull(f.doc->title);
      w.Key("status").String(m.status);
      w.Key("text").String(parts[k].text);
      w.Key("span").BeginArray().Int(m.begin).Int(m.end).EndArray();
      w.Key("trigger").BeginObject();
      w.Key("span").BeginArray().Int(m.trigger_begin).Int(m.trigger_end).EndArray();
      w.Key("text").String(parts[k].trigger_text);
      w.EndObject();
      w.Key("date_start").StringOrNull(m.date_start);
      w.Key("date_end").StringOrNull(m.date_end);
      w.Key("place").StringOrNull(m.place_name);
      w.Key("killed");
      if (m.killed) w.Double(*m.killed); else w.Null();
      w.Key("killed_qualifier").StringOrNull(m.killed_qualifier);
      w.Key("ordinal");
      if (m.ordinal) w.Int(*m.ordinal); else w.Null();
      w.Key("attribution").Raw(parts[k].attribution);
      w.Key("origin").String(doc_origin[f.doc->id].second);
      w.Key("mention_origin").String(f.origin);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();

    for (size_t i : members) {
      row.mention_ids.push_back(infos_[i].m->id);
      row.mention_origins.push_back(doc_origin[infos_[i].doc->id].second);
    }
    if (row.type == "ASSAULT" && row.killed) largest_killed_ = std::max(largest_killed_, row.killed->best);
    ++ledger->events_built;
    if (hooks.sink) VIGIL_RETURN_IF_ERROR(hooks.sink(std::move(row), b.campaigns));
    else built.push_back(std::move(b));
  }
  // Ledger order: by date, then key.
  std::sort(built.begin(), built.end(), [](const Built& a, const Built& b) {
    if (a.row.date_start != b.row.date_start) return a.row.date_start < b.row.date_start;
    return a.row.key < b.row.key;
  });
  for (size_t k = 0; k < built.size(); ++k) {
    for (const std::string& c : built[k].campaigns) ledger->campaign_events.push_back({c, k});
    ledger->events.push_back(std::move(built[k].row));
  }
  return Status::Ok();
}

Status Resolver::BuildTallies(Ledger* ledger, const Hooks& hooks) {
  // The largest toll of any one event: a "total" no larger than that, with
  // nothing else marking it as a total, is one strike's toll misread.
  const double largest = largest_killed_;
  simdjson::dom::parser parser;
  std::string json, targets;
  for (const Info& f : infos_) {
    const ResolutionMention& m = *f.m;
    if (!m.running_total || m.negated || m.generic || f.cls != StatusClass::kOccurred) continue;
    if (!m.killed && !m.strikes && !m.vessels) continue;
    if (IncidentInTotal(m)) continue;  // one strike's toll (resolver.cc)
    // A total states several strikes, a floor ("at least 64"), a scope
    // ("since September", "so far"), or more deaths than any one strike.
    bool scoped = false;
    simdjson::dom::element doc;
    simdjson::dom::array scope;
    json = m.json;
    if (m.digest && hooks.details) VIGIL_RETURN_IF_ERROR(hooks.details(m, &json, &targets));
    if (!parser.parse(json).get(doc) && !doc["tally_scope"].get_array().get(scope))
      scoped = scope.size() > 0;
    bool total = (m.strikes && *m.strikes >= 2) || scoped ||
                 m.killed_qualifier == "at_least" || m.killed_qualifier == "more_than" ||
                 (m.killed && *m.killed > largest);
    if (!total) continue;
    TallyRow t;
    t.mention_id = m.id;
    t.doc_id = f.doc->id;
    // As of its own date, else its report's: a living tracker's last update.
    t.as_of = !m.date_end.empty() ? m.date_end.substr(0, 10)
              : f.doc->updated > f.doc->published ? f.doc->updated
                                                  : f.doc->published;
    t.outlet = f.doc->outlet;
    t.url = f.doc->url;
    t.origin = f.origin;
    t.killed = m.killed;
    t.killed_qualifier = m.killed_qualifier;
    t.strikes = m.strikes;
    t.vessels = m.vessels;
    t.survivors = m.survivors;
    t.begin = m.begin;
    t.end = m.end;
    size_t index = ledger->tallies.size();
    for (const Campaign& c : in_.campaigns) {
      if (!c.types.empty() && !Contains(c.types, m.type)) continue;
      if (!c.modes.empty() && !m.mode.empty() && !Contains(c.modes, m.mode)) continue;
      if (!c.from.empty() && !t.as_of.empty() && t.as_of < c.from) continue;
      if (!c.to.empty() && !t.as_of.empty() && t.as_of > c.to) continue;
      if (!c.actor_countries.empty()) {
        bool any = f.actor_countries.empty();
        for (const std::string& a : f.actor_countries) any |= Contains(c.actor_countries, a);
        if (!any) continue;
      }
      ledger->campaign_tallies.push_back({c.name, index});
    }
    ledger->tallies.push_back(std::move(t));
  }
  return Status::Ok();
}

void Resolver::Plan(Ledger* ledger) {
  Prepare();
  ClusterDocuments();
  MergeClusters();
  MergeSatellites();
  ApplyCorrections(ledger);
  Fingerprint();
}

Status Resolver::Build(Ledger* ledger, const Hooks& hooks) {
  VIGIL_RETURN_IF_ERROR(BuildEvents(ledger, hooks));
  return BuildTallies(ledger, hooks);
}

Ledger Resolver::Run() {
  Ledger ledger;
  Plan(&ledger);
  // Without hooks nothing can fail: the mentions carry their JSON.
  Status s = Build(&ledger, Hooks{});
  if (!s.ok()) ledger.correction_problems.push_back("internal: " + s.ToString());
  return ledger;
}

namespace {

// Bump when the event JSON or a rule of BuildEvents changes without the
// binary's bytes saying so (they always do; this is belt and braces).
constexpr char kLedgerRevision[] = "vigil.ledger/1";

// A hash of the running program: a new build rebuilds every event once.
uint64_t ProgramDigest() {
  static const uint64_t digest = [] {
    XXH3_state_t* st = XXH3_createState();
    XXH3_64bits_reset(st);
    if (std::FILE* f = std::fopen("/proc/self/exe", "rb")) {
      std::vector<char> buf(1 << 20);
      size_t n;
      while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) XXH3_64bits_update(st, buf.data(), n);
      std::fclose(f);
    }
    uint64_t d = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    return d;
  }();
  return digest;
}

class Hasher {
 public:
  explicit Hasher(uint64_t seed) : st_(XXH3_createState()) { XXH3_64bits_reset_withSeed(st_, seed); }
  ~Hasher() { XXH3_freeState(st_); }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
  Hasher& Add(std::string_view v) {
    const uint32_t n = static_cast<uint32_t>(v.size());
    XXH3_64bits_update(st_, &n, sizeof(n));
    XXH3_64bits_update(st_, v.data(), v.size());
    return *this;
  }
  Hasher& Add(int64_t v) {
    XXH3_64bits_update(st_, &v, sizeof(v));
    return *this;
  }
  Hasher& Add(const std::optional<double>& v) {
    const double d = v ? *v : -0.123456789;  // an unlikely figure stands for "none"
    XXH3_64bits_update(st_, &d, sizeof(d));
    return Add(int64_t{v.has_value()});
  }
  Hasher& Add(const std::vector<std::string>& list) {
    Add(static_cast<int64_t>(list.size()));
    for (const std::string& v : list) Add(v);
    return *this;
  }
  uint64_t Digest() const { return XXH3_64bits_digest(st_); }

 private:
  XXH3_state_t* st_;
};

}  // namespace

// Each event's members in report order, its key, and a fingerprint of
// everything BuildEvents reads for it: the members' stored mentions (their
// digest), documents and origins, the corrections that touch it, and — for
// every event alike — the campaigns, the resources and the program.
void Resolver::Fingerprint() {
  Hasher global(0);
  global.Add(kLedgerRevision).Add(static_cast<int64_t>(ProgramDigest()));
  global.Add(static_cast<int64_t>(in_.resources ? in_.resources->Digest() : 0));
  for (const Campaign& c : in_.campaigns) {
    global.Add(c.name).Add(c.title).Add(c.types).Add(c.modes).Add(c.statuses);
    global.Add(c.actor_countries).Add(c.target_kinds).Add(c.regions).Add(c.from).Add(c.to);
  }
  const uint64_t salt = global.Digest();

  std::set<std::string> keys_taken;
  ordered_.assign(events_.size(), {});
  keys_.assign(events_.size(), std::string());
  fingerprints_.assign(events_.size(), 0);
  for (size_t e = 0; e < events_.size(); ++e) {
    if (events_[e].members.empty()) continue;
    std::vector<size_t>& members = ordered_[e];
    members = events_[e].members;
    std::sort(members.begin(), members.end(), [&](size_t a, size_t b) {
      const Info& x = infos_[a];
      const Info& y = infos_[b];
      if (x.doc->published != y.doc->published) return x.doc->published < y.doc->published;
      if (x.doc->content_hash != y.doc->content_hash) return x.doc->content_hash < y.doc->content_hash;
      if (x.m->begin != y.m->begin) return x.m->begin < y.m->begin;
      return x.m->index < y.m->index;
    });
    // Key: from the first report's mention, stable across runs.
    const std::string& first = infos_[members.front()].key;
    XXH64_hash_t h = XXH3_64bits(first.data(), first.size());
    for (int salt_key = 0;; ++salt_key) {
      char buf[24];
      std::snprintf(buf, sizeof(buf), "E%010llx",
                    static_cast<unsigned long long>((h + static_cast<uint64_t>(salt_key)) & 0xFFFFFFFFFFull));
      if (keys_taken.insert(buf).second) {
        keys_[e] = buf;
        break;
      }
    }

    Hasher f(salt);
    f.Add(keys_[e]).Add(int64_t{rejected_[e]});
    for (const FigureOverride& o : overrides_[e]) f.Add(o.field).Add(o.value).Add(o.correction).Add(o.note);
    for (const Correction* c : event_corrections_[e])
      f.Add(c->id).Add(static_cast<int64_t>(c->action)).Add(c->field).Add(c->value).Add(c->note).Add(c->created_at);
    for (size_t i : members) {
      const Info& info = infos_[i];
      const ResolutionMention& m = *info.m;
      const ResolutionDoc& d = *info.doc;
      f.Add(m.id).Add(m.index).Add(info.key).Add(info.origin).Add(int64_t{placeless_.count(i) > 0});
      if (m.digest) f.Add(static_cast<int64_t>(m.digest));
      else f.Add(m.json).Add(m.targets_json).Add(m.actors_json);
      // What the stored JSON holds anyway; cheap insurance.
      f.Add(m.type).Add(m.mode).Add(m.status).Add(m.date_start).Add(m.date_end);
      f.Add(m.place_id).Add(m.killed).Add(m.killed_high).Add(m.killed_qualifier);
      f.Add(m.injured).Add(m.survivors).Add(m.vessels).Add(m.troops).Add(m.count).Add(m.strikes);
      f.Add(m.missing);
      f.Add(m.speaker_id).Add(m.outlet_cited).Add(int64_t{m.begin}).Add(int64_t{m.end});
      f.Add(d.id).Add(d.content_hash).Add(d.outlet).Add(d.url).Add(d.title).Add(d.published);
    }
    fingerprints_[e] = f.Digest();
  }
}

Ledger ResolveLedger(const ResolverInput& input) {
  Resolver r(input);
  return r.Run();
}

namespace {

bool SameTallies(const std::vector<TallyRow>& a, const std::vector<TallyRow>& b) {
  if (a.size() != b.size()) return false;
  auto key = [](const TallyRow& t) {
    return std::make_tuple(t.mention_id, t.doc_id, t.as_of, t.outlet, t.origin, t.killed,
                           t.killed_qualifier, t.strikes, t.vessels, t.survivors);
  };
  std::vector<decltype(key(a[0]))> x, y;
  for (const TallyRow& t : a) x.push_back(key(t));
  for (const TallyRow& t : b) y.push_back(key(t));
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  return x == y;
}

}  // namespace

Result<ResolveReport> Resolve(Store* store, const Resources* resources,
                              const ResolveOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  ResolverInput in;
  in.resources = resources;
  auto docs = store->LoadResolutionDocs();
  if (!docs.ok()) return docs.status();
  in.docs = std::move(*docs);
  // Stores written before signatures existed: sign what is missing.
  for (ResolutionDoc& d : in.docs) {
    if (d.signature.size() == kSignatureSize) continue;
    auto text = store->DocumentText(d.id);
    if (!text.ok()) return text.status();
    d.signature = TextSignature(*text);
    VIGIL_RETURN_IF_ERROR(store->PutSignature(d.id, d.signature));
  }
  // Without their JSON: the events that need it read it when built.
  auto mentions = store->LoadResolutionMentions(in.docs, /*details=*/false);
  if (!mentions.ok()) return mentions.status();
  in.mentions = std::move(*mentions);
  auto campaigns = store->LoadCampaigns();
  if (!campaigns.ok()) return campaigns.status();
  in.campaigns = std::move(*campaigns);
  auto corrections = store->ListCorrections();
  if (!corrections.ok()) return corrections.status();
  in.corrections = std::move(*corrections);

  // Clustering needs no lock; building and writing happen in one write
  // transaction, against the ledger as stored when it starts.
  Resolver resolver(in);
  Ledger ledger;
  resolver.Plan(&ledger);
  auto writer = store->BeginLedgerWrite();
  if (!writer.ok()) return writer.status();
  LedgerWriter& w = **writer;
  std::unordered_map<std::string, StoredEventState> stored;
  if (options.full) {
    VIGIL_RETURN_IF_ERROR(w.RemoveAllEvents());
  } else {
    auto states = store->LoadEventStates();
    if (!states.ok()) return states.status();
    stored = std::move(*states);
  }
  auto old_tallies = store->ListTallies("");
  if (!old_tallies.ok()) return old_tallies.status();

  ResolveReport report;
  Resolver::Hooks hooks;
  hooks.details = [store](const ResolutionMention& m, std::string* json, std::string* targets) {
    return store->ReadMentionDetails(m.id, json, targets);
  };
  if (!options.full) hooks.stored = &stored;
  hooks.sink = [&](EventRow&& row, const std::vector<std::string>& campaigns) -> Status {
    if (stored.count(row.key)) {
      VIGIL_RETURN_IF_ERROR(w.RemoveEvent(row.key));
      ++report.events_removed;
    }
    return w.PutEvent(row, campaigns);
  };
  VIGIL_RETURN_IF_ERROR(resolver.Build(&ledger, hooks));
  // Stored events that no longer exist.
  std::set<std::string> present(ledger.keys.begin(), ledger.keys.end());
  for (const auto& [key, state] : stored)
    if (!present.count(key)) {
      VIGIL_RETURN_IF_ERROR(w.RemoveEvent(key));
      ++report.events_removed;
    }
  VIGIL_RETURN_IF_ERROR(w.ReplaceTallies(ledger.tallies, ledger.campaign_tallies));
  report.changed = options.full || ledger.events_built > 0 || report.events_removed > 0 ||
                   !SameTallies(ledger.tallies, *old_tallies);
  VIGIL_RETURN_IF_ERROR(w.Commit(report.changed));

  report.documents = in.docs.size();
  report.mentions = in.mentions.size();
  report.mentions_used = ledger.mentions_used;
  report.events = ledger.keys.size();
  report.events_built = ledger.events_built;
  report.tallies = ledger.tallies.size();
  report.corrections_applied = ledger.corrections_applied;
  report.correction_problems = ledger.correction_problems;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace vigil
