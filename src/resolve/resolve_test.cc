#include "vigil/resolve.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include <nlohmann/json.hpp>

#include "resolve/resolver_internal.h"
#include "vigil/export.h"

namespace vigil {
namespace {

using Json = nlohmann::json;

// ---- signatures ------------------------------------------------------------------

const char* kWire =
    "The U.S. military attacked another vessel it accused of carrying drugs in the "
    "Caribbean, killing three people, Defense Secretary Pete Hegseth said late Saturday. "
    "Hegseth said the vessel was traveling along a known drug-smuggling route and was "
    "carrying narcotics, and that the strike was carried out in international waters. "
    "The strike was at least the 15th since the military began attacking boats in early "
    "September. The attacks have killed at least 64 people.";

TEST(Signature, IdenticalTextsAreOneText) {
  EXPECT_DOUBLE_EQ(SignatureSimilarity(TextSignature(kWire), TextSignature(kWire)), 1.0);
}

TEST(Signature, AWireCopyWithANewHeadlineIsANearDuplicate) {
  std::string copy = std::string("US kills 3 more in Caribbean boat strike\n\n") + kWire +
                     " Harbor Line Daily contributed to this report.";
  EXPECT_GE(SignatureSimilarity(TextSignature(kWire), TextSignature(copy)),
            kNearDuplicateSimilarity);
}

TEST(Signature, CaseAndPunctuationDoNotMatter) {
  std::string shouted = kWire;
  for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_DOUBLE_EQ(SignatureSimilarity(TextSignature(kWire), TextSignature(shouted)), 1.0);
}

TEST(Signature, ARewriteOfTheSameFactsIsNot) {
  const char* rewrite =
      "Three people died when American forces struck a suspected drug boat in Caribbean "
      "waters, according to the Pentagon chief, who announced the operation on Saturday "
      "night. It brings the number of such attacks to fifteen, with sixty-four dead.";
  EXPECT_LT(SignatureSimilarity(TextSignature(kWire), TextSignature(rewrite)), 0.2);
}

TEST(Signature, EmptyTextMatchesNothing) {
  EXPECT_EQ(SignatureSimilarity(TextSignature(""), TextSignature("")), 0.0);
  EXPECT_EQ(TextSignature("").size(), kSignatureSize);
}

TEST(Signature, GroupsFindCopiesAndOnlyCopies) {
  std::vector<std::vector<uint32_t>> sigs = {
      TextSignature(kWire), TextSignature("Something else entirely, about tariffs and trade "
                                          "talks between two governments this week."),
      TextSignature(std::string("Headline\n") + kWire)};
  std::vector<const std::vector<uint32_t>*> ptrs = {&sigs[0], &sigs[1], &sigs[2]};
  std::vector<size_t> g = NearDuplicateGroups(ptrs);
  EXPECT_EQ(g[0], 0u);
  EXPECT_EQ(g[1], 1u);
  EXPECT_EQ(g[2], 0u);
}

// ---- dates -----------------------------------------------------------------------

TEST(Dates, RoundTrip) {
  int d = 0;
  ASSERT_TRUE(ParseIsoDay("2025-11-02", &d));
  EXPECT_EQ(IsoFromDays(d), "2025-11-02");
  ASSERT_TRUE(ParseIsoDay("2024-02-29T10:00:00Z", &d));
  EXPECT_EQ(IsoFromDays(d + 1), "2024-03-01");
  EXPECT_FALSE(ParseIsoDay("2025-13-01", &d));
  EXPECT_FALSE(ParseIsoDay("Nov 2", &d));
}

// ---- campaigns -------------------------------------------------------------------

TEST(Campaigns, ParsesSectionsAndLists) {
  auto c = ParseCampaigns(
      "# strikes\n[campaign boats]\ntitle = Boat strikes\ntype = ASSAULT\n"
      "mode = aerial, drone\nregion = sea:caribbean , sea:eastern-pacific\nfrom = 2025-09-02\n"
      "\n[campaign other]\nstatus = planned\n",
      "c.ini");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[0].name, "boats");
  EXPECT_EQ((*c)[0].modes, (std::vector<std::string>{"aerial", "drone"}));
  EXPECT_EQ((*c)[0].regions, (std::vector<std::string>{"sea:caribbean", "sea:eastern-pacific"}));
  EXPECT_EQ((*c)[0].statuses, (std::vector<std::string>{"occurred"}));
  EXPECT_EQ((*c)[0].source, "c.ini:2");
  EXPECT_EQ((*c)[1].statuses, (std::vector<std::string>{"planned"}));
}

TEST(Campaigns, ErrorsNameFileAndLine) {
  auto bad_key = ParseCampaigns("[campaign a]\ntype = ASSAULT\ncolour = red\n", "x.ini");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_NE(bad_key.status().ToString().find("x.ini:3: unknown key 'colour'"), std::string::npos);
  auto bad_date = ParseCampaigns("[campaign a]\nfrom = 2 September\n", "x.ini");
  ASSERT_FALSE(bad_date.ok());
  EXPECT_NE(bad_date.status().ToString().find("x.ini:2:"), std::string::npos);
  EXPECT_FALSE(ParseCampaigns("type = ASSAULT\n", "x.ini").ok());
  EXPECT_FALSE(ParseCampaigns("[campaign a]\n[campaign a]\n", "x.ini").ok());
  EXPECT_FALSE(ParseCampaigns("[campaign bad name!]\n", "x.ini").ok());
  EXPECT_FALSE(ParseCampaigns("[campaign a]\nfrom = 2025-10-01\nto = 2025-09-01\n", "x.ini").ok());
}

// ---- the resolver ------------------------------------------------------------------

class Builder {
 public:
  size_t Doc(const std::string& outlet, const std::string& published, const std::string& text = "") {
    ResolutionDoc d;
    d.id = static_cast<int64_t>(in.docs.size()) + 1;
    d.content_hash = "hash" + std::to_string(d.id) + outlet;
    d.outlet = outlet;
    d.published = published;
    d.url = "https://example.org/" + std::to_string(d.id);
    d.signature = TextSignature(text.empty() ? d.content_hash + " unique words here" : text);
    in.docs.push_back(d);
    return in.docs.size() - 1;
  }
  ResolutionMention& Strike(size_t doc, uint32_t sentence, const std::string& status = "occurred") {
    ResolutionMention m;
    m.id = static_cast<int64_t>(in.mentions.size()) + 100;
    m.doc = doc;
    m.index = static_cast<int64_t>(in.mentions.size());
    m.sentence = sentence;
    m.begin = sentence * 100;
    m.end = m.begin + 90;
    m.type = "ASSAULT";
    m.mode = "aerial";
    m.status = status;
    m.json = "{\"text\":\"sentence " + std::to_string(sentence) + "\",\"attribution\":{}}";
    in.mentions.push_back(m);
    return in.mentions.back();
  }
  static void At(ResolutionMention& m, const std::string& id, const std::string& kind,
                 double lat, double lon) {
    m.place_id = id;
    m.place_name = id;
    m.place_kind = kind;
    m.lat = lat;
    m.lon = lon;
  }
  ResolverInput in;
};

TEST(Resolver, ReportsOfOneStrikeBecomeOneEvent) {
  Builder b;
  size_t ap = b.Doc("Associated Press", "2025-11-02");
  size_t rt = b.Doc("Reuters", "2025-11-03");
  auto& m1 = b.Strike(ap, 0);
  m1.date_start = m1.date_end = "2025-11-01";
  m1.killed = 3;
  Builder::At(m1, "sea:caribbean", "sea", 15, -75);
  auto& m2 = b.Strike(rt, 1);
  m2.killed = 3;  // no date of its own: reported within four days
  Builder::At(m2, "sea:caribbean", "sea", 15, -75);
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  EXPECT_EQ(l.events[0].reports, 2);
  EXPECT_EQ(l.events[0].origins, 2);
  EXPECT_EQ(l.events[0].date_start, "2025-11-01");
  ASSERT_TRUE(l.events[0].killed);
  EXPECT_EQ(l.events[0].killed->best, 3);
  EXPECT_EQ(l.events[0].place_name, "sea:caribbean");
  EXPECT_EQ(l.events[0].first_reported, "2025-11-02");
}

TEST(Resolver, SameDayDifferentSeasStayTwo) {
  Builder b;
  size_t d1 = b.Doc("A", "2025-10-28");
  size_t d2 = b.Doc("B", "2025-10-28");
  auto& m1 = b.Strike(d1, 0);
  m1.date_start = m1.date_end = "2025-10-27";
  Builder::At(m1, "sea:caribbean", "sea", 15, -75);
  auto& m2 = b.Strike(d2, 0);
  m2.date_start = m2.date_end = "2025-10-27";
  Builder::At(m2, "sea:eastern-pacific", "sea", 10, -100);
  EXPECT_EQ(ResolveLedger(b.in).events.size(), 2u);
}

TEST(Resolver, ABoatAndThreeVesselsOnOneDayInOneReportAreOneStrike) {
  // "The latest attack on an alleged drug boat came Sunday." and "three
  // strikes on three vessels off Venezuela early Sunday, killing 15": the
  // singular boat gives no toll; one strike, told twice in one report.
  Builder b;
  size_t d = b.Doc("CNN", "2025-09-23");
  auto& boat = b.Strike(d, 0);
  boat.date_start = boat.date_end = "2025-09-21";
  boat.vessels = 1;
  auto& three = b.Strike(d, 1);
  three.date_start = three.date_end = "2025-09-21";
  three.vessels = 3;
  three.strikes = 3;
  three.killed = 15;
  Builder::At(three, "country:VE", "country", 8, -66);
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  // Boats counted differently with different tolls stay apart.
  Builder c;
  size_t e = c.Doc("CNN", "2025-09-23");
  auto& one = c.Strike(e, 0);
  one.date_start = one.date_end = "2025-09-21";
  one.vessels = 1;
  one.killed = 2;
  auto& other = c.Strike(e, 1);
  other.date_start = other.date_end = "2025-09-21";
  other.vessels = 3;
  other.killed = 15;
  EXPECT_EQ(ResolveLedger(c.in).events.size(), 2u);
}

TEST(Resolver, ASurvivorOfMondaysStrikesFindsMondaysStrikesFurtherDown) {
  // A live blog: "a strike overnight destroyed a boat, killing four" (the
  // 28th), then "... a survivor of Monday's strikes" (the 27th, no toll),
  // then "three strikes on four vessels on Monday, killing 14".
  Builder b;
  size_t d = b.Doc("CBS News", "2025-10-29");
  auto& overnight = b.Strike(d, 0);
  overnight.date_start = "2025-10-28";
  overnight.date_end = "2025-10-29";
  overnight.killed = 4;
  overnight.vessels = 1;
  auto& survivor = b.Strike(d, 1);
  survivor.date_start = survivor.date_end = "2025-10-27";
  auto& monday = b.Strike(d, 2);
  monday.date_start = monday.date_end = "2025-10-27";
  monday.killed = 14;
  monday.strikes = 3;
  monday.vessels = 4;
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 2u);
  for (const auto& e : l.events) {
    ASSERT_TRUE(e.killed.has_value());
    EXPECT_EQ(e.mention_ids.size(), e.killed->best == 14 ? 2u : 1u) << e.date_start;
  }
}

