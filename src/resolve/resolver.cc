// The resolver: event mentions -> events. docs/EVENTS.md states the rules;
// this file follows its order:
//   1. per mention: usable?, status class, own date, reported window, origin;
//   2. per document: mentions of one happening become a document cluster;
//   3. across documents: clusters merge into events (canonical order, so
//      the result does not depend on the order documents arrived in);
//   4. analyst corrections; 5. figures, place, time, flags; 6. campaigns and
//      tallies; 7. JSON.

#include <xxhash.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include <simdjson.h>

#include "base/json_writer.h"
#include "resolve/resolver_internal.h"
#include "vigil/resolve.h"

namespace vigil {

namespace {

// A strike is announced up to four days after it happened (PHRASING.md).
constexpr int kReportLagDays = 4;
// Outlets get the weekday wrong: own dates one day apart may still match.
constexpr int kDayTolerance = 1;

StatusClass ClassOf(const std::string& status) {
  if (status == "occurred" || status == "ongoing") return StatusClass::kOccurred;
  if (status == "planned" || status == "threatened") return StatusClass::kPlanned;
  if (status == "denied") return StatusClass::kDenied;
  return StatusClass::kNone;
}

bool Overlap(Window a, Window b, int slack) {
  if (!a.known() || !b.known()) return true;
  return a.lo <= b.hi + slack && b.lo <= a.hi + slack;
}

Window Intersect(Window a, Window b) {
  if (!a.known()) return b;
  if (!b.known()) return a;
  Window w{std::max(a.lo, b.lo), std::min(a.hi, b.hi)};
  if (w.lo > w.hi) return a;  // disjoint (within tolerance): keep the first
  return w;
}

// The interval of true values a hedged figure allows.
Range FigureInterval(double v, std::optional<double> high, const std::string& q) {
  const double inf = 1e18;
  if (q == "at_least" || q == "vague") return {v, inf};
  if (q == "more_than") return {v + 1, inf};
  if (q == "about") return {std::floor(v * 0.75), std::ceil(v * 1.25)};
  if (q == "nearly") return {std::floor(v * 0.75), v};
  if (q == "up_to") return {0, v};
  if (q == "fewer_than") return {0, std::max(0.0, v - 1)};
  if (q == "range" && high) return {v, *high};
  return {v, v};
}

bool RangesMeet(Range a, Range b) { return a.lo <= b.hi && b.lo <= a.hi; }

}  // namespace

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date.
int DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

bool ParseIsoDay(std::string_view s, int* days) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  int v[8];
  const size_t pos[8] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (int i = 0; i < 8; ++i) {
    char c = s[pos[i]];
    if (c < '0' || c > '9') return false;
    v[i] = c - '0';
  }
  int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
  int m = v[4] * 10 + v[5];
  int d = v[6] * 10 + v[7];
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  *days = DaysFromCivil(y, m, d);
  return true;
}

