// Time expressions. The patterns follow PHRASING.md ("When"): weekdays with
// "late"/"early" and parts of the day, "overnight", "over the weekend",
// "yesterday", explicit dates in US, European and Spanish order, months with
// "early"/"mid"/"late", seasons, years, and tracker prefixes ("Oct. 27:").
//
// Resolution reads a relative expression as the most recent matching period
// on or before the publication date (news reports what has happened): "on
// Thursday" in a Monday paper is the Thursday before; "in February" in
// November is February of the same year, "in December" the previous one; a
// month and day without a year is this year's unless that is more than two
// weeks after publication. Outlets that get the weekday wrong are handled by
// the resolver, which compares intervals with slack.

#include "extract/timex.h"

#include <array>
#include <cctype>
#include <cstdlib>
#include <iterator>
#include <vector>

namespace vigil {

namespace {

struct Interval {
  Ymd start, end;
  TimePrecision precision = TimePrecision::kDay;
};

bool IsAllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Day of month from a token: "6", "6th", "06"; else 0.
int DayFromTok(const Tok& t) {
  Word s = t.norm;
  size_t n = 0;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  if (n == 0 || n > 2) return 0;
  std::string_view rest = s.substr(n);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  int d = std::atoi(std::string(s.substr(0, n)).c_str());
  return d >= 1 && d <= 31 ? d : 0;
}

int YearFromTok(const Tok& t) {
  if (t.norm.size() != 4 || !IsAllDigits(t.norm)) return 0;
  int y = 0;
  for (char c : t.norm) y = y * 10 + (c - '0');
  return y >= 1900 && y <= 2100 ? y : 0;
}

Ymd LastDay(int y, int m) { return Ymd{y, m, DaysInMonth(y, m)}; }

// The year of month |m| read as the most recent one on or before |p|.
int PastYearOfMonth(int m, Ymd p) { return m <= p.m ? p.y : p.y - 1; }

// The year of |m|/|d| read against |p|: this year unless that lies more than
// 14 days after publication.
int YearOfMonthDay(int m, int d, Ymd p) {
  Ymd guess{p.y, m, std::min(d, DaysInMonth(p.y, m))};
  if (DaysFromCivil(guess) > DaysFromCivil(p) + 14) return p.y - 1;
  return p.y;
}

// The day |y|-|m|-|d|, or nothing when year |y| (0: unknown) has no such day:
// "Feb. 29" read against a year that is not a leap year stays unresolved
// (it once became 2025-02-29; found by fuzz/timex_fuzz.cc).
std::optional<Interval> DayInterval(int y, int m, int d) {
  if (y == 0 || d > DaysInMonth(y, m)) return std::nullopt;
  return Interval{Ymd{y, m, d}, Ymd{y, m, d}, TimePrecision::kDay};
}

// The most recent day with weekday |wd| on or before |p| (|strict|: before).
Ymd LastWeekday(int wd, Ymd p, bool strict) {
  int delta = (Weekday(p) - wd + 7) % 7;
  if (strict && delta == 0) delta = 7;
  return AddDays(p, -delta);
}

// Season bounds (meteorological, northern hemisphere) most recently begun on
// or before |p|: 0 spring, 1 summer, 2 fall, 3 winter.
Interval SeasonBefore(int season, Ymd p, int year_hint) {
  static const int kStart[] = {3, 6, 9, 12};
  int y = year_hint ? year_hint : p.y;
  if (!year_hint) {
    Ymd start{y, kStart[season], 1};
    if (p < start) --y;
  }
  Ymd start{y, kStart[season], 1};
  Ymd end = season == 3 ? LastDay(y + 1, 2) : LastDay(y, kStart[season] + 2);
  return Interval{start, end, TimePrecision::kSeason};
}

int SeasonFromWord(Word w) {
  if (w == "spring" || w == "primavera") return 0;
  if (w == "summer" || w == "verano") return 1;
  if (w == "fall" || w == "autumn" || w == "otono" || w == "otoño") return 2;
  if (w == "winter" || w == "invierno") return 3;
  return -1;
}

// Months that are also common words need context to count as months.
bool AmbiguousMonth(const Tok& t) {
  return t.norm == "may" || t.norm == "march" || t.norm == "august" || t.norm == "mar" ||
         t.norm == "jan" || t.norm == "sun" || t.norm == "dec";
}

class Finder {
 public:
  Finder(const SentenceView& sv, const std::optional<Ymd>& published, bool list_item,
         std::vector<TimeExpr>* out)
      : sv_(sv), p_(published), list_item_(list_item), out_(out) {}