TEST(Resolver, AStrikeLastMonthDoesNotJoinThisWeeksStrike) {
  // "a U.S. strike in the Caribbean last month killed a Colombian
  // fisherman" beside "two survivors of a strike on Thursday": the first
  // refers back to another strike and founds no event here.
  Builder b;
  size_t d = b.Doc("Reuters", "2025-10-20");
  auto& fisherman = b.Strike(d, 0);
  fisherman.date_start = "2025-09-01";
  fisherman.date_end = "2025-09-30";
  fisherman.killed = 1;
  Builder::At(fisherman, "sea:caribbean", "sea", 15, -75);
  auto& thursday = b.Strike(d, 1);
  thursday.date_start = thursday.date_end = "2025-10-16";
  thursday.survivors = 2;
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  EXPECT_EQ(l.events[0].date_start, "2025-10-16");
  EXPECT_FALSE(l.events[0].killed.has_value());
}

TEST(Resolver, PlannedNeverMergesIntoOccurred) {
  Builder b;
  size_t d = b.Doc("A", "2025-11-03");
  auto& planned = b.Strike(d, 0, "planned");
  Builder::At(planned, "country:MX", "country", 23, -102);
  auto& done = b.Strike(d, 1);
  done.killed = 2;
  Builder::At(done, "country:MX", "country", 23, -102);
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 2u);
  std::set<std::string> statuses = {l.events[0].status, l.events[1].status};
  EXPECT_EQ(statuses, (std::set<std::string>{"planned", "occurred"}));
}

