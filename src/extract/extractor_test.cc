// The extractor on whole sentences with the real resource file, and a
// property test: on any text, every span and index it returns is valid.

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <random>

#include "extract/matcher.h"
#include "vigil/extract.h"

namespace vigil {
namespace {

const Resources* LoadedResources() {
  static std::unique_ptr<Resources> res = [] {
    auto r = Resources::LoadDefault();
    return r.ok() ? std::move(r.value()) : nullptr;
  }();
  return res.get();
}

Mentions ExtractText(const std::string& text, const std::string& published, Document* doc) {
  doc->text.clear();
  doc->blocks.clear();
  doc->meta.published = published;
  doc->AppendBlock(BlockKind::kBody, text);
  Annotated a;
  Annotate(doc->text, doc->blocks, &a);
  Mentions m;
  Extractor(LoadedResources()).Extract(*doc, a, &m);
  return m;
}

#define NEED_RESOURCES()                                                  \
  if (!LoadedResources()) GTEST_SKIP() << "vigil.res not found (build it)"

TEST(Extractor, FiguresBeyondBeliefAreNotBound) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText("A strike on Monday killed 10,000,000,000,000 people, the ministry claimed.",
                           "2025-11-03", &doc);
  ASSERT_EQ(m.events.size(), 1u);
  EXPECT_FALSE(m.events[0].killed.has_value());
  EXPECT_FALSE(m.quantities.empty());  // still listed, with its span
  // Once an int overflow (undefined behaviour): hostile_input_test.sh.
  m = ExtractText("99999999999 sources said a strike killed 2 people.", "2025-11-03", &doc);
  ASSERT_EQ(m.events.size(), 1u);
  ASSERT_TRUE(m.events[0].killed.has_value());
  EXPECT_EQ(m.events[0].killed->value, 2);
  EXPECT_GE(m.events[0].attribution.anonymous_sources, 0);
}

TEST(Extractor, WeekendStrikeFromTheSeedStory) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "The latest was carried out in the Caribbean Sea over the weekend against an "
      "undisclosed terrorist organization, and Secretary of War Pete Hegseth announced "
      "that three people were taken out in the strike.",
      "2025-11-03", &doc);
  ASSERT_EQ(m.events.size(), 1u);
  const EventMention& e = m.events[0];
  EXPECT_EQ(e.type, "ASSAULT");
  EXPECT_EQ(e.status, EventStatus::kOccurred);
  EXPECT_FALSE(e.running_total);
  ASSERT_TRUE(e.killed.has_value());
  EXPECT_EQ(e.killed->value, 3);
  ASSERT_GE(e.place, 0);
  EXPECT_EQ(m.places[e.place].kind, "sea");
  ASSERT_GE(e.time, 0);
  EXPECT_EQ(m.times[e.time].start, "2025-11-01");
  EXPECT_EQ(m.times[e.time].end, "2025-11-02");
  EXPECT_EQ(e.attribution.speaker_id, "pete-hegseth");
  EXPECT_EQ(e.attribution.role, "Secretary of War");
}

TEST(Extractor, CountryBeforeTheEventNounIsTheActorNotThePlace) {
  NEED_RESOURCES();
  Document doc;
  // "in US strike": "in" looks locative, but "US" modifies "strike".
  Mentions m = ExtractText("Four killed in US strike on boat off Venezuela, Hegseth says.",
                           "2025-10-03", &doc);
  ASSERT_FALSE(m.events.empty());
  const EventMention& e = m.events[0];
  ASSERT_GE(e.place, 0);
  EXPECT_EQ(m.places[e.place].country, "VE");
  m = ExtractText("Two people died in Mexican military raids in Sinaloa on Tuesday.", "2025-10-03",
                  &doc);
  ASSERT_FALSE(m.events.empty());
  ASSERT_GE(m.events[0].place, 0);
  EXPECT_EQ(m.places[m.events[0].place].kind, "region");
  // A country after a locative word, not before an event noun, is a place.
  m = ExtractText("A strike in Venezuela killed three people on Monday.", "2025-10-03", &doc);
  ASSERT_FALSE(m.events.empty());
  ASSERT_GE(m.events[0].place, 0);
  EXPECT_EQ(m.places[m.events[0].place].country, "VE");
}

