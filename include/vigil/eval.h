// Evaluation of extraction against gold files (tests/corpus/README.md):
// precision, recall and F1 per field.
#ifndef VIGIL_EVAL_H_
#define VIGIL_EVAL_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "vigil/pipeline.h"
#include "vigil/status.h"

namespace vigil {

struct FieldScore {
  int64_t tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 0; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct EvalReport {
  int64_t documents = 0;
  int64_t gold_events = 0;
  int64_t predicted_events = 0;
  // "event" (detection by type and sentence), then one entry per field:
  // type-specific fields as in the gold format.
  std::map<std::string, FieldScore> fields;
  // One line per disagreement, for --verbose.
  std::vector<std::string> errors;
  // Documents skipped (unreadable, bad gold file), with reasons.
  std::vector<std::string> skipped;
};

// Scores the extraction of every document under |dir| that has a
// NAME.gold.json beside it.
Result<EvalReport> EvaluateCorpus(const Pipeline& pipeline, const std::string& dir);

// The ledger a corpus should give (DIR/ledger.gold.json, format in
// docs/EVENTS.md, "Evaluation"): event-level precision and recall of the
// campaign's occurred events, accuracy of killed.best, strikes and deaths
// in total, and duplicate events for one happening.
struct LedgerEvalReport {
  bool present = false;          // DIR has a ledger.gold.json
  std::string campaign;
  int64_t gold_events = 0, predicted_events = 0, matched = 0;
  int64_t killed_correct = 0;    // matched events whose killed.best is the gold toll
  int64_t duplicates = 0;        // unmatched events next to a matched happening
  double gold_strikes = 0, predicted_strikes = 0;
  double gold_killed = 0, predicted_killed = 0;
  std::vector<std::string> errors;
  double precision() const { return predicted_events ? double(matched) / predicted_events : 0; }
  double recall() const { return gold_events ? double(matched) / gold_events : 0; }
  double killed_accuracy() const { return matched ? double(killed_correct) / matched : 0; }
};

// Ingests |dir| into a temporary store, resolves it with the gold file's
// campaigns and compares the campaign's events with the gold ledger.
Result<LedgerEvalReport> EvaluateLedger(Pipeline& pipeline, const std::string& dir);

// The order fields are printed in.
const std::vector<std::string>& EvalFieldOrder();

}  // namespace vigil

#endif  // VIGIL_EVAL_H_