TEST(Resolver, AWrongWeekdayStillMerges) {
  Builder b;
  size_t d1 = b.Doc("A", "2025-10-30");
  size_t d2 = b.Doc("B", "2025-10-30");
  auto& m1 = b.Strike(d1, 0);
  m1.date_start = m1.date_end = "2025-10-29";
  m1.killed = 4;
  auto& m2 = b.Strike(d2, 0);
  m2.date_start = m2.date_end = "2025-10-28";  // "on Tuesday" for a Wednesday strike
  m2.killed = 4;
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  ASSERT_EQ(l.events[0].json.find("date_conflict") != std::string::npos, true);
}

TEST(Resolver, AnActorGuessedFromTheSpeakerSplitsNothing) {
  // "U.S. forces struck a boat on Sept. 15, killing three" and Colombia's
  // president saying a fisherman died in a strike that day: the second's
  // actor is only implied from its speaker (Colombia).
  Builder b;
  size_t d1 = b.Doc("A", "2025-09-16");
  size_t d2 = b.Doc("B", "2025-10-19");
  auto& us = b.Strike(d1, 0);
  us.date_start = us.date_end = "2025-09-15";
  us.killed = 3;
  us.actors_json = R"([{"name":"United States","country":"USA","implied":false}])";
  auto& petro = b.Strike(d2, 0);
  petro.date_start = petro.date_end = "2025-09-15";
  petro.killed = 1;
  petro.killed_qualifier = "at_least";
  petro.actors_json = R"([{"name":"Colombia","country":"COL","implied":true}])";
  EXPECT_EQ(ResolveLedger(b.in).events.size(), 1u);
  // Named, the other state is another actor: two events.
  petro.actors_json = R"([{"name":"Colombia","country":"COL","implied":false}])";
  EXPECT_EQ(ResolveLedger(b.in).events.size(), 2u);
}

