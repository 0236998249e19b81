// Analyst corrections as the user names them (event ids, mention ids) turned
// into the stored form (Correction: stable mention keys), checked against
// the current ledger. The CLI (`vigil edit`) and the API
// (POST /api/events/{id}/corrections) both record corrections through
// here; after recording, the caller re-resolves (resolve.h, Resolve) so
// that the ledger shows the correction.
#ifndef VIGIL_CORRECTIONS_H_
#define VIGIL_CORRECTIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/ledger.h"
#include "vigil/status.h"
#include "vigil/store.h"

namespace vigil {

struct CorrectionRequest {
  CorrectionAction action = CorrectionAction::kReject;
  // The event (reject, unreject, set, split), or the events to merge (two
  // or more).
  std::vector<std::string> events;
  // split: the event_mentions ids that leave the event for a new one.
  std::vector<int64_t> mentions;
  std::string field;   // set: killed, injured, survivors, vessels or strikes
  std::string value;   // set: a number from 0 to 1e9
  std::string note;
};

// The action named |name| (merge, split, reject, unreject, set).
Result<CorrectionAction> ParseCorrectionAction(std::string_view name);

// Checks |request| (InvalidInput naming what is wrong; NotFound for an event
// or mention that is not there) and builds the correction to store.
Result<Correction> BuildCorrection(Store* store, const CorrectionRequest& request);

// BuildCorrection, then stores it; returns the stored correction (with id
// and time). Does not re-resolve.
Result<Correction> RecordCorrection(Store* store, const CorrectionRequest& request);

}  // namespace vigil

#endif  // VIGIL_CORRECTIONS_H_
