// A small, read-only table from words to values for the extractor's per-token
// tests ("is this a month?", "what number is this word?"). Built once from a
// static list; a lookup rejects words outside the table's length range at
// once, else hashes the length and three bytes and probes an open-addressing
// array (most words are found or rejected on the first slot). It replaces
// linear scans and std::unordered_map, whose std::hash reads every byte.
#ifndef VIGIL_EXTRACT_WORD_TABLE_H_
#define VIGIL_EXTRACT_WORD_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace vigil {

template <typename V>
class WordTable {
 public:
  struct Entry {
    std::string_view word;
    V value;
  };

  // The first entry of a word wins when a word is listed twice. Empty words
  // are never found.
  explicit WordTable(std::span<const Entry> entries) {
    size_t cap = 16;
    while (cap < entries.size() * 4) cap *= 2;
    slots_.assign(cap, -1);
    mask_ = cap - 1;
    for (const Entry& e : entries) {
      if (e.word.empty() || Find(e.word)) continue;
      if (entries_.empty() || e.word.size() < min_) min_ = e.word.size();
      if (e.word.size() > max_) max_ = e.word.size();
      size_t i = Hash(e.word) & mask_;
      while (slots_[i] >= 0) i = (i + 1) & mask_;
      slots_[i] = static_cast<int32_t>(entries_.size());
      entries_.push_back(e);
    }
  }

  // The value of |w|, or nullptr when |w| is not in the table.
  const V* Find(std::string_view w) const {
    if (w.empty() || w.size() < min_ || w.size() > max_) return nullptr;
    for (size_t i = Hash(w) & mask_;; i = (i + 1) & mask_) {
      int32_t s = slots_[i];
      if (s < 0) return nullptr;
      const Entry& e = entries_[static_cast<size_t>(s)];
      if (e.word == w) return &e.value;
    }
  }

  bool Contains(std::string_view w) const { return Find(w) != nullptr; }

 private:
  // |w| is not empty.
  static size_t Hash(std::string_view w) {
    const size_t n = w.size();
    uint32_t h = static_cast<uint32_t>(n) * 0x9E3779B1u;
    h ^= static_cast<uint8_t>(w[0]) * 0x85EBCA77u;
    h ^= static_cast<uint8_t>(w[n / 2]) * 0xC2B2AE3Du;
    h ^= static_cast<uint8_t>(w[n - 1]) * 0x27D4EB2Fu;
    return h ^ (h >> 15);
  }

  std::vector<Entry> entries_;
  std::vector<int32_t> slots_;
  size_t mask_ = 0;
  size_t min_ = 0, max_ = 0;
};

}  // namespace vigil

#endif  // VIGIL_EXTRACT_WORD_TABLE_H_
