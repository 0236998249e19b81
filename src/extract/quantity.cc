// Quantities. How a number is read:
//   [qualifier] number [range] [multiplier] [or more] [adjectives] [noun]
// e.g. "at least 64 people", "more than a dozen boats", "10 to 12 killed",
// "three strikes", "the 15th strike", "in the mid-60s", "dozens of troops".
// What it counts comes from the noun after it, refined by the verbs around it
// ("three people were killed", "killing all three people on board",
// "the strikes have killed at least 64 people").

#include "extract/quantity.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <vector>
#include <string>

#include "extract/timex.h"

namespace vigil {

namespace {

const WordTable<NumberWord>::Entry kNumberWords[] = {
    {"zero", {0, false}},      {"one", {1, false}},        {"two", {2, false}},
    {"three", {3, false}},     {"four", {4, false}},       {"five", {5, false}},
    {"six", {6, false}},       {"seven", {7, false}},      {"eight", {8, false}},
    {"nine", {9, false}},      {"ten", {10, false}},       {"eleven", {11, false}},
    {"twelve", {12, false}},   {"thirteen", {13, false}},  {"fourteen", {14, false}},
    {"fifteen", {15, false}},  {"sixteen", {16, false}},   {"seventeen", {17, false}},
    {"eighteen", {18, false}}, {"nineteen", {19, false}},  {"twenty", {20, false}},
    {"thirty", {30, false}},   {"forty", {40, false}},     {"fifty", {50, false}},
    {"sixty", {60, false}},    {"seventy", {70, false}},   {"eighty", {80, false}},
    {"ninety", {90, false}},   {"hundred", {100, false}},  {"thousand", {1000, false}},
    {"dozen", {12, false}},    {"dozens", {24, true}},     {"several", {3, true}},
    {"scores", {40, true}},    {"hundreds", {200, true}},  {"thousands", {2000, true}},
    {"uno", {1, false}},       {"una", {1, false}},        {"dos", {2, false}},
    {"tres", {3, false}},      {"cuatro", {4, false}},     {"cinco", {5, false}},
    {"seis", {6, false}},      {"siete", {7, false}},      {"ocho", {8, false}},
    {"nueve", {9, false}},     {"diez", {10, false}},      {"once", {11, false}},
    {"doce", {12, false}},     {"trece", {13, false}},     {"catorce", {14, false}},
    {"quince", {15, false}},   {"veinte", {20, false}},    {"treinta", {30, false}},
    {"cuarenta", {40, false}}, {"cincuenta", {50, false}}, {"sesenta", {60, false}},
    {"cien", {100, false}},    {"mil", {1000, false}},     {"docena", {12, false}},
    {"decenas", {20, true}},   {"varios", {3, true}},      {"varias", {3, true}},
};

const WordTable<int>::Entry kOrdinals[] = {
    {"first", 1},       {"second", 2},      {"third", 3},        {"fourth", 4},
    {"fifth", 5},       {"sixth", 6},       {"seventh", 7},      {"eighth", 8},
    {"ninth", 9},       {"tenth", 10},      {"eleventh", 11},    {"twelfth", 12},
    {"thirteenth", 13}, {"fourteenth", 14}, {"fifteenth", 15},   {"sixteenth", 16},
    {"seventeenth", 17}, {"eighteenth", 18}, {"nineteenth", 19}, {"twentieth", 20},
    {"thirtieth", 30},  {"fortieth", 40},   {"fiftieth", 50},
};

// Whether |s| groups thousands with dots, as Spanish writes them: "10.000",
// "1.500.000" (groups of exactly three digits after the first one to three).
bool DotThousands(std::string_view s) {
  size_t dot = s.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 3) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool at_dot = i >= dot && (i - dot) % 4 == 0;
    if (at_dot ? s[i] != '.' : !(s[i] >= '0' && s[i] <= '9')) return false;
  }
  return (s.size() - dot) % 4 == 0;
}

