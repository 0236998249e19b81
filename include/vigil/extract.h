// The extract stage: from an annotated document, every mention a ledger
// keeper needs — actors, places, quantities, time expressions and event
// mentions with status and attribution — each with the byte span of the
// words it came from (offsets into Document::text).
//
// The extractor is a pure function of (document, resources): the same input
// always gives the same mentions. docs/MENTIONS.md documents the JSON form.
#ifndef VIGIL_EXTRACT_H_
#define VIGIL_EXTRACT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/document.h"
#include "vigil/resources.h"
#include "vigil/text.h"

namespace vigil {

// Version of the mention JSON schema (docs/MENTIONS.md).
inline constexpr int kMentionSchemaVersion = 1;

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return begin == end; }
};

// How a figure is hedged.
enum class Qualifier : uint8_t {
  kExact = 0,     // "three", "64"
  kAtLeast,       // "at least 64", "64 or more"
  kMoreThan,      // "more than 60", "over 60"
  kAbout,         // "about", "approximately", "some", "roughly", "in the mid-60s"
  kNearly,        // "nearly", "almost", "close to"
  kUpTo,          // "up to"
  kFewerThan,     // "fewer than", "less than", "under"
  kRange,         // "10 to 12", "10-12": value .. high
  kVague,         // "dozens", "several", "scores": value is a floor
};
const char* QualifierName(Qualifier q);

// What a quantity counts.
enum class Counted : uint8_t {
  kUnknown = 0,
  kKilled,
  kInjured,
  kSurvivors,
  kMissing,
  kPresumedDead,
  kVessels,
  kStrikes,
  kTroops,
  kAcres,
  kPeople,        // people, not (yet) known to be killed or injured
  kGroups,        // cartels, gangs, organisations
  kSources,       // anonymous sources / officials giving information
  kExtradited,    // people extradited or transferred
  kArrested,
  kDrugs,         // kilograms, tons of drugs
  kMoney,
  kOther,
};
const char* CountedName(Counted c);

struct Quantity {
  Span span;              // the whole phrase: "at least 64 people"
  Span number;            // just the number: "64"
  double value = 0;
  double high = 0;        // == value unless kRange
  Qualifier qualifier = Qualifier::kExact;
  Counted counted = Counted::kUnknown;
  bool is_ordinal = false;   // "the 15th strike": value 15
  bool is_year = false;      // a number that is a year ("2025")
  uint32_t sentence = 0;
};

enum class TimePrecision : uint8_t { kDay = 0, kWeek, kMonth, kSeason, kYear, kUnknown };
const char* TimePrecisionName(TimePrecision p);

struct TimeExpr {
  Span span;
  // Resolved interval, inclusive ISO dates; empty when unresolved (no
  // publication date to read a relative expression against).
  std::string start;
  std::string end;
  TimePrecision precision = TimePrecision::kUnknown;
  bool relative = false;   // depends on the publication date
  bool list_prefix = false;  // "Oct. 27:" opening a tracker item
  uint32_t sentence = 0;
};

struct ActorMention {
  Span span;
  std::string actor_id;    // resources actor id, or "" for an unknown name
  std::string name;        // canonical name, or the surface text
  std::string kind;        // state gov_body military security legislature
                           // armed_group person outlet intl
  std::string country;     // ISO alpha-3
  std::string sector;      // GOV MIL SPY CRM ...
  std::string role;        // for people: the title used ("Secretary of War")
  bool via_demonym = false;  // "Mexican" police
  bool via_capital = false;  // "Washington" for the US
  // Not named in the sentence but implied: the state of the official who
  // announced a strike. The span is then empty.
  bool implied = false;
  uint32_t sentence = 0;
};

struct PlaceMention {
  Span span;
  std::string place_id;
  std::string name;
  std::string kind;        // country region city sea area
  std::string country;     // ISO alpha-2
  double lat = 0, lon = 0;
  // "off the coast of", "international waters", "near", "southwest of",
  // "about 400 nautical miles southwest of" ...
  std::string qualifier;
  uint32_t sentence = 0;
};