TEST(Extractor, PerStrikeTollTimesTheStrikes) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "The U.S. military carried out two strikes on two boats in the eastern Pacific on "
      "Sunday, killing three people on each, Hegseth said.",
      "2025-11-10", &doc);
  ASSERT_FALSE(m.events.empty());
  ASSERT_TRUE(m.events[0].killed.has_value());
  EXPECT_EQ(m.events[0].killed->value, 6);
  // The quantity itself still reads three, with its own span.
  EXPECT_EQ(m.quantities[m.events[0].killed->quantity].value, 3);
  // Without "each", or with one strike, nothing is multiplied.
  m = ExtractText("Two strikes on Sunday killed three people, Hegseth said.", "2025-11-10", &doc);
  ASSERT_FALSE(m.events.empty());
  ASSERT_TRUE(m.events[0].killed.has_value());
  EXPECT_EQ(m.events[0].killed->value, 3);
}

TEST(Extractor, OfficialsWhoAnnounceAStrikeAreNotItsTargets) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "The U.S. military struck a boat off Venezuela on Friday, killing four people, "
      "Secretary of War Pete Hegseth said, adding that President Donald Trump ordered it.",
      "2025-10-03", &doc);
  ASSERT_FALSE(m.events.empty());
  for (const EventMention& e : m.events)
    for (int t : e.targets) EXPECT_NE(m.actors[t].kind, "person") << m.actors[t].name;
  // Someone the strike was aimed at, in its own clause, still is one.
  m = ExtractText("A drone strike on Tuesday targeted cartel commander Rafael Ordaz Bermejo.",
                  "2025-10-03", &doc);
  bool person = false;
  for (const EventMention& e : m.events)
    for (int t : e.targets) person |= m.actors[t].kind == "person";
  bool named = false;
  for (const ActorMention& a : m.actors) named |= a.kind == "person";
  EXPECT_EQ(person, named);  // a target whenever the name is recognised as a person
}

TEST(Extractor, ATotalsOwnFiguresAreMarked) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText("Another US strike on a boat off the coast of Venezuela; toll rises to 8.",
                           "2025-09-07", &doc);
  bool total = false;
  for (const EventMention& e : m.events)
    if (e.killed && e.killed->value == 8) total = e.running_total && e.total_figures;
  EXPECT_TRUE(total);
  // One strike's toll beside a campaign count stays the strike's.
  m = ExtractText("The strike killed six men, in the 10th attack since early September.",
                  "2025-10-15", &doc);
  ASSERT_FALSE(m.events.empty());
  EXPECT_FALSE(m.events[0].total_figures);
}

TEST(Extractor, CampaignReferencesAreGeneric) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "In a closed-door briefing on Thursday, administration lawyers told lawmakers that the "
      "strikes did not amount to hostilities.",
      "2025-10-30", &doc);
  for (const EventMention& e : m.events)
    if (e.type == "ASSAULT") {
      EXPECT_TRUE(e.generic);
    }
  // With a date of its own, or a figure, "the strikes" are events.
  m = ExtractText("The lone survivor of the Oct. 27 strikes in the eastern Pacific was never found.",
                  "2025-11-02", &doc);
  for (const EventMention& e : m.events)
    if (e.type == "ASSAULT") {
      EXPECT_FALSE(e.generic);
    }
  m = ExtractText("The strikes on Sunday killed six people.", "2025-11-10", &doc);
  ASSERT_FALSE(m.events.empty());
  EXPECT_FALSE(m.events[0].generic);
}

TEST(Extractor, AStatementsDateAndClaimDoNotBecomeTheStrikes) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "Mexican President Claudia Sheinbaum on Sunday denied that the boat struck by the U.S. "
      "military on Tuesday night was carrying drugs.",
      "2025-10-19", &doc);
  bool found = false;
  for (const EventMention& e : m.events) {
    if (e.type != "ASSAULT") continue;
    found = true;
    EXPECT_EQ(e.status, EventStatus::kOccurred);
    ASSERT_GE(e.time, 0);
    EXPECT_EQ(m.times[e.time].start, "2025-10-14");
  }
  EXPECT_TRUE(found);
}