  void Run() {
    size_t i = 0;
    while (i < sv_.size()) {
      size_t used = MayStartExpression(sv_[i].norm) ? TryAt(i) : 0;
      i += used ? used : 1;
    }
  }

  // Whether some pattern of TryAt can match at a token of folded form |w|:
  // the first words each Try* function accepts (most tokens are none).
  static bool MayStartExpression(std::string_view w) {
    static const WordTable<bool>::Entry kFirstWords[] = {
        // TryMonthDate: early, mid or late before a month.
        {"early", true}, {"earlier", true}, {"beginning", true}, {"principios", true},
        {"mid", true}, {"middle", true}, {"mediados", true}, {"late", true},
        {"later", true}, {"end", true}, {"finales", true}, {"fines", true},
        // TryWeekday: words before a weekday.
        {"on", true}, {"el", true}, {"last", true}, {"pasado", true}, {"next", true},
        {"this", true}, {"coming", true},
        // TryDeictic.
        {"today", true}, {"tonight", true}, {"hoy", true}, {"yesterday", true},
        {"ayer", true}, {"overnight", true}, {"the", true}, {"over", true},
        {"during", true}, {"fin", true}, {"past", true},
        // TrySeason.
        {"in", true}, {"en", true},
    };
    // One table of those, the month names (TryMonthDate) and the weekday
    // names (TryWeekday).
    static const WordTable<bool> kTable = [] {
      std::vector<WordTable<bool>::Entry> all(std::begin(kFirstWords), std::end(kFirstWords));
      for (const auto& e : MonthWords()) all.push_back({e.word, true});
      for (const auto& e : WeekdayWords()) all.push_back({e.word, true});
      return WordTable<bool>(all);
    }();
    if (w.empty()) return false;
    // TryDayMonth, TryIso and TryYear start with a digit.
    if (w[0] >= '0' && w[0] <= '9') return true;
    return kTable.Contains(w) || w.starts_with("mid-");
  }

 private:
  Word N(long i) const { return sv_.NormAt(i); }

  void Emit(size_t first, size_t last, bool relative, const std::optional<Interval>& iv) {
    TimeExpr t;
    t.span = Span{sv_[first].begin, sv_[last].end};
    t.sentence = sv_.index;
    t.relative = relative;
    if (iv) {
      t.start = FormatYmd(iv->start);
      t.end = FormatYmd(iv->end);
      t.precision = iv->precision;
    }
    t.list_prefix = list_item_ && first <= 1 && last + 1 < sv_.size() &&
                    (sv_[last + 1].norm == ":" || sv_[last + 1].norm == "-" ||
                     sv_[last + 1].norm == "—");
    out_->push_back(std::move(t));
  }

  // Tries every pattern at token |i|; returns the tokens used (0: none).
  size_t TryAt(size_t i) {
    if (size_t n = TryMonthDate(i)) return n;
    if (size_t n = TryDayMonth(i)) return n;
    if (size_t n = TryIso(i)) return n;
    if (size_t n = TryWeekday(i)) return n;
    if (size_t n = TryDeictic(i)) return n;
    if (size_t n = TrySeason(i)) return n;
    if (size_t n = TryYear(i)) return n;
    return 0;
  }

