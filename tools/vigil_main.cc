// vigil: the command-line interface. A thin layer over the public API; it
// parses flags, calls the library and prints. Exit codes: 0 success, 1 some
// input was skipped, 2 usage or fatal error.

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "ledger_cli.h"
#include "vigil/eval.h"
#include "vigil/extract.h"
#include "vigil/pipeline.h"
#include "vigil/resources.h"
#include "vigil/serve.h"
#include "vigil/source.h"
#include "vigil/store.h"
#include "vigil/version.h"
#include "vigil/watch.h"

namespace vigil {
namespace {

using Json = nlohmann::ordered_json;


std::string DefaultDb() {
  const char* env = std::getenv("VIGIL_DB");
  return env && *env ? env : "vigil.db";
}


std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Prints skips and warnings as they happen, and a progress line when stderr
// is a terminal.
class CliObserver : public IngestObserver {
 public:
  explicit CliObserver(bool quiet) : quiet_(quiet), tty_(::isatty(2) && !quiet) {}

  void OnSkipped(const Status& status) override {
    ClearLine();
    std::fprintf(stderr, "vigil: skipped: %s\n", status.ToString().c_str());
  }
  void OnWarning(const std::string& where, const std::string& message) override {
    if (quiet_) return;
    ClearLine();
    std::fprintf(stderr, "vigil: warning: %s: %s\n", where.c_str(), message.c_str());
  }
  void OnProgress(const IngestProgress& p) override {
    if (!tty_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double mb = p.input_bytes / 1e6;
    double rate = p.elapsed_seconds > 0 ? mb / p.elapsed_seconds : 0;
    char eta[32] = "";
    if (p.total_bytes > p.input_bytes && rate > 0) {
      double left = (p.total_bytes - p.input_bytes) / 1e6 / rate;
      std::snprintf(eta, sizeof(eta), "  ETA %d:%02d", static_cast<int>(left) / 60,
                    static_cast<int>(left) % 60);
    }
    std::fprintf(stderr, "\r\033[Kingest: %llu documents  %.1f MB  %.1f MB/s%s",
                 static_cast<unsigned long long>(p.documents), mb, rate, eta);
    std::fflush(stderr);
    shown_ = true;
  }
  void ClearLine() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
    shown_ = false;
  }