TEST(Extractor, ADatelinesDateIsWhenTheReportWasFiled) {
  NEED_RESOURCES();
  Document doc;
  // The weekday and "the weekend" date the strikes, not the dateline.
  Mentions m = ExtractText(
      "SAN DIEGO, Calif., Oct 5 (Reuters) - U.S. forces carried out a lethal strike on a vessel "
      "in the Caribbean late Wednesday, leaving two dead, according to Hegseth.",
      "2025-10-05", &doc);
  ASSERT_FALSE(m.events.empty());
  ASSERT_GE(m.events[0].time, 0);
  EXPECT_EQ(m.times[m.events[0].time].start, "2025-10-01");
  m = ExtractText(
      "WASHINGTON, Sept. 8 \xe2\x80\x94 The U.S. military struck a boat off the coast of "
      "Venezuela over the weekend, killing two people aboard, Trump said.",
      "2025-09-08", &doc);
  ASSERT_FALSE(m.events.empty());
  ASSERT_GE(m.events[0].time, 0);
  EXPECT_EQ(m.times[m.events[0].time].start, "2025-09-06");
  // Nor does a dateline's country act.
  m = ExtractText(
      "PORT OF SPAIN, Trinidad (AP) \xe2\x80\x94 President Trump said the military had struck "
      "a suspected drug boat off Venezuela's northern coast late Sunday, leaving three dead.",
      "2025-09-15", &doc);
  ASSERT_FALSE(m.events.empty());
  for (int a : m.events[0].actors) EXPECT_NE(m.actors[a].country, "TTO");
  // With no other time in the sentence, the dateline's date is kept.
  m = ExtractText("MEXICO CITY, Nov. 3 (AP) - A drone strike hit a ranch in Michoac\xc3\xa1n, "
                  "killing four, officials said.",
                  "2025-11-03", &doc);
  ASSERT_FALSE(m.events.empty());
  ASSERT_GE(m.events[0].time, 0);
  EXPECT_EQ(m.times[m.events[0].time].start, "2025-11-03");
}

TEST(Extractor, WhereSurvivorsWereTakenIsNotWhereTheStrikeWas) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "Two survivors of an October strike were repatriated to Colombia and Ecuador rather than "
      "detained.",
      "2025-11-20", &doc);
  for (const EventMention& e : m.events) {
    if (e.type == "ASSAULT") {
      EXPECT_EQ(e.place, -1) << m.places[e.place].name;
    }
  }
  // A strike itself sent somewhere is placed there.
  m = ExtractText("The Pentagon expanded its strikes to the eastern Pacific on Tuesday.",
                  "2025-10-22", &doc);
  bool placed = false;
  for (const EventMention& e : m.events)
    placed |= e.type == "ASSAULT" && e.place >= 0;
  EXPECT_TRUE(placed);
}

TEST(Extractor, TheStrikersOwnShipIsNotAVesselHit) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText("The most recent strike was launched from a warship, an official said.",
                           "2025-10-25", &doc);
  ASSERT_FALSE(m.events.empty());
  EXPECT_FALSE(m.events[0].vessels.has_value());
  EXPECT_TRUE(m.events[0].target_things.empty());
  // Warships still count in a deployment.
  m = ExtractText("The Pentagon sent eight warships and a submarine to the Caribbean.",
                  "2025-09-04", &doc);
  ASSERT_FALSE(m.events.empty());
  EXPECT_EQ(m.events[0].type, "MOBILIZE");
  ASSERT_TRUE(m.events[0].vessels.has_value());
  EXPECT_EQ(m.events[0].vessels->value, 8);
}

TEST(Extractor, SpanishPlacesAfterAnArticle) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "El ej\xc3\xa9rcito de Estados Unidos atac\xc3\xb3 una lancha en el Pac\xc3\xad" "fico "
      "oriental el martes, con un saldo de dos muertos.",
      "2025-11-05", &doc);
  ASSERT_FALSE(m.events.empty());
  ASSERT_GE(m.events[0].place, 0);
  EXPECT_EQ(m.places[m.events[0].place].place_id, "sea:eastern-pacific");
}

TEST(Extractor, AnOutletsNameIsNoPlace) {
  NEED_RESOURCES();
  Document doc;
  // "Gulf" alone names no place (not Papua New Guinea's Gulf Province).
  Mentions m = ExtractText(
      "A U.S. strike on Tuesday on a boat killed two people, according to Gulf Coast Courier.",
      "2025-11-04", &doc);
  for (const PlaceMention& p : m.places) EXPECT_NE(p.name, "Gulf Province");
}

TEST(Extractor, MissingAndPresumedDeadAreNotKilled) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "Two crew members are presumed dead after the strike on Tuesday killed three others.",
      "2025-11-02", &doc);
  ASSERT_FALSE(m.events.empty());
  ASSERT_TRUE(m.events[0].killed.has_value());
  EXPECT_EQ(m.events[0].killed->value, 3);
  ASSERT_TRUE(m.events[0].missing.has_value());
  EXPECT_EQ(m.events[0].missing->value, 2);
  m = ExtractText("One person remains missing after the strike on Tuesday.", "2025-11-02", &doc);
  ASSERT_FALSE(m.events.empty());
  EXPECT_FALSE(m.events[0].killed.has_value());
  ASSERT_TRUE(m.events[0].missing.has_value());
  EXPECT_EQ(m.events[0].missing->value, 1);
}