double ParseDigits(std::string_view s, bool* ok) {
  std::string clean;
  const bool dot_thousands = DotThousands(s);
  for (char c : s) {
    if (c == ',' || (c == '.' && dot_thousands)) continue;
    if ((c >= '0' && c <= '9') || c == '.') clean += c;
    else {
      *ok = false;
      return 0;
    }
  }
  *ok = !clean.empty() && clean != ".";
  if (!*ok) return 0;
  double v = std::strtod(clean.c_str(), nullptr);
  if (!std::isfinite(v)) *ok = false;
  return v;
}

struct Parsed {
  double value = 0;
  size_t next = 0;   // index after the number
  bool vague = false;
  bool ordinal = false;
};

// Multipliers after a number: "10 million", "1.5 billion".
double Multiplier(Word w) {
  if (w == "hundred") return 100;
  if (w == "thousand" || w == "mil") return 1000;
  if (w == "million" || w == "millones" || w == "millón" || w == "millon") return 1e6;
  if (w == "billion") return 1e9;
  return 0;
}

}  // namespace

namespace {

const WordTable<Counted>::Entry kNouns[] = {
    {"dead", Counted::kKilled},          {"killed", Counted::kKilled},
    {"deaths", Counted::kKilled},        {"fatalities", Counted::kKilled},
    {"bodies", Counted::kKilled},        {"muertos", Counted::kKilled},
    {"fallecidos", Counted::kKilled},    {"injured", Counted::kInjured},
    {"wounded", Counted::kInjured},      {"heridos", Counted::kInjured},
    {"survivor", Counted::kSurvivors},   {"survivors", Counted::kSurvivors},
    {"sobreviviente", Counted::kSurvivors}, {"sobrevivientes", Counted::kSurvivors},
    {"missing", Counted::kMissing},      {"boat", Counted::kVessels},
    {"boats", Counted::kVessels},        {"vessel", Counted::kVessels},
    {"vessels", Counted::kVessels},      {"ship", Counted::kVessels},
    {"ships", Counted::kVessels},        {"semi-submersible", Counted::kVessels},
    {"semi-submersibles", Counted::kVessels}, {"speedboats", Counted::kVessels},
    {"lanchas", Counted::kVessels},      {"embarcaciones", Counted::kVessels},
    {"strike", Counted::kStrikes},       {"strikes", Counted::kStrikes},
    {"attack", Counted::kStrikes},       {"attacks", Counted::kStrikes},
    {"airstrikes", Counted::kStrikes},   {"ataques", Counted::kStrikes},
    {"bombardeos", Counted::kStrikes},   {"troops", Counted::kTroops},
    {"soldiers", Counted::kTroops},      {"marines", Counted::kTroops},
    {"sailors", Counted::kTroops},       {"personnel", Counted::kTroops},
    {"guardsmen", Counted::kTroops},     {"service", Counted::kTroops},
    {"tropas", Counted::kTroops},        {"soldados", Counted::kTroops},
    {"elementos", Counted::kTroops},     {"efectivos", Counted::kTroops},
    {"acres", Counted::kAcres},          {"people", Counted::kPeople},
    {"persons", Counted::kPeople},       {"individuals", Counted::kPeople},
    {"men", Counted::kPeople},           {"crew", Counted::kPeople},
    {"aboard", Counted::kPeople},        {"personas", Counted::kPeople},
    {"narco-terrorists", Counted::kPeople}, {"narcoterrorists", Counted::kPeople},
    {"suspects", Counted::kPeople},      {"passengers", Counted::kPeople},
    {"fishermen", Counted::kPeople},     {"figures", Counted::kPeople},
    {"members", Counted::kPeople},       {"leaders", Counted::kPeople},
    {"operatives", Counted::kPeople},    {"reos", Counted::kPeople},
    {"presos", Counted::kPeople},        {"narcotraficantes", Counted::kPeople},
    {"cartels", Counted::kGroups},
    {"gangs", Counted::kGroups},         {"organizations", Counted::kGroups},
    {"groups", Counted::kGroups},        {"carteles", Counted::kGroups},
    {"sources", Counted::kSources},      {"officials", Counted::kSources},
    {"fuentes", Counted::kSources},      {"kilograms", Counted::kDrugs},
    {"kilos", Counted::kDrugs},          {"tons", Counted::kDrugs},
    {"pounds", Counted::kDrugs},         {"dollars", Counted::kMoney},
};

}  // namespace

