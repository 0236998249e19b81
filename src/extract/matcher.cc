#include "extract/matcher.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

namespace vigil {

MatchLayer LayerOf(LexKind kind) {
  switch (kind) {
    case LexKind::kPlace:
    case LexKind::kActor:
    case LexKind::kDemonym:
      return MatchLayer::kEntity;
    case LexKind::kTitle:
      return MatchLayer::kTitle;
    case LexKind::kTrigger:
      return MatchLayer::kTrigger;
    case LexKind::kCue:
      return MatchLayer::kCue;
    case LexKind::kAttribution:
      return MatchLayer::kAttribution;
    case LexKind::kNoun:
    case LexKind::kNumberWord:
      return MatchLayer::kNoun;
  }
  return MatchLayer::kNoun;
}

namespace {

std::string Squeeze(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out += c;
  return out;
}

bool StartsUpper(const Tok& t) {
  if (t.flags & kTokCapitalized) return true;
  unsigned char c = static_cast<unsigned char>(t.text.empty() ? 0 : t.text[0]);
  return c >= 'A' && c <= 'Z';
}

// Whether the text of tokens [first, last] may stand for an entity hit: a
// case-sensitive phrase must match exactly; other names need a capital on
// some word ("the eastern Pacific"), except multi-word seas and areas, which
// are distinctive enough in any case ("the southern border").
bool CaseAllows(const SentenceView& sv, size_t first, size_t last, const PhraseHit& hit,
                const Resources& resources) {
  if (hit.case_sensitive) {
    std::string text;
    for (size_t k = first; k <= last; ++k) text.append(sv[k].text);
    return Squeeze(text) == Squeeze(hit.surface);
  }
  if (hit.kind == LexKind::kPlace && last > first) {
    PlaceKind kind = resources.place(hit.index).kind;
    if (kind == PlaceKind::kSea || kind == PlaceKind::kArea) return true;
  }
  for (size_t k = first; k <= last; ++k)
    if (StartsUpper(sv[k])) return true;
  return false;
}

// Whether |w| holds a space, eight bytes at a time (no memchr call).
bool HasSpace(std::string_view w) {
  const char* p = w.data();
  const size_t n = w.size();
  auto any_space = [](uint64_t x) {
    x ^= 0x2020202020202020ull;  // a space becomes a zero byte
    return ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull) != 0;
  };
  if (n < 4) return (n > 0 && p[0] == ' ') || (n > 1 && p[1] == ' ') || (n > 2 && p[2] == ' ');
  if (n < 8) {  // two overlapping four-byte loads
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    return any_space(uint64_t{a} | uint64_t{b} << 32);
  }
  uint64_t x;
  for (size_t i = 0; i + 8 <= n; i += 8) {
    std::memcpy(&x, p + i, 8);
    if (any_space(x)) return true;
  }
  std::memcpy(&x, p + n - 8, 8);
  return any_space(x);
}

}  // namespace