TEST(Resolver, ATrackerFirstPublishedEarlierReportsAStrikeWhenUpdated) {
  Builder b;
  size_t tracker = b.Doc("Tracker", "2025-09-20");
  b.in.docs[tracker].updated = "2025-11-17";
  auto& item = b.Strike(tracker, 0);
  item.date_start = item.date_end = "2025-10-27";
  item.killed = 14;
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  EXPECT_EQ(l.events[0].first_reported, "2025-11-17");
  // Without an update date: the strike's own day at the earliest.
  b.in.docs[tracker].updated.clear();
  l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  EXPECT_EQ(l.events[0].first_reported, "2025-10-27");
}

TEST(Resolver, AnAnnouncementsTwoDaysAgreeWithTheStrikesDay) {
  // "said Friday the military had struck a vessel" (Thursday or Friday)
  // and "Oct. 3 - Four killed off Venezuela": the strike was on the 3rd.
  Builder b;
  size_t d1 = b.Doc("Politico", "2025-10-04");
  size_t d2 = b.Doc("Axios", "2025-11-12");
  auto& said = b.Strike(d1, 0);
  said.date_start = "2025-10-02";
  said.date_end = "2025-10-03";
  said.killed = 4;
  auto& item = b.Strike(d2, 0);
  item.date_start = item.date_end = "2025-10-03";
  item.killed = 4;
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  EXPECT_EQ(l.events[0].date_start, "2025-10-03");
  EXPECT_EQ(l.events[0].date_end, "2025-10-03");
  EXPECT_EQ(l.events[0].json.find("date_conflict"), std::string::npos);
}

TEST(Resolver, AReportThatLinksTwoEventsLaterMergesThem) {
  // Taken in order: an undated headline with the sea starts an event; a
  // dated report without a place cannot join it (a toll alone is not
  // enough) and starts a second; a dated report with the sea fits both and
  // joins the first. The first now has the date the second has: one strike.
  Builder b;
  size_t x = b.Doc("X", "2025-10-27");
  size_t y = b.Doc("Y", "2025-10-27");
  size_t w = b.Doc("W", "2025-10-28");
  auto& headline = b.Strike(x, 0);
  headline.killed = 4;
  Builder::At(headline, "sea:caribbean", "sea", 15, -75);
  auto& dated = b.Strike(y, 0);
  dated.date_start = dated.date_end = "2025-10-26";
  dated.killed = 4;
  auto& both = b.Strike(w, 0);
  both.date_start = both.date_end = "2025-10-26";
  both.killed = 4;
  Builder::At(both, "sea:caribbean", "sea", 15, -75);
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  EXPECT_EQ(l.events[0].reports, 3);
  EXPECT_EQ(l.events[0].date_start, "2025-10-26");
  // Two strikes one report tells apart stay two, whatever the others say.
  Builder c;
  size_t one = c.Doc("One", "2025-10-27");
  size_t other = c.Doc("Other", "2025-10-27");
  auto& a1 = c.Strike(one, 0);  // Sunday's strike and Saturday's, four dead each
  a1.date_start = a1.date_end = "2025-10-26";
  a1.killed = 4;
  auto& a2 = c.Strike(one, 1);
  a2.date_start = a2.date_end = "2025-10-25";
  a2.killed = 4;
  auto& a3 = c.Strike(other, 0);
  a3.date_start = a3.date_end = "2025-10-26";
  a3.killed = 4;
  EXPECT_EQ(ResolveLedger(c.in).events.size(), 2u);
}