std::string IsoFromDays(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string MentionKey(const ResolutionDoc& doc, const ResolutionMention& m) {
  return doc.content_hash + ":" + std::to_string(m.begin) + ":" + m.type;
}

Resolver::Resolver(const ResolverInput& input) : in_(input) {}
Resolver::~Resolver() = default;

void Resolver::PlaceBox(const ResolutionMention& m, double* lat, double* lon, Box* box) const {
  *lat = m.lat.value_or(0);
  *lon = m.lon.value_or(0);
  if (!in_.resources || m.place_id.empty()) return;
  uint32_t idx;
  if (!in_.resources->FindPlace(m.place_id, &idx)) return;
  const PlaceEntry& p = in_.resources->place(idx);
  if (p.south == 0 && p.north == 0 && p.west == 0 && p.east == 0) return;
  box->has = true;
  box->south = p.south;
  box->west = p.west;
  box->north = p.north;
  box->east = p.east;
}

int Resolver::Specificity(const ResolutionMention& m) const {
  int rank = PlaceRank(m.place_kind);
  if (m.place_kind != "area") return rank;
  double lat, lon;
  Box box;
  PlaceBox(m, &lat, &lon, &box);
  if (!box.has) return rank;
  double width = box.west <= box.east ? box.east - box.west : box.east + 360 - box.west;
  return box.north - box.south > 20 && width > 20 ? 0 : rank;
}

// -1 incompatible, 0 unknown, 1 compatible (one within the other), 2 same.
int Resolver::PlaceRelation(const ResolutionMention& a, const ResolutionMention& b) const {
  if (a.place_id.empty() || b.place_id.empty()) return 0;
  if (a.place_id == b.place_id) return 2;
  double alat, alon, blat, blon;
  Box abox, bbox;
  PlaceBox(a, &alat, &alon, &abox);
  PlaceBox(b, &blat, &blon, &bbox);
  bool aw = IsWater(a.place_kind), bw = IsWater(b.place_kind);
  if (aw && bw) {
    if (abox.Contains(blat, blon, 0) || bbox.Contains(alat, alon, 0)) return 1;
    return -1;
  }
  if (aw || bw) {
    // Water and land: the land may be the coast the strike was off.
    const Box& water = aw ? abox : bbox;
    double lat = aw ? blat : alat, lon = aw ? blon : alon;
    if (!water.has) return 0;
    return water.Contains(lat, lon, 6.0) ? 1 : -1;
  }
  // Land and land: one country; different cities or regions are different
  // places.
  if (a.place_country != b.place_country) return -1;
  if (a.place_kind == "country" || b.place_kind == "country") return 1;
  if (a.place_kind == b.place_kind) return -1;
  return 1;  // a city and a region of one country
}

void Resolver::Prepare() {
  // Near-duplicate groups, in canonical document order (publication date,
  // then content hash), so a group's first document does not depend on
  // the order of ingestion.
  const std::vector<ResolutionDoc>& docs = in_.docs;
  std::vector<size_t> order(docs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (docs[a].published != docs[b].published) return docs[a].published < docs[b].published;
    return docs[a].content_hash < docs[b].content_hash;
  });
  std::vector<const std::vector<uint32_t>*> sigs;
  for (size_t i : order) sigs.push_back(&docs[i].signature);
  std::vector<size_t> groups = NearDuplicateGroups(sigs);
  dup_group_.assign(docs.size(), 0);
  dup_first_.assign(docs.size(), 0);
  for (size_t k = 0; k < order.size(); ++k) {
    dup_group_[order[k]] = groups[k];
    dup_first_[order[k]] = order[groups[k]];
  }

  // The outlet a document cites most (for claims it does not attribute).
  std::vector<std::map<std::string, int>> cited(docs.size());
  for (const ResolutionMention& m : in_.mentions)
    if (!m.outlet_cited.empty() && m.outlet_cited != docs[m.doc].outlet)
      ++cited[m.doc][m.outlet_cited];
  doc_cited_.assign(docs.size(), "");
  for (size_t d = 0; d < docs.size(); ++d) {
    int best = 0;
    for (const auto& [outlet, n] : cited[d])
      if (n > best) {
        best = n;
        doc_cited_[d] = outlet;
      }
    // Else the outlet the report cites outside its event sentences.
    for (const std::string& o : docs[d].cited_outlets)
      if (doc_cited_[d].empty() && o != docs[d].outlet) doc_cited_[d] = o;
  }

  infos_.resize(in_.mentions.size());
  for (size_t i = 0; i < in_.mentions.size(); ++i) {
    const ResolutionMention& m = in_.mentions[i];
    Info& f = infos_[i];
    f.m = &m;
    f.doc = &docs[m.doc];
    f.index = i;
    f.key = MentionKey(*f.doc, m);
    f.dup_group = dup_group_[m.doc];
    f.cls = ClassOf(m.status);
    int a, b;
    if (!m.date_start.empty() && ParseIsoDay(m.date_start, &a)) {
      if (m.date_end.empty() || !ParseIsoDay(m.date_end, &b) || b < a) b = a;
      // A day or a weekend dates a strike; "early September" or "last week"
      // is too loose to merge on (and is often the campaign's, not the
      // strike's, time).
      if (b - a <= 2) f.own = Window{a, b};
      f.stated = Window{a, b};
    }
    int pub;
    if (ParseIsoDay(f.doc->published, &pub)) f.reported = Window{pub - kReportLagDays, pub};
    if (m.killed) f.killed = FigureInterval(*m.killed, m.killed_high, m.killed_qualifier);
    f.strong = f.own.known() || m.killed || m.vessels || m.survivors || m.injured;
    // Other kinds of event rarely carry a toll: a place, a number of troops
    // or people, or a date of their own sets one apart.
    if (m.type != "ASSAULT")
      f.strong = f.strong || m.troops || m.count || !m.place_id.empty();
    // The actors' countries, read straight from the stored JSON. An actor
    // implied from the speaker's state (docs/EXTRACTION.md) is a guess and
    // splits nothing: Colombia's president speaking of a U.S. strike.
    const std::string& aj = m.actors_json;
    for (size_t at = aj.find("\"country\":\""); at != std::string::npos;
         at = aj.find("\"country\":\"", at + 1)) {
      size_t start = at + 11, end = aj.find('"', start);
      if (end == std::string::npos || end <= start) continue;
      size_t object_end = aj.find('}', end);
      size_t implied = aj.find("\"implied\":true", end);
      if (implied != std::string::npos && implied < object_end) continue;
      f.actor_countries.insert(aj.substr(start, end - start));
    }
    f.origin = OriginOf(f);
  }
}

