// The ledger: events resolved from event mentions, reported running totals
// (tallies), campaigns and analyst corrections. The resolver (resolve.h)
// writes it; the store keeps it; the CLI and the server read it.
// docs/EVENTS.md documents the JSON form (schema "vigil.events/1").
#ifndef VIGIL_LEDGER_H_
#define VIGIL_LEDGER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vigil {

inline constexpr int kEventSchemaVersion = 1;

// A figure over the reports of one event: the smallest and largest figure
// reported and the one the ledger takes as best (docs/EVENTS.md says how).
struct FigureRange {
  double low = 0, best = 0, high = 0;
};

// One resolved event, in the form the store indexes. |json| is the whole
// event object (docs/EVENTS.md).
struct EventRow {
  int64_t id = 0;              // store rowid
  std::string key;             // stable id, "E" + 10 hex digits
  std::string type, mode, status;
  std::string date_start, date_end, date_precision;
  std::string place_id, place_name, place_kind, place_country;
  std::optional<double> lat, lon;
  std::optional<FigureRange> killed, injured, survivors;
  std::optional<FigureRange> missing;  // missing or presumed dead, apart from killed
  std::optional<double> vessels;
  std::optional<double> troops;
  std::optional<double> count;  // people extradited (COERCE), groups (SANCTION), ...
  double strikes = 1;          // strikes the event stands for (ASSAULT)
  int64_t reports = 0;         // documents
  int64_t origins = 0;         // independent origins
  std::string first_reported;  // earliest publication date of a report
  int64_t flags = 0;           // number of conflict flags
  bool rejected = false;       // by an analyst correction
  std::string json;
  int64_t fingerprint = 0;     // of everything it was built from (incremental resolution)
  std::vector<int64_t> mention_ids;  // event_mentions.id of its members
  std::vector<std::string> mention_origins;  // origin key per member
};

// What incremental resolution needs of a stored event: whether it was built
// from the same input, and its figure that later steps compare with.
struct StoredEventState {
  int64_t fingerprint = 0;
  std::string type;
  std::optional<double> killed_best;
};

// A reported running total ("at least 64 killed in 15 strikes since early
// September"), taken from one running-total mention.
struct TallyRow {
  int64_t mention_id = 0;
  int64_t doc_id = 0;
  std::string as_of;           // ISO date the total stands at
  std::string outlet;
  std::string url;
  std::string origin;          // who the figure comes from
  std::optional<double> killed, strikes, vessels, survivors;
  std::string killed_qualifier;
  std::string text;            // the sentence
  uint32_t begin = 0, end = 0; // its byte span in the document
};

// A named filter over events (docs/EVENTS.md, "Campaigns").
struct Campaign {
  std::string name;
  std::string title;
  std::vector<std::string> types;          // PLOVER types; empty: any
  std::vector<std::string> modes;
  std::vector<std::string> statuses;       // default: occurred
  std::vector<std::string> actor_countries;  // ISO alpha-3 of an actor
  std::vector<std::string> target_kinds;   // "vessel", ... (target things)
  std::vector<std::string> regions;        // place ids or names; sea:caribbean, country:MX
  std::string from, to;                    // inclusive ISO dates
  std::string source;                      // "file:line" it was defined at
};

enum class CorrectionAction : uint8_t { kMerge, kSplit, kReject, kSetFigure, kUnreject };
const char* CorrectionActionName(CorrectionAction a);

// An analyst's correction, kept apart from machine output and re-applied
// after every resolution. Mentions are named by stable keys
// ("<content hash>:<sentence begin>:<type>") so a correction survives
// re-extraction and re-resolution.
struct Correction {
  int64_t id = 0;
  std::string created_at;
  CorrectionAction action = CorrectionAction::kReject;
  std::vector<std::string> mentions;  // the events' mention keys (see above)
  std::string field;                  // kSetFigure: killed, injured, survivors, vessels
  std::string value;                  // kSetFigure: the figure
  std::string note;
};

// One event mention as stored: the scalar fields queries filter on, and the
// full mention as JSON (docs/MENTIONS.md).
struct EventMentionRow {
  int64_t index = 0;              // position in the document's mentions
  uint32_t sentence = 0;
  uint32_t begin = 0, end = 0;    // the sentence or list item
  uint32_t trigger_begin = 0, trigger_end = 0;
  std::string type, mode, status;
  bool generic = false, negated = false, running_total = false;
  bool total_figures = false;          // stored as running_total = 2
  std::string date_start, date_end, date_precision;
  std::string place_id, place_name, place_kind, place_country;
  std::optional<double> lat, lon;
  std::optional<double> killed, killed_high, injured, survivors, vessels, strikes;
  std::optional<double> troops, count;  // count: strikes, people or groups (MENTIONS.md)
  std::optional<double> missing;        // missing or presumed dead
  std::string killed_qualifier;
  std::optional<int64_t> ordinal;
  std::string speaker, outlet_cited;
  int64_t anonymous_sources = 0;
  std::string speaker_id;
  int64_t group = -1;                  // multi-event sentence group, -1 none
  std::string actors_json = "[]";      // [{name, actor_id, kind, country, sector}]
  std::string targets_json = "[]";
  std::string json;
};

// What the resolver reads from the store: one record per event mention, with
// the document it came from.
struct ResolutionDoc {
  int64_t id = 0;
  std::string content_hash;
  std::string outlet;
  bool outlet_is_wire = false;
  std::string url, title;
  std::string published;       // ISO date (first 10 characters) or ""
  std::string updated;         // last-modified ISO date or ""
  std::vector<uint32_t> signature;  // MinHash of the text (docs/EVENTS.md)
  std::vector<std::string> cited_outlets;  // outlets the report cites, most cited first
};

// An event mention as the resolver reads it: the stored row, its id and the
// document it came from.
struct ResolutionMention : EventMentionRow {
  int64_t id = 0;              // event_mentions.id
  size_t doc = 0;              // index into the docs vector
  // Hash of the stored JSON, targets and actors when the store left the JSON
  // out (Store::LoadResolutionMentions); 0 when |json| is present.
  uint64_t digest = 0;
};

struct EventFilter {
  std::string key;             // one event
  std::string type, mode, status;
  std::string campaign;
  std::string from, to;        // event dates overlapping [from, to]
  std::string country;         // place country (ISO alpha-2)
  std::optional<double> min_killed;
  // Bounding box: west, south, east, north.
  std::optional<double> west, south, east, north;
  bool include_rejected = false;
  // Events one of whose mentions' sentences, or one of whose documents'
  // titles, matches this FTS5 expression (SearchExpression in store.h);
  // "" any.
  std::string text_match;
  std::string sort = "date";   // date, killed, reports
  bool descending = false;
  int64_t limit = -1;          // -1: all
  int64_t offset = 0;
};

}  // namespace vigil

#endif  // VIGIL_LEDGER_H_
