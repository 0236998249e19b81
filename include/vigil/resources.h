// Resources: the gazetteer, the actor dictionary and the lexicons, compiled
// at build time (tools/build_resources) from data/*.tsv and the npm data
// packages into one file that is memory-mapped at start-up. The file format
// is documented in docs/RESOURCES.md.
//
// Every entry is reachable by phrase: the phrase is tokenized with
// vigil::Tokenize, each token folded with FoldForMatching, and the folded
// tokens joined by single spaces ("eastern pacific", "u.s.", "sheinbaum 's"
// never: possessives are separate tokens and not part of phrases). Lookup()
// returns every entry a phrase names; IsPrefix() says whether a longer phrase
// could still match, so a matcher can stop extending early.
#ifndef VIGIL_RESOURCES_H_
#define VIGIL_RESOURCES_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "vigil/status.h"

namespace vigil {

// What a phrase names.
enum class LexKind : uint8_t {
  kPlace = 0,        // a gazetteer entry (country, region, city, sea ...)
  kActor = 1,        // an actor entry (state body, armed group, person, outlet)
  kDemonym = 2,      // "Mexican": index is the country's place entry
  kTrigger = 3,      // an event trigger word
  kCue = 4,          // a status / genericity / running-total cue
  kAttribution = 5,  // an attribution verb or phrase ("said", "according to")
  kNoun = 6,         // casualty, survivor, vessel, troop ... nouns
  kNumberWord = 7,   // "three", "dozen", "tres"
  kTitle = 8,        // a role title preceding a name ("Secretary of War")
};

enum class PlaceKind : uint8_t {
  kCountry = 0,
  kRegion = 1,   // first-level administrative region (Sinaloa)
  kCity = 2,
  kSea = 3,      // seas, oceans, gulfs, marine regions
  kArea = 4,     // other named areas: borders, "the Western Hemisphere"
};

struct PlaceEntry {
  std::string_view id;       // "country:MX", "admin1:MX.25", "city:3983671", "sea:caribbean"
  std::string_view name;     // display name
  PlaceKind kind = PlaceKind::kCity;
  std::string_view country;  // ISO 3166-1 alpha-2, empty for seas
  std::string_view country3; // ISO 3166-1 alpha-3, empty for seas
  float lat = 0, lon = 0;
  float south = 0, west = 0, north = 0, east = 0;  // bounding box; all 0 if none
  uint32_t population = 0;
  bool is_capital = false;   // national capital (used as metonym: "Caracas")
  // Added to the original contract: cities name their admin-1 region so a
  // resolver can check "Culiacán, Sinaloa" and place a city in its state
  // without a second gazetteer. Id of the region entry ("admin1:MX.25"),
  // empty when unknown and for other kinds.
  std::string_view region;
};

enum class ActorKind : uint8_t {
  kState = 0,        // a state as a whole ("the United States")
  kGovBody = 1,      // executive bodies: White House, State Department
  kMilitary = 2,     // armed forces and commands: Pentagon, SOUTHCOM, Navy
  kSecurity = 3,     // intelligence, police: CIA, DEA, National Guard (MX)
  kLegislature = 4,
  kArmedGroup = 5,   // cartels, gangs, rebel groups
  kPerson = 6,
  kOutlet = 7,       // news organisations
  kIntl = 8,         // international organisations: UN
};

struct ActorEntry {
  std::string_view id;        // "us-dod", "tren-de-aragua", "pete-hegseth", "ap"
  std::string_view name;      // canonical name
  ActorKind kind = ActorKind::kGovBody;
  std::string_view country;   // ISO 3166-1 alpha-3 ("USA"), empty if none
  std::string_view sector;    // PLOVER/CAMEO-style sector: GOV MIL SPY CRM REB LEG MED ...
  std::string_view parent;    // id of the body it belongs to, if any
  std::string_view roles;     // persons: "Secretary of War|Defense Secretary" (all periods)
  bool is_wire = false;       // outlets: wire agency
  std::string_view domains;   // outlets: "apnews.com|ap.org"
};

// A role held by a person over a period (from data/roles.tsv).
struct RoleEntry {
  std::string_view person;     // actor id
  std::string_view titles;     // "Secretary of War|Defense Secretary|War Secretary"
  std::string_view body;       // actor id of the organisation
  std::string_view from, to;   // ISO dates; empty `to` = still held
};

struct TriggerEntry {
  std::string_view type;     // PLOVER type: ASSAULT, MOBILIZE, SANCTION, COERCE ...
  std::string_view mode;     // aerial, drone, firearms, extradite, designate ... or empty
  std::string_view pos;      // "verb" or "noun"
  std::string_view lemma;    // base form ("strike")
};

struct CueEntry {
  std::string_view category;  // planned threatened hypothetical denied negated unclear
                              // generic ongoing running_total reported_speech ...
  std::string_view scope;     // clause, sentence, following, preceding
};

struct AttributionEntry {
  std::string_view kind;      // say, according_to, citing, told, reported, medium
  std::string_view medium;    // for kind=medium: "post on X", "Truth Social", "video"
};

struct NounEntry {
  std::string_view category;  // killed injured survivor missing presumed_dead vessel
                              // strike troops acres person cartel source official ...
};

struct NumberWordEntry {
  double value = 0;           // 3 for "three"; 12 for "dozen"
  std::string_view kind;      // cardinal, ordinal, multiplier ("dozen", "hundred"),
                              // vague ("dozens", "several")
};

struct TitleEntry {
  std::string_view title;     // "Secretary of War"
  std::string_view sector;    // GOV MIL ...
};

struct PhraseHit {
  LexKind kind = LexKind::kPlace;
  uint32_t index = 0;         // into the table of |kind|
  bool case_sensitive = false;  // the phrase must appear with this exact casing
  std::string_view surface;   // the phrase as written in the data (for case checks)
};

class Resources {
 public:
  // Maps the compiled file at |path|. Fails with a clear error for a missing
  // file, a bad magic number or a format version this build cannot read.
  static Result<std::unique_ptr<Resources>> Load(const std::string& path);
  // Loads from $VIGIL_RESOURCES, else vigil.res beside the running binary,
  // else ../share/vigil/vigil.res relative to it.
  static Result<std::unique_ptr<Resources>> LoadDefault();
  ~Resources();
  Resources(const Resources&) = delete;
  Resources& operator=(const Resources&) = delete;