  // [early|mid|late] MONTH [DAY] [,] [YEAR]  /  "mid-September"
  size_t TryMonthDate(size_t i) {
    size_t k = i;
    int part = 0;  // 1 early, 2 mid, 3 late
    Word w = N(k);
    if (w == "early" || w == "earlier" || w == "beginning" || w == "principios") part = 1;
    else if (w == "mid" || w == "middle" || w == "mediados") part = 2;
    else if (w == "late" || w == "later" || w == "end" || w == "finales" || w == "fines") part = 3;
    if (part) {
      ++k;
      if (N(k) == "of" || N(k) == "de" || N(k) == "-") ++k;
    }
    int m = 0;
    bool hyphen_mid = false;
    if (k < sv_.size()) {
      Word t = N(k);
      if (t.rfind("mid-", 0) == 0) {
        m = MonthFromWord(t.substr(4));
        if (m) {
          part = 2;
          hyphen_mid = true;
        }
      } else {
        m = MonthFromWord(t);
      }
    }
    if (!m) return 0;
    const Tok& month_tok = sv_[k];
    if (!hyphen_mid && !month_tok.Capitalized() && !IsSpanishMonth(month_tok.norm)) return 0;
    size_t last = k;
    int day = 0, year = 0;
    // "Nov. 6" / "November 6th" / "Nov 6, 2025"
    if (k + 1 < sv_.size() && (day = DayFromTok(sv_[k + 1])) != 0 &&
        !(k + 2 < sv_.size() &&
          (sv_[k + 2].norm == "%" || (AmbiguousMonth(month_tok) && IsCountNoun(N(k + 2)))))) {
      last = k + 1;
      size_t y = k + 2;
      if (N(y) == ",") ++y;
      if (y < sv_.size() && (year = YearFromTok(sv_[y])) != 0) last = y;
      if (day > DaysInMonth(year ? year : 2024, m)) return 0;
    } else if (k + 1 < sv_.size() && (year = YearFromTok(sv_[k + 1])) != 0) {
      last = k + 1;
    } else if (k + 2 < sv_.size() && N(k + 1) == "de" && (year = YearFromTok(sv_[k + 2])) != 0) {
      last = k + 2;  // "septiembre de 2025"
    } else if (!part && AmbiguousMonth(month_tok)) {
      // "May", "March" alone: only after "in", "since", "by", "until", "of".
      Word before = N(static_cast<long>(i) - 1);
      if (before != "in" && before != "since" && before != "until" && before != "by" &&
          before != "of" && before != "during")
        return 0;
    }
    size_t first = i;
    std::optional<Interval> iv;
    bool relative = year == 0;
    if (day) {
      int y = year;
      if (!y && p_) y = YearOfMonthDay(m, day, *p_);
      iv = DayInterval(y, m, day);
    } else {
      int y = year;
      if (!y && p_) y = PastYearOfMonth(m, *p_);
      if (y) {
        int dim = DaysInMonth(y, m);
        Interval v{Ymd{y, m, 1}, Ymd{y, m, dim}, TimePrecision::kMonth};
        if (part == 1) v.end = Ymd{y, m, 10};
        if (part == 2) v = Interval{Ymd{y, m, 11}, Ymd{y, m, 20}, TimePrecision::kMonth};
        if (part == 3) v.start = Ymd{y, m, 21};
        iv = v;
      }
    }
    Emit(first, last, relative, iv);
    return last - i + 1;
  }

  // DAY [de] MONTH [[de] YEAR]: "2 September", "6 de noviembre de 2025"
  size_t TryDayMonth(size_t i) {
    int day = DayFromTok(sv_[i]);
    if (!day) return 0;
    size_t k = i + 1;
    if (N(k) == "de") ++k;
    int m = k < sv_.size() ? MonthFromWord(N(k)) : 0;
    if (!m) return 0;
    if (!sv_[k].Capitalized() && !IsSpanishMonth(sv_[k].norm)) return 0;
    if (AmbiguousMonth(sv_[k]) && k == i + 1 && !sv_[k].Capitalized()) return 0;
    size_t last = k;
    int year = 0;
    size_t y = k + 1;
    if (N(y) == "de" || N(y) == ",") ++y;
    if (y < sv_.size() && (year = YearFromTok(sv_[y])) != 0) last = y;
    if (day > DaysInMonth(year ? year : 2024, m)) return 0;
    std::optional<Interval> iv;
    int yy = year;
    if (!yy && p_) yy = YearOfMonthDay(m, day, *p_);
    iv = DayInterval(yy, m, day);
    Emit(i, last, year == 0, iv);
    return last - i + 1;
  }

  size_t TryIso(size_t i) {
    const Tok& t = sv_[i];
    if (t.kind != TokenKind::kNumber || t.norm.size() != 10) return 0;
    Ymd d;
    if (!ParseYmd(t.norm, &d)) return 0;
    Emit(i, i, false, Interval{d, d, TimePrecision::kDay});
    return 1;
  }

