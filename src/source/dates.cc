// NormalizeDate: publication dates as pages and feeds write them, to ISO 8601.

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <string_view>

#include "vigil/source.h"

namespace vigil {

namespace {

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool ValidDate(int y, int m, int d) {
  return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 &&
         d <= DaysInMonth(y, m);
}

// A cursor over the string with small parsing steps.
struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool Done() const { return i >= s.size(); }
  char Peek() const { return i < s.size() ? s[i] : '\0'; }
  void SkipSpace() {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ','))
      ++i;
  }
  // Reads exactly |n| digits.
  bool Digits(int n, int* out) {
    if (i + n > s.size()) return false;
    int v = 0;
    for (int k = 0; k < n; ++k) {
      char c = s[i + k];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    i += n;
    *out = v;
    return true;
  }
  // Reads 1..|max| digits.
  bool Number(int max, int* out) {
    size_t start = i;
    int v = 0;
    while (i < s.size() && i - start < static_cast<size_t>(max) && std::isdigit(static_cast<unsigned char>(s[i]))) {
      v = v * 10 + (s[i] - '0');
      ++i;
    }
    if (i == start) return false;
    if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    *out = v;
    return true;
  }
  bool Eat(char c) {
    if (Peek() == c) {
      ++i;
      return true;
    }
    return false;
  }
  std::string_view Word() {
    size_t start = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(start, i - start);
  }
};

int MonthFromName(std::string_view w) {
  static const char* kNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  static const char* kSpanish[] = {"ene", "feb", "mar", "abr", "may", "jun",
                                   "jul", "ago", "sep", "oct", "nov", "dic"};
  if (w.size() < 3) return 0;
  std::string lw;
  for (char c : w) lw += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int m = 0; m < 12; ++m) {
    if (lw.compare(0, 3, kNames[m]) == 0 || lw.compare(0, 3, kSpanish[m]) == 0) {
      return m + 1;
    }
  }
  if (lw == "setiembre") return 9;
  return 0;
}

bool IsWeekday(std::string_view w) {
  static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  if (w.size() < 3) return false;
  std::string lw;
  for (char c : w) lw += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* d : kDays)
    if (lw.compare(0, 3, d) == 0) return true;
  return false;
}

std::string FormatDate(int y, int m, int d) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Parses an optional "THH:MM[:SS[.fff]][Z|+HH[:]MM]" or " HH:MM..." after a
// date; appends it to |out| in ISO form when present and valid.
void ParseTime(Cursor* c, std::string* out) {
  Cursor t = *c;
  if (!(t.Eat('T') || t.Eat(' '))) return;
  int hh, mm, ss = 0;
  if (!t.Digits(2, &hh) || !t.Eat(':') || !t.Digits(2, &mm)) return;
  if (t.Eat(':') && !t.Digits(2, &ss)) return;
  if (t.Eat('.'))
    while (std::isdigit(static_cast<unsigned char>(t.Peek()))) ++t.i;
  if (hh > 23 || mm > 59 || ss > 60) return;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "T%02d:%02d:%02d", hh, mm, ss);
  std::string zone;
  if (t.Eat('Z')) {
    zone = "Z";
  } else if (t.Peek() == '+' || t.Peek() == '-') {
    char sign = t.Peek();
    ++t.i;
    int zh, zm = 0;
    if (t.Digits(2, &zh)) {
      t.Eat(':');
      t.Digits(2, &zm);
      if (zh > 23 || zm > 59) return;
      char zb[48];
      std::snprintf(zb, sizeof(zb), "%c%02d:%02d", sign, zh, zm);
      zone = zb;
    }
  }
  *out += buf;
  *out += zone;
  *c = t;
}

std::string ParseIso(std::string_view s) {
  Cursor c{s};
  int y, m, d;
  if (!c.Digits(4, &y)) return "";
  char sep = c.Peek();
  if (sep != '-' && sep != '/') return "";
  ++c.i;
  if (!c.Number(2, &m) || !c.Eat(sep) || !c.Number(2, &d)) return "";
  if (!ValidDate(y, m, d)) return "";
  if (!c.Done() && std::isdigit(static_cast<unsigned char>(c.Peek()))) return "";
  std::string out = FormatDate(y, m, d);
  ParseTime(&c, &out);
  // Nothing may follow but white space.
  while (!c.Done() && std::isspace(static_cast<unsigned char>(c.Peek()))) ++c.i;
  return c.Done() ? out : "";
}

