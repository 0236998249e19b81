// Ledger evaluation: the events a corpus resolves into against a gold list
// of happenings (docs/EVENTS.md, "Evaluation").

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "extract/calendar.h"
#include "vigil/eval.h"
#include "vigil/resolve.h"

namespace vigil {

namespace {

using Json = nlohmann::json;

bool DayOf(const std::string& iso, int* day) {
  Ymd ymd;
  if (!ParseYmd(iso, &ymd)) return false;
  *day = static_cast<int>(DaysFromCivil(ymd));
  return true;
}

// Whether the event's (or mention's) place can be the gold place: unknown,
// the same entry, a point inside (or, for a coast, within 6 degrees of) the
// gold box, or an area whose box holds the gold place (less precise, not
// wrong: "the SOUTHCOM area of responsibility" for a Caribbean strike).
template <class Row>
bool PlaceFits(const Resources* res, const std::string& gold, const Row& e) {
  if (gold.empty() || e.place_id.empty() || gold == e.place_id) return true;
  uint32_t idx;
  if (!res || !e.lat || !e.lon || !res->FindPlace(gold, &idx)) return false;
  const PlaceEntry& p = res->place(idx);
  uint32_t own;
  if (e.place_kind == "area" && res->FindPlace(e.place_id, &own)) {
    const PlaceEntry& a = res->place(own);
    bool lat_in = p.lat >= a.south && p.lat <= a.north;
    bool lon_in = a.west <= a.east ? p.lon >= a.west && p.lon <= a.east
                                   : p.lon >= a.west || p.lon <= a.east;
    if (a.north > a.south && lat_in && lon_in) return true;
  }
  double margin = e.place_kind == "country" ? 6.0 : 0.0;
  if (*e.lat < p.south - margin || *e.lat > p.north + margin) return false;
  if (p.west <= p.east) return *e.lon >= p.west - margin && *e.lon <= p.east + margin;
  return *e.lon >= p.west - margin || *e.lon <= p.east + margin;
}

// Whether the event may be on |day|: its own date within a day, or an
// undated event's reporting window holding it.
template <class Row>
bool DayFits(const Row& e, int day, int* distance) {
  int s, t;
  if (!DayOf(e.date_start, &s)) return false;
  if (!DayOf(e.date_end, &t)) t = s;
  if (e.date_precision == "reported") {
    *distance = 2;
    return day >= s && day <= t;
  }
  *distance = day < s ? s - day : day > t ? day - t : 0;
  return *distance <= 1;
}

// A member mention's own date fits |day| when it is at most a week long
// ("on Tuesday", "Nov. 1", not "in September") and within a day of it.
bool MemberDayFits(const EventRow& m, int day, int* distance) {
  int s, t;
  if (m.date_precision == "reported" || !DayOf(m.date_start, &s)) return false;
  if (!DayOf(m.date_end, &t)) t = s;
  if (t - s > 6) return false;
  return DayFits(m, day, distance);
}

// Whether the event's date range meets [from, to] ("" open).
bool InRange(const EventRow& e, const std::string& from, const std::string& to) {
  const std::string& end = e.date_end.empty() ? e.date_start : e.date_end;
  if (!from.empty() && !end.empty() && end < from) return false;
  if (!to.empty() && !e.date_start.empty() && e.date_start > to) return false;
  return true;
}

// The name a gold file gives a document: its path under the corpus
// directory ("a.txt", "batch.jsonl:5"), else its file name.
std::string DocumentName(const std::string& origin, const std::string& dir) {
  std::filesystem::path rel = std::filesystem::path(origin).lexically_relative(dir);
  if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return std::filesystem::path(origin).filename().generic_string();
}

EventRow MemberWhere(const EventMentionRow& m) {
  EventRow w;
  w.date_start = m.date_start;
  w.date_end = m.date_end;
  w.date_precision = m.date_precision;
  w.place_id = m.place_id;
  w.place_name = m.place_name;
  w.place_kind = m.place_kind;
  w.place_country = m.place_country;
  w.lat = m.lat;
  w.lon = m.lon;
  return w;
}

}  // namespace

MergeScore ScoreMerges(const std::vector<MergeItem>& items) {
  MergeScore score;
  score.items = static_cast<int64_t>(items.size());
  if (items.empty()) return score;
  // Items alone (predicted -1) each form their own predicted cluster.
  auto pred_key = [&](size_t i) {
    return items[i].predicted >= 0 ? items[i].predicted : -2 - static_cast<int64_t>(i);
  };
  std::map<int64_t, int64_t> gold_size, pred_size;
  std::map<std::pair<int64_t, int64_t>, int64_t> both;
  for (size_t i = 0; i < items.size(); ++i) {
    ++gold_size[items[i].gold];
    ++pred_size[pred_key(i)];
    ++both[{items[i].gold, pred_key(i)}];
  }
  double p = 0, r = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    double common = static_cast<double>(both[{items[i].gold, pred_key(i)}]);
    p += common / static_cast<double>(pred_size[pred_key(i)]);
    r += common / static_cast<double>(gold_size[items[i].gold]);
  }
  score.bcubed_precision = p / static_cast<double>(items.size());
  score.bcubed_recall = r / static_cast<double>(items.size());
  auto pairs = [](int64_t n) { return n * (n - 1) / 2; };
  for (const auto& [k, n] : gold_size) score.gold_pairs += pairs(n);
  for (const auto& [k, n] : pred_size) score.predicted_pairs += pairs(n);
  for (const auto& [k, n] : both) score.common_pairs += pairs(n);
  return score;
}