std::span<const WordTable<NumberWord>::Entry> NumberWords() { return kNumberWords; }
std::span<const WordTable<int>::Entry> OrdinalWords() { return kOrdinals; }
std::span<const WordTable<Counted>::Entry> BuiltinNouns() { return kNouns; }

double NumberWordValue(std::string_view norm, bool* vague) {
  *vague = false;
  static const WordTable<NumberWord> kTable(kNumberWords);
  if (const NumberWord* w = kTable.Find(norm)) {
    *vague = w->vague;
    return w->value;
  }
  // "twenty-five"
  size_t dash = norm.find('-');
  if (dash != std::string_view::npos) {
    bool v1, v2;
    double tens = NumberWordValue(norm.substr(0, dash), &v1);
    double ones = NumberWordValue(norm.substr(dash + 1), &v2);
    if (tens >= 20 && tens <= 90 && ones >= 1 && ones <= 9 && !v1 && !v2) return tens + ones;
  }
  return -1;
}

int OrdinalValue(std::string_view norm) {
  static const WordTable<int> kTable(kOrdinals);
  if (const int* v = kTable.Find(norm)) return *v;
  size_t n = 0;
  while (n < norm.size() && std::isdigit(static_cast<unsigned char>(norm[n]))) ++n;
  if (n == 0 || n > 4) return 0;
  std::string_view suffix = norm.substr(n);
  if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return 0;
  int v = 0;
  for (size_t i = 0; i < n; ++i) v = v * 10 + (norm[i] - '0');
  return v;
}

Counted BuiltinNounClass(std::string_view w) {
  static const WordTable<Counted> kTable(kNouns);
  const Counted* c = kTable.Find(w);
  return c ? *c : Counted::kUnknown;
}

namespace {

class QuantityFinder {
 public:
  QuantityFinder(const SentenceView& sv, const NounClassifier& classify, std::vector<Quantity>* out)
      : sv_(sv), classify_(classify), out_(out) {}

  void Run() {
    size_t i = 0;
    while (i < sv_.size()) {
      size_t used = MayStartQuantity(sv_[i]) ? TryAt(i) : 0;
      i += used ? used : 1;
    }
  }

  // Whether TryAt can find a quantity at token |t|: a qualifier's first
  // word, or what ParseNumber reads (most tokens are neither).
  static bool MayStartQuantity(const Tok& t) {
    static const WordTable<bool>::Entry kFirstWords[] = {
        // ParseQualifier.
        {"at", true}, {"al", true}, {"no", true}, {"more", true}, {"más", true},
        {"over", true}, {"upwards", true}, {"about", true}, {"approximately", true},
        {"around", true}, {"roughly", true}, {"some", true}, {"estimated", true},
        {"approx.", true}, {"unos", true}, {"unas", true}, {"aproximadamente", true},
        {"an", true}, {"alrededor", true}, {"cerca", true}, {"nearly", true},
        {"almost", true}, {"casi", true}, {"close", true}, {"up", true}, {"as", true},
        {"hasta", true}, {"fewer", true}, {"less", true}, {"menos", true}, {"under", true},
        // ParseNumber.
        {"a", true}, {"half", true},
    };
    // One table of those, the ordinal words and the number words.
    static const WordTable<bool> kTable = [] {
      std::vector<WordTable<bool>::Entry> all(std::begin(kFirstWords), std::end(kFirstWords));
      for (const auto& e : kOrdinals) all.push_back({e.word, true});
      for (const auto& e : kNumberWords) all.push_back({e.word, true});
      return WordTable<bool>(all);
    }();
    if (t.kind == TokenKind::kOrdinal || t.kind == TokenKind::kNumber) return true;
    Word w = t.norm;
    if (w.empty()) return false;
    // Digits and a suffix ("15th", OrdinalValue) and compounds
    // ("twenty-five", NumberWordValue) are read by ParseNumber too.
    if (w[0] >= '0' && w[0] <= '9') return true;
    if (kTable.Contains(w)) return true;
    for (char c : w)  // (most words are short: no call to memchr)
      if (c == '-') return true;
    return false;
  }

