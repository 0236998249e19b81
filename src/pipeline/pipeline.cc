#include "vigil/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <thread>

#include "base/json_writer.h"
#include "extract/calendar.h"
#include "vigil/resolve.h"
#include "vigil/version.h"

namespace vigil {

namespace {

struct Slot {
  RawItem raw;
  Result<Document> doc = Status::Internal("not parsed");
  Annotated annotated;
  MentionsToStore mentions;
  bool extracted = false;
  std::vector<uint32_t> signature;
};

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// The actors at |indices| as a self-contained JSON array, so the resolver
// reads an event mention's actors without the document's whole mentions.
std::string ActorsJson(const Mentions& m, const std::vector<int>& indices) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (int i : indices) {
    if (i < 0 || static_cast<size_t>(i) >= m.actors.size()) continue;
    const ActorMention& a = m.actors[i];
    w.BeginObject();
    w.Key("name").String(a.name);
    w.Key("actor_id").StringOrNull(a.actor_id);
    w.Key("kind").StringOrNull(a.kind);
    w.Key("country").StringOrNull(a.country);
    w.Key("sector").StringOrNull(a.sector);
    w.Key("implied").Bool(a.implied);
    w.EndObject();
  }
  w.EndArray();
  return out;
}

}  // namespace

void Pipeline::Annotate(const Document& doc, Annotated* out) const {
  vigil::Annotate(doc.text, doc.blocks, out);
}

void Pipeline::Extract(const Document& doc, const Annotated& annotated, Mentions* out) const {
  if (!resources_) {
    *out = Mentions();
    return;
  }
  extractor_.Extract(doc, annotated, out);
}

std::string ExtractorVersion() {
  return std::string("vigil ") + VIGIL_VERSION + "; mentions/" +
         std::to_string(kMentionSchemaVersion);
}

MentionsToStore Pipeline::ToStore(const Document& doc, const Mentions& m) {
  MentionsToStore out;
  out.extractor_version = ExtractorVersion();
  out.json = MentionsToJson(doc, 0, m);
  {
    JsonWriter w(&out.cited_outlets_json);
    out.cited_outlets_json.clear();
    w.BeginArray();
    for (const std::string& o : m.cited_outlets) w.String(o);
    w.EndArray();
  }
  for (size_t i = 0; i < m.events.size(); ++i) {
    const EventMention& e = m.events[i];
    EventMentionRow r;
    r.index = static_cast<int64_t>(i);
    r.sentence = e.sentence;
    r.begin = e.span.begin;
    r.end = e.span.end;
    r.trigger_begin = e.trigger.begin;
    r.trigger_end = e.trigger.end;
    r.type = e.type;
    r.mode = e.mode;
    r.status = EventStatusName(e.status);
    r.generic = e.generic;
    r.negated = e.negated;
    r.running_total = e.running_total;
    r.total_figures = e.running_total && e.total_figures;
    if (e.time >= 0) {
      const TimeExpr& t = m.times[e.time];
      r.date_start = t.start;
      r.date_end = t.end;
      // Announced on that day: the strike is on it or the day before.
      if (Ymd day; e.time_of_statement && ParseYmd(t.start, &day))
        r.date_start = FormatYmd(AddDays(day, -1));
      r.date_precision = t.start.empty() ? "" : TimePrecisionName(t.precision);
    }
    if (e.place >= 0) {
      const PlaceMention& p = m.places[e.place];
      r.place_id = p.place_id;
      r.place_name = p.name;
      r.place_kind = p.kind;
      r.place_country = p.country;
      r.lat = p.lat;
      r.lon = p.lon;
    }
    if (e.killed) {
      r.killed = e.killed->value;
      if (e.killed->high != e.killed->value) r.killed_high = e.killed->high;
      r.killed_qualifier = QualifierName(e.killed->qualifier);
    }
    if (e.injured) r.injured = e.injured->value;
    if (e.survivors) r.survivors = e.survivors->value;
    if (e.missing) r.missing = e.missing->value;
    if (e.vessels) r.vessels = e.vessels->value;
    if (e.count && e.type == "ASSAULT") r.strikes = e.count->value;
    if (e.count) r.count = e.count->value;
    if (e.troops) r.troops = e.troops->value;
    if (e.ordinal) r.ordinal = *e.ordinal;
    r.speaker = e.attribution.speaker;
    r.outlet_cited = e.attribution.outlet_cited;
    r.anonymous_sources = e.attribution.anonymous_sources;
    r.speaker_id = e.attribution.speaker_id;
    r.group = e.group;
    r.actors_json = ActorsJson(m, e.actors);
    r.targets_json = ActorsJson(m, e.targets);
    r.json = EventMentionToJson(doc, m, i);
    out.events.push_back(std::move(r));
  }
  return out;
}

