// Resources: maps vigil.res (format.h, docs/RESOURCES.md) and answers
// lookups from it.
//
// Load() checks everything a lookup will later trust: the header, the
// checksum of the body, every section's bounds and record size, every
// string reference, every table index and every enum value. After that the
// lookups do no checking of their own, and no file, however corrupt, can
// make them read outside the mapping. The entry structs (with their
// string_views into the mapping) are built at load time: a few tens of
// thousands of records take a few milliseconds, and the accessors are then
// plain vector indexing.
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#include <xxhash.h>

#include "resources/format.h"
#include "vigil/resources.h"

namespace vigil {

using namespace resfmt;

struct Resources::Impl {
  const char* base = nullptr;  // the mapping
  size_t size = 0;
  std::string path;

  struct Section {
    const char* data = nullptr;
    uint64_t size = 0;
    uint64_t count = 0;
  };
  Section sec[kLastSection + 1];

  std::string_view pool;
  uint32_t max_tokens = 0;
  std::string_view sources;

  std::vector<PlaceEntry> places;
  std::vector<ActorEntry> actors;
  std::vector<RoleEntry> roles;
  std::vector<TriggerEntry> triggers;
  std::vector<CueEntry> cues;
  std::vector<AttributionEntry> attributions;
  std::vector<NounEntry> nouns;
  std::vector<NumberWordEntry> number_words;
  std::vector<TitleEntry> titles;
  std::vector<PhraseHit> hits;

  std::once_flag trie_once;
  PhraseTrie trie;

  ~Impl() {
    if (base) ::munmap(const_cast<char*>(base), size);
  }

  Status Bad(const std::string& what) const {
    return Status::Corruption("resource file is corrupt or truncated: " + what +
                                  " (rebuild it with tools/build_resources)",
                              path);
  }

  // Reads the string reference at |p|; false if it leaves the pool.
  bool Str(const char* p, std::string_view* out) const {
    uint64_t off = GetU32(p), len = GetU32(p + 4);
    if (off + len > pool.size()) return false;
    *out = pool.substr(off, len);
    return true;
  }

