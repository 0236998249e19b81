// Names of the extract stage's enums, as they appear in JSON and tables.

#include "vigil/extract.h"

namespace vigil {

const char* QualifierName(Qualifier q) {
  switch (q) {
    case Qualifier::kExact: return "exact";
    case Qualifier::kAtLeast: return "at_least";
    case Qualifier::kMoreThan: return "more_than";
    case Qualifier::kAbout: return "about";
    case Qualifier::kNearly: return "nearly";
    case Qualifier::kUpTo: return "up_to";
    case Qualifier::kFewerThan: return "fewer_than";
    case Qualifier::kRange: return "range";
    case Qualifier::kVague: return "vague";
  }
  return "exact";
}

const char* CountedName(Counted c) {
  switch (c) {
    case Counted::kUnknown: return "unknown";
    case Counted::kKilled: return "killed";
    case Counted::kInjured: return "injured";
    case Counted::kSurvivors: return "survivors";
    case Counted::kMissing: return "missing";
    case Counted::kPresumedDead: return "presumed_dead";
    case Counted::kVessels: return "vessels";
    case Counted::kStrikes: return "strikes";
    case Counted::kTroops: return "troops";
    case Counted::kAcres: return "acres";
    case Counted::kPeople: return "people";
    case Counted::kGroups: return "groups";
    case Counted::kSources: return "sources";
    case Counted::kExtradited: return "extradited";
    case Counted::kArrested: return "arrested";
    case Counted::kDrugs: return "drugs";
    case Counted::kMoney: return "money";
    case Counted::kOther: return "other";
  }
  return "unknown";
}

const char* TimePrecisionName(TimePrecision p) {
  switch (p) {
    case TimePrecision::kDay: return "day";
    case TimePrecision::kWeek: return "week";
    case TimePrecision::kMonth: return "month";
    case TimePrecision::kSeason: return "season";
    case TimePrecision::kYear: return "year";
    case TimePrecision::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* EventStatusName(EventStatus s) {
  switch (s) {
    case EventStatus::kOccurred: return "occurred";
    case EventStatus::kPlanned: return "planned";
    case EventStatus::kThreatened: return "threatened";
    case EventStatus::kHypothetical: return "hypothetical";
    case EventStatus::kDenied: return "denied";
    case EventStatus::kUnclear: return "unclear";
    case EventStatus::kOngoing: return "ongoing";
  }
  return "unclear";
}

}  // namespace vigil
