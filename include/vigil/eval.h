// Evaluation of extraction against gold files (tests/corpus/README.md):
// precision, recall and F1 per field.
#ifndef VIGIL_EVAL_H_
#define VIGIL_EVAL_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "vigil/ledger.h"
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

// Merge quality (docs/EVENTS.md, "Evaluation"). An item is one (document,
// gold event) pair: the document reports that happening. Items that share a
// gold event belong together; items that share a predicted ledger event were
// put together by the resolver.
struct MergeItem {
  int64_t gold = 0;        // the gold event
  int64_t predicted = -1;  // the ledger event it landed in; -1: alone (missed)
  std::string document;    // for messages
};

// B-cubed and pairwise precision and recall of the predicted grouping of
// items against the gold grouping. With no items, or no pairs, the score is
// 1 (nothing was merged or split wrongly).
struct MergeScore {
  int64_t items = 0;
  double bcubed_precision = 1, bcubed_recall = 1;
  int64_t predicted_pairs = 0, gold_pairs = 0, common_pairs = 0;
  double bcubed_f1() const {
    double p = bcubed_precision, r = bcubed_recall;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  double pair_precision() const {
    return predicted_pairs ? double(common_pairs) / predicted_pairs : 1;
  }
  double pair_recall() const { return gold_pairs ? double(common_pairs) / gold_pairs : 1; }
};
MergeScore ScoreMerges(const std::vector<MergeItem>& items);

// One happening of a ledger gold file.
struct GoldLedgerEvent {
  std::string date;                  // YYYY-MM-DD
  std::string place;                 // resource place id, "" unknown
  double killed = -1;                // -1: not given
  double strikes = 1;
  std::vector<std::string> reports;  // documents (file names, FILE:LINE) reporting it
};

// A member mention of a ledger event: which event, which document, and the
// mention's own date and place (the date and place fields of |where|).
struct LedgerMember {
  int64_t event = 0;  // index into the ledger events
  std::string document;
  EventRow where;
};

// The items of the merge score: one per (report, gold event). |matched|
// gives the ledger event matched to each gold event (-1: none). An item's
// predicted event is the matched event if it has a member from the
// document; else the event holding a member from the document that fits the
// gold day and place (the event's own date and place, or the member's);
// else none.
std::vector<MergeItem> AssignMergeItems(const Resources* resources,
                                        const std::vector<GoldLedgerEvent>& gold,
                                        const std::vector<int64_t>& matched,
                                        const std::vector<EventRow>& events,
                                        const std::vector<LedgerMember>& members);

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
  std::string from, to;          // the gold file's date range, "" open
  MergeScore merge;              // over the reports the gold events list
  int64_t gold_reports = 0;      // gold events that list their reports
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
