// Civil-calendar arithmetic for time expressions (proleptic Gregorian).
#ifndef VIGIL_EXTRACT_CALENDAR_H_
#define VIGIL_EXTRACT_CALENDAR_H_

#include <string>
#include <string_view>

namespace vigil {

struct Ymd {
  int y = 0, m = 0, d = 0;
};

// Days since 1970-01-01 of |date| (H. Hinnant's days_from_civil).
long DaysFromCivil(Ymd date);
Ymd CivilFromDays(long days);
// 0 = Sunday ... 6 = Saturday.
int Weekday(Ymd date);
int DaysInMonth(int y, int m);
Ymd AddDays(Ymd date, long n);
std::string FormatYmd(Ymd date);
// Reads "YYYY-MM-DD" (optionally followed by a time) into |out|.
bool ParseYmd(std::string_view s, Ymd* out);
bool ValidYmd(Ymd date);
inline bool operator<(Ymd a, Ymd b) {
  return a.y != b.y ? a.y < b.y : a.m != b.m ? a.m < b.m : a.d < b.d;
}
inline bool operator==(Ymd a, Ymd b) { return a.y == b.y && a.m == b.m && a.d == b.d; }
inline bool operator<=(Ymd a, Ymd b) { return !(b < a); }

}  // namespace vigil

#endif  // VIGIL_EXTRACT_CALENDAR_H_
