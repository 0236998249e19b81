// The phrase matcher: the word-trie walk and the key-by-key path (taken when
// a folded token holds a space) find the same phrases.
#include "extract/matcher.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace vigil {
namespace {

const Resources* LoadedResources() {
  static std::unique_ptr<Resources> res = [] {
    auto r = Resources::LoadDefault();
    return r.ok() ? std::move(r.value()) : nullptr;
  }();
  return res.get();
}

// A sentence of the given (text, folded) tokens, laid out one space apart.
SentenceView Sentence(const std::vector<std::pair<std::string, std::string>>& words,
                      std::string* text) {
  SentenceView sv;
  text->clear();
  size_t bytes = 0;
  for (const auto& w : words) bytes += w.second.size();
  sv.norms.resize(bytes);
  size_t used = 0;
  for (const auto& [t, f] : words) {
    if (!text->empty()) *text += ' ';
    Tok tok;
    tok.begin = static_cast<uint32_t>(text->size());
    *text += t;
    tok.end = static_cast<uint32_t>(text->size());
    std::copy(f.begin(), f.end(), sv.norms.begin() + used);
    tok.norm = Word(std::string_view(sv.norms.data() + used, f.size()));
    used += f.size();
    tok.kind = TokenKind::kWord;
    tok.flags = !t.empty() && t[0] >= 'A' && t[0] <= 'Z' ? kTokCapitalized : 0;
    sv.toks.push_back(tok);
  }
  for (Tok& tok : sv.toks) tok.text = std::string_view(*text).substr(tok.begin, tok.end - tok.begin);
  return sv;
}

TEST(Matcher, WordWalkAndKeysAgree) {
  const Resources* res = LoadedResources();
  if (!res) GTEST_SKIP() << "vigil.res not found (build it)";
  std::string text1, text2;
  // "the Eastern Pacific" as three tokens (the trie walk) ...
  SentenceView split = Sentence({{"Strikes", "strikes"}, {"in", "in"}, {"the", "the"},
                                 {"Eastern", "eastern"}, {"Pacific", "pacific"}},
                                &text1);
  // ... and with one token whose folded form holds a space (a no-break
  // space in the text): the keys are built, "eastern pacific" still matches.
  SentenceView joined = Sentence({{"Strikes", "strikes"}, {"in", "in"}, {"the", "the"},
                                  {"Eastern\xC2\xA0Pacific", "eastern pacific"}},
                                 &text2);
  std::vector<LexMatch> a, b;
  std::vector<PhraseHit> ha, hb;
  MatchPhrases(split, *res, &a, &ha);
  MatchPhrases(joined, *res, &b, &hb);
  auto find_entity = [](const std::vector<LexMatch>& ms, size_t first, size_t last) {
    for (const LexMatch& m : ms)
      if (m.layer == MatchLayer::kEntity && m.first == first && m.last == last) return &m;
    return static_cast<const LexMatch*>(nullptr);
  };
  const LexMatch* sea_a = find_entity(a, 3, 4);
  const LexMatch* sea_b = find_entity(b, 3, 3);
  ASSERT_NE(sea_a, nullptr);
  ASSERT_NE(sea_b, nullptr);
  ASSERT_EQ(sea_a->hits.size(), sea_b->hits.size());
  for (size_t k = 0; k < sea_a->hits.size(); ++k) {
    EXPECT_EQ(sea_a->hits[k].kind, sea_b->hits[k].kind);
    EXPECT_EQ(sea_a->hits[k].index, sea_b->hits[k].index);
  }
  // The trigger is found either way.
  bool trig_a = false, trig_b = false;
  for (const LexMatch& m : a) trig_a |= m.layer == MatchLayer::kTrigger && m.first == 0;
  for (const LexMatch& m : b) trig_b |= m.layer == MatchLayer::kTrigger && m.first == 0;
  EXPECT_TRUE(trig_a);
  EXPECT_TRUE(trig_b);
}

}  // namespace
}  // namespace vigil
