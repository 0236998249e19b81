// Near-duplicate signatures (one-permutation MinHash) and their grouping by
// banded locality-sensitive hashing. docs/EVENTS.md, "Origins".

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <unordered_map>

#include "vigil/resolve.h"

namespace vigil {

namespace {

constexpr uint32_t kEmpty = 0xFFFFFFFFu;
constexpr int kShingleWords = 5;
constexpr size_t kBands = 21;        // of kRows bins each (63 of the 64 bins)
constexpr size_t kRows = 3;
constexpr size_t kMaxBucket = 400;   // a band value shared by more documents is boilerplate

inline uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

inline bool WordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void Add(uint64_t h, uint32_t* bins) {
  h = Mix(h);
  uint32_t bin = static_cast<uint32_t>(h >> 58);  // top 6 bits: 64 bins
  uint32_t value = static_cast<uint32_t>(h);
  if (value == kEmpty) value = kEmpty - 1;
  if (value < bins[bin]) bins[bin] = value;
}

struct UnionFind {
  std::vector<size_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Join(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (a < b) parent[b] = a;
    else parent[a] = b;
  }
};

}  // namespace

std::vector<uint32_t> TextSignature(std::string_view text) {
  std::vector<uint32_t> bins(kSignatureSize, kEmpty);
  // Word hashes (FNV-1a over ASCII-lowercased bytes) in a ring of the last
  // kShingleWords words; each full window is one shingle.
  uint64_t ring[kShingleWords] = {};
  int words = 0;
  size_t i = 0, n = text.size();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  while (i < n) {
    while (i < n && !WordByte(p[i])) ++i;
    if (i >= n) break;
    uint64_t h = 0xcbf29ce484222325ull;
    while (i < n && WordByte(p[i])) {
      unsigned char c = p[i++];
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      h = (h ^ c) * 0x100000001b3ull;
    }
    ring[words % kShingleWords] = h;
    ++words;
    if (words >= kShingleWords) {
      uint64_t s = 0;
      for (int k = 0; k < kShingleWords; ++k)
        s = s * 0x9E3779B97F4A7C15ull + ring[(words + k) % kShingleWords];
      Add(s, bins.data());
    }
  }
  if (words > 0 && words < kShingleWords) {  // a short text is one shingle
    uint64_t s = 0;
    for (int k = 0; k < words; ++k) s = s * 0x9E3779B97F4A7C15ull + ring[k];
    Add(s, bins.data());
  }
  if (words == 0) return bins;
  // Densify: an empty bin borrows the value of the next originally filled
  // bin to its right (circularly), mixed with the distance, so that equal
  // sets give equal signatures and empty bins do not all compare equal.
  const std::vector<uint32_t> filled = bins;
  for (size_t b = 0; b < kSignatureSize; ++b) {
    if (filled[b] != kEmpty) continue;
    for (size_t d = 1; d < kSignatureSize; ++d) {
      uint32_t v = filled[(b + d) % kSignatureSize];
      if (v == kEmpty) continue;
      bins[b] = static_cast<uint32_t>(Mix(uint64_t{v} * 131 + d)) & ~1u;
      break;
    }
  }
  return bins;
}

double SignatureSimilarity(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.size() != kSignatureSize || b.size() != kSignatureSize) return 0;
  if (a[0] == kEmpty || b[0] == kEmpty) return 0;  // no words
  size_t same = 0;
  for (size_t i = 0; i < kSignatureSize; ++i) same += a[i] == b[i];
  return static_cast<double>(same) / kSignatureSize;
}

std::vector<size_t> NearDuplicateGroups(const std::vector<const std::vector<uint32_t>*>& sigs) {
  const size_t n = sigs.size();
  UnionFind uf(n);
  std::unordered_map<uint64_t, std::vector<size_t>> buckets;
  for (size_t band = 0; band < kBands; ++band) {
    buckets.clear();
    for (size_t d = 0; d < n; ++d) {
      const std::vector<uint32_t>& s = *sigs[d];
      if (s.size() != kSignatureSize || s[0] == kEmpty) continue;
      uint64_t key = band;
      for (size_t r = 0; r < kRows; ++r) key = Mix(key * 0x9E3779B97F4A7C15ull + s[band * kRows + r]);
      buckets[key].push_back(d);
    }
    for (auto& [key, members] : buckets) {
      if (members.size() < 2 || members.size() > kMaxBucket) continue;
      for (size_t x = 0; x < members.size(); ++x)
        for (size_t y = x + 1; y < members.size(); ++y) {
          size_t a = members[x], b = members[y];
          if (uf.Find(a) == uf.Find(b)) continue;
          if (SignatureSimilarity(*sigs[a], *sigs[b]) >= kNearDuplicateSimilarity) uf.Join(a, b);
        }
    }
  }
  std::vector<size_t> out(n);
  for (size_t d = 0; d < n; ++d) out[d] = uf.Find(d);
  return out;
}

}  // namespace vigil