  // [on|late|early|last|this|next] WEEKDAY [night|morning|...] [, MONTH DAY]
  size_t TryWeekday(size_t i) {
    size_t k = i;
    bool last_kw = false, next_kw = false;
    Word w = N(k);
    if (w == "late" || w == "early" || w == "on" || w == "el") ++k;
    else if (w == "last" || w == "pasado") { last_kw = true; ++k; }
    else if (w == "next" || w == "this" || w == "coming") { next_kw = w != "this"; ++k; }
    if (k >= sv_.size()) return 0;
    int wd = WeekdayFromWord(N(k));
    if (wd < 0) return 0;
    if (!sv_[k].Capitalized() && !IsSpanishWeekday(N(k))) return 0;
    if (k > i && (w == "on" || w == "el") ) {
      // "on" is not part of the expression's span.
    }
    size_t first = (w == "on" || w == "el") ? k : i;
    size_t last = k;
    Word after = N(k + 1);
    if (after == "night" || after == "morning" || after == "afternoon" || after == "evening" ||
        after == "noche" || after == "madrugada") {
      last = k + 1;
    }
    // "Saturday, Nov. 1", "Friday (Nov. 1)": the explicit date decides.
    size_t d = last + 1;
    if (N(d) == "," || N(d) == "(") ++d;
    if (d < sv_.size() && (MonthFromWord(N(d)) || DayFromTok(sv_[d]))) {
      size_t before = out_->size();
      size_t used = TryMonthDate(d);
      if (!used) used = TryDayMonth(d);
      if (used && out_->size() > before) {
        out_->back().span.begin = sv_[first].begin;
        size_t end = d + used;
        if (N(d - 1) == "(" && N(end) == ")") {
          out_->back().span.end = sv_[end].end;
          ++end;
        }
        return end - i;
      }
    }
    std::optional<Interval> iv;
    if (p_) {
      Ymd day;
      if (next_kw) {
        int delta = (wd - Weekday(*p_) + 7) % 7;
        day = AddDays(*p_, delta == 0 ? 7 : delta);
      } else {
        day = LastWeekday(wd, *p_, last_kw);
      }
      iv = Interval{day, day, TimePrecision::kDay};
    }
    Emit(first, last, true, iv);
    return last - i + 1;
  }