std::string Resolver::OriginOf(const Info& f) const {
  const ResolutionMention& m = *f.m;
  if (!m.outlet_cited.empty() && m.outlet_cited != f.doc->outlet) return "outlet:" + m.outlet_cited;
  if (!m.speaker_id.empty()) return "speaker:" + m.speaker_id;
  if (!doc_cited_[m.doc].empty()) return "outlet:" + doc_cited_[m.doc];
  // The outlet's own reporting; a copy counts as the first document of its
  // near-duplicate group.
  const ResolutionDoc& first = in_.docs[dup_first_[m.doc]];
  if (!first.outlet.empty()) return "outlet:" + first.outlet;
  return "document:" + first.content_hash.substr(0, 12);
}

bool Resolver::Usable(const Info& f) const {
  const ResolutionMention& m = *f.m;
  return !m.generic && !m.negated && (!m.running_total || IncidentInTotal(m)) &&
         f.cls != StatusClass::kNone;
}

// A sentence that gives a campaign count and one strike's toll ("killing
// six men, in the 10th attack since early September") is marked a running
// total by extraction; an exact toll of at most kIncidentMaxKilled with no
// number of strikes is the strike's.
bool IncidentInTotal(const ResolutionMention& m) {
  return m.running_total && !m.total_figures && m.killed && m.killed_qualifier == "exact" &&
         *m.killed <= kIncidentMaxKilled && (!m.strikes || *m.strikes < 2);
}

Resolver::Probe Resolver::ProbeOf(const Info& f) const {
  Probe p;
  p.type = &f.m->type;
  p.cls = f.cls;
  p.own = f.own;
  p.window = f.own.known() ? f.own : f.reported;
  p.place = f.m->place_id.empty() ? nullptr : f.m;
  p.killed = f.killed;
  p.ordinal = f.m->ordinal;
  p.vessels = f.m->vessels;
  p.dup_groups.insert(f.dup_group);
  p.actor_countries = f.actor_countries;
  if (f.origin.rfind("document:", 0) != 0) p.origins.insert(f.origin);
  return p;
}

Resolver::Probe Resolver::ProbeOf(const Cluster& c) const {
  Probe p;
  p.type = &c.type;
  p.cls = c.cls;
  p.own = c.own;
  p.window = c.window;
  p.place = c.place >= 0 ? infos_[c.place].m : nullptr;
  p.killed = c.killed;
  p.ordinal = c.ordinal;
  p.vessels = c.vessels;
  p.dup_groups = c.dup_groups;
  p.actor_countries = c.actor_countries;
  p.origins = c.origins;
  return p;
}

