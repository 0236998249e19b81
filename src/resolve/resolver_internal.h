// The resolver's working state, shared by resolver.cc (clustering) and
// ledger_build.cc (corrections, figures, JSON, campaigns, tallies).
#ifndef VIGIL_RESOLVE_RESOLVER_INTERNAL_H_
#define VIGIL_RESOLVE_RESOLVER_INTERNAL_H_

#include <climits>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vigil/resolve.h"

namespace vigil {

// The largest toll read as one strike's inside a running-total sentence.
inline constexpr double kIncidentMaxKilled = 20;
bool IncidentInTotal(const ResolutionMention& m);

// Days since 1970-01-01 of an ISO date's first ten characters.
bool ParseIsoDay(std::string_view s, int* days);
std::string IsoFromDays(int days);

constexpr int kNoDay = INT_MIN;

enum class StatusClass : uint8_t { kOccurred, kPlanned, kDenied, kNone };

// Specificity of a place kind: city > region, sea > area > country.
inline int PlaceRank(const std::string& kind) {
  if (kind == "city") return 4;
  if (kind == "region" || kind == "sea") return 3;
  if (kind == "area") return 2;
  if (kind == "country") return 1;
  return 0;
}

inline bool IsWater(const std::string& kind) { return kind == "sea" || kind == "area"; }

struct Window {
  int lo = kNoDay, hi = kNoDay;
  bool known() const { return lo != kNoDay; }
};

struct Range {
  double lo = 0, hi = 0;
};

struct Box {
  bool has = false;
  double south = 0, west = 0, north = 0, east = 0;
  bool Contains(double lat, double lon, double margin) const {
    if (!has) return false;
    if (lat < south - margin || lat > north + margin) return false;
    if (west <= east) return lon >= west - margin && lon <= east + margin;
    return lon >= west - margin || lon <= east + margin;  // crosses 180
  }
};

// One event mention as the resolver sees it.
struct ResolverInfo {
  const ResolutionMention* m = nullptr;
  const ResolutionDoc* doc = nullptr;
  size_t index = 0;        // into input.mentions
  StatusClass cls = StatusClass::kNone;
  bool strong = false;     // may start an event
  Window own;              // the mention's own time expression (a day or a weekend)
  Window stated;           // the same at any precision ("in October")
  Window reported;         // [published - lag, published]
  std::optional<Range> killed;
  std::string origin;      // origin key
  std::string key;         // mention key
  size_t dup_group = 0;    // near-duplicate group of its document
  std::set<std::string> actor_countries;  // of its (acting) actors
};

// Mentions of one happening: within a document first, then an event.
struct ResolverCluster {
  std::string type;
  StatusClass cls = StatusClass::kNone;
  std::vector<size_t> members;   // indices into infos_
  Window own;                    // consensus of members' own dates
  Window window;                 // where the event may lie
  int place = -1;                // info index of the most specific place
  std::optional<Range> killed;
  std::optional<int64_t> ordinal;
  std::optional<double> vessels;
  std::set<size_t> dup_groups;
  std::set<std::string> actor_countries;
  std::set<std::string> origins;  // of its members
  std::set<size_t> docs;          // of its members (ResolutionMention::doc)
  bool has_own() const { return own.known(); }
};

class Resolver {
 public:
  explicit Resolver(const ResolverInput& input);
  ~Resolver();

  // The whole ledger in memory (ResolveLedger).
  Ledger Run();

  // In two steps, for a store (Resolve): Plan clusters the mentions into
  // events and fingerprints each; Build makes the events' rows and JSON.
  void Plan(Ledger* ledger);
  struct Hooks {
    // Reads a mention's JSON and targets when the mentions were loaded
    // without them (ResolutionMention::digest set).
    std::function<Status(const ResolutionMention&, std::string* json, std::string* targets)>
        details;
    // Events already stored: one whose fingerprint is unchanged is not built
    // again; its key goes to Ledger::keys all the same.
    const std::unordered_map<std::string, StoredEventState>* stored = nullptr;
    // Receives each built event and its campaigns as it is built; when
    // unset, events are collected in Ledger::events, by date and key.
    std::function<Status(EventRow&&, const std::vector<std::string>& campaigns)> sink;
  };
  Status Build(Ledger* ledger, const Hooks& hooks);