TEST(Extractor, PlannedIsNeverOccurred) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "The mission is in early stages but plans would include ground operations inside "
      "Mexico and drone strikes on drug labs and cartel leaders, four sources familiar with "
      "the effort told NBC News.",
      "2025-11-03", &doc);
  bool drone = false;
  for (const EventMention& e : m.events) {
    EXPECT_NE(e.status, EventStatus::kOccurred) << e.type;
    if (e.type == "ASSAULT") {
      drone = true;
      EXPECT_EQ(e.mode, "drone");
      EXPECT_EQ(e.status, EventStatus::kPlanned);
      EXPECT_EQ(e.attribution.anonymous_sources, 4);
      EXPECT_EQ(e.attribution.outlet_cited, "NBC News");
    }
  }
  EXPECT_TRUE(drone);
}

TEST(Extractor, TallyIsNotAnIncident) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText("So far 64 people have been killed in the 15 strikes that began in early "
                   "September.",
                   "2025-11-03", &doc);
  ASSERT_EQ(m.events.size(), 1u);
  EXPECT_TRUE(m.events[0].running_total);
  ASSERT_TRUE(m.events[0].killed && m.events[0].count);
  EXPECT_EQ(m.events[0].killed->value, 64);
  EXPECT_EQ(m.events[0].count->value, 15);
  EXPECT_EQ(m.events[0].time, -1);  // "since early September" is the scope
}

TEST(Extractor, TheFirstStrikesTallyIsATally) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "The U.S. has now carried out one strike that has destroyed one boat and killed at least "
      "6 people.",
      "2025-09-04", &doc);
  ASSERT_EQ(m.events.size(), 1u);
  EXPECT_TRUE(m.events[0].running_total);
  // One strike that killed six, without the frame, is an incident.
  m = ExtractText("One strike killed six people on Tuesday.", "2025-09-04", &doc);
  ASSERT_EQ(m.events.size(), 1u);
  EXPECT_FALSE(m.events[0].running_total);
}

TEST(Extractor, SendingPeopleIsHandingThemOver) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "Mexico on Thursday sent 29 people accused of drug trafficking to the United States.",
      "2025-02-28", &doc);
  bool coerce = false;
  for (const EventMention& e : m.events) {
    EXPECT_NE(e.type, "MOBILIZE");
    if (e.type != "COERCE") continue;
    coerce = true;
    EXPECT_EQ(e.mode, "extradite");
    ASSERT_TRUE(e.count.has_value());
    EXPECT_EQ(e.count->value, 29);
  }
  EXPECT_TRUE(coerce);
  m = ExtractText("Mexico also sent 10,000 National Guard members to its northern border.",
                  "2025-02-28", &doc);
  ASSERT_FALSE(m.events.empty());
  EXPECT_EQ(m.events[0].type, "MOBILIZE");
  ASSERT_TRUE(m.events[0].troops.has_value());
  EXPECT_EQ(m.events[0].troops->value, 10000);
  // Spanish: "envió" and thousands grouped with dots.
  m = ExtractText("En febrero M\xc3\xa9xico envi\xc3\xb3 10.000 elementos de la Guardia Nacional a "
                  "la frontera.",
                  "2025-02-28", &doc);
  ASSERT_FALSE(m.events.empty());
  EXPECT_EQ(m.events[0].type, "MOBILIZE");
  ASSERT_TRUE(m.events[0].troops.has_value());
  EXPECT_EQ(m.events[0].troops->value, 10000);
  m = ExtractText("Two survivors of the strike were sent home to Colombia.", "2025-10-20", &doc);
  for (const EventMention& e : m.events) EXPECT_NE(e.type, "MOBILIZE");
}

TEST(Extractor, ARejectionOfTheFutureIsMadeNow) {
  NEED_RESOURCES();
  Document doc;
  for (const char* text : {"Sheinbaum said Mexico would not accept any U.S. military intervention.",
                           "Mexico's president says her country will not accept foreign troops."}) {
    Mentions m = ExtractText(text, "2025-11-03", &doc);
    bool reject = false;
    for (const EventMention& e : m.events) {
      if (e.type != "REJECT") continue;
      reject = true;
      EXPECT_EQ(e.status, EventStatus::kOccurred) << text;
    }
    EXPECT_TRUE(reject) << text;
  }
}