// Whether |p| (a mention, or a document's cluster) can join |c|, and how
// well: -1 not at all, else a score (higher is better). |same_doc|: within
// one report, where missing facts are taken from context.
int Resolver::Fit(const Cluster& c, const Probe& p, bool same_doc) const {
  if (c.type != *p.type || c.cls != p.cls) return -1;
  int score = 0;
  // Actors: Mexico's deployment and the United States' are two events.
  if (!p.actor_countries.empty() && !c.actor_countries.empty()) {
    bool shared = false;
    for (const std::string& a : p.actor_countries) shared |= c.actor_countries.count(a) > 0;
    if (!shared) return -1;
  }
  // Time.
  if (p.own.known() && c.own.known()) {
    if (p.own.lo == c.own.lo && p.own.hi == c.own.hi) score += 3;
    else if (Overlap(p.own, c.own, 0)) score += 2;
    else if (Overlap(p.own, c.own, kDayTolerance) &&
             (!same_doc || (!p.killed && !p.vessels)))
      score += 1;  // a weekday off by one (or strike and announcement days)
    else return -1;
  }
  if (!same_doc && !Overlap(p.window, c.window, p.own.known() ? kDayTolerance : 0)) return -1;
  // Place.
  int place_rel = 0;
  if (c.place >= 0 && p.place) {
    place_rel = PlaceRelation(*infos_[c.place].m, *p.place);
    if (place_rel < 0) return -1;
    score += place_rel == 2 ? 3 : place_rel;
  }
  // Figures.
  bool killed_clash = false;
  if (p.killed && c.killed) {
    if (RangesMeet(*p.killed, *c.killed)) score += p.killed->lo == c.killed->lo ? 2 : 1;
    else killed_clash = true;
  }
  if (p.ordinal && c.ordinal && *p.ordinal >= 4 && *c.ordinal >= 4) {
    if (*p.ordinal != *c.ordinal) return -1;
    score += 3;
  }
  if (p.vessels && c.vessels) {
    // In one report, boats counted differently are different strikes,
    // unless the toll is the same: a headline's "strikes another boat,
    // killing 13" over the body's "four strikes on four boats, killing 13".
    bool same_toll = p.killed && c.killed && p.killed->lo == c.killed->lo &&
                     p.killed->hi == c.killed->hi;
    // Nor when the day is the same and one side gives no toll: "The latest
    // attack on a boat came Sunday" beside "three strikes on three vessels
    // ... Sunday, killing 15" is one strike told twice.
    bool same_day = p.own.known() && c.own.known() && p.own.lo == c.own.lo &&
                    p.own.hi == c.own.hi;
    if (*p.vessels == *c.vessels) score += 1;
    else if (same_doc && !same_toll && !(same_day && (!p.killed || !c.killed))) return -1;
  }
  if (!same_doc)
    for (size_t g : p.dup_groups)
      if (c.dup_groups.count(g)) {
        score += 3;
        break;
      }
  // Retelling one source (an outlet cited, an official quoted) is a hint.
  if (!same_doc) {
    for (const std::string& o : p.origins)
      if (o.rfind("outlet:", 0) == 0 || o.rfind("speaker:", 0) == 0)
        if (c.origins.count(o)) {
          score += 1;
          break;
        }
  }
  // A different death toll splits events unless time and place agree
  // exactly (then it is one strike reported with conflicting figures).
  if (killed_clash) {
    bool exact_time = p.own.known() && c.own.known() && p.own.lo == c.own.lo;
    if (same_doc || !exact_time || place_rel != 2) return -1;
  }
  return score;
}

void Resolver::Join(Cluster* c, size_t i) {
  const Info& f = infos_[i];
  c->members.push_back(i);
  const bool use_place = !placeless_.count(i);
  if (f.own.known()) c->own = c->own.known() ? Intersect(c->own, f.own) : f.own;
  c->window = Intersect(c->window, f.own.known() ? f.own : f.reported);
  if (c->own.known()) c->window = c->own;
  if (use_place && !f.m->place_id.empty()) {
    if (c->place < 0 || Specificity(*f.m) > Specificity(*infos_[c->place].m))
      c->place = static_cast<int>(i);
  }
  if (f.killed) {
    if (!c->killed) c->killed = *f.killed;
    else if (RangesMeet(*c->killed, *f.killed))
      c->killed = Range{std::max(c->killed->lo, f.killed->lo), std::min(c->killed->hi, f.killed->hi)};
  }
  if (f.m->ordinal && !c->ordinal) c->ordinal = *f.m->ordinal;
  if (f.m->vessels && !c->vessels) c->vessels = *f.m->vessels;
  c->dup_groups.insert(f.dup_group);
  c->actor_countries.insert(f.actor_countries.begin(), f.actor_countries.end());
  c->origins.insert(f.origin);
  c->docs.insert(f.m->doc);
}

Resolver::Cluster Resolver::NewCluster(size_t i) {
  Cluster c;
  c.type = infos_[i].m->type;
  c.cls = infos_[i].cls;
  Join(&c, i);
  return c;
}