void MatchPhrases(const SentenceView& sv, const Resources& resources,
                  std::vector<LexMatch>* out, std::vector<PhraseHit>* out_hits) {
  out->clear();
  out_hits->clear();
  const int max_len = std::max(1, resources.max_phrase_tokens());
  // A candidate match: its hits are [hit_begin, hit_begin + hit_count) of
  // |cand_hits|.
  struct Candidate {
    MatchLayer layer;
    uint32_t first, last, hit_begin, hit_count;
  };
  // Scratch kept across calls (one sentence after another on this thread).
  thread_local std::vector<Candidate> candidates;
  thread_local std::vector<PhraseHit> cand_hits;
  thread_local std::vector<uint8_t> hit_layer;
  thread_local std::vector<uint32_t> order;
  thread_local std::vector<uint32_t> out_offsets;  // per match, where its hits start
  thread_local std::vector<uint8_t> taken;  // per token, a bit per layer
  thread_local std::vector<uint32_t> words;  // per token, its PhraseTrie word id
  thread_local std::vector<uint64_t> hashes;  // per token, PhraseTrie::Hash
  thread_local std::string key;
  candidates.clear();
  cand_hits.clear();
  // One candidate per layer (in layer order) for the phrase of tokens
  // [i, last], with the hits allowed by casing, in their order.
  auto add = [&](size_t i, size_t last, std::span<const PhraseHit> hits) {
    hit_layer.resize(hits.size());
    uint8_t layers = 0;
    for (size_t k = 0; k < hits.size(); ++k) {
      const PhraseHit& h = hits[k];
      MatchLayer layer = LayerOf(h.kind);
      bool allowed = true;
      if (layer == MatchLayer::kEntity && !CaseAllows(sv, i, last, h, resources)) allowed = false;
      else if (layer != MatchLayer::kEntity && h.case_sensitive &&
               !CaseAllows(sv, i, last, h, resources))
        allowed = false;
      hit_layer[k] = allowed ? static_cast<uint8_t>(layer) : 0xFF;
      if (allowed) layers |= static_cast<uint8_t>(1u << static_cast<int>(layer));
    }
    for (int layer = 0; layer < 6; ++layer) {
      if (!(layers >> layer & 1)) continue;
      Candidate c{static_cast<MatchLayer>(layer), static_cast<uint32_t>(i),
                  static_cast<uint32_t>(last), static_cast<uint32_t>(cand_hits.size()), 0};
      for (size_t k = 0; k < hits.size(); ++k)
        if (hit_layer[k] == layer) cand_hits.push_back(hits[k]);
      c.hit_count = static_cast<uint32_t>(cand_hits.size()) - c.hit_begin;
      candidates.push_back(c);
    }
  };
  // The trie answers for keys made of whole words: it needs every folded
  // token to be a non-empty word without a space (a folded no-break space
  // inside a token is one). Otherwise the sentence builds its keys.
  bool by_word = true;
  for (const Tok& t : sv.toks)
    if (t.norm.empty() || HasSpace(t.norm)) by_word = false;
  if (by_word) {
    const PhraseTrie& trie = resources.phrase_trie();
    words.resize(sv.size());
    hashes.resize(sv.size());
    // The tables are larger than the cache: ask for every token's slots
    // before reading any (a sentence's misses then overlap).
    for (size_t i = 0; i < sv.size(); ++i) {
      hashes[i] = PhraseTrie::Hash(sv[i].norm);
      trie.Prefetch(hashes[i]);
    }
    for (size_t i = 0; i < sv.size(); ++i) {
      words[i] = trie.Word(sv[i].norm, hashes[i]);
      trie.PrefetchStep(words[i]);
    }
    for (size_t i = 0; i < sv.size(); ++i) {
      if (sv[i].kind == TokenKind::kPunct && sv[i].norm != "-") continue;
      uint32_t node = 0;
      for (size_t len = 1; len <= static_cast<size_t>(max_len) && i + len <= sv.size(); ++len) {
        const uint32_t w = words[i + len - 1];
        if (w == PhraseTrie::kNoWord) break;
        node = trie.Step(node, w);
        if (node == PhraseTrie::kNoNode) break;
        auto hits = trie.Hits(node);
        if (!hits.empty()) add(i, i + len - 1, hits);
        if (!trie.IsPrefix(node)) break;
      }
    }
  } else {
    for (size_t i = 0; i < sv.size(); ++i) {
      if (sv[i].kind == TokenKind::kPunct && sv[i].norm != "-") continue;
      key.clear();
      for (size_t len = 1; len <= static_cast<size_t>(max_len) && i + len <= sv.size(); ++len) {
        const Tok& t = sv[i + len - 1];
        if (len > 1) key += ' ';
        key += t.norm;
        const uint64_t hash = Resources::PhraseHash(key);
        auto hits = resources.Lookup(key, hash);
        if (!hits.empty()) add(i, i + len - 1, hits);
        if (!resources.IsPrefix(key, hash)) break;
      }
    }
  }
  // Longest first, then leftmost; keep non-overlapping matches per layer.
  order.resize(candidates.size());
  for (size_t c = 0; c < order.size(); ++c) order[c] = static_cast<uint32_t>(c);
  std::stable_sort(order.begin(), order.end(), [](uint32_t x, uint32_t y) {
    const Candidate& a = candidates[x];
    const Candidate& b = candidates[y];
    uint32_t la = a.last - a.first, lb = b.last - b.first;
    if (la != lb) return la > lb;
    return a.first < b.first;
  });
  taken.assign(sv.size(), 0);
  out_offsets.clear();
  for (uint32_t c : order) {
    const Candidate& m = candidates[c];
    const uint8_t bit = static_cast<uint8_t>(1u << static_cast<int>(m.layer));
    bool free = true;
    for (size_t k = m.first; k <= m.last; ++k)
      if (taken[k] & bit) free = false;
    if (!free) continue;
    for (size_t k = m.first; k <= m.last; ++k) taken[k] |= bit;
    LexMatch lm;
    lm.layer = m.layer;
    lm.first = m.first;
    lm.last = m.last;
    out_offsets.push_back(static_cast<uint32_t>(out_hits->size()));
    lm.hits = std::span<const PhraseHit>(cand_hits.data(), m.hit_count);  // re-aimed below
    out_hits->insert(out_hits->end(), cand_hits.begin() + m.hit_begin,
                     cand_hits.begin() + m.hit_begin + m.hit_count);
    out->push_back(lm);
  }
  // |out_hits| no longer grows: aim each match at its hits there.
  for (size_t k = 0; k < out->size(); ++k) {
    LexMatch& lm = (*out)[k];
    lm.hits = std::span<const PhraseHit>(out_hits->data() + out_offsets[k], lm.hits.size());
  }
  std::sort(out->begin(), out->end(), [](const LexMatch& a, const LexMatch& b) {
    return a.first != b.first ? a.first < b.first : a.layer < b.layer;
  });
}

}  // namespace vigil