  // today, tonight, yesterday, overnight, last night, this morning, over the
  // weekend, last week, this week, last month, this month, this year, ...
  size_t TryDeictic(size_t i) {
    Word a = N(i), b = N(i + 1), c = N(i + 2);
    auto day_iv = [&](long offset) -> std::optional<Interval> {
      if (!p_) return std::nullopt;
      Ymd d = AddDays(*p_, offset);
      return Interval{d, d, TimePrecision::kDay};
    };
    if (a == "today" || a == "tonight" || a == "hoy") {
      Emit(i, i, true, day_iv(0));
      return 1;
    }
    if (a == "yesterday" || a == "ayer") {
      Emit(i, i, true, day_iv(-1));
      return 1;
    }
    if (a == "overnight") {
      std::optional<Interval> iv;
      if (p_) iv = Interval{AddDays(*p_, -1), *p_, TimePrecision::kDay};
      Emit(i, i, true, iv);
      return 1;
    }
    if ((a == "last" && b == "night") || (a == "this" && (b == "morning" || b == "afternoon"))) {
      Emit(i, i + 1, true, day_iv(a == "last" ? -1 : 0));
      return 2;
    }
    // The weekend.
    size_t wk = 0;
    if (b == "weekend" && (a == "the" || a == "this" || a == "last")) wk = 2;
    if (c == "weekend" && a == "over" && b == "the") wk = 3;
    if (c == "weekend" && a == "during" && b == "the") wk = 3;
    if (c == "weekend" && a == "over" && b == "this") wk = 3;
    if (a == "fin" && b == "de" && c == "semana") wk = 3;
    if (wk) {
      std::optional<Interval> iv;
      if (p_) {
        Ymd sat = LastWeekday(6, *p_, false);
        if (Weekday(*p_) == 0) sat = AddDays(*p_, -1);  // published on Sunday
        iv = Interval{sat, AddDays(sat, 1), TimePrecision::kWeek};
      }
      size_t first = (a == "over" || a == "during") ? i + 1 : i;
      Emit(first, i + wk - 1, true, iv);
      return wk;
    }
    // Weeks, months, years relative to publication.
    bool earlier = a == "earlier" && b == "this";
    size_t base = earlier ? i + 1 : i;
    Word x = N(base), unit = N(base + 1);
    if ((x == "last" || x == "this" || x == "past") &&
        (unit == "week" || unit == "month" || unit == "year")) {
      std::optional<Interval> iv;
      if (p_) {
        Ymd p = *p_;
        if (unit == "week") {
          int since_monday = (Weekday(p) + 6) % 7;
          Ymd monday = AddDays(p, -since_monday);
          if (x == "last") iv = Interval{AddDays(monday, -7), AddDays(monday, -1), TimePrecision::kWeek};
          else if (x == "past") iv = Interval{AddDays(p, -7), p, TimePrecision::kWeek};
          else iv = Interval{monday, p, TimePrecision::kWeek};
        } else if (unit == "month") {
          if (x == "last") {
            int m = p.m == 1 ? 12 : p.m - 1, y = p.m == 1 ? p.y - 1 : p.y;
            iv = Interval{Ymd{y, m, 1}, LastDay(y, m), TimePrecision::kMonth};
          } else if (x == "past") {
            iv = Interval{AddDays(p, -30), p, TimePrecision::kMonth};
          } else {
            iv = Interval{Ymd{p.y, p.m, 1}, p, TimePrecision::kMonth};
          }
        } else {
          if (x == "last") iv = Interval{Ymd{p.y - 1, 1, 1}, Ymd{p.y - 1, 12, 31}, TimePrecision::kYear};
          else if (x == "past") iv = Interval{AddDays(p, -365), p, TimePrecision::kYear};
          else iv = Interval{Ymd{p.y, 1, 1}, p, TimePrecision::kYear};
        }
      }
      Emit(i, base + 1, true, iv);
      return base + 2 - i;
    }
    return 0;
  }

  // [in|this|last] [the] SEASON [of YEAR]
  size_t TrySeason(size_t i) {
    size_t k = i;
    Word a = N(k);
    bool last_kw = false;
    if (a == "in" || a == "during" || a == "en") {
      ++k;
      if (N(k) == "the" || N(k) == "la" || N(k) == "el") ++k;
    } else if (a == "this" || a == "last" || a == "earlier") {
      last_kw = a == "last";
      ++k;
      if (a == "earlier" && N(k) == "this") ++k;
    } else if (a == "the") {
      ++k;
    }
    if (k >= sv_.size()) return 0;
    int season = SeasonFromWord(N(k));
    if (season < 0) return 0;
    if (k == i) return 0;  // a bare "fall" or "spring" is too ambiguous
    size_t last = k;
    int year = 0;
    if ((N(k + 1) == "of" || N(k + 1) == "de") && k + 2 < sv_.size() &&
        (year = YearFromTok(sv_[k + 2])) != 0)
      last = k + 2;
    else if (k + 1 < sv_.size() && (year = YearFromTok(sv_[k + 1])) != 0)
      last = k + 1;
    std::optional<Interval> iv;
    if (year) {
      iv = SeasonBefore(season, Ymd{year, 12, 31}, year);
    } else if (p_) {
      Interval v = SeasonBefore(season, *p_, 0);
      if (last_kw) v = SeasonBefore(season, AddDays(v.start, -1), 0);
      iv = v;
    }
    size_t first = (a == "in" || a == "during" || a == "en") ? i + 1 : i;
    Emit(first, last, year == 0, iv);
    return last - i + 1;
  }

  // "in 2024", "since 2019", "2025's" — a year standing alone.
  size_t TryYear(size_t i) {
    int year = YearFromTok(sv_[i]);
    if (!year) return 0;
    Word before = N(static_cast<long>(i) - 1);
    if (before != "in" && before != "since" && before != "during" && before != "until" &&
        before != "by" && before != "of" && before != "en" && before != "desde" &&
        before != "early" && before != "late" && before != "mid")
      return 0;
    Emit(i, i, false, Interval{Ymd{year, 1, 1}, Ymd{year, 12, 31}, TimePrecision::kYear});
    return 1;
  }