// Step 2: within each document.
void Resolver::ClusterDocuments() {
  std::vector<std::vector<size_t>> by_doc(in_.docs.size());
  for (size_t i = 0; i < infos_.size(); ++i)
    if (Usable(infos_[i])) by_doc[infos_[i].m->doc].push_back(i);
  for (size_t d = 0; d < by_doc.size(); ++d) {
    // A strike with only a date of its own waits for a later one of the
    // same day with figures, so that "a survivor of Monday's strikes" finds
    // "Monday, three strikes killed 14" told further down rather than the
    // entry above it. (A tracker item's "Oct. 16 - a semi-submersible is
    // hit", followed by "Two people die", keeps its place.)
    auto figures = [&](size_t i) {
      const ResolutionMention& m = *infos_[i].m;
      return m.killed || m.vessels || m.survivors || m.injured;
    };
    std::vector<size_t> deferred;
    std::vector<size_t> ordered;
    for (size_t n = 0; n < by_doc[d].size(); ++n) {
      const Info& f = infos_[by_doc[d][n]];
      bool wait = false;
      if (f.m->type == "ASSAULT" && !figures(f.index) && f.own.known()) {
        for (size_t later = n + 1; later < by_doc[d].size() && !wait; ++later) {
          const Info& g = infos_[by_doc[d][later]];
          wait = g.m->type == "ASSAULT" && figures(g.index) && g.own.known() &&
                 g.own.lo == f.own.lo && g.own.hi == f.own.hi;
        }
      }
      (wait ? deferred : ordered).push_back(f.index);
    }
    ordered.insert(ordered.end(), deferred.begin(), deferred.end());
    by_doc[d] = std::move(ordered);
    std::vector<Cluster> clusters;
    std::vector<size_t> weak;
    for (size_t i : by_doc[d]) {
      const Info& f = infos_[i];
      // Besides occurred strikes (which need a date or a figure), a report's
      // first statement of a plan, a threat, a denial or another kind of
      // event starts one: such events rarely carry figures.
      bool first_of_kind = true;
      for (const Cluster& c : clusters)
        first_of_kind &= !(c.type == f.m->type && c.cls == f.cls);
      // "A strike last month killed a fisherman", "two survivors of an
      // October strike": a loose time before the report's days refers back
      // to an earlier event, which this report does not found.
      const bool refers_back = !f.own.known() && f.stated.known() && f.reported.known() &&
                               f.stated.hi + kDayTolerance < f.reported.lo;
      bool starts = (f.strong && !refers_back) ||
                    (first_of_kind && (f.m->type != "ASSAULT" || f.cls != StatusClass::kOccurred));
      if (!starts) {
        weak.push_back(i);
        continue;
      }
      // A sentence stating several events ("two strikes, one in the
      // Caribbean and one in the Pacific") gives each its own cluster;
      // otherwise join the best-fitting cluster of the document.
      int best = -1, best_score = -1;
      for (size_t k = 0; k < clusters.size(); ++k) {
        bool same_sentence = false;
        for (size_t j : clusters[k].members)
          same_sentence |= infos_[j].m->sentence == f.m->sentence;
        if (same_sentence) continue;
        int s = Fit(clusters[k], ProbeOf(f), true);
        if (s > best_score) {
          best_score = s;
          best = static_cast<int>(k);
        }
      }
      if (best >= 0) Join(&clusters[best], i);
      else clusters.push_back(NewCluster(i));
    }
    // A mention with nothing of its own ("the strike", "the attack") refers
    // to the cluster just before it in the text, or to the report's only
    // event of that kind.
    for (size_t i : weak) {
      const Info& f = infos_[i];
      int chosen = -1;
      uint32_t nearest = UINT32_MAX;
      int candidates = 0;
      // "Survivors of an October strike" is not the February strike.
      auto fits_loosely = [&](const Cluster& c) {
        return Fit(c, ProbeOf(f), true) >= 0 &&
               !(f.stated.known() && c.window.known() &&
                 !Overlap(f.stated, c.window, kDayTolerance));
      };
      // "a survivor of Monday's strikes" refers to Monday's strikes, even
      // when the entry just before it is about a strike the next night.
      auto on_its_day = [&](const Cluster& c) {
        return f.own.known() && c.own.known() && Overlap(f.own, c.own, 0);
      };
      bool any_on_its_day = false;
      for (const Cluster& c : clusters) any_on_its_day |= on_its_day(c) && fits_loosely(c);
      auto fits = [&](const Cluster& c) {
        return fits_loosely(c) && (!any_on_its_day || on_its_day(c));
      };
      for (size_t k = 0; k < clusters.size(); ++k) {
        if (!fits(clusters[k])) continue;
        ++candidates;
        for (size_t j : clusters[k].members) {
          uint32_t js = infos_[j].m->sentence;
          if (js <= f.m->sentence && f.m->sentence - js < nearest) {
            nearest = f.m->sentence - js;
            chosen = static_cast<int>(k);
          }
        }
      }
      if (candidates == 1 && chosen < 0) {
        for (size_t k = 0; k < clusters.size(); ++k)
          if (fits(clusters[k])) chosen = static_cast<int>(k);
      } else if (candidates > 1 && nearest > 2) {
        chosen = -1;  // too far from any of several events: leave it out
      }
      // Only a mention right after the event's own words may place it: a
      // later one ("attention shifted to the Pacific") often speaks of the
      // campaign, not of this strike.
      if (chosen < 0) continue;
      if (nearest > 1) placeless_.insert(i);
      Join(&clusters[chosen], i);
    }
    for (Cluster& c : clusters) doc_clusters_.push_back(std::move(c));
  }
}

