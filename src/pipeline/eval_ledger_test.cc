// Merge quality of a ledger against gold reports (docs/EVENTS.md,
// "Evaluation"): the B-cubed and pairwise scores and the assignment of
// (document, gold event) items to ledger events.

#include <gtest/gtest.h>

#include <algorithm>

#include "vigil/eval.h"

namespace vigil {
namespace {

// Items for gold events of the given sizes, each predicted in its own gold
// event (a perfect ledger).
std::vector<MergeItem> Perfect(const std::vector<int>& sizes) {
  std::vector<MergeItem> items;
  for (size_t g = 0; g < sizes.size(); ++g)
    for (int i = 0; i < sizes[g]; ++i)
      items.push_back({static_cast<int64_t>(g), static_cast<int64_t>(g), "doc"});
  return items;
}

TEST(ScoreMergesTest, PerfectLedgerScoresOne) {
  MergeScore s = ScoreMerges(Perfect({3, 2, 1}));
  EXPECT_EQ(s.items, 6);
  EXPECT_DOUBLE_EQ(s.bcubed_precision, 1.0);
  EXPECT_DOUBLE_EQ(s.bcubed_recall, 1.0);
  EXPECT_DOUBLE_EQ(s.bcubed_f1(), 1.0);
  EXPECT_EQ(s.gold_pairs, 3 + 1);
  EXPECT_EQ(s.predicted_pairs, s.gold_pairs);
  EXPECT_DOUBLE_EQ(s.pair_precision(), 1.0);
  EXPECT_DOUBLE_EQ(s.pair_recall(), 1.0);
}

TEST(ScoreMergesTest, SplitLowersRecallOnly) {
  std::vector<MergeItem> items = Perfect({3, 2});
  items[2].predicted = 7;  // the third report of event 0 sits in a duplicate
  MergeScore s = ScoreMerges(items);
  EXPECT_DOUBLE_EQ(s.bcubed_precision, 1.0);
  // Event 0's reports see 2/3, 2/3 and 1/3 of their gold group; event 1's
  // see all of theirs.
  EXPECT_DOUBLE_EQ(s.bcubed_recall, (2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1 + 1) / 5);
  EXPECT_DOUBLE_EQ(s.pair_precision(), 1.0);
  EXPECT_EQ(s.gold_pairs, 4);
  EXPECT_EQ(s.common_pairs, 2);  // (0,1) of event 0 and the pair of event 1
  EXPECT_LT(s.pair_recall(), 1.0);
}

TEST(ScoreMergesTest, MissedReportsLowerRecallEvenWhenAlone) {
  std::vector<MergeItem> items = Perfect({2, 2});
  items[0].predicted = -1;
  items[1].predicted = -1;  // both alone: two singletons, not one cluster
  MergeScore s = ScoreMerges(items);
  EXPECT_DOUBLE_EQ(s.bcubed_precision, 1.0);
  EXPECT_DOUBLE_EQ(s.bcubed_recall, (0.5 + 0.5 + 1 + 1) / 4);
  EXPECT_EQ(s.predicted_pairs, 1);
}

TEST(ScoreMergesTest, MergeLowersPrecisionOnly) {
  std::vector<MergeItem> items = Perfect({3, 2});
  for (MergeItem& item : items) item.predicted = 0;  // one event holds both strikes
  MergeScore s = ScoreMerges(items);
  EXPECT_DOUBLE_EQ(s.bcubed_recall, 1.0);
  EXPECT_DOUBLE_EQ(s.bcubed_precision, (3 * 3.0 / 5 + 2 * 2.0 / 5) / 5);
  EXPECT_EQ(s.predicted_pairs, 10);
  EXPECT_DOUBLE_EQ(s.pair_precision(), 4.0 / 10);
  EXPECT_DOUBLE_EQ(s.pair_recall(), 1.0);
}

TEST(ScoreMergesTest, NoItemsScoresOne) {
  MergeScore s = ScoreMerges({});
  EXPECT_EQ(s.items, 0);
  EXPECT_DOUBLE_EQ(s.bcubed_f1(), 1.0);
  EXPECT_DOUBLE_EQ(s.pair_precision(), 1.0);
}

EventRow Event(const std::string& date, const std::string& place) {
  EventRow e;
  e.date_start = e.date_end = date;
  e.date_precision = "day";
  e.place_id = place;
  return e;
}

// Two Pacific strikes a day apart and a Caribbean one; three outlets.
class AssignMergeItemsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    gold_ = {{"2025-10-21", "sea:eastern-pacific", 2, 1, {"a.txt", "tracker.txt"}},
             {"2025-10-22", "sea:eastern-pacific", 3, 1, {"b.txt", "tracker.txt"}},
             {"2025-11-01", "sea:caribbean", 3, 1, {"c.txt", "tracker.txt", "d.jsonl:2"}}};
  }
  MergeScore Score(const std::vector<int64_t>& matched) {
    items_ = AssignMergeItems(nullptr, gold_, matched, events_, members_);
    return ScoreMerges(items_);
  }
  void Member(int64_t event, const std::string& doc, const std::string& date,
              const std::string& place) {
    members_.push_back({event, doc, Event(date, place)});
  }
  // One event per strike, each holding its own report and its tracker item.
  void OneEventPerStrike() {
    events_ = {Event("2025-10-21", "sea:eastern-pacific"),
               Event("2025-10-22", "sea:eastern-pacific"), Event("2025-11-01", "sea:caribbean")};
    for (int64_t e = 0; e < 3; ++e) {
      const GoldLedgerEvent& g = gold_[static_cast<size_t>(e)];
      Member(e, g.reports[0], g.date, g.place);
      Member(e, "tracker.txt", g.date, g.place);
    }
  }
  std::vector<GoldLedgerEvent> gold_;
  std::vector<EventRow> events_;
  std::vector<LedgerMember> members_;
  std::vector<MergeItem> items_;
};

