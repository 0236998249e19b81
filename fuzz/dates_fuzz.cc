// NormalizeDate on arbitrary bytes (dates come from metadata lines, meta
// tags, JSON fields and feeds): the result is empty or an ISO date, possibly
// with a time, of a day that exists; and reading it again gives it back.

#include <string>

#include "fuzz.h"
#include "vigil/source.h"

namespace vigil::fuzz {

namespace {
bool Digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}
}  // namespace

int FuzzDates(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string iso = NormalizeDate(in);
  if (iso.empty()) return 0;
  FUZZ_CHECK(iso.size() >= 10);
  FUZZ_CHECK(Digits(iso.substr(0, 4)) && iso[4] == '-' && Digits(iso.substr(5, 2)) &&
             iso[7] == '-' && Digits(iso.substr(8, 2)));
  int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)),
      d = std::stoi(iso.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  FUZZ_CHECK(m >= 1 && m <= 12);
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  FUZZ_CHECK(d >= 1 && d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0));
  if (iso.size() > 10) FUZZ_CHECK(iso[10] == 'T');
  FUZZ_CHECK(IsUtf8(iso));
  FUZZ_CHECK(NormalizeDate(iso) == iso);
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzDates)