TEST(Extractor, SpeakersOfPostsAndAppositives) {
  NEED_RESOURCES();
  Document doc;
  for (const char* text :
       {"The U.S. military struck a boat in the eastern Pacific on Wednesday, killing four "
        "people, Secretary of War Pete Hegseth said on X.",
        "A U.S. strike on a boat in the Caribbean on Monday killed four men, Pete Hegseth wrote "
        "on X.",
        "The Pentagon chief, Pete Hegseth, said late Wednesday that U.S. forces had destroyed a "
        "boat."}) {
    Mentions m = ExtractText(text, "2025-11-05", &doc);
    ASSERT_FALSE(m.events.empty()) << text;
    EXPECT_EQ(m.events[0].attribution.speaker, "Pete Hegseth") << text;
  }
}

TEST(Extractor, NoPublicationDateKeepsRelativeDatesOpen) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText("The U.S. military struck a boat in the Caribbean on Thursday, killing two.",
                   "", &doc);
  ASSERT_EQ(m.events.size(), 1u);
  ASSERT_GE(m.events[0].time, 0);
  EXPECT_TRUE(m.times[m.events[0].time].start.empty());
}

void ExpectValid(const Document& doc, const Mentions& m) {
  const uint32_t n = static_cast<uint32_t>(doc.text.size());
  auto ok = [&](Span s) { return s.begin <= s.end && s.end <= n; };
  for (const ActorMention& a : m.actors) EXPECT_TRUE(a.implied || ok(a.span));
  for (const PlaceMention& p : m.places) EXPECT_TRUE(ok(p.span));
  for (const Quantity& q : m.quantities) EXPECT_TRUE(ok(q.span) && ok(q.number));
  for (const TimeExpr& t : m.times) EXPECT_TRUE(ok(t.span));
  for (const EventMention& e : m.events) {
    EXPECT_TRUE(ok(e.span) && ok(e.trigger) && ok(e.status_cue) && ok(e.attribution.span));
    EXPECT_TRUE(e.place < static_cast<int>(m.places.size()));
    EXPECT_TRUE(e.time < static_cast<int>(m.times.size()));
    for (int a : e.actors) EXPECT_TRUE(a >= 0 && a < static_cast<int>(m.actors.size()));
    for (int a : e.targets) EXPECT_TRUE(a >= 0 && a < static_cast<int>(m.actors.size()));
    for (int q : e.quantities) EXPECT_TRUE(q >= 0 && q < static_cast<int>(m.quantities.size()));
  }
  // The JSON form is produced for anything extracted.
  EXPECT_FALSE(MentionsToJson(doc, 0, m).empty());
}

TEST(Extractor, DesignatedAsAVerbDesignates) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "The deployment comes after the administration designated Venezuela's Cartel de los "
      "Soles a foreign terrorist organization, a move officials said would give the military "
      "new options.",
      "2025-11-10", &doc);
  const EventMention* designation = nullptr;
  for (const EventMention& e : m.events)
    if (e.type == "SANCTION") designation = &e;
  ASSERT_NE(designation, nullptr);
  EXPECT_EQ(designation->mode, "designate");
  EXPECT_EQ(designation->attribution.speaker, "officials");
  // The adjective designates nothing.
  m = ExtractText("Hegseth said the boat was operated by a designated terrorist organization.",
                  "2025-11-10", &doc);
  for (const EventMention& e : m.events) EXPECT_NE(e.type, "SANCTION");
  m = ExtractText("The strikes target vessels of designated narco-terrorist groups.", "2025-11-10",
                  &doc);
  for (const EventMention& e : m.events) EXPECT_NE(e.type, "SANCTION");
}

TEST(Extractor, AHeadlinesNameBeforeAColonSpeaks) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText("Hegseth: Two strikes kill 6 aboard alleged drug boats in Pacific",
                           "2025-12-05", &doc);
  ASSERT_FALSE(m.events.empty());
  EXPECT_EQ(m.events[0].attribution.speaker, "Pete Hegseth");
  // A list item's date before the colon is no speaker.
  m = ExtractText("Oct. 27: Three strikes kill 14 in the eastern Pacific.", "2025-12-05", &doc);
  ASSERT_FALSE(m.events.empty());
  EXPECT_EQ(m.events[0].attribution.speaker, "");
}

TEST(Extractor, APassivesAgentActs) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "Mexican President Claudia Sheinbaum on Tuesday denied that the boat struck by the U.S. "
      "military on October 14 was carrying drugs.",
      "2025-10-21", &doc);
  const EventMention* strike = nullptr;
  for (const EventMention& e : m.events)
    if (e.type == "ASSAULT") strike = &e;
  ASSERT_NE(strike, nullptr);
  ASSERT_EQ(strike->actors.size(), 1u);
  EXPECT_EQ(m.actors[strike->actors[0]].country, "USA");
}


const EventMention* FirstOfType(const Mentions& m, const std::string& type) {
  for (const EventMention& e : m.events)
    if (e.type == type) return &e;
  return nullptr;
}

