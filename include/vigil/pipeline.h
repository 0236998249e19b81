// Pipeline: drives the stages (source -> text -> store) over a set of inputs.
// The CLI, the server and the benchmarks all use it; none re-implements a
// stage.
#ifndef VIGIL_PIPELINE_H_
#define VIGIL_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "vigil/document.h"
#include "vigil/extract.h"
#include "vigil/resources.h"
#include "vigil/source.h"
#include "vigil/status.h"
#include "vigil/store.h"
#include "vigil/text.h"

namespace vigil {

struct IngestOptions {
  ReadOptions read;
  int threads = 0;                       // 0: one per hardware thread
  size_t batch_documents = 256;          // documents per transaction, at most
  uint64_t batch_bytes = 16ull << 20;    // input bytes per transaction, at most
};

struct IngestProgress {
  uint64_t documents = 0;     // documents read so far (stored or not)
  uint64_t input_bytes = 0;   // input bytes consumed so far
  uint64_t total_bytes = 0;   // input bytes in all (0 if unknown, e.g. stdin)
  double elapsed_seconds = 0;
};

// Receives what happens during an ingest, as it happens. Called from the
// thread that called Ingest.
class IngestObserver {
 public:
  virtual ~IngestObserver() = default;
  // A document or input was skipped (|status| says which and why).
  virtual void OnSkipped(const Status& status) {}
  // A document was stored with a non-fatal finding (repaired UTF-8, ...).
  virtual void OnWarning(const std::string& where, const std::string& message) {}
  virtual void OnProgress(const IngestProgress& progress) {}
  // A document was written (or found already present): |result| says which
  // and gives its id. Called once per stored input, in input order, after
  // its batch committed.
  virtual void OnStored(const Document& doc, const PutResult& result) {}
};

struct IngestReport {
  uint64_t event_mentions = 0;   // of the documents inserted
  uint64_t inserted = 0;
  uint64_t new_versions = 0;     // included in inserted
  uint64_t already_present = 0;
  uint64_t skipped = 0;
  uint64_t warnings = 0;
  uint64_t input_bytes = 0;
  uint64_t text_bytes = 0;       // clean text of the documents processed
  double elapsed_seconds = 0;
};

struct ExtractReport {
  uint64_t documents = 0;
  uint64_t event_mentions = 0;
  double elapsed_seconds = 0;
};

class Pipeline {
 public:
  // |resources| (may be null: documents are then stored without mentions)
  // must outlive the pipeline.
  explicit Pipeline(const Resources* resources = nullptr)
      : resources_(resources), extractor_(resources) {}

  // Annotates |doc|: tokens and sentences. Pure; thread-safe.
  void Annotate(const Document& doc, Annotated* out) const;

  // Extracts the mentions of an annotated document (empty without
  // resources). Pure; thread-safe.
  void Extract(const Document& doc, const Annotated& annotated, Mentions* out) const;

  // The extraction output of |doc| in the form the store keeps.
  static MentionsToStore ToStore(const Document& doc, const Mentions& mentions);

  // Re-runs annotation and extraction over every stored document (after the
  // resources or the extractor changed), replacing stored mentions, one
  // transaction per batch.
  Result<ExtractReport> Reextract(Store* store, int threads);

  bool extracts() const { return resources_ != nullptr; }
  const Resources* resources() const { return resources_; }

  // Reads |paths|, cleans and annotates every document, and stores them in
  // |store|, one transaction per batch. Bad inputs are skipped and reported
  // through |observer|; the rest is kept. Returns an error only when the
  // store itself fails (disk full, I/O error), after which the documents of
  // committed batches remain stored.
  Result<IngestReport> Ingest(Store* store, const std::vector<std::string>& paths,
                              const IngestOptions& options, IngestObserver* observer);

  // As Ingest, over items already in memory (pages fetched by the watch
  // stage): each is parsed with ParseRawItem and stored exactly as a file
  // with the same bytes would be.
  Result<IngestReport> IngestItems(Store* store, std::vector<RawItem> items,
                                   const IngestOptions& options, IngestObserver* observer);
  // Parses one input item (a JSON record, a page, a text) exactly as Ingest
  // does, annotates and extracts it and stores it in its own transaction.
  // Returns InvalidInput when |item| is not a usable document (nothing is
  // written then), another error when the store fails. |event_mentions|, if
  // given, receives the number of mentions extracted.
  Result<PutResult> IngestItem(Store* store, const RawItem& item, const ReadOptions& read,
                               uint64_t* event_mentions = nullptr);

 private:
  Result<IngestReport> IngestFrom(
      Store* store, const std::function<InputReader::Step(RawItem*, Status*)>& next_item,
      uint64_t total_bytes, const IngestOptions& options, IngestObserver* observer);

  const Resources* resources_;
  Extractor extractor_;
};

// The version recorded with stored mentions.
std::string ExtractorVersion();

}  // namespace vigil

#endif  // VIGIL_PIPELINE_H_
