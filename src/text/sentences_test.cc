#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "vigil/document.h"
#include "vigil/text.h"

namespace vigil {
namespace {

std::vector<std::string> Sentences(std::string_view text,
                                   std::span<const Block> blocks = {}) {
  Annotated a;
  Annotate(text, blocks, &a);
  std::vector<std::string> out;
  for (const Sentence& s : a.sentences) out.emplace_back(s.In(text));
  return out;
}

struct SentenceCase {
  std::string_view name;
  std::string_view text;
  std::vector<std::string> expected;
};

void PrintTo(const SentenceCase& c, std::ostream* os) { *os << c.name; }

class SplitTable : public ::testing::TestWithParam<SentenceCase> {};

TEST_P(SplitTable, Sentences) {
  const SentenceCase& c = GetParam();
  EXPECT_EQ(Sentences(c.text), c.expected) << "input: " << c.text;
}

std::string CaseName(const ::testing::TestParamInfo<SentenceCase>& info) {
  return std::string(info.param.name);
}

const SentenceCase kAbbreviationCases[] = {
    {"UsMidSentence",
     "U.S. forces struck a boat. The strike killed three.",
     {"U.S. forces struck a boat.", "The strike killed three."}},
    {"UsEndsSentence",
     "The boat was bound for the U.S. The strike killed three.",
     {"The boat was bound for the U.S.", "The strike killed three."}},
    {"UsBeforeName",
     "The U.S. Navy said so. It declined to elaborate.",
     {"The U.S. Navy said so.", "It declined to elaborate."}},
    {"UsBeforeComma",
     "In Washington, D.C., officials met. They agreed.",
     {"In Washington, D.C., officials met.", "They agreed."}},
    {"DcEndsSentence",
     "They met in Washington, D.C. The talks failed.",
     {"They met in Washington, D.C.", "The talks failed."}},
    {"MonthDay",
     "The strike on Nov. 6 killed three. Another on Sept. 2 killed 11.",
     {"The strike on Nov. 6 killed three.", "Another on Sept. 2 killed 11."}},
    {"Title",
     "Gen. Dan Caine spoke. Adm. Alvin Holsey retired.",
     {"Gen. Dan Caine spoke.", "Adm. Alvin Holsey retired."}},
    {"TitleBeforeStarterLikeName",
     "Sen. Young said so. Rep. Will Hurd agreed.",
     {"Sen. Young said so.", "Rep. Will Hurd agreed."}},
    {"AmMidSentence",
     "It happened at 10 a.m. on Tuesday. Then it ended.",
     {"It happened at 10 a.m. on Tuesday.", "Then it ended."}},
    {"AmBeforeDay",
     "It happened at 10 a.m. Tuesday in the Caribbean.",
     {"It happened at 10 a.m. Tuesday in the Caribbean."}},
    {"AmEndsSentence",
     "It happened at 10 p.m. The boat sank.",
     {"It happened at 10 p.m.", "The boat sank."}},
    {"Initials",
     "Donald J. Trump said so. He left.",
     {"Donald J. Trump said so.", "He left."}},
    {"TwoInitials", "John F. W. Smith spoke.", {"John F. W. Smith spoke."}},
    {"NumberAbbrev",
     "It was the No. 1 priority. Done.",
     {"It was the No. 1 priority.", "Done."}},
    {"Versus",
     "Mexico vs. Colombia ended 2-1. Next game.",
     {"Mexico vs. Colombia ended 2-1.", "Next game."}},
    {"CompanyEnds",
     "The boat belonged to Acme Inc. The owner fled.",
     {"The boat belonged to Acme Inc.", "The owner fled."}},
    {"JrName",
     "Martin Luther King Jr. Day passed quietly.",
     {"Martin Luther King Jr. Day passed quietly."}},
    {"StateDateline",
     "SAN DIEGO, Calif. (AP) — A boat sank. Two died.",
     {"SAN DIEGO, Calif. (AP) — A boat sank.", "Two died."}},
    {"AbbrevBeforeQuote",
     "He lived in the U.S. “We will fight,” he said.",
     {"He lived in the U.S.", "“We will fight,” he said."}},
    {"AbbrevWithClosingQuote",
     "He called it “the U.S.” The crowd left.",
     {"He called it “the U.S.”", "The crowd left."}},
};
INSTANTIATE_TEST_SUITE_P(Abbreviations, SplitTable,
                         ::testing::ValuesIn(kAbbreviationCases), CaseName);

const SentenceCase kQuoteCases[] = {
    {"CommaInsideQuote",
     "\"We will hunt you down,\" Hegseth said. He left.",
     {"\"We will hunt you down,\" Hegseth said.", "He left."}},
    {"QuestionThenAttribution",
     "\"Is this legal?\" he asked. Nobody answered.",
     {"\"Is this legal?\" he asked.", "Nobody answered."}},
    {"PeriodInQuoteLowercase",
     "\"It was legal.\" he said, and left.",
     {"\"It was legal.\" he said, and left."}},
    {"PeriodInQuoteCapital",
     "He said it was \"a strike.\" The Pentagon agreed.",
     {"He said it was \"a strike.\"", "The Pentagon agreed."}},
    {"CurlyQuotes",
     "He called it “narco-terrorism.” The Pentagon agreed.",
     {"He called it “narco-terrorism.”", "The Pentagon agreed."}},
    {"CurlyAttribution",
     "“Why now?” she asked. “Because.”",
     {"“Why now?” she asked.", "“Because.”"}},
    {"QuoteOpensNext",
     "He spoke. \"We will win.\" Then he left.",
     {"He spoke.", "\"We will win.\"", "Then he left."}},
    {"Parenthetical",
     "(The strike was the 15th.) Officials confirmed it.",
     {"(The strike was the 15th.)", "Officials confirmed it."}},
    {"SingleQuotes",
     "He said: 'Stop.' They stopped.",
     {"He said: 'Stop.'", "They stopped."}},
};
INSTANTIATE_TEST_SUITE_P(Quotes, SplitTable, ::testing::ValuesIn(kQuoteCases),
                         CaseName);

const SentenceCase kPunctuationCases[] = {
    {"QuestionAndBang", "Why? Because. Stop!", {"Why?", "Because.", "Stop!"}},
    {"Interrobang", "Really?! Yes.", {"Really?!", "Yes."}},
    {"EllipsisMidSentence",
     "The U.S. would continue ... and expand. They said so.",
     {"The U.S. would continue ... and expand.", "They said so."}},
    {"EllipsisBeforeName",
     "We will stop them ... Maduro knows it.",
     {"We will stop them ... Maduro knows it."}},
    {"EllipsisEnds",
     "We will win... The end came.",
     {"We will win...", "The end came."}},
    {"UnicodeEllipsis",
     "We will win… The end came.",
     {"We will win…", "The end came."}},
    {"Decimal",
     "It cost $3.5 billion. Next.",
     {"It cost $3.5 billion.", "Next."}},
    {"NumberAfterStop",
     "He died in 2025. 64 people died.",
     {"He died in 2025.", "64 people died."}},
    {"OrdinalEnds",
     "It was the 15th. The count rose.",
     {"It was the 15th.", "The count rose."}},
    {"MissingSpace",
     "It killed three.The Pentagon said so.",
     {"It killed three.", "The Pentagon said so."}},
    {"LowercaseAfterStop",
     "The boat sank. then nothing.",
     {"The boat sank. then nothing."}},
    {"NoFinalPunct", "The boat sank", {"The boat sank"}},
    {"TrailingSpaces", "  The boat sank.   ", {"The boat sank."}},
    {"ColonContinues",
     "He said: stop. Then: go.",
     {"He said: stop.", "Then: go."}},
    {"Empty", "", {}},
    {"OnlySpaces", " \n\n \t", {}},
    {"OnlyPunct", "...", {"..."}},
};
INSTANTIATE_TEST_SUITE_P(Punctuation, SplitTable,
                         ::testing::ValuesIn(kPunctuationCases), CaseName);

const SentenceCase kLineCases[] = {
    {"Dateline",
     "WASHINGTON (AP) — The U.S. military struck a boat. Three died.",
     {"WASHINGTON (AP) — The U.S. military struck a boat.", "Three died."}},
    {"ReutersDateline",
     "MEXICO CITY, Nov. 6 (Reuters) - Mexico's president rejected it. She "
     "spoke.",
     {"MEXICO CITY, Nov. 6 (Reuters) - Mexico's president rejected it.",
      "She spoke."}},
    {"HeadlineBlankLine",
     "Two dead in latest US strike, Hegseth says\n\nThe U.S. military struck.",
     {"Two dead in latest US strike, Hegseth says",
      "The U.S. military struck."}},
    {"HeadlineSingleNewline",
     "Two dead in latest US strike\nThe U.S. military struck a boat.",
     {"Two dead in latest US strike", "The U.S. military struck a boat."}},
    {"BlankLineAlwaysEnds",
     "The strike\n\nkilled three.",
     {"The strike", "killed three."}},
    {"SingleNewlineNotWrapped",
     "The strike\nkilled three.",
     {"The strike", "killed three."}},
    {"Tracker",
     "Oct. 27: Three strikes on four vessels killed 14.\nOct. 29: One strike "
     "killed four.\nNov. 1: Two killed.",
     {"Oct. 27: Three strikes on four vessels killed 14.",
      "Oct. 29: One strike killed four.", "Nov. 1: Two killed."}},
    {"TrackerNoPunct",
     "Sept. 2: 11 killed in the Caribbean\nSept. 15: three killed",
     {"Sept. 2: 11 killed in the Caribbean", "Sept. 15: three killed"}},
    {"Lists",
     "- item one\n- item two\n• item three\n1. item four\n2. item five",
     {"- item one", "- item two", "• item three", "1. item four",
      "2. item five"}},
    {"NumberedItemWithSentences",
     "1. First item. Another sentence.\n2. Second",
     {"1. First item.", "Another sentence.", "2. Second"}},
    {"Caption",
     "Pictured: A boat in the Caribbean\n\nThe strike was legal.",
     {"Pictured: A boat in the Caribbean", "The strike was legal."}},
    {"CrLf", "First line\r\nSecond line.", {"First line", "Second line."}},
    {"HeadlineList",
     "Related coverage\n"
     "US military strikes another alleged drug boat in the Caribbean Sea\n"
     "Hegseth says strikes will continue until narco-terrorists are gone\n"
     "Mexico rejects any form of US intervention on its territory today\n"
     "Venezuela moves troops to its border after a buildup of US warships",
     {"Related coverage",
      "US military strikes another alleged drug boat in the Caribbean Sea",
      "Hegseth says strikes will continue until narco-terrorists are gone",
      "Mexico rejects any form of US intervention on its territory today",
      "Venezuela moves troops to its border after a buildup of US warships"}},
};
INSTANTIATE_TEST_SUITE_P(Lines, SplitTable, ::testing::ValuesIn(kLineCases),
                         CaseName);

// --- Hard-wrapped text -----------------------------------------------------

TEST(Annotate, HardWrappedParagraphJoinsLines) {
  std::string text =
      "US STRIKES ANOTHER BOAT\n"
      "WASHINGTON (AP) — The U.S. military struck another alleged drug boat "
      "in\n"
      "the Caribbean on Thursday, killing three people, Defense Secretary "
      "Pete\n"
      "Hegseth said in a post on X. It was at least the 15th strike since "
      "early\n"
      "September, and the first in the eastern Pacific according to officials\n"
      "briefed on the matter.\n"
      "The strikes have killed at least 64 people, according to a tally kept "
      "by\n"
      "the Associated Press. Lawmakers from both parties have questioned the\n"
      "legal basis for the campaign.\n"
      "- Oct. 27: Three strikes on four vessels killed 14\n"
      "- Oct. 29: One strike killed four people in the eastern Pacific Ocean";
  std::vector<std::string> expected = {
      "US STRIKES ANOTHER BOAT",
      "WASHINGTON (AP) — The U.S. military struck another alleged drug boat "
      "in\n"
      "the Caribbean on Thursday, killing three people, Defense Secretary "
      "Pete\n"
      "Hegseth said in a post on X.",
      "It was at least the 15th strike since early\n"
      "September, and the first in the eastern Pacific according to officials\n"
      "briefed on the matter.",
      "The strikes have killed at least 64 people, according to a tally kept "
      "by\n"
      "the Associated Press.",
      "Lawmakers from both parties have questioned the\n"
      "legal basis for the campaign.",
      "- Oct. 27: Three strikes on four vessels killed 14",
      "- Oct. 29: One strike killed four people in the eastern Pacific Ocean"};
  EXPECT_EQ(Sentences(text), expected);
}

TEST(Annotate, HardWrappedWithoutFinalStopBeforeTracker) {
  // Tracker items inside wrapped text start new sentences even though the
  // previous line has no final punctuation.
  std::string text =
      "The campaign has struck boats in the Caribbean and the eastern Pacific\n"
      "since early September, according to a tally of announcements by the\n"
      "Pentagon and the White House, including\n"
      "Oct. 27: three strikes on four vessels, killing 14 and leaving one\n"
      "survivor in the eastern Pacific, the deadliest day of the campaign\n"
      "Nov. 6: one strike that killed three people in the Caribbean Sea";
  std::vector<std::string> got = Sentences(text);
  ASSERT_EQ(got.size(), 3u) << ::testing::PrintToString(got);
  EXPECT_EQ(got[1].substr(0, 8), "Oct. 27:");
  EXPECT_EQ(got[2].substr(0, 7), "Nov. 6:");
}

TEST(Annotate, HardWrappedParagraphsSeparatedByBlankLines) {
  std::string text =
      "The U.S. military said on Thursday that it had struck another vessel\n"
      "in the eastern Pacific, killing all three people on board, and that\n"
      "no U.S. forces were harmed in the operation, which it called lawful\n"
      "\n"
      "Mexican officials said they had not been consulted before the strike\n"
      "and that they would seek an explanation from the U.S. ambassador as\n"
      "soon as possible, according to a statement released late on Friday";
  std::vector<std::string> got = Sentences(text);
  ASSERT_EQ(got.size(), 2u) << ::testing::PrintToString(got);
  EXPECT_NE(got[0].find("eastern Pacific, killing"), std::string::npos);
  EXPECT_EQ(got[1].substr(0, 8), "Mexican ");
}

// --- Sentence fields --------------------------------------------------------

TEST(Annotate, SentenceFieldsMatchTokens) {
  std::string text = "  The boat sank.  Three died!\n\nNo one survived  ";
  Annotated a;
  Annotate(text, {}, &a);
  ASSERT_EQ(a.sentences.size(), 3u);
  uint32_t next_token = 0;
  for (const Sentence& s : a.sentences) {
    EXPECT_EQ(s.first_token, next_token);
    ASSERT_GT(s.token_count, 0u);
    EXPECT_EQ(s.begin, a.tokens[s.first_token].begin);
    EXPECT_EQ(s.end, a.tokens[s.first_token + s.token_count - 1].end);
    EXPECT_EQ(s.block, BlockKind::kBody);
    next_token = s.first_token + s.token_count;
  }
  EXPECT_EQ(next_token, a.tokens.size());
  EXPECT_EQ(a.sentences[0].In(text), "The boat sank.");
  EXPECT_EQ(a.sentences[0].begin, 2u);
  EXPECT_EQ(a.sentences[2].In(text), "No one survived");
}

TEST(Annotate, TokensEqualTokenize) {
  std::string text =
      "WASHINGTON (AP) — The U.S. military’s 15th strike.\n\nOk.";
  Annotated a;
  Annotate(text, {}, &a);
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  ASSERT_EQ(a.tokens.size(), tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(a.tokens[i].begin, tokens[i].begin);
    EXPECT_EQ(a.tokens[i].end, tokens[i].end);
    EXPECT_EQ(a.tokens[i].kind, tokens[i].kind);
    EXPECT_EQ(a.tokens[i].flags, tokens[i].flags);
  }
}

TEST(Annotate, ClearsOutput) {
  Annotated a;
  Annotate("One. Two. Three.", {}, &a);
  EXPECT_EQ(a.sentences.size(), 3u);
  Annotate("", {}, &a);
  EXPECT_TRUE(a.tokens.empty());
  EXPECT_TRUE(a.sentences.empty());
}

// --- Blocks -----------------------------------------------------------------

TEST(Annotate, BlocksCarryKindsAndNeverCross) {
  Document doc;
  doc.AppendBlock(BlockKind::kHeadline,
                  "Two dead in latest US strike, Hegseth says");
  doc.AppendBlock(BlockKind::kStandfirst,
                  "The strike was the 15th since September");
  doc.AppendBlock(
      BlockKind::kBody,
      "WASHINGTON (AP) — The U.S. military struck a boat. Two died.");
  doc.AppendBlock(BlockKind::kCaption, "Pictured: the boat before the strike");
  doc.AppendBlock(BlockKind::kListItem, "Oct. 27: Three strikes killed 14");
  Annotated a;
  Annotate(doc.text, doc.blocks, &a);
  ASSERT_EQ(a.sentences.size(), 6u);
  const BlockKind kinds[] = {BlockKind::kHeadline, BlockKind::kStandfirst,
                             BlockKind::kBody,     BlockKind::kBody,
                             BlockKind::kCaption,  BlockKind::kListItem};
  for (size_t i = 0; i < a.sentences.size(); ++i)
    EXPECT_EQ(a.sentences[i].block, kinds[i]) << i;
  EXPECT_EQ(a.sentences[0].In(doc.text),
            "Two dead in latest US strike, Hegseth says");
  EXPECT_EQ(a.sentences[3].In(doc.text), "Two died.");
  // Each sentence lies inside one block.
  for (const Sentence& s : a.sentences) {
    bool inside = false;
    for (const Block& b : doc.blocks)
      inside |= s.begin >= b.begin && s.end <= b.end;
    EXPECT_TRUE(inside) << s.In(doc.text);
  }
}

TEST(Annotate, BlockBoundaryEndsSentenceWithoutPunctuation) {
  // Two blocks with no separator: a headline and a body run together.
  std::string text = "Strike kills threeThe military said so.";
  std::vector<Block> blocks = {{BlockKind::kHeadline, 0, 18},
                               {BlockKind::kBody, 18, 39}};
  Annotated a;
  Annotate(text, blocks, &a);
  ASSERT_EQ(a.sentences.size(), 2u);
  EXPECT_EQ(a.sentences[0].In(text), "Strike kills three");
  EXPECT_EQ(a.sentences[1].In(text), "The military said so.");
  for (const Token& t : a.tokens) EXPECT_TRUE(t.end <= 18 || t.begin >= 18);
}

TEST(Annotate, BlockCuttingAWordSplitsTheToken) {
  std::string text = "abcdef";
  std::vector<Block> blocks = {{BlockKind::kBody, 0, 3},
                               {BlockKind::kBody, 3, 6}};
  Annotated a;
  Annotate(text, blocks, &a);
  ASSERT_EQ(a.tokens.size(), 2u);
  EXPECT_EQ(a.tokens[0].In(text), "abc");
  EXPECT_EQ(a.tokens[1].In(text), "def");
  EXPECT_EQ(a.sentences.size(), 2u);
}

TEST(Annotate, TextBetweenBlocksIsTokenizedButInNoSentence) {
  std::string text = "Headline here. [ad] Body text.";
  std::vector<Block> blocks = {{BlockKind::kHeadline, 0, 14},
                               {BlockKind::kBody, 20, 30}};
  Annotated a;
  Annotate(text, blocks, &a);
  ASSERT_EQ(a.sentences.size(), 2u);
  EXPECT_EQ(a.sentences[0].In(text), "Headline here.");
  EXPECT_EQ(a.sentences[1].In(text), "Body text.");
  ASSERT_EQ(a.tokens.size(), 9u);  // Headline here . [ ad ] Body text .
  EXPECT_EQ(a.sentences[1].first_token, 6u);
}

TEST(Annotate, OddBlocksAreClippedNotFatal) {
  std::string text = "One. Two. Three.";
  std::vector<Block> blocks = {{BlockKind::kBody, 0, 4},
                               {BlockKind::kBody, 2, 9},      // overlaps
                               {BlockKind::kBody, 9, 9},      // empty
                               {BlockKind::kCaption, 5, 3},   // reversed
                               {BlockKind::kBody, 10, 500}};  // past the end
  Annotated a;
  Annotate(text, blocks, &a);
  ASSERT_EQ(a.sentences.size(), 3u);
  EXPECT_EQ(a.sentences[0].In(text), "One.");
  EXPECT_EQ(a.sentences[1].In(text), "Two.");
  EXPECT_EQ(a.sentences[2].In(text), "Three.");
}

TEST(Annotate, WhitespaceOnlyBlockHasNoSentence) {
  std::string text = "Title\n\n   \n\nBody.";
  std::vector<Block> blocks = {{BlockKind::kHeadline, 0, 5},
                               {BlockKind::kBody, 7, 10},
                               {BlockKind::kBody, 12, 17}};
  EXPECT_EQ(Sentences(text, blocks),
            (std::vector<std::string>{"Title", "Body."}));
}

TEST(Annotate, LargeInputIsLinear) {
  // 100,000 sentences; no timing here, the design is one pass over bytes and
  // one over tokens. A quadratic step would make this test crawl.
  const char* kTemplates[] = {
      "The U.S. military struck a boat on Nov. 6, killing 3 people. ",
      "\"We will hunt you down,\" Hegseth said. ",
      "Gen. Dan Caine said the strike was the 15th since Sept. 2! ",
      "Was it legal? ",
      "Mexico’s president rejected “any form of intervention.” ",
  };
  std::string text;
  const int kSentences = 100000;
  text.reserve(kSentences * 60);
  for (int i = 0; i < kSentences; ++i) {
    text += kTemplates[i % 5];
    if (i % 7 == 6) text += "\n\n";
  }
  Annotated a;
  Annotate(text, {}, &a);
  EXPECT_EQ(a.sentences.size(), static_cast<size_t>(kSentences));
}

}  // namespace
}  // namespace vigil