 private:
  Word N(long i) const { return sv_.NormAt(i); }

  // Parses a number (digits or words) at |i|.
  bool ParseNumber(size_t i, Parsed* p) {
    if (i >= sv_.size()) return false;
    const Tok& t = sv_[i];
    if (t.kind == TokenKind::kOrdinal) {
      int v = OrdinalValue(t.norm);
      if (!v) return false;
      *p = Parsed{static_cast<double>(v), i + 1, false, true};
      return true;
    }
    if (t.kind == TokenKind::kNumber) {
      bool ok = false;
      double v = ParseDigits(t.norm, &ok);
      if (!ok) return false;
      size_t next = i + 1;
      if (double m = Multiplier(N(next)); m > 0) {
        v *= m;
        ++next;
      }
      *p = Parsed{v, next, false, false};
      return true;
    }
    if (int ord = OrdinalValue(t.norm); ord && t.kind == TokenKind::kWord) {
      *p = Parsed{static_cast<double>(ord), i + 1, false, true};
      return true;
    }
    // "a dozen", "half a dozen", "a handful", "a hundred".
    if (t.norm == "a" || t.norm == "an") {
      Word n1 = N(i + 1);
      if (n1 == "dozen") return Set(p, 12, i + 2, false);
      if (n1 == "handful") return Set(p, 3, i + 2, true);
      if (n1 == "hundred") return Set(p, 100, i + 2, false);
      if (n1 == "thousand") return Set(p, 1000, i + 2, false);
      if (n1 == "couple" && N(i + 2) == "of") return Set(p, 2, i + 3, true);
      return false;
    }
    if (t.norm == "half" && N(i + 1) == "a" && N(i + 2) == "dozen") return Set(p, 6, i + 3, false);
    if (t.norm == "one" && (N(i + 1) == "of" || N(i + 1) == "another")) {
      // "one of the ..." stays a quantity of one; "no one" never reaches here.
    }
    if (t.norm == "no" || t.norm == "none") return false;
    bool vague = false;
    double v = NumberWordValue(t.norm, &vague);
    if (v < 0) return false;
    size_t next = i + 1;
    // "twenty five", "one hundred", "two thousand", "three dozen".
    if (!vague && v >= 20 && v <= 90 && static_cast<int>(v) % 10 == 0) {
      bool v2;
      double ones = NumberWordValue(N(next), &v2);
      if (ones >= 1 && ones <= 9 && !v2) {
        v += ones;
        ++next;
      }
    }
    if (!vague) {
      Word m = N(next);
      if (m == "hundred" || m == "thousand" || m == "million" || m == "dozen") {
        v *= m == "hundred" ? 100 : m == "thousand" ? 1000 : m == "million" ? 1e6 : 12;
        ++next;
      }
    }
    // "dozens of", "hundreds of": the "of" belongs to the quantity.
    if (vague && N(next) == "of") ++next;
    *p = Parsed{v, next, vague, false};
    return true;
  }

  static bool Set(Parsed* p, double v, size_t next, bool vague) {
    *p = Parsed{v, next, vague, false};
    return true;
  }