TEST_F(AssignMergeItemsTest, OneEventPerStrikeIsPerfect) {
  OneEventPerStrike();
  Member(2, "d.jsonl:2", "2025-10-31", "sea:caribbean");  // the wrong weekday
  MergeScore s = Score({0, 1, 2});
  ASSERT_EQ(s.items, 7);
  EXPECT_DOUBLE_EQ(s.bcubed_precision, 1.0);
  EXPECT_DOUBLE_EQ(s.bcubed_recall, 1.0);
}

TEST_F(AssignMergeItemsTest, SplitOffDuplicateLowersRecall) {
  OneEventPerStrike();
  events_.push_back(Event("2025-11-02", "sea:caribbean"));
  Member(3, "d.jsonl:2", "2025-11-02", "sea:caribbean");  // resolver kept it apart
  MergeScore s = Score({0, 1, 2});
  EXPECT_EQ(items_.back().predicted, 3);
  EXPECT_DOUBLE_EQ(s.bcubed_precision, 1.0);
  EXPECT_LT(s.bcubed_recall, 1.0);
  EXPECT_LT(s.pair_recall(), 1.0);
}

TEST_F(AssignMergeItemsTest, ReportInNoEventIsAlone) {
  OneEventPerStrike();
  // Neither the tracker nor d.jsonl:2 gave a mention that landed anywhere.
  members_.erase(std::remove_if(members_.begin(), members_.end(),
                                [](const LedgerMember& m) { return m.document == "tracker.txt"; }),
                 members_.end());
  MergeScore s = Score({0, 1, 2});
  int alone = 0;
  for (const MergeItem& item : items_) alone += item.predicted < 0;
  EXPECT_EQ(alone, 4);
  EXPECT_DOUBLE_EQ(s.bcubed_precision, 1.0);
  EXPECT_LT(s.bcubed_recall, 1.0);
}

TEST_F(AssignMergeItemsTest, EventThatSwallowedAnotherStrikeLowersPrecision) {
  // Event 0 holds both Pacific strikes: the Oct 22 report of b.txt and the
  // tracker's Oct 22 item went into it. Event 1 (Oct 22) exists but holds
  // nothing from these documents; a third Oct 22 report would be needed.
  OneEventPerStrike();
  events_[0].date_end = "2025-10-22";
  members_[2].event = members_[3].event = 0;  // b.txt and the tracker's Oct 22 item
  Member(1, "x.txt", "2025-10-22", "sea:eastern-pacific");
  Member(2, "d.jsonl:2", "2025-11-01", "sea:caribbean");
  MergeScore s = Score({0, 1, 2});
  for (const MergeItem& item : items_)
    if (item.gold == 1) {
      EXPECT_EQ(item.predicted, 0) << item.document;
    }
  EXPECT_LT(s.bcubed_precision, 1.0);
  EXPECT_DOUBLE_EQ(s.bcubed_recall, 1.0);
  EXPECT_LT(s.pair_precision(), 1.0);
}

TEST_F(AssignMergeItemsTest, SwallowedStrikeFarApartIsFoundByTheMembersOwnDate) {
  // The merged event keeps the Oct 21 date only; the Nov 1 report of c.txt
  // sits in it. The member's own date places it.
  events_ = {Event("2025-10-21", "sea:eastern-pacific"), Event("2025-10-22", "sea:eastern-pacific")};
  gold_[2].place = "";  // place unknown in gold: only the day decides
  Member(0, "a.txt", "2025-10-21", "sea:eastern-pacific");
  Member(0, "c.txt", "2025-11-01", "");
  Member(1, "b.txt", "2025-10-22", "sea:eastern-pacific");
  MergeScore s = Score({0, 1, -1});
  EXPECT_EQ(items_[4].document, "c.txt");
  EXPECT_EQ(items_[4].predicted, 0);
  EXPECT_LT(s.bcubed_precision, 1.0);
}

TEST_F(AssignMergeItemsTest, VagueMemberDateDoesNotPlaceAReport) {
  // "A strike in September" in a.txt, resolved into some other event, does
  // not stand for the Oct 21 strike.
  events_ = {Event("2025-10-21", "sea:eastern-pacific"), Event("2025-10-05", "sea:eastern-pacific")};
  EventRow month = Event("2025-10-01", "sea:eastern-pacific");
  month.date_end = "2025-10-31";
  month.date_precision = "month";
  members_.push_back({1, "a.txt", month});
  Member(0, "tracker.txt", "2025-10-21", "sea:eastern-pacific");
  Score({0, -1, -1});
  EXPECT_EQ(items_[0].document, "a.txt");
  EXPECT_EQ(items_[0].predicted, -1);
}

}  // namespace
}  // namespace vigil