  // Every entry named by |folded_phrase| (see the file comment).
  std::span<const PhraseHit> Lookup(std::string_view folded_phrase) const;
  // True when some entry's phrase starts with |folded_phrase| + " ".
  bool IsPrefix(std::string_view folded_phrase) const;
  // The longest phrase length, in tokens.
  int max_phrase_tokens() const;
  // Added to the original contract: the data packages compiled in, with
  // versions and licences ("world-countries 5.1.0 (ODbL 1.0, ...); ..."),
  // so the CLI can print the attribution their licences require.
  std::string_view sources() const;
  // A hash of the whole file: equal digests, equal resources. (Incremental
  // resolution rebuilds every event when the resources change.)
  uint64_t Digest() const;

  size_t place_count() const;
  const PlaceEntry& place(uint32_t i) const;
  size_t actor_count() const;
  const ActorEntry& actor(uint32_t i) const;
  const RoleEntry& role(uint32_t i) const;
  size_t role_count() const;
  const TriggerEntry& trigger(uint32_t i) const;
  const CueEntry& cue(uint32_t i) const;
  const AttributionEntry& attribution(uint32_t i) const;
  const NounEntry& noun(uint32_t i) const;
  const NumberWordEntry& number_word(uint32_t i) const;
  const TitleEntry& title(uint32_t i) const;

  // Finds an entry by id; returns false if absent.
  bool FindPlace(std::string_view id, uint32_t* index) const;
  bool FindActor(std::string_view id, uint32_t* index) const;
  // The outlet whose domains include |domain| (without "www."), if any.
  bool FindOutletByDomain(std::string_view domain, uint32_t* index) const;

 private:
  Resources() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigil

#endif  // VIGIL_RESOURCES_H_
