// The JSON forms of the store's rows as nlohmann objects, for the API to
// extend; include/vigil/serve.h has the same forms as strings for the CLI.
#ifndef VIGIL_SERVE_JSON_FORMS_H_
#define VIGIL_SERVE_JSON_FORMS_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/store.h"

namespace vigil {

using Json = nlohmann::ordered_json;

Json StatsObject(const StoreStats& stats);
Json DocumentObject(const DocumentRow& doc);
Json DocumentDetailObject(const DocumentRow& doc, const std::vector<SentenceRow>& sentences);
// Compact JSON text; invalid UTF-8 is replaced, never thrown on.
std::string DumpJson(const Json& j);

}  // namespace vigil

#endif  // VIGIL_SERVE_JSON_FORMS_H_