 private:
  bool quiet_;
  bool tty_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};


// The resources for a command that extracts unless |no_extract| (then null).
Result<std::unique_ptr<Resources>> ResourcesUnless(bool no_extract, const std::string& path) {
  if (no_extract) return std::unique_ptr<Resources>();
  return LoadResources(path);
}

int RunIngest(const std::string& db, const std::vector<std::string>& paths,
              const IngestOptions& options, bool quiet, bool json,
              const std::string& resources_path, bool no_extract, bool no_resolve,
              const std::string& campaigns_file) {
  auto resources = ResourcesUnless(no_extract, resources_path);
  if (!resources.ok()) return Fatal(resources.status());
  auto store = Store::Open(db);
  if (!store.ok()) return Fatal(store.status());
  Pipeline pipeline(resources->get());
  CliObserver observer(quiet);
  auto report = pipeline.Ingest(store->get(), paths, options, &observer);
  observer.ClearLine();
  if (!report.ok()) return Fatal(report.status());
  const IngestReport& r = *report;
  // The ledger follows the new documents (docs/EVENTS.md).
  if (*resources && !no_resolve) {
    Status s = LedgerCli::ResolveStore(store->get(), resources->get(), campaigns_file, quiet);
    if (!s.ok()) return Fatal(s);
  }
  if (json) {
    Json j;
    j["inserted"] = r.inserted;
    j["new_versions"] = r.new_versions;
    j["already_present"] = r.already_present;
    j["event_mentions"] = r.event_mentions;
    j["skipped"] = r.skipped;
    j["warnings"] = r.warnings;
    j["input_bytes"] = r.input_bytes;
    j["seconds"] = r.elapsed_seconds;
    std::printf("%s\n", Dump(j).c_str());
  }
  if (!quiet || r.skipped) {
    std::fprintf(stderr,
                 "vigil: ingested %llu document(s) (%llu new version(s), %llu event "
                 "mention(s)), %llu already present, %llu skipped, %llu warning(s); %.1f MB in "
                 "%.2f s\n",
                 static_cast<unsigned long long>(r.inserted),
                 static_cast<unsigned long long>(r.new_versions),
                 static_cast<unsigned long long>(r.event_mentions),
                 static_cast<unsigned long long>(r.already_present),
                 static_cast<unsigned long long>(r.skipped),
                 static_cast<unsigned long long>(r.warnings), r.input_bytes / 1e6,
                 r.elapsed_seconds);
  }
  return r.skipped ? kExitSkipped : kExitOk;
}

void PrintCounts(const char* title, const std::vector<CountRow>& rows) {
  std::printf("\n%s\n", title);
  for (const CountRow& r : rows)
    std::printf("  %-40s %8lld\n", r.key.c_str(), static_cast<long long>(r.count));
}

int RunStats(const std::string& db, const std::string& format) {
  auto store = OpenExistingStore(db);
  if (!store.ok()) return Fatal(store.status());
  auto stats = (*store)->Stats();
  if (!stats.ok()) return Fatal(stats.status());
  const StoreStats& s = *stats;
  if (format == "json") {
    std::printf("%s\n", StatsJson(s).c_str());
    return kExitOk;
  }
  std::printf("database     %s (schema %d)\n", db.c_str(), s.schema_version);
  std::printf("documents    %lld (%lld revised versions)\n", static_cast<long long>(s.documents),
              static_cast<long long>(s.versions));
  std::printf("sentences    %lld\n", static_cast<long long>(s.sentences));
  std::printf("outlets      %lld\n", static_cast<long long>(s.outlets));
  std::printf("text         %.2f MB\n", s.text_bytes / 1e6);
  PrintCounts("by outlet", s.by_outlet);
  PrintCounts("by language", s.by_language);
  PrintCounts("by publication date", s.by_date);
  PrintCounts("by format", s.by_format);
  std::printf("\nevent mentions %lld\n", static_cast<long long>(s.event_mentions));
  for (const CountRow& r : s.mentions_by_type)
    std::printf("  %-40s %8lld\n", r.key.c_str(), static_cast<long long>(r.count));
  return kExitOk;
}


int RunDocsList(const std::string& db, const ListFilter& filter, const std::string& format) {
  auto store = OpenExistingStore(db);
  if (!store.ok()) return Fatal(store.status());
  auto docs = (*store)->ListDocuments(filter);
  if (!docs.ok()) return Fatal(docs.status());
  if (format == "jsonl") {
    for (const DocumentRow& d : *docs) std::printf("%s\n", DocumentJson(d).c_str());
    return kExitOk;
  }
  std::printf("%6s  %-10s  %-22s  %-4s  %5s  %s\n", "id", "published", "outlet", "lang",
              "sents", "title");
  for (const DocumentRow& d : *docs) {
    std::printf("%6lld  %-10s  %-22s  %-4s  %5lld  %s\n", static_cast<long long>(d.id),
                d.meta.published.empty() ? "-" : d.meta.published.substr(0, 10).c_str(),
                Clip(d.meta.outlet.empty() ? "-" : d.meta.outlet, 22).c_str(),
                d.language.c_str(), static_cast<long long>(d.sentence_count),
                Clip(d.meta.title.empty() ? d.origin : d.meta.title, 70).c_str());
  }
  return kExitOk;
}

int RunDocsShow(const std::string& db, int64_t id, const std::string& format) {
  auto store = OpenExistingStore(db);
  if (!store.ok()) return Fatal(store.status());
  auto doc = (*store)->GetDocument(id);
  if (!doc.ok()) return Fatal(doc.status());
  auto sentences = (*store)->GetSentences(id);
  if (!sentences.ok()) return Fatal(sentences.status());
  if (format == "json") {
    std::printf("%s\n", DocumentDetailJson(*doc, *sentences).c_str());
    return kExitOk;
  }
  const DocumentRow& d = *doc;
  std::printf("document   %lld\n", static_cast<long long>(d.id));
  std::printf("title      %s\n", d.meta.title.c_str());
  std::printf("outlet     %s\n", d.meta.outlet.c_str());
  std::printf("published  %s\n", d.meta.published.empty() ? "(unknown)" : d.meta.published.c_str());
  std::printf("url        %s\n", d.meta.url.c_str());
  std::printf("author     %s\n", d.meta.author.c_str());
  std::printf("language   %s%s\n", d.language.c_str(), d.language_reliable ? "" : " (unreliable)");
  std::printf("origin     %s (%s)\n", d.origin.c_str(), d.format.c_str());
  if (d.previous_version)
    std::printf("revises    %lld\n", static_cast<long long>(d.previous_version));
  for (const std::string& n : d.notes) std::printf("note       %s\n", n.c_str());
  std::printf("\n");
  for (const SentenceRow& s : *sentences)
    std::printf("[%3lld %-10s %5u-%-5u] %s\n", static_cast<long long>(s.index),
                s.block.c_str(), s.begin, s.end, s.text.c_str());
  return kExitOk;
}

int RunExtractStored(const std::string& db, const std::string& resources_path, int threads) {
  auto resources = LoadResources(resources_path);
  if (!resources.ok()) return Fatal(resources.status());
  auto store = OpenExistingStore(db);
  if (!store.ok()) return Fatal(store.status());
  Pipeline pipeline(resources->get());
  auto report = pipeline.Reextract(store->get(), threads);
  if (!report.ok()) return Fatal(report.status());
  std::fprintf(stderr, "vigil: extracted %llu document(s): %llu event mention(s) in %.2f s\n",
               static_cast<unsigned long long>(report->documents),
               static_cast<unsigned long long>(report->event_mentions),
               report->elapsed_seconds);
  Status s = LedgerCli::ResolveStore(store->get(), resources->get(), "", false);
  if (!s.ok()) return Fatal(s);
  return kExitOk;
}

// The pure filter: JSON Lines documents on stdin, one mentions object per
// document on stdout, no database.
int RunExtractFilter(const std::string& resources_path, const ReadOptions& read) {
  auto resources = LoadResources(resources_path);
  if (!resources.ok()) return Fatal(resources.status());
  Pipeline pipeline(resources->get());
  InputReader reader({"-"}, read);
  uint64_t skipped = 0;
  for (;;) {
    RawItem item;
    Status error;
    InputReader::Step step = reader.Next(&item, &error);
    if (step == InputReader::Step::kEnd) break;
    if (step == InputReader::Step::kError) {
      ++skipped;
      std::fprintf(stderr, "vigil: skipped: %s\n", error.ToString().c_str());
      continue;
    }
    auto doc = ParseRawItem(item, read);
    if (!doc.ok()) {
      ++skipped;
      std::fprintf(stderr, "vigil: skipped: %s\n", doc.status().ToString().c_str());
      continue;
    }
    Annotated annotated;
    pipeline.Annotate(*doc, &annotated);
    Mentions mentions;
    pipeline.Extract(*doc, annotated, &mentions);
    std::string line = MentionsToJson(*doc, 0, mentions);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  std::fflush(stdout);
  return skipped ? kExitSkipped : kExitOk;
}

int RunMentions(const std::string& db, const MentionFilter& filter, const std::string& format) {
  auto store = OpenExistingStore(db);
  if (!store.ok()) return Fatal(store.status());
  auto rows = (*store)->ListEventMentions(filter);
  if (!rows.ok()) return Fatal(rows.status());
  if (format == "jsonl") {
    for (const StoredEventMention& m : *rows) {
      Json j = Json::parse(m.row.json, nullptr, false);
      if (j.is_discarded()) j = Json::object();
      Json out;
      out["mention_id"] = m.id;
      out["doc_id"] = m.doc_id;
      out["outlet"] = m.outlet.empty() ? Json() : Json(m.outlet);
      out["url"] = m.url.empty() ? Json() : Json(m.url);
      out["published"] = m.published.empty() ? Json() : Json(m.published);
      for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = it.value();
      std::printf("%s\n", Dump(out).c_str());
    }
    return kExitOk;
  }
  std::printf("%6s %5s  %-9s %-8s %-12s %-10s %-18s %6s %5s  %s\n", "doc", "idx", "type", "mode",
              "status", "date", "place", "killed", "total", "sentence");
  for (const StoredEventMention& m : *rows) {
    const EventMentionRow& e = m.row;
    char killed[32] = "-";
    if (e.killed) std::snprintf(killed, sizeof(killed), "%g", *e.killed);
    Json j = Json::parse(e.json, nullptr, false);
    std::string text = j.is_object() && j.contains("text") && j["text"].is_string()
                           ? j["text"].get<std::string>()
                           : "";
    std::string status = e.status + (e.generic ? "*" : "");
    std::printf("%6lld %5lld  %-9s %-8s %-12s %-10s %-18s %6s %5s  %s\n",
                static_cast<long long>(m.doc_id), static_cast<long long>(e.index), e.type.c_str(),
                e.mode.empty() ? "-" : e.mode.c_str(), status.c_str(),
                e.date_start.empty() ? "-" : e.date_start.c_str(),
                Clip(e.place_name.empty() ? "-" : e.place_name, 18).c_str(), killed,
                e.running_total ? "yes" : "", Clip(text, 80).c_str());
  }
  return kExitOk;
}

// The merge scores of `vigil eval --format json` (docs/EVENTS.md, "Evaluation").
Json MergeJson(const LedgerEvalReport& l) {
  if (l.gold_reports == 0) return nullptr;
  const MergeScore& m = l.merge;
  return Json{{"items", m.items},
              {"bcubed_precision", m.bcubed_precision},
              {"bcubed_recall", m.bcubed_recall},
              {"bcubed_f1", m.bcubed_f1()},
              {"pair_precision", m.pair_precision()},
              {"pair_recall", m.pair_recall()},
              {"predicted_pairs", m.predicted_pairs},
              {"gold_pairs", m.gold_pairs},
              {"common_pairs", m.common_pairs}};
}

int RunEval(const std::string& dir, const std::string& resources_path, bool verbose,
            const std::string& format) {
  auto resources = LoadResources(resources_path);
  if (!resources.ok()) return Fatal(resources.status());
  Pipeline pipeline(resources->get());
  auto report = EvaluateCorpus(pipeline, dir);
  if (!report.ok()) return Fatal(report.status());
  for (const std::string& s : report->skipped) std::fprintf(stderr, "vigil: skipped: %s\n", s.c_str());
  if (verbose)
    for (const std::string& e : report->errors) std::fprintf(stderr, "%s\n", e.c_str());
  if (format == "json") {
    Json j;
    j["documents"] = report->documents;
    j["gold_events"] = report->gold_events;
    j["predicted_events"] = report->predicted_events;
    Json fields = Json::object();
    for (const std::string& f : EvalFieldOrder()) {
      auto it = report->fields.find(f);
      if (it == report->fields.end()) continue;
      const FieldScore& s = it->second;
      fields[f] = {{"tp", s.tp}, {"fp", s.fp}, {"fn", s.fn}, {"precision", s.precision()},
                   {"recall", s.recall()}, {"f1", s.f1()}};
    }
    j["fields"] = fields;
    std::printf("%s\n", Dump(j).c_str());
  } else {
    std::printf("%lld documents, %lld gold event mentions, %lld predicted\n\n",
                static_cast<long long>(report->documents),
                static_cast<long long>(report->gold_events),
                static_cast<long long>(report->predicted_events));
    std::printf("%-18s %6s %6s %6s %9s %7s %6s\n", "field", "tp", "fp", "fn", "precision",
                "recall", "f1");
    for (const std::string& f : EvalFieldOrder()) {
      auto it = report->fields.find(f);
      if (it == report->fields.end()) continue;
      const FieldScore& s = it->second;
      std::printf("%-18s %6lld %6lld %6lld %9.3f %7.3f %6.3f\n", f.c_str(),
                  static_cast<long long>(s.tp), static_cast<long long>(s.fp),
                  static_cast<long long>(s.fn), s.precision(), s.recall(), s.f1());
    }
  }
  auto ledger = EvaluateLedger(pipeline, dir);
  if (!ledger.ok()) return Fatal(ledger.status());
  if (ledger->present) {
    const LedgerEvalReport& l = *ledger;
    if (verbose)
      for (const std::string& e : l.errors) std::fprintf(stderr, "ledger: %s\n", e.c_str());
    if (format == "json") {
      std::printf("%s\n", Dump(Json{{"ledger", {{"campaign", l.campaign},
                                                 {"gold_events", l.gold_events},
                                                 {"predicted_events", l.predicted_events},
                                                 {"matched", l.matched},
                                                 {"precision", l.precision()},
                                                 {"recall", l.recall()},
                                                 {"killed_accuracy", l.killed_accuracy()},
                                                 {"duplicates", l.duplicates},
                                                 {"gold_strikes", l.gold_strikes},
                                                 {"predicted_strikes", l.predicted_strikes},
                                                 {"gold_killed", l.gold_killed},
                                                 {"predicted_killed", l.predicted_killed},
                                                 {"from", l.from},
                                                 {"to", l.to},
                                                 {"merge", MergeJson(l)}}}})
                                .c_str());
    } else {
      std::printf("\nledger (campaign %s): %lld gold events, %lld in the ledger, %lld matched\n",
                  l.campaign.c_str(), static_cast<long long>(l.gold_events),
                  static_cast<long long>(l.predicted_events), static_cast<long long>(l.matched));
      std::printf("  event precision %.3f  recall %.3f  killed.best accuracy %.3f  duplicates %lld\n",
                  l.precision(), l.recall(), l.killed_accuracy(),
                  static_cast<long long>(l.duplicates));
      std::printf("  strikes %g (gold %g)  killed %g (gold %g)\n", l.predicted_strikes,
                  l.gold_strikes, l.predicted_killed, l.gold_killed);
      if (!l.from.empty() || !l.to.empty())
        std::printf("  dates %s to %s only\n", l.from.empty() ? "any" : l.from.c_str(),
                    l.to.empty() ? "any" : l.to.c_str());
      if (l.gold_reports > 0) {
        const MergeScore& m = l.merge;
        std::printf("  merge over %lld reports of %lld gold events: B-cubed precision %.3f  "
                    "recall %.3f  f1 %.3f\n",
                    static_cast<long long>(m.items), static_cast<long long>(l.gold_reports),
                    m.bcubed_precision, m.bcubed_recall, m.bcubed_f1());
        std::printf("  pairwise precision %.3f (%lld of %lld pairs)  recall %.3f (%lld of %lld)\n",
                    m.pair_precision(), static_cast<long long>(m.common_pairs),
                    static_cast<long long>(m.predicted_pairs), m.pair_recall(),
                    static_cast<long long>(m.common_pairs), static_cast<long long>(m.gold_pairs));
      }
    }
  }
  return report->skipped.empty() ? kExitOk : kExitSkipped;
}

// ---- watch and feeds ---------------------------------------------------------

// "10m", "30s", "1.5h", "500ms", "90" (seconds) -> seconds; negative when
// |s| is not a duration.
double ParseDuration(const std::string& s) {
  size_t end = 0;
  double v = 0;
  try {
    v = std::stod(s, &end);
  } catch (const std::exception&) {
    return -1;
  }
  std::string unit = s.substr(end);
  if (unit.empty() || unit == "s") return v;
  if (unit == "ms") return v / 1000;
  if (unit == "m" || unit == "min") return v * 60;
  if (unit == "h") return v * 3600;
  return -1;
}

// A CLI11 validator for durations.
CLI::Validator DurationCheck() {
  return CLI::Validator(
      [](std::string& s) -> std::string {
        double v = ParseDuration(s);
        return v >= 0 ? "" : "not a duration (use 30s, 10m, 1h, 500ms): " + s;
      },
      "DURATION");
}

std::atomic<bool> g_stop{false};
extern "C" void OnStopSignal(int) { g_stop = true; }

class CliWatchObserver : public WatchObserver {
 public:
  explicit CliWatchObserver(bool quiet) : quiet_(quiet) {}
  void OnFeedError(const std::string& url, const Status& status) override {
    std::fprintf(stderr, "vigil: feed failed: %s\n", status.At(url).ToString().c_str());
  }
  void OnItemError(const std::string& url, const Status& status) override {
    std::fprintf(stderr, "vigil: item skipped: %s\n", status.At(url).ToString().c_str());
  }
  void OnWarning(const std::string& where, const std::string& message) override {
    if (!quiet_) std::fprintf(stderr, "vigil: warning: %s: %s\n", where.c_str(), message.c_str());
  }

 private:
  bool quiet_;
};

struct WatchFlags {
  std::string feeds_file;
  std::string interval = "10m";
  bool once = false;
  bool quiet = false;
  bool json = false;
  std::string timeout = "30s", connect_timeout = "10s", host_interval = "1s", backoff = "1s";
  int retries = 3;
  int host_connections = 2;
  uint64_t max_body = 16ull << 20;
  std::string failing_backoff = "10m";
};

int RunWatch(const std::string& db, const WatchFlags& f, const std::string& resources_path,
             bool no_extract, bool no_resolve, const std::string& campaigns_file, int threads) {
  auto resources = ResourcesUnless(no_extract, resources_path);
  if (!resources.ok()) return Fatal(resources.status());
  auto store = Store::Open(db);
  if (!store.ok()) return Fatal(store.status());
  Pipeline pipeline(resources->get());
  WatchOptions options;
  options.fetch.timeout = ParseDuration(f.timeout);
  options.fetch.connect_timeout = ParseDuration(f.connect_timeout);
  options.fetch.per_host_interval = ParseDuration(f.host_interval);
  options.fetch.backoff = ParseDuration(f.backoff);
  options.fetch.retries = f.retries;
  options.fetch.per_host_connections = f.host_connections;
  options.fetch.max_body_bytes = f.max_body;
  options.failing_feed_backoff = ParseDuration(f.failing_backoff);
  options.ingest.threads = threads;
  Watcher watcher(store->get(), &pipeline, options);
  const double interval = ParseDuration(f.interval);
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  CliWatchObserver observer(f.quiet);
  bool trouble = false;
  for (;;) {
    // Read every round, so that edits to the feeds file apply without a restart.
    auto file = ReadFeedsFile(f.feeds_file);
    if (!file.ok()) return Fatal(file.status());
    for (const Status& e : file->errors) {
      std::fprintf(stderr, "vigil: skipped: %s\n", e.ToString().c_str());
      trouble = true;
    }
    if (file->feeds.empty())
      return Fatal(Status::InvalidInput("no feeds to watch", f.feeds_file));
    auto report = watcher.Poll(file->feeds, &observer);
    if (!report.ok()) return Fatal(report.status());
    const PollReport& r = *report;
    if (r.feeds_failed || r.pages_failed) trouble = true;
    // The ledger follows the new documents, as after `vigil ingest`.
    if (*resources && !no_resolve && r.documents_stored > 0) {
      Status s = LedgerCli::ResolveStore(store->get(), resources->get(), campaigns_file, f.quiet);
      if (!s.ok()) return Fatal(s);
    }
    if (f.json) {
      Json j;
      j["feeds"] = r.feeds;
      j["feeds_not_modified"] = r.feeds_not_modified;
      j["feeds_failed"] = r.feeds_failed;
      j["feeds_deferred"] = r.feeds_deferred;
      j["new_items"] = r.new_items;
      j["documents_stored"] = r.documents_stored;
      j["already_present"] = r.already_present;
      j["duplicates"] = r.duplicates;
      j["filtered"] = r.filtered;
      j["pages_failed"] = r.pages_failed;
      j["event_mentions"] = r.event_mentions;
      j["seconds"] = r.elapsed_seconds;
      std::printf("%s\n", Dump(j).c_str());
      std::fflush(stdout);
    }
    if (!f.quiet || r.feeds_failed || r.pages_failed) {
      std::fprintf(stderr,
                   "vigil: polled %llu feed(s) (%llu not modified, %llu failed, %llu deferred): %llu new "
                   "item(s), %llu document(s) stored, %llu already present, %llu duplicate(s), "
                   "%llu filtered, %llu page(s) failed; %.2f s\n",
                   static_cast<unsigned long long>(r.feeds),
                   static_cast<unsigned long long>(r.feeds_not_modified),
                   static_cast<unsigned long long>(r.feeds_failed),
                   static_cast<unsigned long long>(r.feeds_deferred),
                   static_cast<unsigned long long>(r.new_items),
                   static_cast<unsigned long long>(r.documents_stored),
                   static_cast<unsigned long long>(r.already_present),
                   static_cast<unsigned long long>(r.duplicates),
                   static_cast<unsigned long long>(r.filtered),
                   static_cast<unsigned long long>(r.pages_failed), r.elapsed_seconds);
    }
    if (f.once || g_stop) break;
    auto wake = std::chrono::steady_clock::now() +
                std::chrono::milliseconds(static_cast<int64_t>(interval * 1000));
    while (!g_stop && std::chrono::steady_clock::now() < wake)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (g_stop) break;
  }
  return f.once && trouble ? kExitSkipped : kExitOk;
}

int RunFeeds(const std::string& db, const std::string& format) {
  auto store = OpenExistingStore(db);
  if (!store.ok()) return Fatal(store.status());
  auto feeds = (*store)->ListFeeds();
  if (!feeds.ok()) return Fatal(feeds.status());
  auto or_null = [](const std::string& s) { return s.empty() ? Json() : Json(s); };
  if (format == "jsonl") {
    for (const FeedRecord& fr : *feeds) {
      Json j;
      j["id"] = fr.id;
      j["url"] = fr.url;
      j["title"] = or_null(fr.title);
      j["last_poll"] = or_null(fr.last_poll);
      j["last_success"] = or_null(fr.last_success);
      j["last_error"] = or_null(fr.last_error);
      j["last_error_at"] = or_null(fr.last_error_at);
      j["failures"] = fr.failures;
      j["items_seen"] = fr.items_seen;
      j["documents"] = fr.documents;
      j["items_failed"] = fr.items_failed;
      j["etag"] = or_null(fr.etag);
      j["last_modified"] = or_null(fr.last_modified);
      std::printf("%s\n", Dump(j).c_str());
    }
    return kExitOk;
  }
  std::printf("%4s  %-8s  %-20s  %-20s  %5s  %5s  %5s  %s\n", "id", "health", "last success",
              "last error at", "fails", "items", "docs", "url / last error");
  for (const FeedRecord& fr : *feeds) {
    const char* health = fr.last_poll.empty()  ? "new"
                         : fr.failures == 0    ? "ok"
                         : fr.failures < 3     ? "failing"
                                               : "down";
    std::printf("%4lld  %-8s  %-20s  %-20s  %5lld  %5lld  %5lld  %s\n",
                static_cast<long long>(fr.id), health,
                fr.last_success.empty() ? "-" : fr.last_success.c_str(),
                fr.last_error_at.empty() ? "-" : fr.last_error_at.c_str(),
                static_cast<long long>(fr.failures), static_cast<long long>(fr.items_seen),
                static_cast<long long>(fr.documents), fr.url.c_str());
    if (!fr.last_error.empty())
      std::printf("%74s%s\n", "", Clip(fr.last_error, 100).c_str());
  }
  return kExitOk;
}

// Serves until SIGINT or SIGTERM. The signals are blocked before the server
// starts its threads (which inherit the mask) and taken here with sigwait,
// so no handler runs in the middle of a request.
int RunServe(const std::string& db, ServeOptions options, const std::string& resources_path) {
  options.db_path = db;
  if (options.token.empty()) {
    const char* env = std::getenv("VIGIL_TOKEN");
    if (env) options.token = env;
  }
  // The resources extract posted documents (with a token) and give the map
  // its marine areas; a read-only server without them still serves the
  // ledger, with a warning.
  std::unique_ptr<Resources> resources;
  auto loaded = LoadResources(resources_path);
  if (loaded.ok()) {
    resources = std::move(loaded.value());
    options.resources = resources.get();
  } else if (!options.token.empty()) {
    return Fatal(loaded.status());
  } else {
    std::fprintf(stderr, "vigil: warning: %s; the map shows no marine areas\n",
                 loaded.status().message().c_str());
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = Server::Start(options);
  if (!server.ok()) return Fatal(server.status());
  std::printf("vigil: serving %s at %s (%s); Ctrl-C stops\n", db.c_str(),
              (*server)->url().c_str(),
              (*server)->read_only() ? "read-only" : "documents may be posted with the token");
  std::fflush(stdout);
  int sig = 0;
  sigwait(&signals, &sig);
  (*server)->Stop();
  server->reset();
  std::fprintf(stderr, "vigil: stopped serving (signal %d)\n", sig);
  return kExitOk;
}

int Main(int argc, char** argv) {
  CLI::App app{"Vigil: a checkable ledger of armed-force events from news reports"};
  app.set_version_flag("--version", std::string("vigil ") + VIGIL_VERSION);
  app.require_subcommand(1);
  std::string db = DefaultDb();
  const char* db_help = "SQLite database file (default: $VIGIL_DB or ./vigil.db)";

  // ingest
  auto* ingest = app.add_subcommand("ingest", "Read documents into the store");
  std::vector<std::string> paths;
  IngestOptions options;
  bool quiet = false, json_summary = false;
  ingest->add_option("--db", db, db_help);
  ingest->add_option("paths", paths, "Files, directories (recursive) or - for stdin")
      ->required();
  ingest->add_option("--published", options.read.published,
                     "Publication date for the documents read (overrides metadata)");
  ingest->add_option("--outlet", options.read.outlet, "Outlet name (overrides metadata)");
  ingest->add_option("--url", options.read.url, "URL (overrides metadata)");
  ingest->add_option("--threads", options.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 256));
  ingest->add_option("--max-doc-bytes", options.read.max_document_bytes,
                     "Skip documents larger than this (default 32 MiB)");
  ingest->add_option("--batch", options.batch_documents, "Documents per transaction")
      ->check(CLI::Range(1, 100000));
  ingest->add_flag("-q,--quiet", quiet, "Print only skipped inputs and errors");
  std::string resources_path;
  bool no_extract = false;
  ingest->add_option("--resources", resources_path,
                     "Compiled resource file (default: $VIGIL_RESOURCES or vigil.res beside the "
                     "binary)");
  ingest->add_flag("--no-extract", no_extract, "Store documents without extracting mentions");
  ingest->add_flag("--json", json_summary, "Print the summary as JSON on stdout");
  bool no_resolve = false;
  std::string campaigns_file;
  ingest->add_flag("--no-resolve", no_resolve, "Do not update the ledger after ingesting");
  ingest->add_option("--campaigns", campaigns_file,
                     "Campaign definitions to load before resolving (docs/EVENTS.md)");

  // stats
  auto* stats = app.add_subcommand("stats", "Counts per outlet, language and date");
  std::string stats_format = "table";
  stats->add_option("--db", db, db_help);
  stats->add_option("--format", stats_format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));

  // docs
  auto* docs = app.add_subcommand("docs", "List documents, or show one with its sentences");
  ListFilter filter;
  std::string docs_format = "table";
  docs->add_option("--db", db, db_help);
  docs->add_option("--outlet", filter.outlet, "Only documents from this outlet");
  docs->add_option("--lang", filter.language, "Only documents in this language (en, es, ...)");
  docs->add_option("--from", filter.published_from, "Published on or after (YYYY-MM-DD)");
  docs->add_option("--to", filter.published_to, "Published on or before (YYYY-MM-DD)");
  docs->add_option("--limit", filter.limit, "At most this many (default 100)");
  docs->add_option("--offset", filter.offset, "Skip this many first");
  docs->add_option("--format", docs_format, "table or jsonl")
      ->check(CLI::IsMember({"table", "jsonl"}));
  auto* show = docs->add_subcommand("show", "Show one document with its sentences");
  int64_t show_id = 0;
  std::string show_format = "text";
  show->add_option("id", show_id, "Document id")->required();
  show->add_option("--db", db, db_help);
  show->add_option("--format", show_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  // extract
  auto* extract = app.add_subcommand(
      "extract", "Re-run extraction over stored documents, or filter JSONL from stdin");
  bool stdin_jsonl = false;
  int extract_threads = 0;
  extract->add_option("--db", db, db_help);
  extract->add_option("--resources", resources_path, "Compiled resource file");
  extract->add_flag("--stdin-jsonl", stdin_jsonl,
                    "Read JSON Lines documents on stdin and write mentions as JSON Lines on "
                    "stdout, without a database");
  extract->add_option("--threads", extract_threads, "Worker threads (default: all cores)");

  // mentions
  auto* mentions = app.add_subcommand("mentions", "List extracted event mentions");
  MentionFilter mention_filter;
  std::string mentions_format = "table";
  mentions->add_option("--db", db, db_help);
  mentions->add_option("--doc", mention_filter.doc_id, "Only this document");
  mentions->add_option("--type", mention_filter.type, "PLOVER type (ASSAULT, MOBILIZE, ...)");
  mentions->add_option("--status", mention_filter.status,
                       "occurred, planned, threatened, hypothetical, denied, unclear, ongoing");
  mentions->add_option("--limit", mention_filter.limit, "At most this many (default 1000)");
  mentions->add_option("--format", mentions_format, "table or jsonl")
      ->check(CLI::IsMember({"table", "jsonl"}));

  // eval
  auto* eval = app.add_subcommand("eval", "Score extraction against gold files");
  std::string eval_dir;
  bool eval_verbose = false;
  std::string eval_format = "table";
  eval->add_option("dir", eval_dir, "Directory of documents with NAME.gold.json beside them")
      ->required();
  eval->add_option("--resources", resources_path, "Compiled resource file");
  eval->add_flag("-v,--verbose", eval_verbose, "Print every disagreement on stderr");
  eval->add_option("--format", eval_format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));

  // watch
  auto* watch = app.add_subcommand("watch", "Poll news feeds and ingest new articles");
  WatchFlags wf;
  int watch_threads = 0;
  watch->add_option("--db", db, db_help);
  watch->add_option("--feeds", wf.feeds_file, "Feeds file (docs/FEEDS.md)")->required();
  watch->add_option("--interval", wf.interval, "Time between polls (default 10m)")
      ->check(DurationCheck());
  watch->add_flag("--once", wf.once, "Poll once and exit (for cron or a systemd timer)");
  watch->add_option("--resources", resources_path, "Compiled resource file");
  watch->add_flag("--no-extract", no_extract, "Store documents without extracting mentions");
  watch->add_flag("--no-resolve", no_resolve, "Do not update the ledger after a poll");
  watch->add_option("--campaigns", campaigns_file,
                    "Campaigns file to load before each ledger update (as for ingest)");
  watch->add_option("--threads", watch_threads, "Worker threads for parsing and extraction")
      ->check(CLI::Range(0, 256));
  watch->add_option("--timeout", wf.timeout, "Time limit per HTTP request (default 30s)")
      ->check(DurationCheck());
  watch->add_option("--connect-timeout", wf.connect_timeout,
                    "Time limit to connect (default 10s)")
      ->check(DurationCheck());
  watch->add_option("--host-interval", wf.host_interval,
                    "Least time between two requests to one host (default 1s)")
      ->check(DurationCheck());
  watch->add_option("--host-connections", wf.host_connections,
                    "Most requests at once to one host (default 2)")
      ->check(CLI::Range(1, 16));
  watch->add_option("--retries", wf.retries,
                    "Retries after a 5xx or a timeout (default 3; never after a 4xx)")
      ->check(CLI::Range(0, 10));
  watch->add_option("--backoff", wf.backoff,
                    "Wait before the first retry; doubles each time, with jitter (default 1s)")
      ->check(DurationCheck());
  watch->add_option("--max-body", wf.max_body, "Largest response accepted, in bytes (default 16 MiB)");
  watch->add_option("--failing-backoff", wf.failing_backoff,
                    "A feed whose last N polls failed waits this times 2^(N-1) before the "
                    "next try, at most a day (default 10m; 0: try every poll)")
      ->check(DurationCheck());
  watch->add_flag("-q,--quiet", wf.quiet, "Print only failures");
  watch->add_flag("--json", wf.json, "Print each poll's summary as JSON on stdout");

  // feeds
  auto* feeds_cmd = app.add_subcommand("feeds", "List watched feeds with their health");
  std::string feeds_format = "table";
  feeds_cmd->add_option("--db", db, db_help);
  feeds_cmd->add_option("--format", feeds_format, "table or jsonl")
      ->check(CLI::IsMember({"table", "jsonl"}));

  // serve
  auto* serve = app.add_subcommand("serve", "Serve the JSON API and the dashboard over HTTP");
  ServeOptions serve_options;
  serve->add_option("--db", db, db_help);
  serve->add_option("--port", serve_options.port, "TCP port (default 8080; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--bind", serve_options.bind,
                    "Address to listen on (default 127.0.0.1: this machine only)");
  serve->add_option("--token", serve_options.token,
                    "Token that write endpoints require (default: $VIGIL_TOKEN; none: "
                    "read-only)");
  serve->add_option("--threads", serve_options.threads, "Request threads (default 32)")
      ->check(CLI::Range(1, 256));
  serve->add_option("--resources", resources_path,
                    "Compiled resource file, for documents posted with the token");
  serve->add_option("--io-timeout", serve_options.io_timeout_seconds,
                    "Seconds a client may stall while sending a request or reading the "
                    "answer before its connection is closed (default 10)")
      ->check(CLI::Range(1, 600));

  LedgerCli ledger(&app, &db, &resources_path);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitFatal;
  }

