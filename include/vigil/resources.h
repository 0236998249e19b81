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
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

class Resources;

// The phrase keys as a trie over words, for a matcher that walks the tokens
// of a sentence instead of building and hashing a key per start position and
// length. Every distinct word of the keys (the keys split at single spaces)
// has an id; a node is a sequence of words, the root (node 0) the empty one.
// Node N's hits are Lookup(key of N) and its prefix flag IsPrefix(key of N),
// taken from the tables themselves, so that a walk answers exactly what the
// two tables answer for tokens whose folded forms hold no space. Built from
// the phrase table on first use (Resources::phrase_trie()).
class PhraseTrie {
 public:
  static constexpr uint32_t kNoWord = 0xFFFFFFFFu;
  static constexpr uint32_t kNoNode = 0;  // the root is never anyone's child

  // The id of |folded_word|, or kNoWord when no phrase key has that word.
  uint32_t Word(std::string_view folded_word) const { return Word(folded_word, WordHash(folded_word)); }
  // The same in two steps, for a caller that looks up a sentence's words:
  // Hash() each and Prefetch() its slots first, so that the cache misses of
  // one word overlap those of the next, then Word() each.
  static uint64_t Hash(std::string_view folded_word) { return WordHash(folded_word); }
  void Prefetch(uint64_t h) const {
    if (word_slots_.empty()) return;
    __builtin_prefetch(&filter_[(static_cast<uint32_t>(h >> 40) & (kFilterBits - 1)) >> 6]);
    __builtin_prefetch(&word_slots_[h & word_mask_]);
  }
  void PrefetchStep(uint32_t word) const {
    if (word < root_child_.size()) __builtin_prefetch(&root_child_[word]);
  }
  uint32_t Word(std::string_view folded_word, uint64_t h) const {
    if (word_slots_.empty()) return kNoWord;
    // A third of a news text's words are in no key: a bit per hash in a
    // table that stays in the first-level cache turns most of them away.
    const uint32_t bit = static_cast<uint32_t>(h >> 40) & (kFilterBits - 1);
    if (!(filter_[bit >> 6] >> (bit & 63) & 1)) return kNoWord;
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & word_mask_;; i = (i + 1) & word_mask_) {
      const WordSlot& s = word_slots_[i];
      if (s.len == kEmpty) return kNoWord;
      if (s.tag == tag && s.len == folded_word.size() &&
          SameBytes(words_.data() + s.offset, folded_word.data(), s.len))
        return s.id;
    }
  }
  // The node after |node| and |word|, or kNoNode when no key continues so.
  // A node is a number whose low two bits say whether it has hits and
  // whether it is a prefix: the walk reads the node table only for hits.
  uint32_t Step(uint32_t node, uint32_t word) const {
    if (node == 0) return word < root_child_.size() ? root_child_[word] : kNoNode;
    const uint64_t key = (uint64_t{node} << 32) | word;
    const uint64_t h = EdgeHash(key);
    // Most steps after a common word ("the", "of") lead nowhere: a bit
    // table that stays in the cache answers those.
    const uint32_t bit = static_cast<uint32_t>(h >> 40) & (kFilterBits - 1);
    if (!(edge_filter_[bit >> 6] >> (bit & 63) & 1)) return kNoNode;
    for (size_t i = h & edge_mask_;; i = (i + 1) & edge_mask_) {
      const EdgeSlot& s = edge_slots_[i];
      if (s.key == key) return s.child;
      if (s.child == kNoNode) return kNoNode;
    }
  }
  std::span<const PhraseHit> Hits(uint32_t node) const {
    if (!(node & kHasHits)) return {};
    const Node& n = nodes_[node >> 2];
    return std::span<const PhraseHit>(hits_ + n.first_hit, n.hit_count);
  }
  bool IsPrefix(uint32_t node) const { return node & kPrefix; }

  size_t word_count() const { return word_count_; }
  size_t node_count() const { return nodes_.size(); }

 private:
  friend class Resources;
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  static constexpr uint32_t kFilterBits = 1u << 18;  // 32 KiB
  static constexpr uint32_t kPrefix = 1, kHasHits = 2;  // a node's low bits
  struct WordSlot {
    uint32_t tag = 0, len = kEmpty, offset = 0, id = 0;
  };
  struct EdgeSlot {
    uint64_t key = ~uint64_t{0};
    uint32_t child = kNoNode;
  };
  struct Node {  // 8 bytes: the walk reads one per step
    uint32_t first_hit = 0;
    uint16_t hit_count = 0;
    uint8_t prefix = 0;
  };
  // A word of up to 16 bytes as two integers that, with its length, tell
  // it from every other word of that length (the loads overlap; no call to
  // memcpy or memcmp of a variable length).
  static void Load16(const char* p, size_t n, uint64_t* a, uint64_t* b) {
    if (n >= 8) {
      std::memcpy(a, p, 8);
      std::memcpy(b, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t x, y;
      std::memcpy(&x, p, 4);
      std::memcpy(&y, p + n - 4, 4);
      *a = x;
      *b = y;
    } else if (n > 0) {
      *a = uint64_t{static_cast<uint8_t>(p[0])} | uint64_t{static_cast<uint8_t>(p[n / 2])} << 8 |
           uint64_t{static_cast<uint8_t>(p[n - 1])} << 16;
      *b = 0;
    } else {
      *a = *b = 0;
    }
  }
  static bool SameBytes(const char* p, const char* q, size_t n) {
    if (n > 16) return std::memcmp(p, q, n) == 0;
    uint64_t a, b, c, d;
    Load16(p, n, &a, &b);
    Load16(q, n, &c, &d);
    return a == c && b == d;
  }
  static uint64_t WordHash(std::string_view w) {
    const size_t n = w.size();
    uint64_t h = (n + 1) * 0x9E3779B97F4A7C15ull;
    uint64_t a, b;
    if (n <= 16) {
      Load16(w.data(), n, &a, &b);
    } else {
      for (size_t i = 0; i + 8 < n; i += 8) {
        std::memcpy(&a, w.data() + i, 8);
        h = (h ^ a) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
      }
      std::memcpy(&a, w.data() + n - 8, 8);
      b = 0;
    }
    h = (h ^ a) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    h = (h ^ b) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 29);
  }
  static uint64_t EdgeHash(uint64_t key) {
    key *= 0x9E3779B97F4A7C15ull;
    return key ^ (key >> 31);
  }
  // Built by Resources::phrase_trie().
  void Build(const Resources& resources, std::span<const std::string_view> keys,
             const PhraseHit* hits_base);
  uint32_t AddWord(std::string_view w);
  uint32_t AddChild(uint32_t node, uint32_t word);

  std::vector<uint64_t> filter_ = std::vector<uint64_t>(kFilterBits / 64);
  std::vector<uint64_t> edge_filter_ = std::vector<uint64_t>(kFilterBits / 64);
  std::string words_;  // every word, back to back
  std::vector<WordSlot> word_slots_;
  size_t word_mask_ = 0, word_count_ = 0;
  std::vector<uint32_t> root_child_;  // per word: the node of that one word
  std::vector<EdgeSlot> edge_slots_;  // the other edges
  size_t edge_mask_ = 0;
  std::vector<Node> nodes_;
  const PhraseHit* hits_ = nullptr;
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
  // The same two, for a matcher that asks both of one phrase: |hash| is
  // PhraseHash(folded_phrase), computed once for both tables.
  static uint64_t PhraseHash(std::string_view folded_phrase);
  std::span<const PhraseHit> Lookup(std::string_view folded_phrase, uint64_t hash) const;
  bool IsPrefix(std::string_view folded_phrase, uint64_t hash) const;
  // The longest phrase length, in tokens.
  int max_phrase_tokens() const;
  // The phrase keys as a trie (built on the first call, once, thread-safe;
  // 20-40 ms for the full resource file).
  const PhraseTrie& phrase_trie() const;
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
