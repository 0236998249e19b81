// Time expressions and quantities, on sentences in the styles of PHRASING.md.

#include <cstdio>
#include <gtest/gtest.h>

#include "extract/calendar.h"
#include "extract/quantity.h"
#include "extract/timex.h"

namespace vigil {
namespace {

struct Analysed {
  std::string text;
  Annotated annotated;
  SentenceView sv;
};

void Analyse(const std::string& sentence, Analysed* a) {
  a->text = sentence;
  Block b{BlockKind::kBody, 0, static_cast<uint32_t>(sentence.size())};
  Annotate(a->text, std::span<const Block>(&b, 1), &a->annotated);
  ASSERT_GE(a->annotated.sentences.size(), 1u);
  // Merge into one view of all tokens: tests use single sentences.
  Sentence all = a->annotated.sentences[0];
  all.token_count = static_cast<uint32_t>(a->annotated.tokens.size());
  all.end = static_cast<uint32_t>(sentence.size());
  a->annotated.sentences.assign(1, all);
  BuildSentenceView(a->text, a->annotated, 0, &a->sv);
}

std::vector<TimeExpr> Times(const std::string& s, const char* published, bool list_item = false) {
  Analysed a;
  Analyse(s, &a);
  std::optional<Ymd> p;
  Ymd d;
  if (published && ParseYmd(published, &d)) p = d;
  std::vector<TimeExpr> out;
  FindTimeExpressions(a.sv, p, list_item, &out);
  for (TimeExpr& t : out) t.sentence = 0;
  return out;
}

std::string Text(const std::string& s, Span span) { return s.substr(span.begin, span.end - span.begin); }

struct TimeCase {
  const char* sentence;
  const char* published;
  const char* words;   // the span expected
  const char* start;
  const char* end;
  TimePrecision precision;
};

class TimeTable : public ::testing::TestWithParam<TimeCase> {};

TEST_P(TimeTable, Resolves) {
  const TimeCase& c = GetParam();
  auto times = Times(c.sentence, c.published);
  ASSERT_EQ(times.size(), 1u) << c.sentence;
  EXPECT_EQ(Text(c.sentence, times[0].span), c.words);
  EXPECT_EQ(times[0].start, c.start) << c.sentence;
  EXPECT_EQ(times[0].end, c.end) << c.sentence;
  EXPECT_EQ(times[0].precision, c.precision) << c.sentence;
}

// 2025-11-03 was a Monday.
INSTANTIATE_TEST_SUITE_P(
    Phrasing, TimeTable,
    ::testing::Values(
        TimeCase{"The strike was carried out over the weekend.", "2025-11-03", "the weekend",
                 "2025-11-01", "2025-11-02", TimePrecision::kWeek},
        TimeCase{"Hegseth said late Saturday that three were killed.", "2025-11-02",
                 "late Saturday", "2025-11-01", "2025-11-01", TimePrecision::kDay},
        TimeCase{"The military struck a boat on Thursday.", "2025-11-03", "Thursday",
                 "2025-10-30", "2025-10-30", TimePrecision::kDay},
        TimeCase{"It struck a vessel overnight.", "2025-10-24", "overnight", "2025-10-23",
                 "2025-10-24", TimePrecision::kDay},
        TimeCase{"Yesterday we struck again.", "2025-11-02", "Yesterday", "2025-11-01",
                 "2025-11-01", TimePrecision::kDay},
        TimeCase{"The attack on Nov. 6 killed three.", "2025-11-07", "Nov. 6", "2025-11-06",
                 "2025-11-06", TimePrecision::kDay},
        TimeCase{"The strike (November 6) killed three.", "2025-11-07", "November 6",
                 "2025-11-06", "2025-11-06", TimePrecision::kDay},
        TimeCase{"The first strike, on Sept. 2, killed 11.", "2025-11-07", "Sept. 2",
                 "2025-09-02", "2025-09-02", TimePrecision::kDay},
        TimeCase{"The first strike on 2 September killed 11.", "2025-11-07", "2 September",
                 "2025-09-02", "2025-09-02", TimePrecision::kDay},
        TimeCase{"The strikes began in early September.", "2025-11-03", "early September",
                 "2025-09-01", "2025-09-10", TimePrecision::kMonth},
        TimeCase{"Talks stalled in late October.", "2025-11-03", "late October", "2025-10-21",
                 "2025-10-31", TimePrecision::kMonth},
        TimeCase{"The State Department in February designated six cartels.", "2025-11-03",
                 "February", "2025-02-01", "2025-02-28", TimePrecision::kMonth},
        TimeCase{"Sheinbaum said at a news conference in the spring that Mexico refuses.",
                 "2025-11-03", "the spring", "2025-03-01", "2025-05-31", TimePrecision::kSeason},
        TimeCase{"The designation took effect on November 24, 2025.", "2025-11-18",
                 "November 24, 2025", "2025-11-24", "2025-11-24", TimePrecision::kDay},
        TimeCase{"Deliveries were paused in December.", "2025-11-03", "December", "2024-12-01",
                 "2024-12-31", TimePrecision::kMonth},
        TimeCase{"Hubo un ataque el 6 de noviembre de 2025.", nullptr, "6 de noviembre de 2025",
                 "2025-11-06", "2025-11-06", TimePrecision::kDay},
        TimeCase{"La marina informó el jueves.", "2025-10-31", "jueves", "2025-10-30",
                 "2025-10-30", TimePrecision::kDay},
        TimeCase{"Strikes continued through mid-October.", "2025-11-03", "mid-October",
                 "2025-10-11", "2025-10-20", TimePrecision::kMonth},
        TimeCase{"The program ran in 2019.", "2025-11-03", "2019", "2019-01-01", "2019-12-31",
                 TimePrecision::kYear},
        TimeCase{"Attacks rose last month.", "2025-11-03", "last month", "2025-10-01",
                 "2025-10-31", TimePrecision::kMonth}));

TEST(Time, UnresolvedWithoutPublicationDate) {
  auto times = Times("The latest strike was carried out over the weekend.", nullptr);
  ASSERT_EQ(times.size(), 1u);
  EXPECT_TRUE(times[0].start.empty());
  EXPECT_TRUE(times[0].relative);
  auto absolute = Times("It happened on Nov. 6, 2025.", nullptr);
  ASSERT_EQ(absolute.size(), 1u);
  EXPECT_EQ(absolute[0].start, "2025-11-06");
}

TEST(Time, WeekdayWithExplicitDateUsesTheDate) {
  // The outlet got the weekday wrong: Nov. 1, 2025 was a Saturday.
  auto times = Times("The strike happened on Friday, Nov. 1.", "2025-11-03");
  ASSERT_EQ(times.size(), 1u);
  EXPECT_EQ(times[0].start, "2025-11-01");
  EXPECT_EQ(Text("The strike happened on Friday, Nov. 1.", times[0].span), "Friday, Nov. 1");
}

TEST(Time, TrackerListPrefix) {
  auto times = Times("Oct. 27: Three strikes on four vessels kill 14.", "2025-11-02", true);
  ASSERT_EQ(times.size(), 1u);
  EXPECT_TRUE(times[0].list_prefix);
  EXPECT_EQ(times[0].start, "2025-10-27");
}

TEST(Time, ModalMayIsNotAMonth) {
  EXPECT_TRUE(Times("The strikes may continue, officials said.", "2025-11-03").empty());
  EXPECT_TRUE(Times("Officials march on.", "2025-11-03").empty());
  auto in_may = Times("The area was declared in May.", "2025-11-03");
  ASSERT_EQ(in_may.size(), 1u);
  EXPECT_EQ(in_may[0].start, "2025-05-01");
}

TEST(Calendar, Arithmetic) {
  EXPECT_EQ(Weekday(Ymd{2025, 11, 3}), 1);
  EXPECT_EQ(Weekday(Ymd{1970, 1, 1}), 4);
  EXPECT_EQ(FormatYmd(AddDays(Ymd{2025, 3, 1}, -1)), "2025-02-28");
  EXPECT_EQ(FormatYmd(AddDays(Ymd{2024, 12, 31}, 1)), "2025-01-01");
  // The fast path and snprintf's "%04d-%02d-%02d" agree, inside its range
  // and outside it.
  for (Ymd y : {Ymd{0, 1, 1}, Ymd{7, 3, 9}, Ymd{999, 12, 31}, Ymd{9999, 99, 0}, Ymd{10000, 1, 1},
                Ymd{-5, 1, 1}, Ymd{2025, 100, 7}, Ymd{2025, 1, -3}}) {
    char buf[48];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y.y, y.m, y.d);
    EXPECT_EQ(FormatYmd(y), buf);
  }
  Ymd d;
  EXPECT_FALSE(ParseYmd("2025-02-31", &d));
  EXPECT_TRUE(ParseYmd("2025-11-03T10:00:00Z", &d));
}

std::vector<Quantity> Quantities(const std::string& s) {
  Analysed a;
  Analyse(s, &a);
  std::vector<Quantity> out;
  FindQuantities(a.sv, BuiltinNounClass, &out);
  return out;
}

struct QuantityCase {
  const char* sentence;
  const char* words;
  double value;
  double high;
  Qualifier qualifier;
  Counted counted;
};

class QuantityTable : public ::testing::TestWithParam<QuantityCase> {};

TEST_P(QuantityTable, Reads) {
  const QuantityCase& c = GetParam();
  auto qs = Quantities(c.sentence);
  ASSERT_GE(qs.size(), 1u) << c.sentence;
  const Quantity* found = nullptr;
  for (const Quantity& q : qs)
    if (Text(c.sentence, q.span) == c.words) found = &q;
  ASSERT_NE(found, nullptr) << c.sentence << ": first was "
                            << Text(c.sentence, qs[0].span);
  EXPECT_EQ(found->value, c.value) << c.sentence;
  EXPECT_EQ(found->high, c.high) << c.sentence;
  EXPECT_EQ(found->qualifier, c.qualifier) << c.sentence;
  EXPECT_EQ(found->counted, c.counted) << c.sentence;
}

INSTANTIATE_TEST_SUITE_P(
    Phrasing, QuantityTable,
    ::testing::Values(
        QuantityCase{"So far 64 people have been killed in the 15 strikes.", "64 people", 64, 64,
                     Qualifier::kExact, Counted::kKilled},
        QuantityCase{"So far 64 people have been killed in the 15 strikes.", "15 strikes", 15, 15,
                     Qualifier::kExact, Counted::kStrikes},
        QuantityCase{"The strike killed all three people on board.", "three people", 3, 3,
                     Qualifier::kExact, Counted::kKilled},
        // A relative clause: "11 people that were killed" are the dead;
        // "one ... that killed three" is not.
        QuantityCase{"The Pentagon named the 11 people that were killed.", "11 people", 11, 11,
                     Qualifier::kExact, Counted::kKilled},
        QuantityCase{"Two strikes, one in the Caribbean that killed three people.", "three people", 3, 3,
                     Qualifier::kExact, Counted::kKilled},
        QuantityCase{"A second strike killed two men who had survived the blast.", "two men", 2, 2,
                     Qualifier::kExact, Counted::kKilled},
        QuantityCase{"Estados Unidos mató a tres personas en el Pacífico.", "tres personas", 3, 3,
                     Qualifier::kExact, Counted::kKilled},
        // Thousands grouped with dots (Spanish); a decimal stays one.
        QuantityCase{"Llegaron 10.000 elementos.", "10.000 elementos", 10000, 10000,
                     Qualifier::kExact, Counted::kTroops},
        QuantityCase{"Some 1.500.000 people were displaced.", "Some 1.500.000 people", 1500000,
                     1500000, Qualifier::kAbout, Counted::kPeople},
        QuantityCase{"Prices rose 2.5 percent.", "2.5", 2.5, 2.5, Qualifier::kExact,
                     Counted::kUnknown},
        // A distance before the verb counts nobody; the people after it do.
        QuantityCase{"A strike on a boat about 300 nautical miles off Ecuador killed two people.",
                     "about 300", 300, 300, Qualifier::kAbout, Counted::kUnknown},
        QuantityCase{"A strike on a boat about 300 nautical miles off Ecuador killed two people.",
                     "two people", 2, 2, Qualifier::kExact, Counted::kKilled},
        QuantityCase{"A boat 40 km offshore was hit, killing three.", "40", 40, 40,
                     Qualifier::kExact, Counted::kUnknown},
        QuantityCase{"Hegseth announced that three people were taken out in the strike.",
                     "three people", 3, 3, Qualifier::kExact, Counted::kKilled},
        QuantityCase{"The campaign has killed at least 64 people.", "at least 64 people", 64, 64,
                     Qualifier::kAtLeast, Counted::kKilled},
        QuantityCase{"There have been nearly 20 strikes.", "nearly 20 strikes", 20, 20,
                     Qualifier::kNearly, Counted::kStrikes},
        QuantityCase{"More than a dozen boats were destroyed.", "More than a dozen boats", 12, 12,
                     Qualifier::kMoreThan, Counted::kVessels},
        QuantityCase{"Approximately 75 people have died.", "Approximately 75 people", 75, 75,
                     Qualifier::kAbout, Counted::kKilled},
        QuantityCase{"Three strikes on four vessels killed 14 and left one survivor.",
                     "four vessels", 4, 4, Qualifier::kExact, Counted::kVessels},
        QuantityCase{"Three strikes on four vessels killed 14 and left one survivor.",
                     "one survivor", 1, 1, Qualifier::kExact, Counted::kSurvivors},
        QuantityCase{"Three strikes on four vessels killed 14 and left one survivor.", "14", 14, 14,
                     Qualifier::kExact, Counted::kKilled},
        QuantityCase{"Mexico deployed 10,000 of its troops to the border.", "10,000 of its troops",
                     10000, 10000, Qualifier::kExact, Counted::kTroops},
        QuantityCase{"Mexico sent 10,000 troops to the border.", "10,000 troops", 10000, 10000,
                     Qualifier::kExact, Counted::kTroops},
        QuantityCase{"Trump declared 110,000 acres a National Defense Area.", "110,000 acres",
                     110000, 110000, Qualifier::kExact, Counted::kAcres},
        QuantityCase{"Mexico extradited 55 senior cartel figures.", "55 senior cartel figures", 55,
                     55, Qualifier::kExact, Counted::kExtradited},
        QuantityCase{"The strike brings the death toll of the campaign to 34.", "34", 34, 34,
                     Qualifier::kExact, Counted::kKilled},
        QuantityCase{"It was the 15th strike since September.", "15th strike", 15, 15,
                     Qualifier::kExact, Counted::kStrikes},
        QuantityCase{"Between 10 and 12 people died.", "10 and 12 people", 10, 12,
                     Qualifier::kRange, Counted::kKilled},
        QuantityCase{"Dozens of troops arrived.", "Dozens of troops", 24, 24, Qualifier::kVague,
                     Counted::kTroops},
        QuantityCase{"Six killed in the latest strike.", "Six killed", 6, 6, Qualifier::kExact,
                     Counted::kKilled},
        QuantityCase{"Two survivors were repatriated.", "Two survivors", 2, 2, Qualifier::kExact,
                     Counted::kSurvivors},
        QuantityCase{"Twenty-five people were wounded.", "Twenty-five people", 25, 25,
                     Qualifier::kExact, Counted::kInjured},
        QuantityCase{"Four sources familiar with the effort told NBC News.", "Four sources", 4, 4,
                     Qualifier::kExact, Counted::kSources},
        QuantityCase{"El ataque dejó tres muertos.", "tres muertos", 3, 3, Qualifier::kExact,
                     Counted::kKilled},
        // Some of the casualties or of a series, not their number.
        QuantityCase{"One of those killed was a fisherman from Santa Marta.",
                     "One of those killed", 1, 1, Qualifier::kExact, Counted::kPeople},
        QuantityCase{"Two of the survivors were repatriated.", "Two of the survivors", 2, 2,
                     Qualifier::kExact, Counted::kPeople},
        QuantityCase{"Four of the last five strikes have been in the Pacific.",
                     "Four of the last five strikes", 4, 4,
                     Qualifier::kExact, Counted::kUnknown},
        // A toll among a group stays a toll.
        QuantityCase{"Three of the crew were killed.", "Three of the crew", 3, 3, Qualifier::kExact,
                     Counted::kKilled}));

TEST(Quantity, DatesAndYearsAreNotQuantities) {
  auto qs = Quantities("On Nov. 6, 2025, the 2 September strike was recalled at 10:30 a.m.");
  EXPECT_TRUE(qs.empty()) << qs.size();
}

TEST(Quantity, YearBeforeAKillWordIsStillAYear) {
  // Once read as "2025 killed" (and "99999 killed"): hostile_input_test.
  auto qs = Quantities("Another strike on Feb. 30, 2025 killed one.");
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0].value, 1);
  qs = Quantities("In the year 99999 a strike killed four people.");
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0].value, 4);
  EXPECT_EQ(qs[0].counted, Counted::kKilled);
}

TEST(Quantity, NoIsNotZero) {
  auto qs = Quantities("No U.S. forces were harmed in the strike.");
  EXPECT_TRUE(qs.empty());
}

}  // namespace
}  // namespace vigil