  int ledger_exit = 0;
  if (ledger.Run(&ledger_exit)) return ledger_exit;
  if (ingest->parsed())
    return RunIngest(db, paths, options, quiet, json_summary, resources_path, no_extract,
                     no_resolve, campaigns_file);
  if (extract->parsed()) {
    if (stdin_jsonl) return RunExtractFilter(resources_path, options.read);
    return RunExtractStored(db, resources_path, extract_threads);
  }
  if (watch->parsed())
    return RunWatch(db, wf, resources_path, no_extract, no_resolve, campaigns_file, watch_threads);
  if (feeds_cmd->parsed()) return RunFeeds(db, feeds_format);
  if (mentions->parsed()) return RunMentions(db, mention_filter, mentions_format);
  if (eval->parsed()) return RunEval(eval_dir, resources_path, eval_verbose, eval_format);
  if (stats->parsed()) return RunStats(db, stats_format);
  if (serve->parsed()) return RunServe(db, serve_options, resources_path);
  if (show->parsed()) return RunDocsShow(db, show_id, show_format);
  if (docs->parsed()) return RunDocsList(db, filter, docs_format);
  return kExitFatal;
}

}  // namespace
}  // namespace vigil

int main(int argc, char** argv) {
  try {
    return vigil::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vigil: error: %s\n", e.what());
    return 2;
  }
}
