// Store::ReadCache: what a connection remembers of its list queries
// (internal to the store; ledger_store.cc fills it, store.cc owns it).
#ifndef VIGIL_STORE_READ_CACHE_H_
#define VIGIL_STORE_READ_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "store/sqlite_util.h"
#include "vigil/store.h"

namespace vigil {

// What a connection remembers of its list queries. A dashboard asks for
// the same count and page over and over (every user's first view, every
// page turn re-counts the filter), and on a 100,000-document ledger the
// count of a typical filter reads thousands of index entries. An answer is
// kept while nothing has changed: PRAGMA data_version moves when another
// connection commits, sqlite3_total_changes64 when this one writes (its
// own changes leave data_version alone). The connection is used by one
// thread at a time (StorePool), so the cache needs no lock.
struct Store::ReadCache {
  // One answer: of CountEvents, ListEventSummaries, EventsPerDay,
  // CountEventTotals, EventPoints or EventAreas.
  using Answer = std::variant<int64_t, std::vector<EventSummaryRow>, EventTimeline, EventTotals,
                              std::vector<EventPoint>, std::vector<EventArea>>;
  Statement data_version;
  int64_t version = -1;
  int64_t own_changes = -1;
  // Keyed by the query's name and every field of its filter.
  std::unordered_map<std::string, Answer> answers;
  // Answers before all are dropped: filters are many, the repeated ones few.
  static constexpr size_t kMaxEntries = 512;
};

}  // namespace vigil

#endif  // VIGIL_STORE_READ_CACHE_H_
