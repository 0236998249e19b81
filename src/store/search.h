// Full-text search over the store's text (schema version 6): the FTS5 table
// `text_search` indexes every document's title and sentences. Rows are
// numbered so that a hit names its place without a lookup table:
//   rowid = doc_id * 2^24             the document's title
//   rowid = doc_id * 2^24 + idx + 1   sentence idx of the document
// The index is contentless (the text already lives in `documents`), so it
// costs only its own b-trees. docs/STORE.md describes it.
#ifndef VIGIL_STORE_SEARCH_H_
#define VIGIL_STORE_SEARCH_H_

#include <sqlite3.h>

#include <cstdint>
#include <span>
#include <string_view>

#include "vigil/document.h"
#include "vigil/status.h"
#include "vigil/text.h"

namespace vigil {

// Sentences from this index on are not indexed (a document would need more
// than 16 million of them).
inline constexpr int64_t kSearchMaxSentences = (int64_t{1} << 24) - 1;

// Adds document |doc_id|'s title and sentences to the index. Runs in the
// caller's transaction (PutDocuments), so a document and its index entries
// are stored together or not at all.
Status IndexDocumentText(sqlite3* db, int64_t doc_id, std::string_view title,
                         std::string_view text, std::span<const Sentence> sentences);

}  // namespace vigil

#endif  // VIGIL_STORE_SEARCH_H_