TEST(Extractor, KillingAPersonIsOneDead) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "Petro said a U.S. strike in the Caribbean last month killed a Colombian fisherman.",
      "2025-10-20", &doc);
  const EventMention* strike = FirstOfType(m, "ASSAULT");
  ASSERT_NE(strike, nullptr);
  ASSERT_TRUE(strike->killed.has_value());
  EXPECT_EQ(strike->killed->value, 1);
  // One of the dead, not the toll.
  EXPECT_EQ(strike->killed->qualifier, Qualifier::kAtLeast);
  // The figure keeps its words: "a Colombian fisherman".
  const Quantity& q = m.quantities[strike->killed->quantity];
  EXPECT_EQ(doc.text.substr(q.span.begin, q.span.end - q.span.begin), "a Colombian fisherman");
  // An article before a thing is no count of the dead.
  m = ExtractText("The strike killed a suspected smuggling route's main courier boat.", "2025-10-20",
                  &doc);
  strike = FirstOfType(m, "ASSAULT");
  ASSERT_NE(strike, nullptr);
  EXPECT_FALSE(strike->killed.has_value());
}

TEST(Extractor, CallingOffASearchAndHaltingAidAreNoRetreat) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "Mexico's navy said it had suspended its search for a survivor of Monday's strikes.",
      "2025-10-29", &doc);
  EXPECT_EQ(FirstOfType(m, "RETREAT"), nullptr);
  // Whoever searched for a survivor did not carry out the strikes.
  const EventMention* strike = FirstOfType(m, "ASSAULT");
  ASSERT_NE(strike, nullptr);
  EXPECT_TRUE(strike->actors.empty());
  m = ExtractText("Two strikes kill 6 in Pacific; survivor search called off", "2025-12-05", &doc);
  EXPECT_EQ(FirstOfType(m, "RETREAT"), nullptr);
  m = ExtractText("Trump said Washington would halt all aid payments to Colombia.", "2025-10-20",
                  &doc);
  EXPECT_EQ(FirstOfType(m, "RETREAT"), nullptr);
  EXPECT_EQ(FirstOfType(m, "AID"), nullptr);
  EXPECT_NE(FirstOfType(m, "SANCTION"), nullptr);
}

TEST(Extractor, AHedgeOnTheBoatDoesNotHedgeTheStrike) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "Hegseth anunció este jueves un nuevo ataque contra una embarcación presuntamente dedicada "
      "al narcotráfico en el mar Caribe, en el que murieron tres personas.",
      "2025-11-07", &doc);
  const EventMention* strike = FirstOfType(m, "ASSAULT");
  ASSERT_NE(strike, nullptr);
  EXPECT_EQ(strike->status, EventStatus::kOccurred);
  // "apparently" before the verb still hedges it.
  m = ExtractText("The military apparently struck a boat on Monday.", "2025-11-07", &doc);
  strike = FirstOfType(m, "ASSAULT");
  ASSERT_NE(strike, nullptr);
  EXPECT_EQ(strike->status, EventStatus::kUnclear);
}

TEST(Extractor, AnAnnouncementsDayBoundsTheStrike) {
  NEED_RESOURCES();
  Document doc;
  // "announced the attack on Saturday": Saturday is when it was announced.
  Mentions m = ExtractText(
      "Hegseth announced the attack on Saturday in a post on X, killing three people.", "2025-11-16",
      &doc);
  const EventMention* strike = FirstOfType(m, "ASSAULT");
  ASSERT_NE(strike, nullptr);
  ASSERT_GE(strike->time, 0);
  EXPECT_EQ(m.times[strike->time].start, "2025-11-15");
  EXPECT_TRUE(strike->time_of_statement);
  // The strike's own day is not the announcement's.
  m = ExtractText("The military struck a boat on Saturday, killing three people.", "2025-11-16",
                  &doc);
  strike = FirstOfType(m, "ASSAULT");
  ASSERT_NE(strike, nullptr);
  EXPECT_FALSE(strike->time_of_statement);
}
TEST(Extractor, AnAnnouncedIntentionIsPlannedAndNotImminentIsNotDenied) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText("The Pentagon said in August it would deploy more than 4,000 Marines.",
                           "2025-09-03", &doc);
  const EventMention* e = FirstOfType(m, "MOBILIZE");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, EventStatus::kPlanned);
  // A condition keeps it a supposition.
  m = ExtractText("Officials said the Pentagon would deploy more Marines if Congress agreed.",
                  "2025-09-03", &doc);
  e = FirstOfType(m, "MOBILIZE");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, EventStatus::kHypothetical);
  m = ExtractText("It is in its early stages and no deployment is imminent, they said.",
                  "2025-11-04", &doc);
  e = FirstOfType(m, "MOBILIZE");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, EventStatus::kPlanned);
  EXPECT_FALSE(e->negated);
}