  // Qualifier words at |i|; returns how many tokens they take.
  size_t ParseQualifier(size_t i, Qualifier* q) {
    Word a = N(i), b = N(i + 1), c = N(i + 2);
    if (a == "at" && b == "least") return *q = Qualifier::kAtLeast, 2;
    if (a == "al" && b == "menos") return *q = Qualifier::kAtLeast, 2;
    if (a == "no" && b == "fewer" && c == "than") return *q = Qualifier::kAtLeast, 3;
    if (a == "at" && b == "most") return *q = Qualifier::kUpTo, 2;
    if (a == "more" && b == "than") return *q = Qualifier::kMoreThan, 2;
    if (a == "más" && b == "de") return *q = Qualifier::kMoreThan, 2;
    if (a == "over" || a == "upwards") return *q = Qualifier::kMoreThan, 1;
    if (a == "about" || a == "approximately" || a == "around" || a == "roughly" ||
        a == "some" || a == "estimated" || a == "approx." || a == "unos" || a == "unas" ||
        a == "aproximadamente")
      return *q = Qualifier::kAbout, 1;
    if (a == "an" && b == "estimated") return *q = Qualifier::kAbout, 2;
    if (a == "alrededor" && b == "de") return *q = Qualifier::kAbout, 2;
    if (a == "cerca" && b == "de") return *q = Qualifier::kNearly, 2;
    if (a == "nearly" || a == "almost" || a == "casi") return *q = Qualifier::kNearly, 1;
    if (a == "close" && b == "to") return *q = Qualifier::kNearly, 2;
    if (a == "up" && b == "to") return *q = Qualifier::kUpTo, 2;
    if (a == "as" && b == "many" && c == "as") return *q = Qualifier::kUpTo, 3;
    if (a == "hasta") return *q = Qualifier::kUpTo, 1;
    if ((a == "fewer" || a == "less") && b == "than") return *q = Qualifier::kFewerThan, 2;
    if (a == "menos" && b == "de") return *q = Qualifier::kFewerThan, 2;
    if (a == "under") return *q = Qualifier::kFewerThan, 1;
    return 0;
  }

  // A number that is part of a date or a clock time is not a quantity.
  bool IsDatePart(size_t i) const {
    const Tok& t = sv_[i];
    if (t.kind != TokenKind::kNumber && t.kind != TokenKind::kOrdinal) return false;
    if (i > 0 && MonthFromWord(sv_[i - 1].norm) && sv_[i - 1].Capitalized()) return true;
    if (i + 1 < sv_.size() && MonthFromWord(sv_[i + 1].norm) &&
        (sv_[i + 1].Capitalized() || sv_[i + 1].norm == "de"))
      return true;
    if (i + 2 < sv_.size() && sv_[i + 1].norm == "de" && MonthFromWord(sv_[i + 2].norm))
      return true;
    if (t.norm.find(':') != std::string::npos) return true;
    if (t.norm.size() == 10 && t.norm[4] == '-') return true;
    // The year of "Nov. 6, 2025" (even of an impossible "Feb. 30, 2025"),
    // and "the year 2025": never a count, whatever follows.
    if (i >= 3 && N(i - 1) == "," && sv_[i - 2].kind == TokenKind::kNumber &&
        MonthFromWord(sv_[i - 3].norm) && sv_[i - 3].Capitalized())
      return true;
    if (i > 0 && (N(i - 1) == "year" || N(i - 1) == "año")) return true;
    Word after = N(i + 1);
    if (after == "a.m." || after == "p.m." || after == "am" || after == "pm") return true;
    return false;
  }

  bool IsYear(size_t i) const {
    const Tok& t = sv_[i];
    if (t.kind != TokenKind::kNumber || t.norm.size() != 4) return false;
    for (char c : t.norm)
      if (c < '0' || c > '9') return false;
    int y = 0;
    for (char c : t.norm) y = y * 10 + (c - '0');
    if (y < 1900 || y > 2100) return false;
    // A four-digit number followed by a counted noun is a count, not a year.
    Word next = N(i + 1);
    Counted c = classify_(next);
    return c == Counted::kUnknown;
  }

