// The server's reading of a query string, on arbitrary bytes: cpp-httplib's
// decoding (what the server runs on every request target), then
// ReadEventsQuery, the filter and paging of /api/events. A query is refused
// with a message, or gives a filter whose every field is in its documented
// range (a page of 1 to 500, dates of YYYY-MM-DD form, a box inside the
// globe, a known sort key, words of letters, digits and '_', '-', '.').
// Every filter accepted then runs, with bound parameters, as the events
// count and list queries on a real (empty) ledger without an SQL error:
// whatever the bytes, they are values, never SQL.

#include <cctype>
#include <cmath>
#include <memory>
#include <string>

#include <httplib.h>

#include "fuzz.h"
#include "serve/api.h"
#include "vigil/store.h"

namespace vigil::fuzz {

namespace {

bool WordOf(const std::string& s, std::string_view extra) {
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || extra.find(c) != std::string_view::npos))
      return false;
  return true;
}

bool DateForm(const std::string& s) {
  if (s.empty()) return true;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i = 0; i < 10; ++i)
    if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

Store* EmptyLedger() {
  static Store* store = [] {
    auto s = Store::Open(":memory:");
    if (!s.ok()) CheckFailed(__FILE__, __LINE__, s.status().ToString().c_str());
    return s->release();
  }();
  return store;
}

}  // namespace

int FuzzHttpQuery(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // the server refuses longer targets (414)
  std::string query(reinterpret_cast<const char*>(data), size);
  httplib::Params decoded;
  httplib::detail::parse_query_text(query, decoded);
  std::vector<std::pair<std::string, std::string>> params(decoded.begin(), decoded.end());

  EventFilter f;
  Status s = ReadEventsQuery(params, 500, &f);
  if (!s.ok()) {
    FUZZ_CHECK(s.code() == Status::Code::kInvalidInput);
    FUZZ_CHECK(!s.message().empty());
    return 0;
  }
  FUZZ_CHECK(f.limit >= 1 && f.limit <= 500);
  FUZZ_CHECK(f.offset >= 0 && f.offset <= 1'000'000'000);
  FUZZ_CHECK(f.key.empty());
  FUZZ_CHECK(WordOf(f.type, "_") && WordOf(f.mode, "_-") && WordOf(f.status, "_") &&
             WordOf(f.campaign, "_-."));
  FUZZ_CHECK(f.country.empty() || (f.country.size() == 2 && WordOf(f.country, "")));
  FUZZ_CHECK(DateForm(f.from) && DateForm(f.to));
  FUZZ_CHECK(f.sort == "date" || f.sort == "killed" || f.sort == "reports" ||
             f.sort == "origins");
  if (f.min_killed) FUZZ_CHECK(*f.min_killed >= 0 && *f.min_killed <= 1e9);
  if (f.west) {
    FUZZ_CHECK(f.south && f.east && f.north);
    FUZZ_CHECK(std::isfinite(*f.west) && *f.west >= -180 && *f.west <= 180);
    FUZZ_CHECK(std::isfinite(*f.east) && *f.east >= -180 && *f.east <= 180);
    FUZZ_CHECK(*f.south >= -90 && *f.south <= *f.north && *f.north <= 90);
  }

  Store* store = EmptyLedger();
  auto count = store->CountEvents(f);
  FUZZ_CHECK(count.ok() && *count == 0);
  auto events = store->ListEvents(f);
  FUZZ_CHECK(events.ok() && events->empty());
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzHttpQuery)
