// The ledger's output formats and the campaign tally comparison, shared by
// the CLI (vigil events / export / tally) and the server. docs/EVENTS.md.
#ifndef VIGIL_EXPORT_H_
#define VIGIL_EXPORT_H_

#include <string>
#include <vector>

#include "vigil/ledger.h"
#include "vigil/status.h"
#include "vigil/store.h"

namespace vigil {

// CSV (RFC 4180, CRLF line ends): a header, then one row per event with
// the scalar fields of EventCsvColumns().
const std::vector<std::string>& EventCsvColumns();
std::string EventsCsv(const std::vector<EventRow>& events);

// A GeoJSON FeatureCollection: one Point per event with a place; the
// properties are the event object.
std::string EventsGeoJson(const std::vector<EventRow>& events);

// One event as a PLOVER-style JSON object (one line, no newline).
std::string EventPlover(const EventRow& event);

// A reported running total next to the ledger's own count at its as-of date.
struct TallyLine {
  TallyRow reported;
  int64_t ledger_events = 0;
  double ledger_strikes = 0, ledger_killed = 0, ledger_survivors = 0, ledger_vessels = 0;
  // What the report counts that the ledger cannot account for (0: none).
  double strikes_unaccounted = 0, killed_unaccounted = 0;
};

struct CampaignTally {
  Campaign campaign;
  std::vector<EventRow> events;       // occurred events of the campaign
  double strikes = 0, killed = 0, survivors = 0, vessels = 0;  // ledger totals
  std::vector<TallyLine> lines;       // by as-of date
  std::vector<EventRow> uncounted;    // events after the latest reported total
};

Result<CampaignTally> TallyCampaign(Store* store, const std::string& campaign);

// |tally| as one JSON object (`vigil tally --format json`, the API's
// /api/campaigns/{name}/tally): campaign, title, ledger totals, the reported
// totals by as-of date against the ledger's count, and the events no total
// covers.
std::string CampaignTallyJson(const CampaignTally& tally);

}  // namespace vigil

#endif  // VIGIL_EXPORT_H_