TEST(Extractor, TheSept2AttackIsDatedByItsOwnDate) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText("The Pentagon has said the Sept. 2 attack killed 11 people.", "2025-11-28",
                           &doc);
  const EventMention* e = FirstOfType(m, "ASSAULT");
  ASSERT_NE(e, nullptr);
  ASSERT_GE(e->time, 0);
  EXPECT_EQ(m.times[e->time].start, "2025-09-02");
  EXPECT_FALSE(e->time_of_statement);
  ASSERT_TRUE(e->killed.has_value());
  EXPECT_EQ(e->killed->value, 11);
  // Killed, then a relative clause about surviving: killed.
  m = ExtractText("A second strike killed two men who had survived the initial blast.",
                  "2025-11-28", &doc);
  e = FirstOfType(m, "ASSAULT");
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->killed.has_value());
  EXPECT_EQ(e->killed->value, 2);
  EXPECT_FALSE(e->survivors.has_value());
}

TEST(Extractor, ATollPerStrikeCountedElsewhereIsNoToll) {
  NEED_RESOURCES();
  Document doc;
  // After "two more lethal strikes ..., killing six people".
  Mentions m = ExtractText("Three people were killed in each strike, Hegseth wrote on X.",
                           "2025-12-05", &doc);
  const EventMention* e = FirstOfType(m, "ASSAULT");
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(e->killed.has_value());
  EXPECT_FALSE(m.quantities.empty());  // the figure is still listed, with its span
}

TEST(Extractor, OneStrikeHereAndAnotherThereAreTwoMentions) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "The U.S. military carried out two strikes on Sunday, one in the Caribbean that killed three "
      "people and another in the eastern Pacific that killed two more, Hegseth said.",
      "2025-11-10", &doc);
  std::vector<const EventMention*> strikes;
  for (const EventMention& e : m.events)
    if (e.type == "ASSAULT") strikes.push_back(&e);
  ASSERT_EQ(strikes.size(), 2u);
  EXPECT_EQ(strikes[0]->group, strikes[1]->group);
  ASSERT_TRUE(strikes[0]->killed && strikes[1]->killed);
  EXPECT_EQ(strikes[0]->killed->value, 3);
  EXPECT_EQ(strikes[1]->killed->value, 2);
  ASSERT_GE(strikes[0]->place, 0);
  ASSERT_GE(strikes[1]->place, 0);
  EXPECT_EQ(m.places[strikes[0]->place].place_id, "sea:caribbean");
  EXPECT_EQ(m.places[strikes[1]->place].place_id, "sea:eastern-pacific");
  for (const EventMention* e : strikes) EXPECT_FALSE(e->count.has_value());
  // Without a second part, one mention of two strikes.
  m = ExtractText("The military carried out two strikes in the Caribbean on Sunday, killing six.",
                  "2025-11-10", &doc);
  int n = 0;
  for (const EventMention& e : m.events) n += e.type == "ASSAULT";
  EXPECT_EQ(n, 1);
}

TEST(Extractor, AccusedOfDescribesAndDoesNotSpeak) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "Many analysts describe it as a loose label for officials accused of profiting from drug "
      "trafficking.",
      "2025-11-24", &doc);
  for (const EventMention& e : m.events) EXPECT_TRUE(e.attribution.speaker.empty()) << e.type;
  m = ExtractText("Petro accused the United States of murder.", "2025-11-24", &doc);
  const EventMention* e = FirstOfType(m, "ACCUSE");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->attribution.speaker, "Gustavo Petro");
}

TEST(Extractor, ADesignationWithALongObject) {
  NEED_RESOURCES();
  Document doc;
  Mentions m = ExtractText(
      "The State Department on Monday formally designated Cartel de los Soles, a group Washington "
      "says is led by Venezuelan President Nicolas Maduro, as a foreign terrorist organization.",
      "2025-11-24", &doc);
  const EventMention* e = FirstOfType(m, "SANCTION");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->mode, "designate");
}