// Step 3: across documents, in canonical order.
void Resolver::MergeClusters() {
  auto anchor = [&](const Cluster& c) -> const Info& { return infos_[c.members.front()]; };
  std::sort(doc_clusters_.begin(), doc_clusters_.end(), [&](const Cluster& a, const Cluster& b) {
    int al = a.window.known() ? a.window.lo : INT_MAX, bl = b.window.known() ? b.window.lo : INT_MAX;
    if (al != bl) return al < bl;
    const Info& fa = anchor(a);
    const Info& fb = anchor(b);
    if (fa.doc->published != fb.doc->published) return fa.doc->published < fb.doc->published;
    if (fa.doc->content_hash != fb.doc->content_hash)
      return fa.doc->content_hash < fb.doc->content_hash;
    if (fa.m->begin != fb.m->begin) return fa.m->begin < fb.m->begin;
    if (fa.m->type != fb.m->type) return fa.m->type < fb.m->type;
    // Two events of one type in one sentence ("extradited 26 ... and
    // arrested 3"): by mode, then by their order in the document, never by
    // the order the documents were stored in.
    if (fa.m->mode != fb.m->mode) return fa.m->mode < fb.m->mode;
    return fa.m->index < fb.m->index;
  });
  // Events indexed by (type, status class, day) for every day of their
  // window, so a cluster is compared with the events near it in time, not
  // with the whole ledger. Events without any window are compared with
  // every cluster of their kind (reports without dates are rare).
  auto kind_key = [](const std::string& type, StatusClass cls) {
    return XXH3_64bits(type.data(), type.size()) * 31 + static_cast<uint64_t>(cls);
  };
  std::unordered_map<uint64_t, std::vector<size_t>> by_day, undated, by_kind;
  auto day_key = [](uint64_t kind, int day) {
    return kind ^ (static_cast<uint64_t>(static_cast<uint32_t>(day)) * 0x9E3779B97F4A7C15ull);
  };
  std::vector<Window> indexed;  // per event: the window it is indexed under
  auto index = [&](size_t e) {
    const Cluster& ev = events_[e];
    uint64_t kind = kind_key(ev.type, ev.cls);
    if (indexed.size() <= e) indexed.resize(e + 1);
    Window& w = indexed[e];
    if (!ev.window.known()) {
      if (!w.known() && w.hi != 1) {
        undated[kind].push_back(e);
        w.hi = 1;  // marks "listed as undated"
      }
      return;
    }
    if (w.known() && w.lo <= ev.window.lo && ev.window.hi <= w.hi) return;
    for (int d = ev.window.lo; d <= ev.window.hi; ++d)
      if (!w.known() || d < w.lo || d > w.hi) by_day[day_key(kind, d)].push_back(e);
    w = w.known() ? Window{std::min(w.lo, ev.window.lo), std::max(w.hi, ev.window.hi)} : ev.window;
  };
  std::vector<uint32_t> seen;
  uint32_t stamp = 0;
  std::vector<size_t> candidates;
  // Places |dc| in the best-fitting event or a new one. A cluster dated five
  // or six days before its report (|may_defer|) that fits nothing waits
  // until every other cluster is placed: the strike of its report's day,
  // which a wrong weekday may mean, is then in the ledger (WrongWeekday).
  std::vector<Cluster*> deferred;
  auto place = [&](Cluster& dc, bool may_defer) {
    // The document cluster as one probe: its members' date, place and
    // figures together.
    int best = -1, best_score = -1;
    bool has_own = dc.has_own();
    const Probe probe = ProbeOf(dc);
    uint64_t kind = kind_key(dc.type, dc.cls);
    ++stamp;
    seen.resize(events_.size(), 0);
    candidates.clear();
    auto add = [&](const std::vector<size_t>& list) {
      for (size_t e : list)
        if (seen[e] != stamp) {
          seen[e] = stamp;
          candidates.push_back(e);
        }
    };
    if (probe.window.known()) {
      for (int d = probe.window.lo - kDayTolerance; d <= probe.window.hi + kDayTolerance; ++d) {
        auto it = by_day.find(day_key(kind, d));
        if (it != by_day.end()) add(it->second);
      }
      auto u = undated.find(kind);
      if (u != undated.end()) add(u->second);
    } else {
      auto k = by_kind.find(kind);
      if (k != by_kind.end()) add(k->second);
    }
    std::sort(candidates.begin(), candidates.end());  // ties go to the earliest event
    const size_t doc = infos_[dc.members.front()].m->doc;
    for (size_t e : candidates) {
      Cluster& ev = events_[e];
      if (ev.type != dc.type || ev.cls != dc.cls) continue;
      // The report put its own mentions in different clusters: different
      // happenings, whatever other reports say.
      if (ev.docs.count(doc)) continue;
      int score = Fit(ev, probe, false);
      if (score < 0) continue;
      // Without a date of its own, a report needs more than a matching week
      // to be the same strike: a place, a toll or an ordinal that agree.
      int needed = !has_own && !ev.has_own() ? 4 : 3;
      if (score < needed) continue;
      if (score > best_score) {
        best_score = score;
        best = static_cast<int>(e);
      }
    }
    if (best < 0 && MaybeWrongWeekday(dc)) {
      if (may_defer) {
        deferred.push_back(&dc);
        return;
      }
      best = WrongWeekday(&dc, probe, by_day, kind, day_key);
    }
    if (best < 0) {
      Cluster fresh;
      fresh.type = dc.type;
      fresh.cls = dc.cls;
      events_.push_back(std::move(fresh));
      best = static_cast<int>(events_.size()) - 1;
      by_kind[kind].push_back(static_cast<size_t>(best));
    }
    for (size_t i : dc.members) Join(&events_[best], i);
    index(static_cast<size_t>(best));
  };
  for (Cluster& dc : doc_clusters_) place(dc, true);
  for (Cluster* dc : deferred) place(*dc, false);
}