TEST(Resolver, AWeekdaySixDaysBackCanBeTodaysStrike) {
  // Saturday 2026-01-17: a strike that day. One outlet writes "late Sunday",
  // read as Sunday 2026-01-11; place and toll agree with the day's strike.
  Builder b;
  size_t right = b.Doc("A", "2026-01-17");
  size_t wrong = b.Doc("B", "2026-01-17");
  auto& m1 = b.Strike(right, 0);
  m1.date_start = m1.date_end = "2026-01-17";
  m1.killed = 3;
  Builder::At(m1, "sea:caribbean", "sea", 15, -75);
  auto& m2 = b.Strike(wrong, 0);
  m2.date_start = m2.date_end = "2026-01-11";
  m2.killed = 3;
  Builder::At(m2, "sea:caribbean", "sea", 15, -75);
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  EXPECT_EQ(l.events[0].date_start, "2026-01-17");
  EXPECT_NE(l.events[0].json.find("date_conflict"), std::string::npos);
  // A strike really six days back, with another toll, stays its own.
  m2.killed = 5;
  EXPECT_EQ(ResolveLedger(b.in).events.size(), 2u);
  // So does one the report dates explicitly two days back.
  m2.killed = 3;
  m2.date_start = m2.date_end = "2026-01-15";
  EXPECT_EQ(ResolveLedger(b.in).events.size(), 2u);
}

TEST(Resolver, DifferentTollsElsewhereAreDifferentStrikes) {
  Builder b;
  size_t d1 = b.Doc("A", "2025-10-30");
  size_t d2 = b.Doc("B", "2025-10-30");
  auto& m1 = b.Strike(d1, 0);
  m1.date_start = m1.date_end = "2025-10-29";
  m1.killed = 4;
  auto& m2 = b.Strike(d2, 0);
  m2.date_start = m2.date_end = "2025-10-29";
  m2.killed = 11;
  EXPECT_EQ(ResolveLedger(b.in).events.size(), 2u);
}

TEST(Resolver, ConflictingTollAtOnePlaceAndDayIsFlaggedNotOverwritten) {
  Builder b;
  size_t d1 = b.Doc("A", "2025-11-10");
  size_t d2 = b.Doc("B", "2025-11-11");
  size_t d3 = b.Doc("C", "2025-11-11");
  for (size_t d : {d1, d2, d3}) {
    auto& m = b.Strike(d, 0);
    m.date_start = m.date_end = "2025-11-09";
    m.killed = d == d3 ? 6 : 3;
    Builder::At(m, "sea:eastern-pacific", "sea", 10, -100);
  }
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  const EventRow& e = l.events[0];
  ASSERT_TRUE(e.killed);
  EXPECT_EQ(e.killed->low, 3);
  EXPECT_EQ(e.killed->best, 3);  // two origins say 3, one says 6
  EXPECT_EQ(e.killed->high, 6);
  EXPECT_EQ(e.flags, 1);
  Json j = Json::parse(e.json);
  EXPECT_EQ(j["flags"][0]["kind"], "killed_conflict");
  EXPECT_EQ(j["killed"]["reported"].size(), 3u);
}

TEST(Resolver, RetellingsOfOneStoryAreOneOrigin) {
  Builder b;
  size_t d1 = b.Doc("UNN", "2025-11-03");
  size_t d2 = b.Doc("Daily Mail", "2025-11-03");
  for (size_t d : {d1, d2}) {
    auto& m = b.Strike(d, 2, "planned");
    m.mode = "drone";
    m.outlet_cited = "NBC News";
    m.anonymous_sources = 4;
    Builder::At(m, "country:MX", "country", 23, -102);
  }
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  EXPECT_EQ(l.events[0].reports, 2);
  EXPECT_EQ(l.events[0].origins, 1);
  EXPECT_NE(l.events[0].json.find("\"origin\":\"outlet:NBC News\""), std::string::npos);
}

