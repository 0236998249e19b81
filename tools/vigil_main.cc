// vigil: the command-line interface. A thin layer over the public API; it
// parses flags, calls the library and prints. Exit codes: 0 success, 1 some
// input was skipped, 2 usage or fatal error.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "vigil/pipeline.h"
#include "vigil/store.h"
#include "vigil/version.h"

namespace vigil {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kExitOk = 0;
constexpr int kExitSkipped = 1;
constexpr int kExitFatal = 2;

std::string DefaultDb() {
  const char* env = std::getenv("VIGIL_DB");
  return env && *env ? env : "vigil.db";
}

int Fatal(const Status& s) {
  std::fprintf(stderr, "vigil: error: %s\n", s.ToString().c_str());
  return kExitFatal;
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

int RunIngest(const std::string& db, const std::vector<std::string>& paths,
              const IngestOptions& options, bool quiet, bool json) {
  auto store = Store::Open(db);
  if (!store.ok()) return Fatal(store.status());
  Pipeline pipeline;
  CliObserver observer(quiet);
  auto report = pipeline.Ingest(store->get(), paths, options, &observer);
  observer.ClearLine();
  if (!report.ok()) return Fatal(report.status());
  const IngestReport& r = *report;
  if (json) {
    Json j;
    j["inserted"] = r.inserted;
    j["new_versions"] = r.new_versions;
    j["already_present"] = r.already_present;
    j["skipped"] = r.skipped;
    j["warnings"] = r.warnings;
    j["input_bytes"] = r.input_bytes;
    j["seconds"] = r.elapsed_seconds;
    std::printf("%s\n", Dump(j).c_str());
  }
  if (!quiet || r.skipped) {
    std::fprintf(stderr,
                 "vigil: ingested %llu document(s) (%llu new version(s)), %llu already "
                 "present, %llu skipped, %llu warning(s); %.1f MB in %.2f s\n",
                 static_cast<unsigned long long>(r.inserted),
                 static_cast<unsigned long long>(r.new_versions),
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

Json CountsJson(const std::vector<CountRow>& rows) {
  Json j = Json::object();
  for (const CountRow& r : rows) j[r.key] = r.count;
  return j;
}

int RunStats(const std::string& db, const std::string& format) {
  auto store = Store::Open(db);
  if (!store.ok()) return Fatal(store.status());
  auto stats = (*store)->Stats();
  if (!stats.ok()) return Fatal(stats.status());
  const StoreStats& s = *stats;
  if (format == "json") {
    Json j;
    j["schema_version"] = s.schema_version;
    j["documents"] = s.documents;
    j["versions"] = s.versions;
    j["sentences"] = s.sentences;
    j["outlets"] = s.outlets;
    j["text_bytes"] = s.text_bytes;
    j["by_outlet"] = CountsJson(s.by_outlet);
    j["by_language"] = CountsJson(s.by_language);
    j["by_date"] = CountsJson(s.by_date);
    j["by_format"] = CountsJson(s.by_format);
    std::printf("%s\n", Dump(j).c_str());
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
  return kExitOk;
}

Json DocumentJson(const DocumentRow& d) {
  Json j;
  j["id"] = d.id;
  j["content_hash"] = d.content_hash;
  j["origin"] = d.origin;
  j["format"] = d.format;
  if (!d.meta.external_id.empty()) j["external_id"] = d.meta.external_id;
  j["url"] = d.meta.url.empty() ? Json() : Json(d.meta.url);
  j["title"] = d.meta.title.empty() ? Json() : Json(d.meta.title);
  j["outlet"] = d.meta.outlet.empty() ? Json() : Json(d.meta.outlet);
  j["author"] = d.meta.author.empty() ? Json() : Json(d.meta.author);
  j["published"] = d.meta.published.empty() ? Json() : Json(d.meta.published);
  j["language"] = d.language;
  j["language_reliable"] = d.language_reliable;
  j["previous_version"] = d.previous_version ? Json(d.previous_version) : Json();
  j["ingested_at"] = d.ingested_at;
  j["sentences"] = d.sentence_count;
  j["text_bytes"] = d.text_bytes;
  return j;
}

std::string Clip(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  size_t k = n;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return s.substr(0, k) + "…";
}

int RunDocsList(const std::string& db, const ListFilter& filter, const std::string& format) {
  auto store = Store::Open(db);
  if (!store.ok()) return Fatal(store.status());
  auto docs = (*store)->ListDocuments(filter);
  if (!docs.ok()) return Fatal(docs.status());
  if (format == "jsonl") {
    for (const DocumentRow& d : *docs) std::printf("%s\n", Dump(DocumentJson(d)).c_str());
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
  auto store = Store::Open(db);
  if (!store.ok()) return Fatal(store.status());
  auto doc = (*store)->GetDocument(id);
  if (!doc.ok()) return Fatal(doc.status());
  auto sentences = (*store)->GetSentences(id);
  if (!sentences.ok()) return Fatal(sentences.status());
  if (format == "json") {
    Json j = DocumentJson(*doc);
    j["notes"] = doc->notes;
    j["text"] = doc->text;
    Json blocks = Json::array();
    for (const Block& b : doc->blocks)
      blocks.push_back({{"kind", BlockKindName(b.kind)}, {"begin", b.begin}, {"end", b.end}});
    j["blocks"] = blocks;
    Json sents = Json::array();
    for (const SentenceRow& s : *sentences)
      sents.push_back({{"index", s.index}, {"begin", s.begin}, {"end", s.end},
                       {"block", s.block}, {"text", s.text}});
    j["sentence_list"] = sents;
    std::printf("%s\n", Dump(j).c_str());
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
  ingest->add_flag("--json", json_summary, "Print the summary as JSON on stdout");

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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitFatal;
  }

  if (ingest->parsed()) return RunIngest(db, paths, options, quiet, json_summary);
  if (stats->parsed()) return RunStats(db, stats_format);
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
