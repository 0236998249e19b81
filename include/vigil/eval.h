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

// The order fields are printed in.
const std::vector<std::string>& EvalFieldOrder();

}  // namespace vigil

#endif  // VIGIL_EVAL_H_