  static bool IsSpanishMonth(std::string_view w) {
    static const WordTable<bool>::Entry kNames[] = {
        {"enero", true},   {"febrero", true},    {"marzo", true},     {"abril", true},
        {"mayo", true},    {"junio", true},      {"julio", true},     {"agosto", true},
        {"septiembre", true}, {"setiembre", true}, {"octubre", true}, {"noviembre", true},
        {"diciembre", true}};
    static const WordTable<bool> kTable(kNames);
    return kTable.Contains(w);
  }
  static bool IsSpanishWeekday(std::string_view w) {
    static const WordTable<bool>::Entry kNames[] = {
        {"lunes", true},  {"martes", true}, {"miercoles", true}, {"miércoles", true},
        {"jueves", true}, {"viernes", true}, {"sabado", true},   {"sábado", true},
        {"domingo", true}};
    static const WordTable<bool> kTable(kNames);
    return kTable.Contains(w);
  }
  // "Nov. 6 people" is not a date; neither is "May 3 strikes".
  static bool IsCountNoun(Word w) {
    return w == "people" || w == "strikes" || w == "boats" || w == "vessels" || w == "killed" ||
           w == "dead" || w == "percent" || w == "troops";
  }

  const SentenceView& sv_;
  const std::optional<Ymd>& p_;
  bool list_item_;
  std::vector<TimeExpr>* out_;
};

}  // namespace

namespace {

const WordTable<int>::Entry kMonths[] = {
    {"january", 1},  {"jan", 1},       {"jan.", 1},      {"february", 2}, {"feb", 2},
    {"feb.", 2},     {"march", 3},     {"mar", 3},       {"mar.", 3},     {"april", 4},
    {"apr", 4},      {"apr.", 4},      {"may", 5},       {"june", 6},     {"jun", 6},
    {"jun.", 6},     {"july", 7},      {"jul", 7},       {"jul.", 7},     {"august", 8},
    {"aug", 8},      {"aug.", 8},      {"september", 9}, {"sept", 9},     {"sept.", 9},
    {"sep", 9},      {"sep.", 9},      {"october", 10},  {"oct", 10},     {"oct.", 10},
    {"november", 11}, {"nov", 11},     {"nov.", 11},     {"december", 12}, {"dec", 12},
    {"dec.", 12},    {"enero", 1},     {"febrero", 2},   {"marzo", 3},    {"abril", 4},
    {"mayo", 5},     {"junio", 6},     {"julio", 7},     {"agosto", 8},   {"septiembre", 9},
    {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
};

const WordTable<int>::Entry kWeekdays[] = {
    {"sunday", 0},    {"monday", 1},   {"tuesday", 2},   {"wednesday", 3}, {"thursday", 4},
    {"friday", 5},    {"saturday", 6}, {"tues.", 2},     {"wed.", 3},      {"thurs.", 4},
    {"thu.", 4},      {"fri.", 5},     {"sat.", 6},      {"sun.", 0},      {"mon.", 1},
    {"domingo", 0},   {"lunes", 1},    {"martes", 2},    {"miercoles", 3}, {"miércoles", 3},
    {"jueves", 4},    {"viernes", 5},  {"sabado", 6},    {"sábado", 6},
};

}  // namespace

std::span<const WordTable<int>::Entry> MonthWords() { return kMonths; }
std::span<const WordTable<int>::Entry> WeekdayWords() { return kWeekdays; }

int MonthFromWord(std::string_view w) {
  static const WordTable<int> kTable(kMonths);
  const int* m = kTable.Find(w);
  return m ? *m : 0;
}

int WeekdayFromWord(std::string_view w) {
  static const WordTable<int> kTable(kWeekdays);
  const int* d = kTable.Find(w);
  return d ? *d : -1;
}

void FindTimeExpressions(const SentenceView& sv, const std::optional<Ymd>& published,
                         bool list_item, std::vector<TimeExpr>* out) {
  Finder(sv, published, list_item, out).Run();
}

}  // namespace vigil