  Status Parse();
  Status ParseEntries();
  Status CheckTables();
};

Status Resources::Impl::Parse() {
  if (size >= sizeof(kMagic) && std::memcmp(base, kMagic, sizeof(kMagic)) != 0)
    return Status::Unsupported("not a Vigil resource file (bad magic number)", path);
  if (size < kHeaderSize) return Bad("shorter than the header (" + std::to_string(size) + " bytes)");
  uint32_t version = GetU32(base + 8);
  if (version != kFormatVersion)
    return Status::Unsupported("resource format version " + std::to_string(version) +
                                   ", this build reads version " +
                                   std::to_string(kFormatVersion) +
                                   " (rebuild it with tools/build_resources)",
                               path);
  uint32_t nsec = GetU32(base + 12);
  uint64_t file_size = GetU64(base + 16);
  if (file_size != size)
    return Bad("header says " + std::to_string(file_size) + " bytes, file has " +
               std::to_string(size));
  if (nsec > kMaxSections || kHeaderSize + uint64_t{nsec} * kSectionEntrySize > size)
    return Bad("section table out of bounds");
  if (XXH3_64bits(base + kHeaderSize, size - kHeaderSize) != GetU64(base + 24))
    return Bad("checksum mismatch");

  for (uint32_t i = 0; i < nsec; ++i) {
    const char* e = base + kHeaderSize + i * kSectionEntrySize;
    uint32_t id = GetU32(e), record = GetU32(e + 4);
    uint64_t off = GetU64(e + 8), len = GetU64(e + 16);
    if (id < kFirstSection || id > kLastSection) continue;  // a later minor addition
    if (record != RecordSizeOf(id))
      return Bad(std::string("section ") + SectionName(id) + " has records of " +
                 std::to_string(record) + " bytes, expected " + std::to_string(RecordSizeOf(id)));
    if (off > size || len > size - off || len % record != 0)
      return Bad(std::string("section ") + SectionName(id) + " out of bounds");
    if (sec[id].data) return Bad(std::string("section ") + SectionName(id) + " twice");
    sec[id] = Section{base + off, len, len / record};
  }
  for (uint32_t id = kFirstSection; id <= kLastSection; ++id) {
    if (!sec[id].data) return Bad(std::string("section ") + SectionName(id) + " missing");
  }
  if (sec[kSecMeta].count != 1) return Bad("meta section must hold one record");
  if (sec[kSecHits].count > UINT32_MAX) return Bad("too many hits");
  pool = std::string_view(sec[kSecStrings].data, sec[kSecStrings].size);
  max_tokens = GetU32(sec[kSecMeta].data);
  if (!Str(sec[kSecMeta].data + 8, &sources)) return Bad("meta: string out of bounds");
  VIGIL_RETURN_IF_ERROR(ParseEntries());
  return CheckTables();
}

Status Resources::Impl::ParseEntries() {
  auto each = [&](uint32_t id, auto* vec, auto fill) -> Status {
    const Section& s = sec[id];
    vec->resize(s.count);
    for (uint64_t i = 0; i < s.count; ++i) {
      if (!fill(s.data + i * RecordSizeOf(id), &(*vec)[i]))
        return Bad(std::string(SectionName(id)) + ": bad record " + std::to_string(i));
    }
    return Status::Ok();
  };
  VIGIL_RETURN_IF_ERROR(each(kSecPlaces, &places, [&](const char* p, PlaceEntry* e) {
    uint8_t kind = GetU8(p + 60), cap = GetU8(p + 61);
    e->kind = static_cast<PlaceKind>(kind);
    e->lat = GetF32(p + 32);
    e->lon = GetF32(p + 36);
    e->south = GetF32(p + 40);
    e->west = GetF32(p + 44);
    e->north = GetF32(p + 48);
    e->east = GetF32(p + 52);
    e->population = GetU32(p + 56);
    e->is_capital = cap != 0;
    return kind <= static_cast<uint8_t>(PlaceKind::kArea) && cap <= 1 && Str(p, &e->id) &&
           Str(p + 8, &e->name) && Str(p + 16, &e->country) && Str(p + 24, &e->country3) &&
           Str(p + 64, &e->region);
  }));
  VIGIL_RETURN_IF_ERROR(each(kSecActors, &actors, [&](const char* p, ActorEntry* e) {
    uint8_t kind = GetU8(p + 56), wire = GetU8(p + 57);
    e->kind = static_cast<ActorKind>(kind);
    e->is_wire = wire != 0;
    return kind <= static_cast<uint8_t>(ActorKind::kIntl) && wire <= 1 && Str(p, &e->id) &&
           Str(p + 8, &e->name) && Str(p + 16, &e->country) && Str(p + 24, &e->sector) &&
           Str(p + 32, &e->parent) && Str(p + 40, &e->roles) && Str(p + 48, &e->domains);
  }));
  VIGIL_RETURN_IF_ERROR(each(kSecRoles, &roles, [&](const char* p, RoleEntry* e) {
    return Str(p, &e->person) && Str(p + 8, &e->titles) && Str(p + 16, &e->body) &&
           Str(p + 24, &e->from) && Str(p + 32, &e->to);
  }));
  VIGIL_RETURN_IF_ERROR(each(kSecTriggers, &triggers, [&](const char* p, TriggerEntry* e) {
    return Str(p, &e->type) && Str(p + 8, &e->mode) && Str(p + 16, &e->pos) &&
           Str(p + 24, &e->lemma);
  }));
  VIGIL_RETURN_IF_ERROR(each(kSecCues, &cues, [&](const char* p, CueEntry* e) {
    return Str(p, &e->category) && Str(p + 8, &e->scope);
  }));
  VIGIL_RETURN_IF_ERROR(each(kSecAttributions, &attributions, [&](const char* p, AttributionEntry* e) {
    return Str(p, &e->kind) && Str(p + 8, &e->medium);
  }));
  VIGIL_RETURN_IF_ERROR(each(kSecNouns, &nouns, [&](const char* p, NounEntry* e) {
    return Str(p, &e->category);
  }));
  VIGIL_RETURN_IF_ERROR(each(kSecNumberWords, &number_words, [&](const char* p, NumberWordEntry* e) {
    e->value = GetF64(p);
    return Str(p + 8, &e->kind);
  }));
  VIGIL_RETURN_IF_ERROR(each(kSecTitles, &titles, [&](const char* p, TitleEntry* e) {
    return Str(p, &e->title) && Str(p + 8, &e->sector);
  }));
  const size_t table_size[] = {places.size(), actors.size(), places.size(),
                               triggers.size(), cues.size(), attributions.size(),
                               nouns.size(), number_words.size(), titles.size()};
  return each(kSecHits, &hits, [&](const char* p, PhraseHit* e) {
    uint8_t kind = GetU8(p), cs = GetU8(p + 1);
    if (kind > static_cast<uint8_t>(LexKind::kTitle) || cs > 1) return false;
    e->kind = static_cast<LexKind>(kind);
    e->case_sensitive = cs != 0;
    e->index = GetU32(p + 4);
    if (e->index >= table_size[kind]) return false;
    if (e->kind == LexKind::kDemonym && places[e->index].kind != PlaceKind::kCountry) return false;
    return Str(p + 8, &e->surface);
  });
}

Status Resources::Impl::CheckTables() {
  const Section& pt = sec[kSecPhraseTable];
  if (pt.count == 0 || (pt.count & (pt.count - 1)) != 0)
    return Bad("phrase table size is not a power of two");
  bool has_empty = false;
  for (uint64_t i = 0; i < pt.count; ++i) {
    const char* s = pt.data + i * kPhraseSlotSize;
    std::string_view key;
    uint64_t first = GetU32(s + 16), n = GetU32(s + 20);
    if (n == 0) {
      has_empty = true;
      continue;
    }
    if (!Str(s + 8, &key) || key.empty() || first + n > hits.size())
      return Bad("phrase table slot " + std::to_string(i));
  }
  // Probing stops at an empty slot: without one a miss would never end.
  if (!has_empty) return Bad("phrase table has no empty slot");

  const Section& xt = sec[kSecPrefixTable];
  if (xt.count == 0 || (xt.count & (xt.count - 1)) != 0)
    return Bad("prefix table size is not a power of two");
  has_empty = false;
  for (uint64_t i = 0; i < xt.count; ++i) {
    const char* s = xt.data + i * kPrefixSlotSize;
    std::string_view key;
    if (GetU32(s + 12) == 0) {
      has_empty = true;
      continue;
    }
    if (!Str(s + 8, &key)) return Bad("prefix table slot " + std::to_string(i));
  }
  if (!has_empty) return Bad("prefix table has no empty slot");

  auto check_index = [&](uint32_t id, auto& entries) -> Status {
    const Section& s = sec[id];
    if (s.count != entries.size()) return Bad(std::string(SectionName(id)) + ": wrong size");
    for (uint64_t i = 0; i < s.count; ++i) {
      uint32_t e = GetU32(s.data + i * kIdIndexSize);
      if (e >= entries.size()) return Bad(std::string(SectionName(id)) + ": index out of range");
      if (i > 0 && !(entries[GetU32(s.data + (i - 1) * kIdIndexSize)].id < entries[e].id))
        return Bad(std::string(SectionName(id)) + ": not sorted");
    }
    return Status::Ok();
  };
  VIGIL_RETURN_IF_ERROR(check_index(kSecPlaceIdIndex, places));
  VIGIL_RETURN_IF_ERROR(check_index(kSecActorIdIndex, actors));

  const Section& ds = sec[kSecOutletDomains];
  std::string_view prev;
  for (uint64_t i = 0; i < ds.count; ++i) {
    const char* p = ds.data + i * kDomainSize;
    std::string_view d;
    if (!Str(p, &d) || GetU32(p + 8) >= actors.size() || d < prev)
      return Bad("outlet domain " + std::to_string(i));
    prev = d;
  }
  return Status::Ok();
}

Result<std::unique_ptr<Resources>> Resources::Load(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return Status::NotFound("resource file not found (build it with `cmake --build`)", path);
    return Status::IoError(std::strerror(errno), path);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    Status s = Status::IoError(std::strerror(errno), path);
    ::close(fd);
    return s;
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidInput("not a regular file", path);
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->size = static_cast<size_t>(st.st_size);
  if (impl->size == 0) {
    ::close(fd);
    return impl->Bad("empty file");
  }
  void* m = ::mmap(nullptr, impl->size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) return Status::IoError(std::string("mmap: ") + std::strerror(errno), path);
  impl->base = static_cast<const char*>(m);
  VIGIL_RETURN_IF_ERROR(impl->Parse());
  std::unique_ptr<Resources> r(new Resources());
  r->impl_ = std::move(impl);
  return r;
}

Result<std::unique_ptr<Resources>> Resources::LoadDefault() {
  if (const char* env = std::getenv("VIGIL_RESOURCES"); env && *env) return Load(env);
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return Status::NotFound("cannot locate the running binary; set VIGIL_RESOURCES");
  std::string dir(buf, static_cast<size_t>(n));
  dir.erase(dir.rfind('/') + 1);
  const std::string candidates[] = {dir + "vigil.res", dir + "../share/vigil/vigil.res"};
  for (const std::string& c : candidates) {
    if (::access(c.c_str(), F_OK) == 0) return Load(c);
  }
  return Status::NotFound("no vigil.res in $VIGIL_RESOURCES, " + candidates[0] + " or " +
                          candidates[1]);
}

Resources::~Resources() = default;

uint64_t Resources::PhraseHash(std::string_view folded_phrase) {
  return XXH3_64bits(folded_phrase.data(), folded_phrase.size());
}

std::span<const PhraseHit> Resources::Lookup(std::string_view folded_phrase) const {
  return Lookup(folded_phrase, PhraseHash(folded_phrase));
}

bool Resources::IsPrefix(std::string_view folded_phrase) const {
  return IsPrefix(folded_phrase, PhraseHash(folded_phrase));
}

std::span<const PhraseHit> Resources::Lookup(std::string_view folded_phrase,
                                             uint64_t h) const {
  const Impl& m = *impl_;
  const Impl::Section& t = m.sec[kSecPhraseTable];
  const uint64_t mask = t.count - 1;
  for (uint64_t i = h & mask;; i = (i + 1) & mask) {
    const char* s = t.data + i * kPhraseSlotSize;
    uint32_t n = GetU32(s + 20);
    if (n == 0) return {};
    if (GetU64(s) == h && GetU32(s + 12) == folded_phrase.size() &&
        std::memcmp(m.pool.data() + GetU32(s + 8), folded_phrase.data(), folded_phrase.size()) == 0)
      return std::span<const PhraseHit>(m.hits.data() + GetU32(s + 16), n);
  }
}

bool Resources::IsPrefix(std::string_view folded_phrase, uint64_t h) const {
  const Impl& m = *impl_;
  const Impl::Section& t = m.sec[kSecPrefixTable];
  const uint64_t mask = t.count - 1;
  for (uint64_t i = h & mask;; i = (i + 1) & mask) {
    const char* s = t.data + i * kPrefixSlotSize;
    uint32_t len = GetU32(s + 12);
    if (len == 0) return false;
    if (GetU64(s) == h && len == folded_phrase.size() &&
        std::memcmp(m.pool.data() + GetU32(s + 8), folded_phrase.data(), len) == 0)
      return true;
  }
}

namespace {
// An index past the table is a bug in the caller, not bad input.
template <typename T>
const T& Checked(const std::vector<T>& v, uint32_t i) {
  VIGIL_CHECK(i < v.size());
  return v[i];
}
}  // namespace

std::string_view Resources::sources() const { return impl_->sources; }

const PhraseTrie& Resources::phrase_trie() const {
  Impl& m = *impl_;
  std::call_once(m.trie_once, [&] {
    const Impl::Section& t = m.sec[kSecPhraseTable];
    std::vector<std::string_view> keys;
    keys.reserve(t.count / 2);
    for (uint64_t i = 0; i < t.count; ++i) {
      const char* s = t.data + i * kPhraseSlotSize;
      if (GetU32(s + 20) == 0) continue;
      keys.push_back(m.pool.substr(GetU32(s + 8), GetU32(s + 12)));
    }
    m.trie.Build(*this, keys, m.hits.data());
  });
  return m.trie;
}

namespace {
// Open addressing at a load of at most a half.
size_t TableSize(size_t entries) {
  size_t cap = 16;
  while (cap < entries * 2) cap *= 2;
  return cap;
}
}  // namespace

uint32_t PhraseTrie::AddWord(std::string_view w) {
  const uint64_t h = WordHash(w);
  const uint32_t tag = static_cast<uint32_t>(h >> 32);
  size_t i = h & word_mask_;
  for (;; i = (i + 1) & word_mask_) {
    const WordSlot& s = word_slots_[i];
    if (s.len == kEmpty) break;
    if (s.tag == tag && s.len == w.size() && std::memcmp(words_.data() + s.offset, w.data(), s.len) == 0)
      return s.id;
  }
  const uint32_t bit = static_cast<uint32_t>(h >> 40) & (kFilterBits - 1);
  filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  WordSlot& s = word_slots_[i];
  s.tag = tag;
  s.len = static_cast<uint32_t>(w.size());
  s.offset = static_cast<uint32_t>(words_.size());
  s.id = static_cast<uint32_t>(word_count_++);
  words_.append(w);
  root_child_.push_back(kNoNode);
  return s.id;
}

uint32_t PhraseTrie::AddChild(uint32_t node, uint32_t word) {
  if (node == 0) {
    if (root_child_[word] == kNoNode) {
      root_child_[word] = static_cast<uint32_t>(nodes_.size());
      nodes_.emplace_back();
    }
    return root_child_[word];
  }
  const uint64_t key = (uint64_t{node} << 32) | word;
  size_t i = EdgeHash(key) & edge_mask_;
  for (;; i = (i + 1) & edge_mask_) {
    const EdgeSlot& s = edge_slots_[i];
    if (s.key == key) return s.child;
    if (s.child == kNoNode) break;
  }
  edge_slots_[i].key = key;
  edge_slots_[i].child = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  return edge_slots_[i].child;
}

void PhraseTrie::Build(const Resources& resources, std::span<const std::string_view> keys,
                       const PhraseHit* hits_base) {
  // The keys split into words; distinct words and edges size the tables.
  std::vector<std::string_view> all;
  size_t inner = 0;  // edges from a node other than the root (an upper bound)
  for (std::string_view k : keys) {
    size_t start = 0;
    for (;;) {
      size_t end = k.find(' ', start);
      if (end == std::string_view::npos) end = k.size();
      all.push_back(k.substr(start, end - start));
      if (end == k.size()) break;
      ++inner;
      start = end + 1;
    }
  }
  std::sort(all.begin(), all.end());
  const size_t distinct = static_cast<size_t>(std::unique(all.begin(), all.end()) - all.begin());
  word_slots_.assign(TableSize(distinct), WordSlot{});
  word_mask_ = word_slots_.size() - 1;
  root_child_.reserve(distinct);
  // |inner| counts repeats ("gulf of" begins many keys): the edges are
  // moved to a table of their own size once they are known.
  edge_slots_.assign(TableSize(inner), EdgeSlot{});
  edge_mask_ = edge_slots_.size() - 1;
  nodes_.reserve(distinct + inner + 1);
  nodes_.emplace_back();  // the root
  // The key of each node: a prefix of some phrase key, at a word boundary.
  std::vector<std::string_view> node_key(1);
  for (std::string_view k : keys) {
    uint32_t node = 0;
    size_t start = 0;
    for (;;) {
      size_t end = k.find(' ', start);
      if (end == std::string_view::npos) end = k.size();
      uint32_t child = AddChild(node, AddWord(k.substr(start, end - start)));
      if (child == node_key.size()) node_key.push_back(k.substr(0, end));
      node = child;
      if (end == k.size()) break;
      start = end + 1;
    }
  }
  hits_ = hits_base;
  for (size_t n = 1; n < nodes_.size(); ++n) {
    std::string_view key = node_key[n];
    const uint64_t h = Resources::PhraseHash(key);
    std::span<const PhraseHit> hits = resources.Lookup(key, h);
    VIGIL_CHECK(hits.size() <= 0xFFFF);
    nodes_[n].first_hit = hits.empty() ? 0 : static_cast<uint32_t>(hits.data() - hits_);
    nodes_[n].hit_count = static_cast<uint16_t>(hits.size());
    nodes_[n].prefix = resources.IsPrefix(key, h) ? 1 : 0;
  }
  // Built with plain node indices; from here on a node is its index and
  // its two flags (Step).
  VIGIL_CHECK(nodes_.size() < (size_t{1} << 30));
  auto ref = [&](uint32_t n) {
    return n << 2 | (nodes_[n].hit_count ? kHasHits : 0) | (nodes_[n].prefix ? kPrefix : 0);
  };
  for (uint32_t& c : root_child_)
    if (c != kNoNode) c = ref(c);
  std::vector<EdgeSlot> edges;
  for (const EdgeSlot& e : edge_slots_) {
    if (e.child == kNoNode) continue;
    const uint32_t parent = static_cast<uint32_t>(e.key >> 32), word = static_cast<uint32_t>(e.key);
    edges.push_back(EdgeSlot{(uint64_t{ref(parent)} << 32) | word, ref(e.child)});
  }
  edge_slots_.assign(TableSize(edges.size()), EdgeSlot{});
  edge_mask_ = edge_slots_.size() - 1;
  for (const EdgeSlot& e : edges) {
    const uint64_t h = EdgeHash(e.key);
    const uint32_t bit = static_cast<uint32_t>(h >> 40) & (kFilterBits - 1);
    edge_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    size_t i = h & edge_mask_;
    while (edge_slots_[i].child != kNoNode) i = (i + 1) & edge_mask_;
    edge_slots_[i] = e;
  }
}

int Resources::max_phrase_tokens() const { return static_cast<int>(impl_->max_tokens); }

uint64_t Resources::Digest() const { return XXH3_64bits(impl_->base, impl_->size); }

size_t Resources::place_count() const { return impl_->places.size(); }
const PlaceEntry& Resources::place(uint32_t i) const { return Checked(impl_->places, i); }
size_t Resources::actor_count() const { return impl_->actors.size(); }
const ActorEntry& Resources::actor(uint32_t i) const { return Checked(impl_->actors, i); }
const RoleEntry& Resources::role(uint32_t i) const { return Checked(impl_->roles, i); }
size_t Resources::role_count() const { return impl_->roles.size(); }
const TriggerEntry& Resources::trigger(uint32_t i) const { return Checked(impl_->triggers, i); }
const CueEntry& Resources::cue(uint32_t i) const { return Checked(impl_->cues, i); }
const AttributionEntry& Resources::attribution(uint32_t i) const {
  return Checked(impl_->attributions, i);
}
const NounEntry& Resources::noun(uint32_t i) const { return Checked(impl_->nouns, i); }
const NumberWordEntry& Resources::number_word(uint32_t i) const {
  return Checked(impl_->number_words, i);
}
const TitleEntry& Resources::title(uint32_t i) const { return Checked(impl_->titles, i); }

namespace {

// Binary search of a sorted id index (u32 entry indices) for |id|.
template <typename Entries>
bool FindById(const char* index, uint64_t count, const Entries& entries, std::string_view id,
              uint32_t* out) {
  uint64_t lo = 0, hi = count;
  while (lo < hi) {
    uint64_t mid = lo + (hi - lo) / 2;
    if (entries[GetU32(index + mid * kIdIndexSize)].id < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == count) return false;
  uint32_t e = GetU32(index + lo * kIdIndexSize);
  if (entries[e].id != id) return false;
  if (out) *out = e;
  return true;
}

}  // namespace

bool Resources::FindPlace(std::string_view id, uint32_t* index) const {
  const Impl::Section& s = impl_->sec[kSecPlaceIdIndex];
  return FindById(s.data, s.count, impl_->places, id, index);
}

bool Resources::FindActor(std::string_view id, uint32_t* index) const {
  const Impl::Section& s = impl_->sec[kSecActorIdIndex];
  return FindById(s.data, s.count, impl_->actors, id, index);
}

bool Resources::FindOutletByDomain(std::string_view domain, uint32_t* index) const {
  std::string lowered;
  if (std::any_of(domain.begin(), domain.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    lowered.assign(domain);
    for (char& c : lowered) c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    domain = lowered;
  }
  if (domain.starts_with("www.")) domain.remove_prefix(4);
  const Impl& m = *impl_;
  const Impl::Section& s = m.sec[kSecOutletDomains];
  auto domain_at = [&](uint64_t i) {
    const char* p = s.data + i * kDomainSize;
    return m.pool.substr(GetU32(p), GetU32(p + 4));
  };
  uint64_t lo = 0, hi = s.count;
  while (lo < hi) {
    uint64_t mid = lo + (hi - lo) / 2;
    if (domain_at(mid) < domain)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == s.count || domain_at(lo) != domain) return false;
  if (index) *index = GetU32(s.data + lo * kDomainSize + 8);
  return true;
}

}  // namespace vigil
