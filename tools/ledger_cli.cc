// vigil resolve / events / export / tally / campaigns / edit: a thin layer
// over resolve.h, export.h and the store.

#include "cli_common.h"
#include "ledger_cli.h"

#include <cstdio>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "vigil/corrections.h"
#include "vigil/export.h"
#include "vigil/resolve.h"

namespace vigil {

namespace {

using Json = nlohmann::ordered_json;




std::string Num(double v) {
  char buf[32];
  if (v == static_cast<double>(static_cast<long long>(v)))
    std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(v));
  else
    std::snprintf(buf, sizeof(buf), "%.1f", v);
  return buf;
}

std::string RangeText(const std::optional<FigureRange>& r) {
  if (!r) return "-";
  std::string s = Num(r->best);
  if (r->low != r->best || r->high != r->best) {
    s += " (" + Num(r->low) + "–";
    s += r->high >= 1e17 ? std::string("") : Num(r->high);
    s += ")";
  }
  return s;
}


bool WriteOut(const std::string& path, const std::string& data) {
  if (path.empty() || path == "-") {
    std::fwrite(data.data(), 1, data.size(), stdout);
    return std::fflush(stdout) == 0;
  }
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace

struct LedgerCli::Options {
  std::string* db = nullptr;
  std::string* resources_path = nullptr;
  CLI::App *resolve = nullptr, *events = nullptr, *events_show = nullptr, *exp = nullptr,
           *tally = nullptr, *campaigns = nullptr, *edit = nullptr;
  CLI::App *edit_merge = nullptr, *edit_split = nullptr, *edit_reject = nullptr,
           *edit_unreject = nullptr, *edit_set = nullptr, *edit_list = nullptr,
           *edit_undo = nullptr;
  std::string campaigns_file;
  bool quiet = false;
  bool full = false;
  EventFilter filter;
  bool all = false;
  std::string format = "table";
  std::string out;
  std::string show_id;
  std::string search;
  std::string tally_name;
  std::string tally_format = "table";
  std::vector<std::string> edit_events;
  std::string edit_event;
  std::vector<int64_t> edit_mentions;
  std::string edit_field, edit_value, edit_note;
  int64_t undo_id = 0;
};

LedgerCli::LedgerCli(CLI::App* app, std::string* db, std::string* resources_path)
    : o_(new Options) {
  Options& o = *o_;
  o.db = db;
  o.resources_path = resources_path;
  const char* db_help = "SQLite database file (default: $VIGIL_DB or ./vigil.db)";

  o.resolve = app->add_subcommand("resolve", "Build the ledger (events, tallies) from mentions");
  o.resolve->add_option("--db", *db, db_help);
  o.resolve->add_option("--campaigns", o.campaigns_file,
                        "Campaign definitions to load first (docs/EVENTS.md)");
  o.resolve->add_option("--resources", *resources_path, "Compiled resource file");
  o.resolve->add_flag("-q,--quiet", o.quiet, "Print only errors");
  o.resolve->add_flag("--full", o.full,
                      "Rebuild every event, not only those whose reports changed");

  auto add_filters = [&](CLI::App* cmd) {
    cmd->add_option("--db", *db, db_help);
    cmd->add_option("--campaign", o.filter.campaign, "Only events of this campaign");
    cmd->add_option("--type", o.filter.type, "PLOVER type (ASSAULT, MOBILIZE, ...)");
    cmd->add_option("--mode", o.filter.mode, "Mode (aerial, drone, ...)");
    cmd->add_option("--status", o.filter.status, "occurred, planned, threatened, denied, ...");
    cmd->add_option("--from", o.filter.from, "Events on or after (YYYY-MM-DD)");
    cmd->add_option("--to", o.filter.to, "Events on or before (YYYY-MM-DD)");
    cmd->add_option("--country", o.filter.country, "Place country (ISO alpha-2: MX, VE)");
    cmd->add_option("--search", o.search,
                    "Words in the reports' sentences or titles (\"a phrase\", word*, -word)");
    cmd->add_option("--min-killed", o.filter.min_killed, "At least this many killed (best)");
    cmd->add_flag("--all", o.all, "Include events rejected by an analyst");
    cmd->add_option("--sort", o.filter.sort, "date, killed, reports or origins")
        ->check(CLI::IsMember({"date", "killed", "reports", "origins"}));
    cmd->add_flag("--desc", o.filter.descending, "Sort descending");
    cmd->add_option("--limit", o.filter.limit, "At most this many");
  };
  o.events = app->add_subcommand("events", "List the ledger's events");
  add_filters(o.events);
  o.events->add_option("--format", o.format, "table, jsonl, csv, geojson or plover")
      ->check(CLI::IsMember({"table", "jsonl", "csv", "geojson", "plover"}));
  o.events_show = o.events->add_subcommand("show", "One event with its reports and sentences");
  o.events_show->add_option("id", o.show_id, "Event id (E...)")->required();
  o.events_show->add_option("--db", *db, db_help);
  o.events_show->add_option("--format", o.format, "text or json")
      ->check(CLI::IsMember({"text", "json", "table"}));

  o.exp = app->add_subcommand("export", "Write the whole ledger in one format");
  add_filters(o.exp);
  o.format = "table";
  o.exp->add_option("--format", o.format, "jsonl, csv, geojson or plover")
      ->check(CLI::IsMember({"jsonl", "csv", "geojson", "plover"}));
  o.exp->add_option("-o,--out", o.out, "Output file (written whole, then renamed; default stdout)");

  o.tally = app->add_subcommand("tally", "Reported running totals against the ledger's count");
  o.tally->add_option("campaign", o.tally_name, "Campaign name")->required();
  o.tally->add_option("--db", *db, db_help);
  o.tally->add_option("--format", o.tally_format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));

  o.campaigns = app->add_subcommand("campaigns", "List campaigns, or load definitions");
  o.campaigns->add_option("--db", *db, db_help);
  o.campaigns->add_option("--load", o.campaigns_file, "Load (and re-resolve) from this file");
  o.campaigns->add_option("--resources", *resources_path, "Compiled resource file");

  o.edit = app->add_subcommand("edit", "Analyst corrections: merge, split, reject, set a figure");
  o.edit->require_subcommand(1);
  auto edit_cmd = [&](const char* name, const char* help) {
    CLI::App* c = o.edit->add_subcommand(name, help);
    c->add_option("--db", *db, db_help);
    c->add_option("--note", o.edit_note, "Why (kept with the correction)");
    c->add_option("--resources", *resources_path, "Compiled resource file");
    return c;
  };
  o.edit_merge = edit_cmd("merge", "Merge two or more events into one");
  o.edit_merge->add_option("events", o.edit_events, "Event ids")->required()->expected(2, 1000);
  o.edit_split = edit_cmd("split", "Take mentions out of an event into a new one");
  o.edit_split->add_option("event", o.edit_event, "Event id")->required();
  o.edit_split->add_option("--mention", o.edit_mentions, "Mention id to move (repeat)")
      ->required();
  o.edit_reject = edit_cmd("reject", "Mark an event as not a real event");
  o.edit_reject->add_option("event", o.edit_event, "Event id")->required();
  o.edit_unreject = edit_cmd("unreject", "Undo a rejection");
  o.edit_unreject->add_option("event", o.edit_event, "Event id")->required();
  o.edit_set = edit_cmd("set", "Set a figure of an event");
  o.edit_set->add_option("event", o.edit_event, "Event id")->required();
  o.edit_set->add_option("field", o.edit_field, "killed, injured, survivors, vessels or strikes")
      ->required()
      ->check(CLI::IsMember({"killed", "injured", "survivors", "vessels", "strikes"}));
  o.edit_set->add_option("value", o.edit_value, "The figure")->required()->check(CLI::NonNegativeNumber);
  o.edit_list = edit_cmd("list", "List corrections");
  o.edit_undo = edit_cmd("undo", "Delete a correction");
  o.edit_undo->add_option("id", o.undo_id, "Correction id")->required();
}

LedgerCli::~LedgerCli() = default;

Status LedgerCli::ResolveStore(Store* store, const Resources* resources,
                               const std::string& campaigns_file, bool quiet, bool full) {
  if (!campaigns_file.empty()) {
    auto campaigns = LoadCampaignsFile(campaigns_file);
    if (!campaigns.ok()) return campaigns.status();
    VIGIL_RETURN_IF_ERROR(store->SaveCampaigns(*campaigns));
  }
  ResolveOptions options;
  options.full = full;
  auto report = Resolve(store, resources, options);
  if (!report.ok()) return report.status();
  for (const std::string& p : report->correction_problems)
    std::fprintf(stderr, "vigil: warning: %s\n", p.c_str());
  if (!quiet)
    std::fprintf(stderr,
                 "vigil: resolved %zu event mention(s) of %zu document(s) into %zu event(s) and "
                 "%zu reported total(s); %zu correction(s) applied; %zu event(s) written, %zu "
                 "removed, %zu unchanged; %.2f s\n",
                 report->mentions_used, report->documents, report->events, report->tallies,
                 report->corrections_applied, report->events_built, report->events_removed,
                 report->events - report->events_built, report->seconds);
  return Status::Ok();
}

namespace {

void PrintEventsTable(const std::vector<EventRow>& events) {
  std::printf("%-11s  %-11s  %-9s  %-9s  %-10s  %-24s  %-10s  %7s %7s  %s\n", "id", "date", "type",
              "mode", "status", "place", "killed", "reports", "origins", "flags");
  for (const EventRow& e : events) {
    std::string date = e.date_start.empty() ? "-" : e.date_start;
    if (e.date_precision == "reported") date = "~" + e.date_end;
    std::string status = e.status + (e.rejected ? "!" : "");
    std::printf("%-11s  %-11s  %-9s  %-9s  %-10s  %s  %s  %7lld %7lld  %s\n", e.key.c_str(),
                date.c_str(), e.type.c_str(), e.mode.empty() ? "-" : e.mode.c_str(),
                status.c_str(), Pad(Clip(e.place_name.empty() ? "-" : e.place_name, 24), 24).c_str(),
                Pad(RangeText(e.killed), 10).c_str(), static_cast<long long>(e.reports),
                static_cast<long long>(e.origins),
                e.flags ? std::to_string(e.flags).c_str() : "");
  }
  std::printf("\n%zu event(s). '~DATE': undated, first reported DATE; '!': rejected by an "
              "analyst.\n", events.size());
}

void PrintEvent(const EventRow& e) {
  Json j = Json::parse(e.json, nullptr, false);
  std::printf("event      %s%s\n", e.key.c_str(), e.rejected ? "  (rejected by an analyst)" : "");
  std::printf("what       %s %s, %s\n", e.type.c_str(), e.mode.c_str(), e.status.c_str());
  std::printf("when       %s%s (%s)\n", e.date_start.c_str(),
              e.date_end != e.date_start ? (".." + e.date_end).c_str() : "",
              e.date_precision.c_str());
  if (!e.place_name.empty())
    std::printf("where      %s (%s%s%s)\n", e.place_name.c_str(), e.place_kind.c_str(),
                e.place_country.empty() ? "" : ", ", e.place_country.c_str());
  std::printf("killed     %s\n", RangeText(e.killed).c_str());
  if (e.injured) std::printf("injured    %s\n", RangeText(e.injured).c_str());
  if (e.survivors) std::printf("survivors  %s\n", RangeText(e.survivors).c_str());
  if (e.missing) std::printf("missing    %s (missing or presumed dead)\n", RangeText(e.missing).c_str());
  if (e.vessels) std::printf("vessels    %s\n", Num(*e.vessels).c_str());
  std::printf("reports    %lld from %lld independent origin(s); first reported %s\n",
              static_cast<long long>(e.reports), static_cast<long long>(e.origins),
              e.first_reported.c_str());
  if (!j.is_object()) return;
  for (const auto& f : j["flags"])
    std::printf("FLAG       %s: %s\n", f.value("kind", "").c_str(), f.value("detail", "").c_str());
  for (const auto& c : j["corrections"])
    std::printf("corrected  #%lld %s %s\n", static_cast<long long>(c.value("id", 0)),
                c.value("action", "").c_str(), c.value("note", "").c_str());
  // Reports grouped by origin.
  std::map<std::string, std::vector<const Json*>> by_origin;
  for (const auto& m : j["mentions"]) by_origin[m.value("origin", "")].push_back(&m);
  for (const auto& [origin, ms] : by_origin) {
    std::printf("\norigin %s\n", origin.c_str());
    for (const Json* m : ms) {
      const Json& mm = *m;
      std::printf("  [mention %lld, doc %lld, bytes %lld-%lld] %s, %s\n",
                  static_cast<long long>(mm.value("mention_id", 0)),
                  static_cast<long long>(mm.value("doc_id", 0)),
                  static_cast<long long>(mm["span"][0].get<long long>()),
                  static_cast<long long>(mm["span"][1].get<long long>()),
                  mm["outlet"].is_string() ? mm["outlet"].get<std::string>().c_str() : "-",
                  mm["published"].is_string() ? mm["published"].get<std::string>().c_str() : "-");
      std::printf("    %s\n", mm.value("text", "").c_str());
    }
  }
}

}  // namespace

bool LedgerCli::Run(int* exit_code) {
  Options& o = *o_;
  auto open = [&]() { return OpenExistingStore(*o.db); };
  auto resources = [&]() { return LoadResources(*o.resources_path); };
  o.filter.include_rejected = o.all;
  if (!o.search.empty()) {
    auto expr = SearchExpression(o.search);
    if (!expr.ok())
      return *exit_code = Fatal(Status::InvalidInput("--search: " + expr.status().message())),
             true;
    o.filter.text_match = *expr;
  }

  if (o.resolve->parsed() || o.campaigns->parsed()) {
    auto store = open();
    if (!store.ok()) return *exit_code = Fatal(store.status()), true;
    if (o.campaigns->parsed() && o.campaigns_file.empty()) {
      auto list = (*store)->LoadCampaigns();
      if (!list.ok()) return *exit_code = Fatal(list.status()), true;
      std::printf("%-24s  %s\n", "name", "definition");
      for (const Campaign& c : *list) {
        std::string def;
        auto add = [&](const char* k, const std::vector<std::string>& v) {
          if (v.empty()) return;
          def += std::string(def.empty() ? "" : "; ") + k + "=";
          for (size_t i = 0; i < v.size(); ++i) def += (i ? "," : "") + v[i];
        };
        add("type", c.types);
        add("mode", c.modes);
        add("status", c.statuses);
        add("actor_country", c.actor_countries);
        add("target", c.target_kinds);
        add("region", c.regions);
        if (!c.from.empty()) def += "; from=" + c.from;
        if (!c.to.empty()) def += "; to=" + c.to;
        std::printf("%-24s  %s\n             %s\n", c.name.c_str(), c.title.c_str(), def.c_str());
      }
      return *exit_code = kExitOk, true;
    }
    auto res = resources();
    if (!res.ok()) return *exit_code = Fatal(res.status()), true;
    Status s = ResolveStore(store->get(), res->get(), o.campaigns_file, o.quiet,
                            o.resolve->parsed() && o.full);
    *exit_code = s.ok() ? kExitOk : Fatal(s);
    return true;
  }

  if (o.events_show->parsed()) {
    auto store = open();
    if (!store.ok()) return *exit_code = Fatal(store.status()), true;
    EventFilter f;
    f.key = o.show_id;
    f.include_rejected = true;
    auto rows = (*store)->ListEvents(f);
    if (!rows.ok()) return *exit_code = Fatal(rows.status()), true;
    if (rows->empty()) return *exit_code = Fatal(Status::NotFound("no event " + o.show_id)), true;
    if (o.format == "json") std::printf("%s\n", rows->front().json.c_str());
    else PrintEvent(rows->front());
    return *exit_code = kExitOk, true;
  }

  if (o.events->parsed() || o.exp->parsed()) {
    auto store = open();
    if (!store.ok()) return *exit_code = Fatal(store.status()), true;
    auto rows = (*store)->ListEvents(o.filter);
    if (!rows.ok()) return *exit_code = Fatal(rows.status()), true;
    std::string data;
    if (o.format == "table") {
      if (o.exp->parsed()) o.format = "jsonl";
      else {
        PrintEventsTable(*rows);
        return *exit_code = kExitOk, true;
      }
    }
    if (o.format == "jsonl") {
      for (const EventRow& e : *rows) data += e.json + "\n";
    } else if (o.format == "plover") {
      for (const EventRow& e : *rows) data += EventPlover(e) + "\n";
    } else if (o.format == "csv") {
      data = EventsCsv(*rows);
    } else if (o.format == "geojson") {
      data = EventsGeoJson(*rows) + "\n";
    }
    if (!WriteOut(o.out, data))
      return *exit_code = Fatal(Status::IoError("cannot write " + o.out)), true;
    return *exit_code = kExitOk, true;
  }

  if (o.tally->parsed()) {
    auto store = open();
    if (!store.ok()) return *exit_code = Fatal(store.status()), true;
    auto t = TallyCampaign(store->get(), o.tally_name);
    if (!t.ok()) return *exit_code = Fatal(t.status()), true;
    if (o.tally_format == "json") {
      std::printf("%s\n", CampaignTallyJson(*t).c_str());
      return *exit_code = kExitOk, true;
    }
    std::printf("campaign  %s: %s\n", t->campaign.name.c_str(), t->campaign.title.c_str());
    std::printf("ledger    %zu event(s), %s strike(s), %s killed, %s survivor(s), %s vessel(s)\n\n",
                t->events.size(), Num(t->strikes).c_str(), Num(t->killed).c_str(),
                Num(t->survivors).c_str(), Num(t->vessels).c_str());
    std::printf("%-10s  %-22s  %17s  %17s  %s\n", "as of", "reported by", "reported str/kill",
                "ledger str/kill", "gap");
    for (const TallyLine& l : t->lines) {
      std::string rep = (l.reported.strikes ? Num(*l.reported.strikes) : "-") + " / " +
                        (l.reported.killed ? Num(*l.reported.killed) : "-");
      if (l.reported.killed_qualifier == "at_least") rep += "+";
      std::string led = l.reported.as_of.empty()
                            ? "not compared"
                            : Num(l.ledger_strikes) + " / " + Num(l.ledger_killed);
      std::string gap;
      if (l.strikes_unaccounted > 0) gap += Num(l.strikes_unaccounted) + " strike(s) ";
      if (l.killed_unaccounted > 0) gap += Num(l.killed_unaccounted) + " death(s) ";
      if (!gap.empty()) gap += "not in the ledger";
      std::printf("%-10s  %-22s  %17s  %17s  %s\n",
                  l.reported.as_of.empty() ? "undated" : l.reported.as_of.c_str(),
                  Clip(l.reported.outlet.empty() ? "-" : l.reported.outlet, 22).c_str(),
                  rep.c_str(), led.c_str(), gap.c_str());
    }
    if (!t->uncounted.empty()) {
      std::printf("\nevents after the latest reported total (no total includes them yet):\n");
      for (const EventRow& e : t->uncounted)
        std::printf("  %s  %s  %s  killed %s\n", e.key.c_str(), e.date_start.c_str(),
                    e.place_name.empty() ? "-" : e.place_name.c_str(), RangeText(e.killed).c_str());
    }
    return *exit_code = kExitOk, true;
  }

  if (o.edit->parsed()) {
    auto store = open();
    if (!store.ok()) return *exit_code = Fatal(store.status()), true;
    if (o.edit_list->parsed()) {
      auto list = (*store)->ListCorrections();
      if (!list.ok()) return *exit_code = Fatal(list.status()), true;
      for (const Correction& c : *list)
        std::printf("#%-4lld %s  %-8s %s%s%s  (%zu mention(s))  %s\n",
                    static_cast<long long>(c.id), c.created_at.c_str(),
                    CorrectionActionName(c.action), c.field.c_str(), c.field.empty() ? "" : "=",
                    c.value.c_str(), c.mentions.size(), c.note.c_str());
      return *exit_code = kExitOk, true;
    }
    if (o.edit_undo->parsed()) {
      Status s = (*store)->DeleteCorrection(o.undo_id);
      if (!s.ok()) return *exit_code = Fatal(s), true;
    } else {
      if (!o.edit_event.empty()) o.edit_events = {o.edit_event};
      CorrectionRequest r;
      r.events = o.edit_events;
      r.note = o.edit_note;
      if (o.edit_merge->parsed()) r.action = CorrectionAction::kMerge;
      if (o.edit_split->parsed()) {
        r.action = CorrectionAction::kSplit;
        r.mentions = o.edit_mentions;
      }
      if (o.edit_reject->parsed()) r.action = CorrectionAction::kReject;
      if (o.edit_unreject->parsed()) r.action = CorrectionAction::kUnreject;
      if (o.edit_set->parsed()) {
        r.action = CorrectionAction::kSetFigure;
        r.field = o.edit_field;
        r.value = o.edit_value;
      }
      auto c = RecordCorrection(store->get(), r);
      if (!c.ok()) return *exit_code = Fatal(c.status()), true;
      std::fprintf(stderr, "vigil: correction #%lld recorded\n", static_cast<long long>(c->id));
    }
    auto res = resources();
    if (!res.ok()) return *exit_code = Fatal(res.status()), true;
    Status s = ResolveStore(store->get(), res->get(), "", false);
    *exit_code = s.ok() ? kExitOk : Fatal(s);
    return true;
  }
  return false;
}

}  // namespace vigil