TEST(Resolver, AWireCopyIsTheWireOrigin) {
  Builder b;
  size_t ap = b.Doc("Associated Press", "2025-11-02", kWire);
  size_t copy = b.Doc("Harbor Line Daily", "2025-11-02", std::string("Headline\n") + kWire);
  for (size_t d : {ap, copy}) {
    auto& m = b.Strike(d, 0);
    m.date_start = m.date_end = "2025-11-01";
    m.killed = 3;
  }
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  EXPECT_EQ(l.events[0].reports, 2);
  EXPECT_EQ(l.events[0].origins, 1);
}

TEST(Resolver, BackgroundMentionsWithoutFactsMakeNoEvent) {
  Builder b;
  size_t d = b.Doc("A", "2025-11-02");
  b.Strike(d, 5);  // "Lawmakers questioned the legal basis for the strikes."
  auto& generic = b.Strike(d, 6);
  generic.generic = true;
  generic.killed = 64;
  auto& total = b.Strike(d, 7);
  total.running_total = true;
  total.killed = 64;
  total.strikes = 15;
  Ledger l = ResolveLedger(b.in);
  EXPECT_TRUE(l.events.empty());
  ASSERT_EQ(l.tallies.size(), 1u);
  EXPECT_EQ(*l.tallies[0].killed, 64);
  EXPECT_EQ(l.tallies[0].as_of, "2025-11-02");
}

TEST(Resolver, AWeakMentionJoinsTheEventBeforeIt) {
  Builder b;
  size_t d = b.Doc("A", "2025-10-22");
  auto& lead = b.Strike(d, 1);
  lead.killed = 2;
  lead.date_start = lead.date_end = "2025-10-21";
  b.Strike(d, 2).speaker_id = "pete-hegseth";  // "He said the vessel ..."
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 1u);
  EXPECT_EQ(l.events[0].mention_ids.size(), 2u);
}

TEST(Resolver, TrackerItemsOnDifferentDaysAreDifferentEvents) {
  Builder b;
  size_t d = b.Doc("Tracker", "2025-11-02");
  const char* days[] = {"2025-10-21", "2025-10-22", "2025-10-24"};
  for (uint32_t k = 0; k < 3; ++k) {
    auto& m = b.Strike(d, k);
    m.date_start = m.date_end = days[k];
    m.killed = 2 + k;
  }
  EXPECT_EQ(ResolveLedger(b.in).events.size(), 3u);
}

TEST(Resolver, ResultDoesNotDependOnInputOrder) {
  Builder b;
  const char* outlets[] = {"A", "B", "C", "D", "E", "F"};
  for (int k = 0; k < 6; ++k) {
    size_t d = b.Doc(outlets[k], k < 3 ? "2025-10-30" : "2025-11-02");
    auto& m = b.Strike(d, 0);
    m.killed = k < 3 ? 4 : 3;
    m.date_start = m.date_end = k < 3 ? "2025-10-29" : "2025-11-01";
    if (k % 2) Builder::At(m, "sea:caribbean", "sea", 15, -75);
    auto& w = b.Strike(d, 1);
    w.speaker_id = "pete-hegseth";
    // Two events of one type in one sentence: same span, different modes.
    for (const char* mode : {"extradite", "arrest"}) {
      auto& c = b.Strike(d, 2);
      c.type = "COERCE";
      c.mode = mode;
      c.count = 26;
      Builder::At(c, "country:MX", "country", 23, -102);
    }
  }
  // An undated report with the sea, then a dated one without: step 5 ties
  // them through the third (AReportThatLinksTwoEventsLaterMergesThem).
  size_t x = b.Doc("X", "2025-11-20"), y = b.Doc("Y", "2025-11-20"), z = b.Doc("Z", "2025-11-21");
  auto& hx = b.Strike(x, 0);
  hx.killed = 5;
  Builder::At(hx, "sea:eastern-pacific", "sea", 8, -92);
  auto& hy = b.Strike(y, 0);
  hy.killed = 5;
  hy.date_start = hy.date_end = "2025-11-19";
  auto& hz = b.Strike(z, 0);
  hz.killed = 5;
  hz.date_start = hz.date_end = "2025-11-19";
  Builder::At(hz, "sea:eastern-pacific", "sea", 8, -92);
  Ledger first = ResolveLedger(b.in);
  // Shuffle documents and mentions (ids stay with their mention).
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    ResolverInput shuffled = b.in;
    std::vector<size_t> perm(shuffled.docs.size());
    for (size_t i = 0; i < perm.size(); ++i) perm[i] = i;
    std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<ResolutionDoc> docs(perm.size());
    for (size_t i = 0; i < perm.size(); ++i) docs[perm[i]] = b.in.docs[i];
    shuffled.docs = docs;
    for (ResolutionMention& m : shuffled.mentions) m.doc = perm[m.doc];
    std::shuffle(shuffled.mentions.begin(), shuffled.mentions.end(), rng);
    Ledger again = ResolveLedger(shuffled);
    ASSERT_EQ(again.events.size(), first.events.size());
    for (size_t e = 0; e < first.events.size(); ++e) {
      EXPECT_EQ(again.events[e].key, first.events[e].key);
      EXPECT_EQ(again.events[e].mode, first.events[e].mode);
      EXPECT_EQ(again.events[e].json, first.events[e].json);
      std::vector<int64_t> a = again.events[e].mention_ids, f = first.events[e].mention_ids;
      std::sort(a.begin(), a.end());
      std::sort(f.begin(), f.end());
      EXPECT_EQ(a, f);
    }
  }
}

