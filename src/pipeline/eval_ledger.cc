// Ledger evaluation: the events a corpus resolves into against a gold list
// of happenings (docs/EVENTS.md, "Evaluation").

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
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

// Whether the event's place can be the gold place: unknown, the same entry,
// a point inside (or, for a coast, within 6 degrees of) the gold box, or an
// area whose box holds the gold place (less precise, not wrong: "the
// SOUTHCOM area of responsibility" for a Caribbean strike).
bool PlaceFits(const Resources* res, const std::string& gold, const EventRow& e) {
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
bool DayFits(const EventRow& e, int day, int* distance) {
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
  if (!gold.is_object() || !gold["events"].is_array() || !gold["campaign"].is_string() ||
      !gold["campaigns_file"].is_string())
    return Status::InvalidInput("not a ledger gold file (needs campaign, campaigns_file, events)",
                                gold_path);
  report.campaign = gold["campaign"].get<std::string>();
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
    events = std::move(*rows);
  }
  report.predicted_events = static_cast<int64_t>(events.size());
  for (const EventRow& e : events) {
    report.predicted_strikes += e.strikes;
    if (e.killed) report.predicted_killed += e.killed->best;
  }
  std::vector<bool> used(events.size(), false);
  std::vector<std::pair<int, std::string>> matched_gold;  // day, place
  for (const Json& g : gold["events"]) {
    ++report.gold_events;
    std::string date = g.value("date", "");
    std::string place = g.value("place", "");
    double killed = g.value("killed", -1.0);
    report.gold_strikes += g.value("strikes", 1.0);
    if (killed >= 0) report.gold_killed += killed;
    int day;
    if (!DayOf(date, &day))
      return Status::InvalidInput("gold event without a date YYYY-MM-DD", gold_path);
    int best = -1, best_rank = 1 << 20;
    for (size_t i = 0; i < events.size(); ++i) {
      int distance;
      if (used[i] || !DayFits(events[i], day, &distance) || !PlaceFits(pipeline.resources(), place, events[i]))
        continue;
      bool same_toll = events[i].killed && events[i].killed->best == killed;
      int rank = distance * 2 + (same_toll ? 0 : 1);
      if (rank < best_rank) {
        best_rank = rank;
        best = static_cast<int>(i);
      }
    }
    if (best < 0) {
      report.errors.push_back("missed: " + date + " " + place + " killed " +
                              (killed >= 0 ? std::to_string(static_cast<int>(killed)) : "?"));
      continue;
    }
    used[best] = true;
    ++report.matched;
    matched_gold.push_back({day, place});
    const EventRow& e = events[best];
    if (e.killed && e.killed->best == killed) ++report.killed_correct;
    else
      report.errors.push_back("killed: " + date + " " + place + ": ledger " +
                              (e.killed ? std::to_string(static_cast<int>(e.killed->best)) : "none") +
                              ", gold " + std::to_string(static_cast<int>(killed)) + " (" + e.key + ")");
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
  return report;
}

}  // namespace vigil
