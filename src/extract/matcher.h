// Phrase matching against the resources: every gazetteer, actor and lexicon
// phrase found in a sentence, longest first within each layer.
#ifndef VIGIL_EXTRACT_MATCHER_H_
#define VIGIL_EXTRACT_MATCHER_H_

#include <span>
#include <vector>

#include "extract/sentence_view.h"
#include "vigil/resources.h"

namespace vigil {

// Layers of matches: within a layer matches do not overlap; across layers
// they may ("strikes" is both a trigger and a noun).
enum class MatchLayer : uint8_t { kEntity, kTitle, kTrigger, kCue, kAttribution, kNoun };

struct LexMatch {
  MatchLayer layer = MatchLayer::kEntity;
  size_t first = 0, last = 0;        // token indices in the sentence, inclusive
  std::span<const PhraseHit> hits;   // every entry the phrase names (same layer)
};

// Finds the matches of |sv|. Place, actor and demonym phrases must be
// capitalised in the text (or match a case-sensitive phrase exactly).
// The matches' hits are kept in |hits| (cleared first; one buffer per
// sentence instead of a vector per match): they point into it.
void MatchPhrases(const SentenceView& sv, const Resources& resources,
                  std::vector<LexMatch>* out, std::vector<PhraseHit>* hits);

MatchLayer LayerOf(LexKind kind);

}  // namespace vigil

#endif  // VIGIL_EXTRACT_MATCHER_H_