enum class EventStatus : uint8_t {
  kOccurred = 0,
  kPlanned,
  kThreatened,
  kHypothetical,
  kDenied,
  kUnclear,
  kOngoing,
};
const char* EventStatusName(EventStatus s);

struct Attribution {
  std::string speaker;        // "Pete Hegseth", "two U.S. officials", "NBC News"
  std::string speaker_id;     // actor id when known
  std::string role;           // "Secretary of War"
  std::string medium;         // "post on X", "Truth Social", "news conference"
  int anonymous_sources = 0;  // "four sources familiar with the effort" -> 4
  std::string source_kind;    // "sources familiar with the effort"
  std::string outlet_cited;   // "NBC News" (citing / according to / told)
  Span span;                  // the attribution words
};

// A figure of an event mention, with the quantity it came from.
struct Figure {
  double value = 0;
  double high = 0;
  Qualifier qualifier = Qualifier::kExact;
  int quantity = -1;          // index into Mentions::quantities
};

struct EventMention {
  uint32_t sentence = 0;
  Span span;                  // the sentence (or list item) stating it
  Span trigger;               // the trigger words
  std::string type;           // PLOVER: ASSAULT MOBILIZE SANCTION COERCE ...
  std::string mode;           // aerial drone firearms extradite designate ...
  EventStatus status = EventStatus::kOccurred;
  Span status_cue;            // the words that set the status, if any
  bool generic = false;       // habitual or background statement
  bool negated = false;
  bool running_total = false; // a tally, not an incident
  // The figures are the total itself ("toll rises to 8", "bringing the death
  // toll to 46"), not one strike's toll stated beside a total.
  bool total_figures = false;
  std::vector<std::string> tally_scope;  // "since early September" ...
  std::vector<int> actors;    // indices into Mentions::actors
  std::vector<int> targets;   // indices into Mentions::actors
  std::vector<std::string> target_things;  // "vessel", "drug labs"
  int place = -1;             // index into Mentions::places
  int time = -1;              // index into Mentions::times
  // The time dates the statement that announced this strike ("Hegseth on
  // Tuesday announced a strike", "announced the attack on Saturday"): the
  // strike fell on that day or the day before.
  bool time_of_statement = false;
  std::optional<Figure> killed, injured, survivors, missing, vessels, count, troops;
  std::vector<int> quantities;  // every quantity the mention uses
  std::optional<int> ordinal;   // "the 15th strike"
  Attribution attribution;
  // Several events in one sentence ("three strikes on four vessels") share a
  // group number; see docs/MENTIONS.md.
  int group = -1;
};

struct Mentions {
  std::vector<ActorMention> actors;
  std::vector<PlaceMention> places;
  std::vector<Quantity> quantities;
  std::vector<TimeExpr> times;
  std::vector<EventMention> events;
  // Outlets the report cites anywhere ("citing NBC News"), most cited first;
  // its own outlet excluded.
  std::vector<std::string> cited_outlets;
};

// The mentions of |doc| as one JSON object (schema "vigil.mentions/1",
// docs/MENTIONS.md), without a trailing newline. |doc_id| is the store's id,
// or 0 when extraction runs without a store.
std::string MentionsToJson(const Document& doc, int64_t doc_id, const Mentions& mentions);

// One event mention as a JSON object (the element of "events" above).
std::string EventMentionToJson(const Document& doc, const Mentions& mentions, size_t event);

// Extracts mentions from documents. Holds no state beyond the resources it
// reads; Extract() may be called from several threads at once.
class Extractor {
 public:
  explicit Extractor(const Resources* resources) : resources_(resources) {}

  // Extracts the mentions of |doc|, whose tokens and sentences are
  // |annotated|. Relative dates are read against doc.meta.published.
  void Extract(const Document& doc, const Annotated& annotated, Mentions* out) const;

 private:
  const Resources* resources_;
};

}  // namespace vigil

#endif  // VIGIL_EXTRACT_H_