// A report dated by a weekday that lands five or six days before its
// publication may have the weekday wrong for a strike of the day before or
// the day itself ("late Sunday" in Saturday's report for Saturday's strike,
// PHRASING.md). When nothing fits the date as read, the report joins the
// event of those two days that it fits best with a score of at least 4
// (place and toll agree), and its date is read as those days; the report's
// own date stays in its mention, so the event flags the disagreement.
bool Resolver::MaybeWrongWeekday(const Cluster& dc) const {
  if (!dc.has_own() || dc.own.lo != dc.own.hi) return false;
  int pub;
  if (!ParseIsoDay(infos_[dc.members.front()].doc->published, &pub)) return false;
  return pub - dc.own.lo >= 5 && pub - dc.own.lo <= 6;
}

int Resolver::WrongWeekday(
    Cluster* dc, const Probe& probe,
    const std::unordered_map<uint64_t, std::vector<size_t>>& by_day, uint64_t kind,
    const std::function<uint64_t(uint64_t, int)>& day_key) {
  if (!MaybeWrongWeekday(*dc)) return -1;
  int pub;
  ParseIsoDay(infos_[dc->members.front()].doc->published, &pub);
  Probe alt = probe;
  alt.own = alt.window = Window{pub - 1, pub};
  const size_t doc = infos_[dc->members.front()].m->doc;
  int best = -1, best_score = -1;
  for (int d = pub - 1 - kDayTolerance; d <= pub + kDayTolerance; ++d) {
    auto it = by_day.find(day_key(kind, d));
    if (it == by_day.end()) continue;
    for (size_t e : it->second) {
      const Cluster& ev = events_[e];
      if (!ev.has_own() || ev.docs.count(doc)) continue;
      int score = Fit(ev, alt, false);
      if (score < 4) continue;
      if (score > best_score || (score == best_score && static_cast<int>(e) < best)) {
        best_score = score;
        best = static_cast<int>(e);
      }
    }
  }
  if (best < 0) return -1;
  // The report's date is read as the strike's (within those two days).
  const Window read = dc->own;
  Window as = events_[best].own;
  as = Window{std::max(as.lo, alt.own.lo), std::min(as.hi, alt.own.hi)};
  if (as.lo > as.hi) as = alt.own;
  for (size_t i : dc->members) {
    if (infos_[i].own.known() && infos_[i].own.lo == read.lo && infos_[i].own.hi == read.hi) {
      weekday_read_[i] = read;
      infos_[i].own = as;
    }
  }
  dc->own = as;
  dc->window = as;
  return best;
}