Result<ExtractReport> Pipeline::Reextract(Store* store, int threads) {
  const auto start = Clock::now();
  ExtractReport report;
  auto ids = store->DocumentIds();
  if (!ids.ok()) return ids.status();
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const size_t kBatch = 256;
  for (size_t b = 0; b < ids->size(); b += kBatch) {
    size_t n = std::min(kBatch, ids->size() - b);
    std::vector<Result<Document>> docs;
    for (size_t k = 0; k < n; ++k) docs.push_back(store->LoadDocument((*ids)[b + k]));
    std::vector<MentionsToStore> out(n);
    std::vector<std::vector<uint32_t>> signatures(n);
    std::atomic<size_t> next{0};
    auto work = [&]() {
      for (;;) {
        size_t k = next.fetch_add(1);
        if (k >= n) return;
        if (!docs[k].ok()) continue;
        Annotated a;
        Annotate(*docs[k], &a);
        Mentions m;
        Extract(*docs[k], a, &m);
        out[k] = ToStore(*docs[k], m);
        signatures[k] = TextSignature(docs[k]->text);
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::min<int>(threads, static_cast<int>(n)); ++t) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();
    VIGIL_RETURN_IF_ERROR(store->BeginBatch());
    for (size_t k = 0; k < n; ++k) {
      if (!docs[k].ok()) {
        store->RollbackBatch();
        return docs[k].status();
      }
      Status s = store->ReplaceMentions((*ids)[b + k], out[k]);
      if (s.ok()) s = store->PutSignature((*ids)[b + k], signatures[k]);
      if (!s.ok()) {
        store->RollbackBatch();
        return s;
      }
      ++report.documents;
      report.event_mentions += out[k].events.size();
    }
    VIGIL_RETURN_IF_ERROR(store->CommitBatch());
  }
  report.elapsed_seconds = Seconds(start);
  return report;
}

Result<PutResult> Pipeline::IngestItem(Store* store, const RawItem& item,
                                       const ReadOptions& read, uint64_t* event_mentions) {
  Result<Document> doc = ParseRawItem(item, read);
  if (!doc.ok()) return doc.status();
  Annotated annotated;
  Annotate(*doc, &annotated);
  MentionsToStore mentions;
  if (resources_) {
    Mentions m;
    Extract(*doc, annotated, &m);
    mentions = ToStore(*doc, m);
  }
  DocumentToStore one{&*doc, annotated.sentences, resources_ ? &mentions : nullptr};
  auto results = store->PutDocuments(std::span<const DocumentToStore>(&one, 1));
  if (!results.ok()) return results.status();
  if (event_mentions)
    *event_mentions = (*results)[0].outcome == PutOutcome::kAlreadyPresent
                          ? 0
                          : mentions.events.size();
  return (*results)[0];
}

Result<IngestReport> Pipeline::Ingest(Store* store, const std::vector<std::string>& paths,
                                      const IngestOptions& options,
                                      IngestObserver* observer) {
  InputReader reader(paths, options.read);
  uint64_t total = reader.TotalBytes();
  return IngestFrom(
      store, [&reader](RawItem* item, Status* error) { return reader.Next(item, error); },
      total, options, observer);
}

Result<IngestReport> Pipeline::IngestItems(Store* store, std::vector<RawItem> items,
                                           const IngestOptions& options,
                                           IngestObserver* observer) {
  uint64_t total = 0;
  for (const RawItem& item : items) total += item.input_bytes;
  size_t next = 0;
  return IngestFrom(
      store,
      [&](RawItem* item, Status*) {
        if (next >= items.size()) return InputReader::Step::kEnd;
        *item = std::move(items[next++]);
        return InputReader::Step::kItem;
      },
      total, options, observer);
}

Result<IngestReport> Pipeline::IngestFrom(
    Store* store, const std::function<InputReader::Step(RawItem*, Status*)>& next_item,
    uint64_t total_bytes, const IngestOptions& options, IngestObserver* observer) {
  IngestObserver quiet;
  if (observer == nullptr) observer = &quiet;
  const auto start = Clock::now();
  IngestReport report;
  IngestProgress progress;
  progress.total_bytes = total_bytes;
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const size_t max_docs = std::max<size_t>(1, options.batch_documents);

  // Parses and annotates the slots of a batch on |threads| threads.
  auto process = [&](std::vector<Slot>* batch) {
    std::atomic<size_t> next{0};
    auto work = [&]() {
      for (;;) {
        size_t i = next.fetch_add(1);
        if (i >= batch->size()) return;
        Slot& slot = (*batch)[i];
        slot.doc = ParseRawItem(slot.raw, options.read);
        if (slot.doc.ok()) {
          Annotate(*slot.doc, &slot.annotated);
          if (resources_) {
            Mentions m;
            Extract(*slot.doc, slot.annotated, &m);
            slot.mentions = ToStore(*slot.doc, m);
            slot.extracted = true;
          }
          slot.signature = TextSignature(slot.doc->text);
        }
        slot.raw.bytes.clear();
        slot.raw.bytes.shrink_to_fit();
      }
    };
    int n = static_cast<int>(std::min<size_t>(threads, batch->size()));
    std::vector<std::thread> pool;
    for (int t = 1; t < n; ++t) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();
  };

  // Writes one processed batch; runs on a writer thread so that the next
  // batch is read and parsed meanwhile. Batches commit in input order.
  auto write = [store](std::vector<Slot>* batch) -> Result<std::vector<PutResult>> {
    std::vector<DocumentToStore> items;
    for (Slot& slot : *batch)
      if (slot.doc.ok())
        items.push_back({&*slot.doc, slot.annotated.sentences,
                         slot.extracted ? &slot.mentions : nullptr, &slot.signature});
    if (items.empty()) return std::vector<PutResult>{};
    return store->PutDocuments(items);
  };

  std::vector<Slot> pending;  // being written
  std::future<Result<std::vector<PutResult>>> writing;
  Status failure;

  // Waits for the batch being written and accounts for it.
  auto finish_write = [&]() -> Status {
    if (!writing.valid()) return Status::Ok();
    Result<std::vector<PutResult>> results = writing.get();
    if (!results.ok()) return results.status();
    size_t k = 0;
    for (Slot& slot : pending) {
      if (!slot.doc.ok()) continue;
      const PutResult& r = (*results)[k++];
      observer->OnStored(*slot.doc, r);
      if (r.outcome == PutOutcome::kAlreadyPresent) {
        ++report.already_present;
      } else {
        ++report.inserted;
        report.event_mentions += slot.mentions.events.size();
        if (r.outcome == PutOutcome::kNewVersion) ++report.new_versions;
      }
    }
    pending.clear();
    return Status::Ok();
  };

  bool end = false;
  while (!end) {
    std::vector<Slot> batch;
    uint64_t batch_bytes = 0;
    while (batch.size() < max_docs && batch_bytes < options.batch_bytes) {
      Slot slot;
      Status error;
      InputReader::Step step = next_item(&slot.raw, &error);
      if (step == InputReader::Step::kEnd) {
        end = true;
        break;
      }
      if (step == InputReader::Step::kError) {
        ++report.skipped;
        observer->OnSkipped(error);
        continue;
      }
      batch_bytes += slot.raw.bytes.size();
      progress.input_bytes += slot.raw.input_bytes;
      batch.push_back(std::move(slot));
    }
    process(&batch);
    for (Slot& slot : batch) {
      ++progress.documents;
      if (!slot.doc.ok()) {
        ++report.skipped;
        observer->OnSkipped(slot.doc.status());
        continue;
      }
      report.text_bytes += slot.doc->text.size();
      for (const std::string& note : slot.doc->notes) {
        ++report.warnings;
        observer->OnWarning(slot.doc->origin, note);
      }
    }
    failure = finish_write();
    if (!failure.ok()) break;
    pending = std::move(batch);
    writing = std::async(std::launch::async, write, &pending);
    progress.elapsed_seconds = Seconds(start);
    observer->OnProgress(progress);
  }
  if (failure.ok()) failure = finish_write();
  else if (writing.valid()) writing.wait();
  report.input_bytes = progress.input_bytes;
  report.elapsed_seconds = Seconds(start);
  if (!failure.ok()) {
    // The store failed (disk full, I/O error): say what is safe and what to
    // do, on the one line the CLI prints.
    std::string msg = failure.message() + "; the " +
                      std::to_string(report.inserted + report.already_present) +
                      " document(s) of earlier batches are stored; make room and run the "
                      "same command again to store the rest";
    std::string where = failure.where().empty() ? store->path() : failure.where();
    if (failure.code() == Status::Code::kCorruption) return Status::Corruption(msg, where);
    if (failure.code() == Status::Code::kInternal) return Status::Internal(msg, where);
    return Status::IoError(msg, where);
  }
  return report;
}

}  // namespace vigil