  using Info = ResolverInfo;
  using Cluster = ResolverCluster;

 private:
  void Prepare();
  void ClusterDocuments();
  void MergeClusters();
  void MergeSatellites();
  bool MergeSatellitesOnce();  // one pass; whether anything merged
  void ApplyCorrections(Ledger* ledger);
  void Fingerprint();
  Status BuildEvents(Ledger* ledger, const Hooks& hooks);
  Status BuildTallies(Ledger* ledger, const Hooks& hooks);

  bool Usable(const Info& f) const;
  std::string OriginOf(const Info& f) const;
  // What Fit compares: a mention, or a document's cluster.
  struct Probe {
    const std::string* type = nullptr;
    StatusClass cls = StatusClass::kNone;
    Window own, window;
    const ResolutionMention* place = nullptr;
    std::optional<Range> killed;
    std::optional<int64_t> ordinal;
    std::optional<double> vessels;
    std::set<size_t> dup_groups;
    std::set<std::string> origins;
    std::set<std::string> actor_countries;
  };
  Probe ProbeOf(const Info& f) const;
  // MergeClusters' second reading of a report dated six days back
  // (resolver.cc); the event it joins, or -1.
  bool MaybeWrongWeekday(const Cluster& dc) const;
  int WrongWeekday(Cluster* dc, const Probe& probe,
                   const std::unordered_map<uint64_t, std::vector<size_t>>& by_day, uint64_t kind,
                   const std::function<uint64_t(uint64_t, int)>& day_key);
  Probe ProbeOf(const Cluster& c) const;
  int Fit(const Cluster& c, const Probe& p, bool same_doc) const;
  // Adds mention |info| to |c| (its place counts unless it is placeless_).
  void Join(Cluster* c, size_t info);
  Cluster NewCluster(size_t info);
  Cluster Rebuild(const std::vector<size_t>& members);
  int PlaceRelation(const ResolutionMention& a, const ResolutionMention& b) const;
  // PlaceRank, except that an area spanning a continent ("South America",
  // "the SOUTHCOM area of responsibility") says less than a country.
  int Specificity(const ResolutionMention& m) const;
  void PlaceBox(const ResolutionMention& m, double* lat, double* lon, Box* box) const;
  bool InRegion(const std::string& region, const ResolutionMention& m) const;

  const ResolverInput& in_;
  std::vector<Info> infos_;
  std::vector<size_t> dup_group_;   // per document
  std::vector<size_t> dup_first_;   // per document: first document of its group
  std::vector<std::string> doc_cited_;
  std::vector<Cluster> doc_clusters_;
  // Mentions attached from afar whose place is not taken as the event's.
  std::set<size_t> placeless_;
  // Mentions whose weekday was read as wrong (WrongWeekday): the date as
  // first read, for the event's date_conflict flag.
  std::map<size_t, Window> weekday_read_;
  std::vector<Cluster> events_;
  // Per event (parallel to events_), set by corrections.
  std::vector<bool> rejected_;
  struct FigureOverride {
    std::string field, value;
    int64_t correction = 0;
    std::string note;
  };
  std::vector<std::vector<FigureOverride>> overrides_;
  std::vector<std::vector<const Correction*>> event_corrections_;
  // Per event, set by Fingerprint: members in report order (first
  // publication, then position), key, and fingerprint of all it is built from.
  std::vector<std::vector<size_t>> ordered_;
  std::vector<std::string> keys_;
  std::vector<uint64_t> fingerprints_;
  // The largest killed.best of any assault event, built or kept.
  double largest_killed_ = 0;
};

}  // namespace vigil

#endif  // VIGIL_RESOLVE_RESOLVER_INTERNAL_H_