  size_t TryAt(size_t i) {
    Qualifier q = Qualifier::kExact;
    size_t qn = ParseQualifier(i, &q);
    size_t j = i + qn;
    Parsed p;
    if (!ParseNumber(j, &p)) return qn ? 0 : OnePersonAt(i);
    if (IsDatePart(j) || IsYear(j)) return p.next - i;
    // "over" and "under" must be followed by a digit or number word to count.
    if (qn && q == Qualifier::kAbout && N(i) == "some" && p.value <= 1) q = Qualifier::kExact;
    Quantity quantity;
    quantity.sentence = sv_.index;
    quantity.value = p.value;
    quantity.high = p.value;
    quantity.is_ordinal = p.ordinal;
    quantity.qualifier = p.vague ? Qualifier::kVague : q;
    size_t last = p.next - 1;
    // Ranges: "10 to 12", "10-12" (one token), "between 10 and 12", "10 or 11".
    Word link = N(p.next);
    Parsed p2;
    if (!p.ordinal && (link == "to" || link == "or" || link == "-" || link == "a" ||
                       (link == "and" && N(static_cast<long>(i) - 1) == "between")) &&
        ParseNumber(p.next + 1, &p2) && !p2.ordinal && p2.value > p.value) {
      quantity.high = p2.value;
      quantity.qualifier = Qualifier::kRange;
      last = p2.next - 1;
    }
    // "or more".
    if (N(last + 1) == "or" && N(last + 2) == "more") {
      quantity.qualifier = Qualifier::kAtLeast;
      last += 2;
    }
    quantity.number = Span{sv_[j].begin, sv_[p.next - 1].end};
    // What it counts: the first classified noun within a few tokens.
    size_t scan = last + 1;
    // "10,000 of its troops", "three of the boats".
    bool partitive = false;
    if (N(scan) == "of") {
      Word det = N(scan + 1);
      if (det == "its" || det == "their" || det == "the" || det == "his" || det == "her" ||
          det == "our" || det == "those" || det == "these") {
        scan += 2;
        partitive = true;
      }
    }
    size_t noun_at = 0;
    Counted counted = Counted::kUnknown;
    for (size_t k = scan; k < sv_.size() && k < scan + 4; ++k) {
      const Tok& t = sv_[k];
      if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kNumber) break;
      Counted c = classify_(t.norm);
      if (c == Counted::kUnknown && t.flags & kTokHyphenated) {
        // "drug-smuggling boats" is handled by the next token; "boat-strike"
        // is not a count of boats.
      }
      if (c != Counted::kUnknown) {
        // The head of a compound is its last noun: "cartel figures" counts
        // people. Words that also describe ("killed", "dead") end it: "four
        // vessels killed 14" counts vessels.
        bool nominal = c != Counted::kKilled && c != Counted::kInjured &&
                       c != Counted::kMissing && c != Counted::kSurvivors;
        if (noun_at && !nominal) break;
        counted = c;
        noun_at = k;
        if (!nominal) break;
        continue;
      }
      if (noun_at) break;
      if (IsStopWord(t.norm)) break;
    }
    // "service members" counts troops; "people on board" stays people.
    if (counted == Counted::kTroops && sv_[noun_at].norm == "service" &&
        N(noun_at + 1) != "members")
      counted = Counted::kUnknown;
    if (noun_at) last = noun_at;
    // "one of those killed was a fisherman", "two of the survivors": some
    // of the casualties, not their number.
    const bool some_of_casualties =
        partitive && (counted == Counted::kKilled || counted == Counted::kInjured ||
                      counted == Counted::kMissing || counted == Counted::kSurvivors);
    if (some_of_casualties) counted = Counted::kPeople;
    // "four of the last five strikes", "two of the boats": some of a
    // series, not this event's number of strikes or boats.
    if (partitive && (counted == Counted::kStrikes || counted == Counted::kVessels))
      counted = Counted::kUnknown;
    // Verbs around the quantity say what happened to people; a distance or
    // a duration counts none ("a boat about 300 nautical miles off Ecuador
    // killed two people").
    const bool measure = counted == Counted::kUnknown && IsUnitWord(N(scan));
    if (!some_of_casualties && !measure &&
        (counted == Counted::kPeople || counted == Counted::kUnknown)) {
      Counted by_verb = VerbContext(i, last);
      if (by_verb != Counted::kUnknown) counted = by_verb;
    }
    quantity.counted = counted;
    quantity.span = Span{sv_[i].begin, sv_[last].end};
    out_->push_back(quantity);
    return last - i + 1;
  }