std::vector<MergeItem> AssignMergeItems(const Resources* resources,
                                        const std::vector<GoldLedgerEvent>& gold,
                                        const std::vector<int64_t>& matched,
                                        const std::vector<EventRow>& events,
                                        const std::vector<LedgerMember>& members) {
  std::map<std::string, std::vector<const LedgerMember*>> by_document;
  for (const LedgerMember& m : members) by_document[m.document].push_back(&m);
  std::vector<MergeItem> items;
  for (size_t g = 0; g < gold.size(); ++g) {
    int day = 0;
    bool dated = DayOf(gold[g].date, &day);
    std::set<std::string> seen;
    for (const std::string& doc : gold[g].reports) {
      if (!seen.insert(doc).second) continue;
      MergeItem item;
      item.gold = static_cast<int64_t>(g);
      item.document = doc;
      auto it = by_document.find(doc);
      if (it != by_document.end()) {
        int64_t want = g < matched.size() ? matched[g] : -1;
        int best_distance = 1 << 20;
        for (const LedgerMember* m : it->second) {
          if (m->event < 0 || m->event >= static_cast<int64_t>(events.size())) continue;
          if (m->event == want) {
            item.predicted = want;
            break;
          }
          if (!dated) continue;
          // A split-off duplicate (the event fits the happening), or an
          // event that swallowed this report (the member itself fits).
          const EventRow& e = events[static_cast<size_t>(m->event)];
          int d1 = 1 << 20, d2 = 1 << 20;
          bool event_fits = DayFits(e, day, &d1) && PlaceFits(resources, gold[g].place, e);
          bool member_fits = MemberDayFits(m->where, day, &d2) &&
                             PlaceFits(resources, gold[g].place, m->where);
          if (!event_fits) d1 = 1 << 20;
          if (!member_fits) d2 = 1 << 20;
          int d = std::min(d1, d2);
          if ((event_fits || member_fits) && d < best_distance) {
            best_distance = d;
            item.predicted = m->event;
          }
        }
      }
      items.push_back(item);
    }
  }
  return items;
}