// Step 4: events that are one. Clusters go to events in canonical order,
// so a report that would have tied two together can come after both were
// started (an undated headline before the dated account, a sea before the
// city it lies off). Each event is compared with the later events of its
// kind near it in time, as a whole, by the rules of step 3; events holding
// mentions of one report stay apart (that report told them apart).
void Resolver::MergeSatellites() {
  // Passes until nothing merges: a merge changes the merged event's date,
  // place and figures, and it may then fit an event it was compared with
  // before (an undated pair that took a dated satellite, then fits the
  // strike of that date). Each pass merges at least two events into one,
  // so this ends; the bound only caps the work.
  constexpr int kMaxPasses = 8;
  for (int pass = 0; pass < kMaxPasses && MergeSatellitesOnce(); ++pass) {
  }
}

bool Resolver::MergeSatellitesOnce() {
  bool merged = false;
  std::unordered_map<std::string, std::vector<size_t>> by_kind;
  for (size_t e = 0; e < events_.size(); ++e)
    if (!events_[e].members.empty())
      by_kind[events_[e].type + '\x1f' + std::to_string(static_cast<int>(events_[e].cls))]
          .push_back(e);
  for (auto& [kind, list] : by_kind) {
    // By the start of their window, so that near events are near in |list|.
    auto start = [&](size_t e) {
      return events_[e].window.known() ? events_[e].window.lo : INT_MAX;
    };
    std::stable_sort(list.begin(), list.end(),
                     [&](size_t a, size_t b) { return start(a) < start(b); });
    for (size_t x = 0; x < list.size(); ++x) {
      Cluster& a = events_[list[x]];
      if (a.members.empty() || !a.window.known()) continue;
      for (size_t y = x + 1; y < list.size(); ++y) {
        Cluster& b = events_[list[y]];
        if (!b.window.known() || b.window.lo > a.window.hi + kDayTolerance) break;
        if (b.members.empty()) continue;
        bool shared = false;
        for (size_t d : b.docs) shared |= a.docs.count(d) > 0;
        if (shared) continue;
        const int needed = !a.has_own() && !b.has_own() ? 4 : 3;
        if (Fit(a, ProbeOf(b), false) < needed || Fit(b, ProbeOf(a), false) < needed) continue;
        // Earliest report first (the first member's place and figures win
        // ties), by publication, never by storage id: the result must not
        // depend on the order documents were stored in.
        std::vector<size_t> all = a.members;
        all.insert(all.end(), b.members.begin(), b.members.end());
        std::sort(all.begin(), all.end(), [&](size_t i, size_t j) {
          const Info& x = infos_[i];
          const Info& y = infos_[j];
          if (x.doc->published != y.doc->published) return x.doc->published < y.doc->published;
          if (x.doc->content_hash != y.doc->content_hash)
            return x.doc->content_hash < y.doc->content_hash;
          if (x.m->begin != y.m->begin) return x.m->begin < y.m->begin;
          return x.m->index < y.m->index;
        });
        a = Rebuild(all);
        b = Cluster();
        merged = true;
      }
    }
  }
  return merged;
}

}  // namespace vigil