TEST(Resolver, CorrectionsMergeSplitRejectAndSet) {
  Builder b;
  size_t d1 = b.Doc("A", "2025-10-30");
  size_t d2 = b.Doc("B", "2025-10-30");
  auto& m1 = b.Strike(d1, 0);
  m1.date_start = m1.date_end = "2025-10-29";
  m1.killed = 4;
  auto& m2 = b.Strike(d2, 0);
  m2.date_start = m2.date_end = "2025-10-29";
  m2.killed = 11;
  ASSERT_EQ(ResolveLedger(b.in).events.size(), 2u);
  std::string k1 = MentionKey(b.in.docs[d1], b.in.mentions[0]);
  std::string k2 = MentionKey(b.in.docs[d2], b.in.mentions[1]);

  Correction merge;
  merge.id = 1;
  merge.action = CorrectionAction::kMerge;
  merge.mentions = {k1, k2};
  merge.note = "one strike; B miscounted";
  b.in.corrections = {merge};
  Ledger merged = ResolveLedger(b.in);
  ASSERT_EQ(merged.events.size(), 1u);
  EXPECT_EQ(merged.corrections_applied, 1u);
  EXPECT_NE(merged.events[0].json.find("one strike; B miscounted"), std::string::npos);

  Correction set;
  set.id = 2;
  set.action = CorrectionAction::kSetFigure;
  set.mentions = {k1};
  set.field = "killed";
  set.value = "5";
  b.in.corrections = {merge, set};
  Ledger fixed = ResolveLedger(b.in);
  ASSERT_EQ(fixed.events.size(), 1u);
  EXPECT_EQ(fixed.events[0].killed->best, 5);
  EXPECT_NE(fixed.events[0].json.find("\"analyst\":true"), std::string::npos);

  Correction split;
  split.id = 3;
  split.action = CorrectionAction::kSplit;
  split.mentions = {k2};
  Correction reject;
  reject.id = 4;
  reject.action = CorrectionAction::kReject;
  reject.mentions = {k2};
  b.in.corrections = {merge, split, reject};
  Ledger split_off = ResolveLedger(b.in);
  ASSERT_EQ(split_off.events.size(), 2u);
  int rejected = 0;
  for (const EventRow& e : split_off.events) rejected += e.rejected;
  EXPECT_EQ(rejected, 1);

  Correction stale;
  stale.id = 5;
  stale.action = CorrectionAction::kReject;
  stale.mentions = {"gone:0:ASSAULT"};
  b.in.corrections = {stale};
  Ledger l = ResolveLedger(b.in);
  EXPECT_EQ(l.corrections_applied, 0u);
  ASSERT_EQ(l.correction_problems.size(), 1u);
}