namespace {

// Reads a ledger gold file (docs/EVENTS.md, "Evaluation").
Status ReadLedgerGold(const std::string& path, const Json& gold, LedgerEvalReport* report,
                      std::vector<GoldLedgerEvent>* events) {
  if (!gold.is_object() || !gold.contains("events") || !gold["events"].is_array() ||
      !gold.contains("campaign") || !gold["campaign"].is_string() ||
      !gold.contains("campaigns_file") || !gold["campaigns_file"].is_string())
    return Status::InvalidInput("not a ledger gold file (needs campaign, campaigns_file, events)",
                                path);
  report->campaign = gold["campaign"].get<std::string>();
  for (const char* key : {"from", "to"}) {
    if (!gold.contains(key)) continue;
    int day;
    if (!gold[key].is_string() || !DayOf(gold[key].get<std::string>(), &day))
      return Status::InvalidInput(std::string("\"") + key + "\" is not a date YYYY-MM-DD", path);
    (key[0] == 'f' ? report->from : report->to) = gold[key].get<std::string>();
  }
  size_t n = 0;
  for (const Json& g : gold["events"]) {
    ++n;
    std::string where = path + ": event " + std::to_string(n);
    if (!g.is_object()) return Status::InvalidInput("not an object", where);
    GoldLedgerEvent e;
    int day;
    if (!g.contains("date") || !g["date"].is_string() ||
        !DayOf(g["date"].get<std::string>(), &day))
      return Status::InvalidInput("gold event without a date YYYY-MM-DD", where);
    e.date = g["date"].get<std::string>();
    if ((!report->from.empty() && e.date < report->from) ||
        (!report->to.empty() && e.date > report->to))
      return Status::InvalidInput("gold event " + e.date + " outside the file's from/to", where);
    if (g.contains("place")) {
      if (!g["place"].is_string()) return Status::InvalidInput("\"place\" is not a string", where);
      e.place = g["place"].get<std::string>();
    }
    const std::pair<const char*, double*> figures[] = {{"killed", &e.killed},
                                                        {"strikes", &e.strikes}};
    for (const auto& [key, out] : figures) {
      if (!g.contains(key)) continue;
      if (!g[key].is_number())
        return Status::InvalidInput(std::string("\"") + key + "\" is not a number", where);
      *out = g[key].get<double>();
    }
    if (g.contains("reports")) {
      if (!g["reports"].is_array()) return Status::InvalidInput("\"reports\" is not a list", where);
      for (const Json& r : g["reports"]) {
        if (!r.is_string()) return Status::InvalidInput("a report is not a file name", where);
        e.reports.push_back(r.get<std::string>());
      }
      ++report->gold_reports;
    }
    events->push_back(std::move(e));
  }
  return Status::Ok();
}

}  // namespace