  // "killed a Colombian fisherman", "wounding an elderly man": the article
  // after a casualty verb counts at least one person, when a person noun follows
  // within three words. Returns the tokens taken, or 0.
  size_t OnePersonAt(size_t i) {
    if (i == 0 || (N(i) != "a" && N(i) != "an")) return 0;
    // English verbs only: Spanish "mató a tres personas" has a preposition.
    Word v = N(i - 1);
    Counted verb = v == "killed" || v == "killing" || v == "kills" || v == "kill"
                       ? Counted::kKilled
                   : v == "wounded" || v == "wounding" || v == "injured" || v == "injuring"
                       ? Counted::kInjured
                       : Counted::kUnknown;
    if (verb == Counted::kUnknown) return 0;
    for (size_t k = i + 1; k < sv_.size() && k <= i + 3; ++k) {
      const Tok& t = sv_[k];
      Parsed number;
      if (t.kind != TokenKind::kWord || IsStopWord(t.norm) || ParseNumber(k, &number)) return 0;
      Counted c = classify_(t.norm);
      if (c == Counted::kUnknown) continue;
      if (c != Counted::kPeople && c != Counted::kTroops) return 0;
      Quantity quantity;
      quantity.sentence = sv_.index;
      quantity.value = quantity.high = 1;
      // A person named among the dead, not the toll: at least one.
      quantity.qualifier = Qualifier::kAtLeast;
      quantity.counted = verb;
      quantity.number = Span{sv_[i].begin, sv_[i].end};
      quantity.span = Span{sv_[i].begin, t.end};
      out_->push_back(quantity);
      return k - i + 1;
    }
    return 0;
  }

  // Units of distance, time and proportion after a number.
  static bool IsUnitWord(std::string_view w) {
    static const WordTable<bool>::Entry kUnits[] = {
        {"nautical", true}, {"miles", true},   {"mile", true},       {"nm", true},
        {"km", true},       {"kilometers", true}, {"kilometres", true}, {"kilómetros", true},
        {"kilometros", true}, {"millas", true}, {"meters", true},    {"metres", true},
        {"metros", true},   {"feet", true},    {"yards", true},      {"knots", true},
        {"mph", true},      {"minutes", true}, {"hours", true},      {"days", true},
        {"weeks", true},    {"months", true},  {"years", true},      {"horas", true},
        {"días", true},     {"dias", true},    {"semanas", true},    {"meses", true},
        {"años", true},     {"percent", true}, {"per", true},        {"%", true}};
    static const WordTable<bool> kTable(kUnits);
    return kTable.Contains(w);
  }

  static bool IsStopWord(std::string_view w) {
    static const WordTable<bool>::Entry kStop[] = {
        {"of", true},  {"in", true},  {"on", true},    {"at", true},   {"were", true},
        {"was", true}, {"have", true}, {"had", true},  {"has", true},  {"and", true},
        {"to", true},  {"for", true}, {"from", true},  {"by", true},   {"with", true},
        {"that", true}, {"who", true}, {"which", true}, {"is", true},  {"are", true},
        {"been", true}, {"the", true}, {"a", true},    {"since", true}, {"de", true},
        {"en", true},  {"y", true},   {"que", true},   {"los", true},  {"las", true},
        {"el", true},  {"la", true}};
    static const WordTable<bool> kTable(kStop);
    return kTable.Contains(w);
  }