// "Nov 3, 2025", "November 3 2025", "Mon, 03 Nov 2025 14:05:00 GMT",
// "3 November 2025", "3 de noviembre de 2025", "11/03/2025".
std::string ParseWritten(std::string_view s) {
  Cursor c{s};
  c.SkipSpace();
  std::string_view w = c.Word();
  if (!w.empty() && IsWeekday(w) && MonthFromName(w) == 0) {
    c.Eat('.');
    c.SkipSpace();
    w = c.Word();
  }
  int y = 0, m = 0, d = 0;
  if (!w.empty()) {
    m = MonthFromName(w);
    if (m == 0) return "";
    c.Eat('.');
    c.SkipSpace();
    if (!c.Number(2, &d)) return "";
    // Ordinal suffix: "Nov 3rd".
    std::string_view suffix = c.Word();
    (void)suffix;
    c.SkipSpace();
    if (!c.Digits(4, &y)) return "";
  } else {
    if (!c.Number(4, &d)) return "";
    if (c.Peek() == '/') {
      // US order: MM/DD/YYYY.
      ++c.i;
      m = d;
      if (!c.Number(2, &d) || !c.Eat('/') || !c.Digits(4, &y)) return "";
    } else if (c.Peek() == '.') {
      // European: DD.MM.YYYY.
      ++c.i;
      if (!c.Number(2, &m) || !c.Eat('.') || !c.Digits(4, &y)) return "";
    } else {
      c.Word();  // ordinal suffix
      c.SkipSpace();
      std::string_view mw = c.Word();
      if (mw == "de") {
        c.SkipSpace();
        mw = c.Word();
      }
      m = MonthFromName(mw);
      if (m == 0) return "";
      c.Eat('.');
      c.SkipSpace();
      std::string_view de = c.Word();
      if (!de.empty() && de != "de") return "";
      c.SkipSpace();
      if (!c.Digits(4, &y)) return "";
    }
  }
  if (!ValidDate(y, m, d)) return "";
  std::string out = FormatDate(y, m, d);
  // Optional time: " 14:05:00 GMT", " 14:05 +0100", "T14:05:00Z".
  Cursor t = c;
  while (!t.Done() && (t.Peek() == ' ' || t.Peek() == ',' || t.Peek() == 'T')) ++t.i;
  if (t.Done()) return out;
  int hh, mm, ss = 0;
  if (!t.Digits(2, &hh) || !t.Eat(':') || !t.Digits(2, &mm)) return "";
  if (t.Eat(':') && !t.Digits(2, &ss)) return "";
  if (hh > 23 || mm > 59 || ss > 60) return "";
  while (t.Peek() == ' ') ++t.i;
  std::string_view zone = t.s.substr(t.i);
  while (!zone.empty() && zone.back() == ' ') zone.remove_suffix(1);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "T%02d:%02d:%02d", hh, mm, ss);
  if (zone.empty()) {
    out += buf;
  } else if (zone == "GMT" || zone == "UTC" || zone == "Z" || zone == "UT") {
    out += buf;
    out += "Z";
  } else if ((zone.size() == 5 || zone.size() == 6) && (zone[0] == '+' || zone[0] == '-') &&
             std::isdigit(static_cast<unsigned char>(zone[1])) &&
             std::isdigit(static_cast<unsigned char>(zone[2]))) {
    size_t m0 = zone[3] == ':' ? 4 : 3;
    // "+000#" once came out as "+00:0#" (found by fuzz/dates_fuzz.cc).
    if (zone.size() != m0 + 2 || !std::isdigit(static_cast<unsigned char>(zone[m0])) ||
        !std::isdigit(static_cast<unsigned char>(zone[m0 + 1])))
      return "";
    auto two = [&](size_t at) { return (zone[at] - '0') * 10 + (zone[at + 1] - '0'); };
    if (two(1) > 23 || two(m0) > 59) return "";
    out += buf;
    out += zone[0];
    out += zone.substr(1, 2);
    out += ':';
    out += zone.substr(m0, 2);
  } else if (zone.size() <= 4 && std::all_of(zone.begin(), zone.end(), [](char ch) {
               return std::isupper(static_cast<unsigned char>(ch));
             })) {
    // A named zone such as EST: keep the local time without an offset.
    out += buf;
  } else {
    return "";
  }
  return out;
}

}  // namespace

std::string NormalizeDate(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty() || s.size() > 64) return "";
  std::string iso = ParseIso(s);
  if (!iso.empty()) return iso;
  return ParseWritten(s);
}

}  // namespace vigil