Result<LedgerEvalReport> EvaluateLedger(Pipeline& pipeline, const std::string& dir) {
  LedgerEvalReport report;
  std::string gold_path = dir + "/ledger.gold.json";
  std::ifstream in(gold_path);
  if (!in) return report;
  report.present = true;
  std::stringstream buf;
  buf << in.rdbuf();
  Json gold = Json::parse(buf.str(), nullptr, false);
  std::vector<GoldLedgerEvent> gold_events;
  VIGIL_RETURN_IF_ERROR(ReadLedgerGold(gold_path, gold, &report, &gold_events));
  auto campaigns = LoadCampaignsFile(dir + "/" + gold["campaigns_file"].get<std::string>());
  if (!campaigns.ok()) return campaigns.status();

  std::string tmpl = (std::filesystem::temp_directory_path() / "vigil-eval-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) return Status::IoError("cannot make a temporary directory");
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  } cleanup{tmpl};
  std::vector<EventRow> events;
  std::vector<LedgerMember> members;
  {
    auto store = Store::Open(tmpl + "/eval.db");
    if (!store.ok()) return store.status();
    auto ingested = pipeline.Ingest(store->get(), {dir}, IngestOptions(), nullptr);
    if (!ingested.ok()) return ingested.status();
    VIGIL_RETURN_IF_ERROR((*store)->SaveCampaigns(*campaigns));
    auto resolved = Resolve(store->get(), pipeline.resources());
    if (!resolved.ok()) return resolved.status();
    EventFilter f;
    f.campaign = report.campaign;
    f.type = "ASSAULT";
    f.status = "occurred";
    auto rows = (*store)->ListEvents(f);
    if (!rows.ok()) return rows.status();
    for (EventRow& e : *rows)
      if (InRange(e, report.from, report.to)) events.push_back(std::move(e));
    // Which document each member of those events comes from.
    constexpr int64_t kAll = std::numeric_limits<int64_t>::max();
    ListFilter lf;
    lf.limit = kAll;
    auto docs = (*store)->ListDocuments(lf);
    if (!docs.ok()) return docs.status();
    std::map<int64_t, std::string> doc_names;
    for (const DocumentRow& d : *docs) doc_names[d.id] = DocumentName(d.origin, dir);
    MentionFilter mf;
    mf.type = "ASSAULT";
    mf.limit = kAll;
    auto mentions = (*store)->ListEventMentions(mf);
    if (!mentions.ok()) return mentions.status();
    std::map<int64_t, const StoredEventMention*> by_id;
    for (const StoredEventMention& m : *mentions) by_id[m.id] = &m;
    // The members are listed in the event's JSON (docs/EVENTS.md, `mentions`).
    for (size_t i = 0; i < events.size(); ++i) {
      Json event = Json::parse(events[i].json, nullptr, false);
      if (!event.is_object() || !event.contains("mentions") || !event["mentions"].is_array())
        continue;
      for (const Json& m : event["mentions"]) {
        if (!m.is_object() || !m.contains("mention_id") || !m["mention_id"].is_number_integer())
          continue;
        auto it = by_id.find(m["mention_id"].get<int64_t>());
        if (it == by_id.end()) continue;
        members.push_back({static_cast<int64_t>(i), doc_names[it->second->doc_id],
                           MemberWhere(it->second->row)});
      }
    }
  }
  report.predicted_events = static_cast<int64_t>(events.size());
  for (const EventRow& e : events) {
    report.predicted_strikes += e.strikes;
    if (e.killed) report.predicted_killed += e.killed->best;
  }
  std::vector<bool> used(events.size(), false);
  std::vector<int64_t> matched(gold_events.size(), -1);
  std::vector<std::pair<int, std::string>> matched_gold;  // day, place
  for (size_t g = 0; g < gold_events.size(); ++g) {
    const GoldLedgerEvent& ge = gold_events[g];
    ++report.gold_events;
    report.gold_strikes += ge.strikes;
    if (ge.killed >= 0) report.gold_killed += ge.killed;
    int day = 0;
    DayOf(ge.date, &day);
    int best = -1, best_rank = 1 << 20;
    for (size_t i = 0; i < events.size(); ++i) {
      int distance;
      if (used[i] || !DayFits(events[i], day, &distance) ||
          !PlaceFits(pipeline.resources(), ge.place, events[i]))
        continue;
      bool same_toll = events[i].killed && events[i].killed->best == ge.killed;
      int rank = distance * 2 + (same_toll ? 0 : 1);
      if (rank < best_rank) {
        best_rank = rank;
        best = static_cast<int>(i);
      }
    }
    std::string toll = ge.killed >= 0 ? std::to_string(static_cast<int>(ge.killed)) : "?";
    if (best < 0) {
      report.errors.push_back("missed: " + ge.date + " " + ge.place + " killed " + toll);
      continue;
    }
    used[best] = true;
    matched[g] = best;
    ++report.matched;
    matched_gold.push_back({day, ge.place});
    const EventRow& e = events[best];
    if (e.killed && e.killed->best == ge.killed) ++report.killed_correct;
    else
      report.errors.push_back("killed: " + ge.date + " " + ge.place + ": ledger " +
                              (e.killed ? std::to_string(static_cast<int>(e.killed->best)) : "none") +
                              ", gold " + toll + " (" + e.key + ")");
  }
  for (size_t i = 0; i < events.size(); ++i) {
    if (used[i]) continue;
    const EventRow& e = events[i];
    bool dup = false;
    for (const auto& [day, place] : matched_gold) {
      int distance;
      dup |= DayFits(e, day, &distance) && PlaceFits(pipeline.resources(), place, e);
    }
    report.duplicates += dup;
    report.errors.push_back(std::string(dup ? "duplicate: " : "unexpected: ") + e.key + " " +
                            e.date_start + " " + e.place_name + " killed " +
                            (e.killed ? std::to_string(static_cast<int>(e.killed->best)) : "-"));
  }
  // Merge quality over the reports the gold events list.
  std::vector<MergeItem> items =
      AssignMergeItems(pipeline.resources(), gold_events, matched, events, members);
  report.merge = ScoreMerges(items);
  std::map<int64_t, std::set<std::string>> gold_dates_of;  // ledger event -> gold dates
  for (const MergeItem& item : items) {
    const GoldLedgerEvent& ge = gold_events[static_cast<size_t>(item.gold)];
    int64_t want = matched[static_cast<size_t>(item.gold)];
    if (item.predicted >= 0) gold_dates_of[item.predicted].insert(ge.date);
    if (item.predicted >= 0 && item.predicted == want) continue;
    std::string what = "merge: " + item.document + " reports " + ge.date + " " + ge.place;
    if (item.predicted < 0)
      report.errors.push_back(what + ": no event of the campaign holds it");
    else
      report.errors.push_back(what + ": in " + events[static_cast<size_t>(item.predicted)].key +
                              (want >= 0 ? ", not in " + events[static_cast<size_t>(want)].key
                                         : " (the gold event has no match)"));
  }
  for (const auto& [event, dates] : gold_dates_of) {
    if (dates.size() < 2) continue;
    std::string list;
    for (const std::string& d : dates) list += (list.empty() ? "" : ", ") + d;
    report.errors.push_back("merge: " + events[static_cast<size_t>(event)].key +
                            " holds reports of " + list);
  }
  return report;
}

}  // namespace vigil
