// The resolve stage: from the event mentions of many reports, the ledger —
// one event per happening with reconciled casualties, place and time,
// independent origins and conflict flags; running totals as tallies;
// campaigns; analyst corrections applied. docs/EVENTS.md documents the rules
// and the output.
#ifndef VIGIL_RESOLVE_H_
#define VIGIL_RESOLVE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/ledger.h"
#include "vigil/resources.h"
#include "vigil/status.h"
#include "vigil/store.h"

namespace vigil {

// Near-duplicate signatures: one-permutation MinHash with kSignatureSize
// bins over hashed 5-word shingles of case-folded words. Two texts' estimated
// Jaccard similarity is the fraction of equal bins.
inline constexpr size_t kSignatureSize = 64;
std::vector<uint32_t> TextSignature(std::string_view text);
double SignatureSimilarity(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

// Documents at or above this similarity are copies of one text (wire copy,
// syndicated rewrite) and count as one origin.
inline constexpr double kNearDuplicateSimilarity = 0.5;

// Groups documents whose signatures are near duplicates (banded LSH, then
// the similarity check): returns for each document the index of the first
// document of its group.
std::vector<size_t> NearDuplicateGroups(const std::vector<const std::vector<uint32_t>*>& sigs);

struct ResolverInput {
  // Gazetteer for place containment (a sea's box); may be null, then only
  // equal places are known to agree.
  const Resources* resources = nullptr;
  std::vector<ResolutionDoc> docs;
  std::vector<ResolutionMention> mentions;
  std::vector<Campaign> campaigns;
  std::vector<Correction> corrections;
};

struct Ledger {
  std::vector<EventRow> events;
  std::vector<TallyRow> tallies;
  // (campaign name, index into events) and (campaign name, index into tallies).
  std::vector<std::pair<std::string, size_t>> campaign_events;
  std::vector<std::pair<std::string, size_t>> campaign_tallies;
  // Every event's key (built or kept), and how many were built: with a
  // stored ledger (Resolve), events whose input is unchanged are kept as
  // stored and only their key is listed.
  std::vector<std::string> keys;
  size_t events_built = 0;
  size_t mentions_used = 0;        // mentions that are members of an event
  size_t corrections_applied = 0;
  std::vector<std::string> correction_problems;  // corrections that no longer apply
};

// The ledger for |input|. Pure and deterministic: the same mentions give the
// same events (and event keys) whatever order they arrive in.
Ledger ResolveLedger(const ResolverInput& input);

// The stable key of a mention, used by corrections: content hash, sentence
// begin and type.
std::string MentionKey(const ResolutionDoc& doc, const ResolutionMention& m);

struct ResolveReport {
  size_t documents = 0;
  size_t mentions = 0;
  size_t mentions_used = 0;
  size_t events = 0;
  size_t events_built = 0;    // events written (new or changed)
  size_t events_removed = 0;  // stored events gone or rebuilt
  bool changed = false;       // whether the stored ledger changed
  size_t tallies = 0;
  size_t corrections_applied = 0;
  std::vector<std::string> correction_problems;
  double seconds = 0;
};

struct ResolveOptions {
  // Rebuild every event, even those whose input is unchanged.
  bool full = false;
};

// Reads every mention, campaign and correction from |store|, resolves, and
// updates the stored ledger in one transaction. Incremental: the clustering
// runs over every mention, but only events whose input changed (their
// fingerprint, docs/EVENTS.md) are built and written again; the result is
// the one a full rebuild gives. |resources| as in ResolverInput.
Result<ResolveReport> Resolve(Store* store, const Resources* resources,
                              const ResolveOptions& options = {});

// Campaign definitions (docs/EVENTS.md): an INI-like file of
//   [campaign NAME]
//   key = value, value
// Errors name the file and line.
Result<std::vector<Campaign>> ParseCampaigns(std::string_view text, const std::string& file);
Result<std::vector<Campaign>> LoadCampaignsFile(const std::string& path);

// Whether |event| (its stored JSON fields) belongs to |campaign|.
bool CampaignMatches(const Campaign& campaign, const EventRow& event,
                     const std::vector<std::string>& actor_countries,
                     const std::vector<std::string>& target_things);

}  // namespace vigil

#endif  // VIGIL_RESOLVE_H_
