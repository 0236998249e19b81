#include "extract/calendar.h"

#include <cstdio>

namespace vigil {

long DaysFromCivil(Ymd date) {
  int y = date.y - (date.m <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(date.m + (date.m > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(date.d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

Ymd CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Ymd{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(Ymd date) {
  long z = DaysFromCivil(date);
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool ValidYmd(Ymd date) {
  return date.y >= 1 && date.y <= 9999 && date.m >= 1 && date.m <= 12 && date.d >= 1 &&
         date.d <= DaysInMonth(date.y, date.m);
}

Ymd AddDays(Ymd date, long n) { return CivilFromDays(DaysFromCivil(date) + n); }

std::string FormatYmd(Ymd date) {
  // The usual case without snprintf (a time expression formats two dates).
  if (date.y >= 0 && date.y <= 9999 && date.m >= 0 && date.m <= 99 && date.d >= 0 &&
      date.d <= 99) {
    char s[10] = {static_cast<char>('0' + date.y / 1000), static_cast<char>('0' + date.y / 100 % 10),
                  static_cast<char>('0' + date.y / 10 % 10), static_cast<char>('0' + date.y % 10),
                  '-', static_cast<char>('0' + date.m / 10), static_cast<char>('0' + date.m % 10),
                  '-', static_cast<char>('0' + date.d / 10), static_cast<char>('0' + date.d % 10)};
    return std::string(s, sizeof(s));
  }
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", date.y, date.m, date.d);
  return buf;
}

bool ParseYmd(std::string_view s, Ymd* out) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  auto num = [&](size_t at, size_t n, int* v) {
    *v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      *v = *v * 10 + (s[i] - '0');
    }
    return true;
  };
  Ymd d;
  if (!num(0, 4, &d.y) || !num(5, 2, &d.m) || !num(8, 2, &d.d)) return false;
  if (!ValidYmd(d)) return false;
  *out = d;
  return true;
}

}  // namespace vigil
