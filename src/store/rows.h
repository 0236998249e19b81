// Column lists and row readers shared by the store's queries (store.cc and
// store_query.cc), so that a listing and a filtered query read rows the same
// way.
#ifndef VIGIL_STORE_ROWS_H_
#define VIGIL_STORE_ROWS_H_

#include <string>

#include "store/sqlite_util.h"
#include "vigil/store.h"

namespace vigil {

// Columns of a document row; the query names documents `d` and outlets `o`
// (LEFT JOIN outlets o ON o.id = d.outlet_id).
extern const char* const kDocumentColumns;
inline constexpr int kDocumentColumnCount = 17;
DocumentRow ReadDocumentRow(const Statement& q);

// Columns of an event mention row with its document; the query names
// event_mentions `m`, documents `d` and outlets `o`. The mention's own
// columns are kMentionColumns (sqlite_util.h).
std::string EventMentionColumns();
StoredEventMention ReadEventMention(const Statement& q);

}  // namespace vigil

#endif  // VIGIL_STORE_ROWS_H_