TEST(Resolver, CampaignsTakeTheirEventsAndTotals) {
  Builder b;
  size_t d = b.Doc("A", "2025-11-02");
  auto& m = b.Strike(d, 0);
  m.date_start = m.date_end = "2025-11-01";
  m.killed = 3;
  m.vessels = 1;
  m.actors_json = R"([{"name":"United States","country":"USA"}])";
  Builder::At(m, "sea:caribbean", "sea", 15, -75);
  auto& early = b.Strike(d, 3);
  early.date_start = early.date_end = "2025-08-01";
  early.killed = 1;
  early.vessels = 1;
  auto& total = b.Strike(d, 5);
  total.running_total = true;
  total.killed = 64;
  total.strikes = 15;
  Campaign c;
  c.name = "boats";
  c.types = {"ASSAULT"};
  c.statuses = {"occurred"};
  c.actor_countries = {"USA"};
  c.target_kinds = {"vessel"};
  c.regions = {"sea:caribbean"};
  c.from = "2025-09-02";
  b.in.campaigns = {c};
  Ledger l = ResolveLedger(b.in);
  ASSERT_EQ(l.events.size(), 2u);
  ASSERT_EQ(l.campaign_events.size(), 1u);
  EXPECT_EQ(l.events[l.campaign_events[0].second].date_start, "2025-11-01");
  ASSERT_EQ(l.campaign_tallies.size(), 1u);
}

// ---- the store round trip ------------------------------------------------------------

TEST(ResolveStore, LedgerIsStoredAndQueried) {
  char tmpl[] = "/tmp/vigil-resolve-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  {
    auto store = Store::Open(dir + "/t.db");
    ASSERT_TRUE(store.ok());
    std::vector<Document> docs(2);
    std::vector<MentionsToStore> ms(2);
    std::vector<DocumentToStore> items;
    for (int k = 0; k < 2; ++k) {
      docs[k].origin = "d" + std::to_string(k);
      docs[k].meta.outlet = k ? "Reuters" : "Associated Press";
      docs[k].meta.published = "2025-11-02";
      docs[k].text = k ? "Three killed in a strike in the Caribbean, officials said."
                       : "A strike in the Caribbean killed three people on Saturday.";
      docs[k].language = "en";
      EventMentionRow r;
      r.type = "ASSAULT";
      r.mode = "aerial";
      r.status = "occurred";
      r.end = static_cast<uint32_t>(docs[k].text.size());
      r.killed = 3;
      r.place_id = "sea:caribbean";
      r.place_name = "Caribbean Sea";
      r.place_kind = "sea";
      r.lat = 15;
      r.lon = -75;
      if (k == 0) r.date_start = r.date_end = "2025-11-01";
      r.json = "{\"text\":\"" + docs[k].text + "\"}";
      ms[k].extractor_version = "test";
      ms[k].json = "{}";
      ms[k].events.push_back(r);
      items.push_back({&docs[k], {}, &ms[k], nullptr});
    }
    ASSERT_TRUE((*store)->PutDocuments(items).ok());
    auto report = Resolve(store->get(), nullptr);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->events, 1u);
    EventFilter all;
    auto events = (*store)->ListEvents(all);
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 1u);
    EXPECT_EQ((*events)[0].reports, 2);
    EventFilter none;
    none.type = "MOBILIZE";
    EXPECT_EQ(*(*store)->CountEvents(none), 0);
    EventFilter box;
    box.west = -90, box.south = 5, box.east = -60, box.north = 25;
    EXPECT_EQ(*(*store)->CountEvents(box), 1);
    box.west = 0, box.east = 10;
    EXPECT_EQ(*(*store)->CountEvents(box), 0);
    EventFilter injection;
    injection.type = "ASSAULT' OR '1'='1";
    EXPECT_EQ(*(*store)->CountEvents(injection), 0);
    // Signatures were computed for documents stored without them.
    auto docs_back = (*store)->LoadResolutionDocs();
    ASSERT_TRUE(docs_back.ok());
    for (const ResolutionDoc& d : *docs_back) EXPECT_EQ(d.signature.size(), kSignatureSize);
    // Export formats read back.
    EXPECT_EQ(EventsCsv(*events).substr(0, 15), "id,type,mode,st");
    Json geo = Json::parse(EventsGeoJson(*events));
    EXPECT_EQ(geo["features"].size(), 1u);
    EXPECT_EQ(geo["features"][0]["geometry"]["coordinates"][0], -75);
    Json plover = Json::parse(EventPlover((*events)[0]));
    EXPECT_EQ(plover["event_type"], "ASSAULT");
    EXPECT_EQ(plover["dead"], 3);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vigil
