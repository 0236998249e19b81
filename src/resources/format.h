// The on-disk layout of vigil.res, shared by the compiler (compile.cc) and
// the loader (resources.cc). docs/RESOURCES.md describes it in prose; this
// header is the reference. Every integer is little-endian; records are
// fixed-size and packed (no implicit padding: the writers and readers below
// put every field at an explicit offset).
#ifndef VIGIL_RESOURCES_FORMAT_H_
#define VIGIL_RESOURCES_FORMAT_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace vigil {
namespace resfmt {

static_assert(std::endian::native == std::endian::little,
              "vigil.res is little-endian; add byte swaps for this host");

inline constexpr char kMagic[8] = {'V', 'I', 'G', 'I', 'L', 'R', 'E', 'S'};
// Bump on any change a reader of the previous version would misread.
inline constexpr uint32_t kFormatVersion = 1;

// Header: magic[8] version:u32 section_count:u32 file_size:u64 checksum:u64.
// checksum is XXH3-64 (seed 0) of bytes [kHeaderSize, file_size).
inline constexpr size_t kHeaderSize = 32;
// Section table entry: id:u32 record_size:u32 offset:u64 size:u64.
inline constexpr size_t kSectionEntrySize = 24;
inline constexpr size_t kSectionAlign = 8;
inline constexpr uint32_t kMaxSections = 64;

enum SectionId : uint32_t {
  kSecMeta = 1,
  kSecStrings = 2,
  kSecPlaces = 3,
  kSecActors = 4,
  kSecRoles = 5,
  kSecTriggers = 6,
  kSecCues = 7,
  kSecAttributions = 8,
  kSecNouns = 9,
  kSecNumberWords = 10,
  kSecTitles = 11,
  kSecHits = 12,
  kSecPhraseTable = 13,
  kSecPrefixTable = 14,
  kSecPlaceIdIndex = 15,
  kSecActorIdIndex = 16,
  kSecOutletDomains = 17,
};
inline constexpr uint32_t kFirstSection = kSecMeta;
inline constexpr uint32_t kLastSection = kSecOutletDomains;

// A string in the pool: offset:u32 length:u32 (8 bytes).
inline constexpr size_t kStrRefSize = 8;

// Record sizes, in bytes, per section. Field offsets are in docs/RESOURCES.md
// and in the Put*/Get* code of compile.cc and resources.cc.
inline constexpr uint32_t kMetaSize = 16;        // max_tokens:u32 pad:u32 sources:str
inline constexpr uint32_t kStringsRecord = 1;    // raw bytes
inline constexpr uint32_t kPlaceSize = 72;
inline constexpr uint32_t kActorSize = 64;
inline constexpr uint32_t kRoleSize = 40;
inline constexpr uint32_t kTriggerSize = 32;
inline constexpr uint32_t kCueSize = 16;
inline constexpr uint32_t kAttributionSize = 16;
inline constexpr uint32_t kNounSize = 8;
inline constexpr uint32_t kNumberWordSize = 16;
inline constexpr uint32_t kTitleSize = 16;
inline constexpr uint32_t kHitSize = 16;         // kind:u8 cs:u8 pad:u16 index:u32 surface:str
inline constexpr uint32_t kPhraseSlotSize = 24;  // hash:u64 key:str first_hit:u32 hit_count:u32
inline constexpr uint32_t kPrefixSlotSize = 16;  // hash:u64 key:str
inline constexpr uint32_t kIdIndexSize = 4;      // entry index:u32, sorted by id
inline constexpr uint32_t kDomainSize = 12;      // domain:str actor:u32, sorted by domain

inline uint32_t RecordSizeOf(uint32_t id) {
  switch (id) {
    case kSecMeta: return kMetaSize;
    case kSecStrings: return kStringsRecord;
    case kSecPlaces: return kPlaceSize;
    case kSecActors: return kActorSize;
    case kSecRoles: return kRoleSize;
    case kSecTriggers: return kTriggerSize;
    case kSecCues: return kCueSize;
    case kSecAttributions: return kAttributionSize;
    case kSecNouns: return kNounSize;
    case kSecNumberWords: return kNumberWordSize;
    case kSecTitles: return kTitleSize;
    case kSecHits: return kHitSize;
    case kSecPhraseTable: return kPhraseSlotSize;
    case kSecPrefixTable: return kPrefixSlotSize;
    case kSecPlaceIdIndex: return kIdIndexSize;
    case kSecActorIdIndex: return kIdIndexSize;
    case kSecOutletDomains: return kDomainSize;
  }
  return 0;
}

inline const char* SectionName(uint32_t id) {
  switch (id) {
    case kSecMeta: return "meta";
    case kSecStrings: return "strings";
    case kSecPlaces: return "places";
    case kSecActors: return "actors";
    case kSecRoles: return "roles";
    case kSecTriggers: return "triggers";
    case kSecCues: return "cues";
    case kSecAttributions: return "attributions";
    case kSecNouns: return "nouns";
    case kSecNumberWords: return "number_words";
    case kSecTitles: return "titles";
    case kSecHits: return "hits";
    case kSecPhraseTable: return "phrase_table";
    case kSecPrefixTable: return "prefix_table";
    case kSecPlaceIdIndex: return "place_id_index";
    case kSecActorIdIndex: return "actor_id_index";
    case kSecOutletDomains: return "outlet_domains";
  }
  return "unknown";
}

// Little-endian field access at a byte offset. The callers check bounds.
inline uint8_t GetU8(const char* p) { return static_cast<uint8_t>(*p); }
inline uint32_t GetU32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t GetU64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline float GetF32(const char* p) {
  float v;
  std::memcpy(&v, p, 4);
  return v;
}
inline double GetF64(const char* p) {
  double v;
  std::memcpy(&v, p, 8);
  return v;
}

inline void PutU8(std::string* out, size_t at, uint8_t v) { (*out)[at] = static_cast<char>(v); }
inline void PutU32(std::string* out, size_t at, uint32_t v) { std::memcpy(out->data() + at, &v, 4); }
inline void PutU64(std::string* out, size_t at, uint64_t v) { std::memcpy(out->data() + at, &v, 8); }
inline void PutF32(std::string* out, size_t at, float v) { std::memcpy(out->data() + at, &v, 4); }
inline void PutF64(std::string* out, size_t at, double v) { std::memcpy(out->data() + at, &v, 8); }

}  // namespace resfmt
}  // namespace vigil

#endif  // VIGIL_RESOURCES_FORMAT_H_