TEST(Extractor, AnyTextGivesValidSpans) {
  NEED_RESOURCES();
  static const char* kWords[] = {
      "The", "U.S.", "military", "struck", "a", "boat", "in", "the", "Caribbean", "on",
      "Thursday", ",", "killing", "three", "people", "Hegseth", "said", ".", "at least", "64",
      "strikes", "since", "early", "September", "Nov.", "6", "would", "not", "drone",
      "Mexico", "Mexican", "Sheinbaum", "rejected", "“", "”", "(", ")", "—", "10,000",
      "troops", "survivor", "15th", "over the weekend", "so far", "if", "planned", "Culiacán",
      "\xE2\x80\x99s", "según", "ataque", "\xF0\x9F\x98\x80", "\xFF", "told", "NBC News",
      "sources", "2025", "Oct. 27:", "\n", "dozens of", "between", "and"};
  std::mt19937 rng(7);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    int n = 1 + static_cast<int>(rng() % 80);
    for (int i = 0; i < n; ++i) {
      text += kWords[rng() % (sizeof(kWords) / sizeof(kWords[0]))];
      text += (rng() % 5 == 0) ? "" : " ";
    }
    Document doc;
    Mentions m = ExtractText(text, round % 3 ? "2025-11-03" : "", &doc);
    ExpectValid(doc, m);
  }
}

// The phrase matcher: the word-trie walk and the key-by-key path (taken when
// a folded token holds a space) find the same phrases.
// A sentence of the given (text, folded) tokens, laid out one space apart.
SentenceView Sentence(const std::vector<std::pair<std::string, std::string>>& words,
                      std::string* text) {
  SentenceView sv;
  text->clear();
  size_t bytes = 0;
  for (const auto& w : words) bytes += w.second.size();
  sv.norms.resize(bytes);
  size_t used = 0;
  for (const auto& [t, f] : words) {
    if (!text->empty()) *text += ' ';
    Tok tok;
    tok.begin = static_cast<uint32_t>(text->size());
    *text += t;
    tok.end = static_cast<uint32_t>(text->size());
    std::copy(f.begin(), f.end(), sv.norms.begin() + used);
    tok.norm = Word(std::string_view(sv.norms.data() + used, f.size()));
    used += f.size();
    tok.kind = TokenKind::kWord;
    tok.flags = !t.empty() && t[0] >= 'A' && t[0] <= 'Z' ? kTokCapitalized : 0;
    sv.toks.push_back(tok);
  }
  for (Tok& tok : sv.toks) tok.text = std::string_view(*text).substr(tok.begin, tok.end - tok.begin);
  return sv;
}

TEST(Matcher, WordWalkAndKeysAgree) {
  const Resources* res = LoadedResources();
  if (!res) GTEST_SKIP() << "vigil.res not found (build it)";
  std::string text1, text2;
  // "the Eastern Pacific" as three tokens (the trie walk) ...
  SentenceView split = Sentence({{"Strikes", "strikes"}, {"in", "in"}, {"the", "the"},
                                 {"Eastern", "eastern"}, {"Pacific", "pacific"}},
                                &text1);
  // ... and with one token whose folded form holds a space (a no-break
  // space in the text): the keys are built, "eastern pacific" still matches.
  SentenceView joined = Sentence({{"Strikes", "strikes"}, {"in", "in"}, {"the", "the"},
                                  {"Eastern\xC2\xA0Pacific", "eastern pacific"}},
                                 &text2);
  std::vector<LexMatch> a, b;
  std::vector<PhraseHit> ha, hb;
  MatchPhrases(split, *res, &a, &ha);
  MatchPhrases(joined, *res, &b, &hb);
  auto find_entity = [](const std::vector<LexMatch>& ms, size_t first, size_t last) {
    for (const LexMatch& m : ms)
      if (m.layer == MatchLayer::kEntity && m.first == first && m.last == last) return &m;
    return static_cast<const LexMatch*>(nullptr);
  };
  const LexMatch* sea_a = find_entity(a, 3, 4);
  const LexMatch* sea_b = find_entity(b, 3, 3);
  ASSERT_NE(sea_a, nullptr);
  ASSERT_NE(sea_b, nullptr);
  ASSERT_EQ(sea_a->hits.size(), sea_b->hits.size());
  for (size_t k = 0; k < sea_a->hits.size(); ++k) {
    EXPECT_EQ(sea_a->hits[k].kind, sea_b->hits[k].kind);
    EXPECT_EQ(sea_a->hits[k].index, sea_b->hits[k].index);
  }
  // The trigger is found either way.
  bool trig_a = false, trig_b = false;
  for (const LexMatch& m : a) trig_a |= m.layer == MatchLayer::kTrigger && m.first == 0;
  for (const LexMatch& m : b) trig_b |= m.layer == MatchLayer::kTrigger && m.first == 0;
  EXPECT_TRUE(trig_a);
  EXPECT_TRUE(trig_b);
}

}  // namespace
}  // namespace vigil