  static Counted VerbClass(Word w) {
    if (w == "killed" || w == "killing" || w == "kill" || w == "kills" || w == "dead" ||
        w == "died" || w == "die" || w == "dies" || w == "murdered" || w == "slain" ||
        w == "eliminated" || w == "muertos" || w == "murieron" || w == "mató" || w == "mato" ||
        w == "matando" || w == "perished")
      return Counted::kKilled;
    if (w == "injured" || w == "injuring" || w == "wounded" || w == "wounding" || w == "hurt" ||
        w == "heridos")
      return Counted::kInjured;
    if (w == "survived" || w == "rescued" || w == "repatriated" || w == "sobrevivieron")
      return Counted::kSurvivors;
    if (w == "missing" || w == "unaccounted" || w == "desaparecidos" || w == "desaparecido")
      return Counted::kMissing;
    if (w == "extradited" || w == "extraditing" || w == "expelled" || w == "transferred" ||
        w == "extraditados" || w == "extraditó" || w == "trasladó" || w == "trasladados" ||
        w == "entregó" || w == "entregados" || w == "enviados" || w == "expulsados")
      return Counted::kExtradited;
    if (w == "arrested" || w == "detained" || w == "captured" || w == "detenidos")
      return Counted::kArrested;
    return Counted::kUnknown;
  }

  // Looks at verbs before |first| and after |last| within the clause.
  Counted VerbContext(size_t first, size_t last) {
    // "killed two men who had survived the blast": a casualty verb right
    // before the number says what happened to them; the relative clause
    // after says something else.
    if (first > 0) {
      Counted c = VerbClass(sv_[first - 1].norm);
      if (c == Counted::kKilled || c == Counted::kInjured) return c;
    }
    // After: "three people were killed", "64 people have been killed",
    // "three people were taken out".
    for (size_t k = last + 1; k < sv_.size() && k <= last + 5; ++k) {
      const Tok& t = sv_[k];
      if (t.kind == TokenKind::kPunct && t.norm != "-") break;
      if (t.norm == "taken" && N(k + 1) == "out") return Counted::kKilled;
      if (t.norm == "lost" && N(k + 1) == "their" && N(k + 2) == "lives") return Counted::kKilled;
      // "two are presumed dead": kept apart from the confirmed dead.
      if ((t.norm == "presumed" || t.norm == "believed" || t.norm == "feared") &&
          (N(k + 1) == "dead" || N(k + 1) == "killed" || N(k + 2) == "dead"))
        return Counted::kPresumedDead;
      Counted c = VerbClass(t.norm);
      if (c != Counted::kUnknown) return c;
      // "one in the Caribbean that killed three people": the number is
      // what killed, not who died ("11 people that were killed" still
      // counts the dead).
      if ((t.norm == "that" || t.norm == "which") && VerbClass(N(k + 1)) != Counted::kUnknown)
        break;
      if (t.norm == "who" || t.norm == "and" || t.norm == "but") {
        // "three people, who were killed" handled by punctuation; "and"
        // starts another clause.
        if (t.norm != "who") break;
      }
    }
    // "brings the death toll of the campaign to 34", "el saldo a 34".
    for (long k = static_cast<long>(first) - 1; k >= 0 && k >= static_cast<long>(first) - 7; --k) {
      Word w = sv_[k].norm;
      if (w == "toll" || w == "saldo" || (w == "deaths" && N(k + 1) == "to")) {
        return Counted::kKilled;
      }
      if (sv_[k].kind == TokenKind::kPunct) break;
    }
    // Before: "killing three people", "killed at least 64", "leaving three dead".
    for (long k = static_cast<long>(first) - 1; k >= 0 && k >= static_cast<long>(first) - 3; --k) {
      const Tok& t = sv_[k];
      if (t.kind == TokenKind::kPunct) break;
      Counted c = VerbClass(t.norm);
      if (c != Counted::kUnknown) return c;
      // ("mató a tres personas": Spanish "a" before people.)
      if (t.norm != "all" && t.norm != "the" && t.norm != "another" && t.norm != "an" &&
          t.norm != "a" &&
          t.norm != "additional" && t.norm != "at" && t.norm != "least")
        break;
    }
    return Counted::kUnknown;
  }

  const SentenceView& sv_;
  const NounClassifier& classify_;
  std::vector<Quantity>* out_;
};

}  // namespace

void FindQuantities(const SentenceView& sv, const NounClassifier& classify,
                    std::vector<Quantity>* out) {
  QuantityFinder(sv, classify, out).Run();
}

}  // namespace vigil
