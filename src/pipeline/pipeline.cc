#include "vigil/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace vigil {

namespace {

struct Slot {
  RawItem raw;
  Result<Document> doc = Status::Internal("not parsed");
  Annotated annotated;
};

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

}  // namespace

void Pipeline::Annotate(const Document& doc, Annotated* out) const {
  vigil::Annotate(doc.text, doc.blocks, out);
}

Result<IngestReport> Pipeline::Ingest(Store* store, const std::vector<std::string>& paths,
                                      const IngestOptions& options,
                                      IngestObserver* observer) {
  IngestObserver quiet;
  if (observer == nullptr) observer = &quiet;
  const auto start = Clock::now();
  IngestReport report;
  IngestProgress progress;

  InputReader reader(paths, options.read);
  progress.total_bytes = reader.TotalBytes();
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
        if (slot.doc.ok()) Annotate(*slot.doc, &slot.annotated);
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
      if (slot.doc.ok()) items.push_back({&*slot.doc, slot.annotated.sentences});
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
      if (r.outcome == PutOutcome::kAlreadyPresent) {
        ++report.already_present;
      } else {
        ++report.inserted;
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
      InputReader::Step step = reader.Next(&slot.raw, &error);
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
  if (!failure.ok()) return failure;
  return report;
}

}  // namespace vigil
