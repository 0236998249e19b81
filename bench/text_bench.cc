// Benchmarks of the text stage on a generated corpus of English news text.
//
// The corpus (about 4 MB) is built in code from our own sentence templates
// with a fixed seed: strike reports with datelines, attributions, quotes in
// straight and typographic quotes, numbers, ordinals, abbreviations and
// acronyms, tracker lists, some hard-wrapped articles, and a sprinkling of
// non-ASCII names. Nothing is read from disk.
//
// Two naive peers run in the same binary so the ratio is printed at the end:
// a whitespace tokenizer over std::istringstream and a std::regex tokenizer
// (on a 256 KiB slice: it is slow). Run with --benchmark_repetitions=5; the
// summary uses the medians when there are repetitions.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/text.h"

namespace {

// SplitMix64: the same sequence on every platform and standard library.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

const char* const kOfficials[] = {"Defense Secretary Pete Hegseth",
                                  "Secretary of War Pete Hegseth",
                                  "President Donald J. Trump",
                                  "Gen. Dan Caine",
                                  "Adm. Alvin Holsey",
                                  "Sen. Marco Rubio",
                                  "Rep. Adam Smith, D-Wash.,",
                                  "Mexican President Claudia Sheinbaum",
                                  "Colombian President Gustavo Petro",
                                  "a U.S. official",
                                  "Lt. Col. Maria Gómez",
                                  "the Pentagon’s chief spokesman"};
const char* const kPlaces[] = {"in the Caribbean",
                               "in the eastern Pacific",
                               "off the coast of Venezuela",
                               "in international waters",
                               "in the SOUTHCOM area of responsibility",
                               "about 400 nautical miles southwest of Culiacán",
                               "near the U.S.-Mexico border",
                               "off Colombia’s Pacific coast"};
const char* const kNumbers[] = {
    "three",       "six",          "11",          "14",
    "at least 64", "more than 60", "nearly 20",   "approximately 75",
    "four",        "two",          "at least 83", "more than a dozen"};
const char* const kDates[] = {
    "on Nov. 6",        "on Sept. 2",    "on Oct. 27", "on Thursday",
    "late Saturday",    "on 2025-11-03", "on Dec. 15", "overnight",
    "over the weekend", "early Tuesday"};
const char* const kOutlets[] = {
    "The Associated Press", "Reuters",           "NBC News", "CNN",
    "the Washington Post",  "The New York Times"};
const char* const kOrdinals[] = {"10th",  "15th", "21st",
                                 "first", "22nd", "3rd"};
const char* const kVessels[] = {
    "alleged drug boat", "semi-submersible vessel",
    "suspected drug-trafficking vessel", "speedboat",
    "vessel operated by a designated terrorist organization"};
const char* const kTimes[] = {"10 a.m.", "4:30 p.m.", "9 p.m.", "6:15 a.m."};
const char* const kDatelines[] = {
    "WASHINGTON (AP) — ",       "MEXICO CITY (Reuters) - ",
    "BOGOTÁ, Colombia (AP) — ", "SAN DIEGO, Calif. (AP) — ",
    "CARACAS, Venezuela — ",    "MIAMI (AP) — "};
const char* const kHeadlines[] = {
    "Two dead in latest US attack on suspected drug boat, Hegseth says",
    "US military strikes another alleged drug boat in the Caribbean",
    "Pentagon says strike in eastern Pacific killed six",
    "Mexico rejects any form of US intervention after reports of planned "
    "strikes",
    "What we know about the US strikes on alleged drug boats",
    "Survivors of US strike repatriated to Colombia and Ecuador"};

// One sentence from a template; {o} official, {p} place, {n} number, {d}
// date, {s} outlet, {r} ordinal, {v} vessel, {t} time.
const char* const kTemplates[] = {
    "The U.S. military struck another {v} {p} {d}, killing {n} people, {o} "
    "said "
    "in a post on X.",
    "It was at least the {r} strike since early September, bringing the death "
    "toll of the campaign to {n}.",
    "\"We will hunt you down and kill you,\" {o} wrote on Truth Social.",
    "“These narco-terrorists are bringing drugs to our shores,” {o} said.",
    "No U.S. forces were harmed in the operation, according to U.S. Southern "
    "Command.",
    "The strike came at about {t} local time, two current and two former U.S. "
    "officials told {s}.",
    "{o} has not ruled out strikes on land and said he would be OK with it.",
    "Officials provided no evidence that the boat was carrying drugs.",
    "Mexico’s government rejected “any form of intervention” on its territory.",
    "Was the strike legal? Legal experts say the answer is far from clear.",
    "The Pentagon declined to comment, citing operational security.",
    "Two survivors were repatriated to Colombia and Ecuador, officials said.",
    "The 64-year-old commander, Adm. Alvin Holsey, will retire on Dec. 12.",
    "Lawmakers from both parties, including Sen. Rand Paul, R-Ky., have "
    "questioned the legal basis of the campaign.",
    "The strikes have killed {n} people since early September, according to a "
    "tally by {s}.",
    "In Bogotá, officials said the victims were fishermen, not members of Tren "
    "de Aragua (TdA) or MS-13.",
    "The CIA's role in the operations remains unclear!",
    "Some 10,000 troops and 3.5 million gallons of fuel were sent to the "
    "region, according to officials' estimates.",
    "The Cold War-era destroyer USS Gravely arrived in Port of Spain on Oct. "
    "26.",
    "{o} said the U.S. would strike \"very soon\" ... and declined to "
    "elaborate.",
    "The 1990s-era policy didn't anticipate this, a former DHS official said.",
    "According to {s}, the {v} was destroyed {p} {d}.",
    "\"Is this legal?\" he asked. Nobody at the White House answered.",
    "Sheinbaum’s office said Mexico would not accept U.S. troops on its soil.",
    "The operation, the {r} of its kind, cost an estimated $1.5 million.",
};

void Expand(Rng& rng, std::string_view tmpl, std::string* out) {
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{' && i + 2 < tmpl.size() && tmpl[i + 2] == '}') {
      switch (tmpl[i + 1]) {
        case 'o':
          *out += rng.Pick(kOfficials);
          break;
        case 'p':
          *out += rng.Pick(kPlaces);
          break;
        case 'n':
          *out += rng.Pick(kNumbers);
          break;
        case 'd':
          *out += rng.Pick(kDates);
          break;
        case 's':
          *out += rng.Pick(kOutlets);
          break;
        case 'r':
          *out += rng.Pick(kOrdinals);
          break;
        case 'v':
          *out += rng.Pick(kVessels);
          break;
        case 't':
          *out += rng.Pick(kTimes);
          break;
      }
      i += 2;
    } else {
      out->push_back(tmpl[i]);
    }
  }
}

// Greedy hard wrap at |width| bytes, as old wire feeds and mailing lists do.
std::string HardWrap(std::string_view paragraph, size_t width) {
  std::string out;
  size_t line = 0;
  size_t i = 0;
  while (i < paragraph.size()) {
    size_t j = paragraph.find(' ', i);
    if (j == std::string_view::npos) j = paragraph.size();
    std::string_view word = paragraph.substr(i, j - i);
    if (line > 0 && line + 1 + word.size() > width) {
      out += '\n';
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += word;
    line += word.size();
    i = j + 1;
  }
  return out;
}

std::string MakeArticle(Rng& rng) {
  std::string a;
  a += rng.Pick(kHeadlines);
  a += "\n\n";
  if (rng.Below(3) == 0) {
    a += "By Jane Doe, Associated Press\n\n";
  }
  bool wrapped = rng.Below(6) == 0;
  int paragraphs = 4 + static_cast<int>(rng.Below(5));
  for (int p = 0; p < paragraphs; ++p) {
    std::string para;
    if (p == 0) para += rng.Pick(kDatelines);
    int sentences = 2 + static_cast<int>(rng.Below(4));
    for (int s = 0; s < sentences; ++s) {
      if (s > 0) para += ' ';
      Expand(rng, rng.Pick(kTemplates), &para);
    }
    a += wrapped ? HardWrap(para, 72) : para;
    a += "\n\n";
    if (p == 1 && rng.Below(4) == 0) {
      // A tracker list.
      a += "Oct. 27: Three strikes on four vessels killed 14 people, leaving "
           "one "
           "survivor\nOct. 29: One strike killed four\nNov. 1: Two killed in "
           "the "
           "Caribbean\n- Nov. 4: two strikes, five dead\n\n";
    }
  }
  a += "Pictured: The USS Gravely in Port of Spain on Oct. 26, 2025\n\n";
  return a;
}

struct Corpus {
  std::string text;
  std::vector<std::string_view> articles;
};

const Corpus& GetCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    Rng rng(20251103);
    std::vector<size_t> starts;
    while (c->text.size() < (4u << 20)) {
      starts.push_back(c->text.size());
      c->text += MakeArticle(rng);
    }
    starts.push_back(c->text.size());
    for (size_t i = 0; i + 1 < starts.size(); ++i)
      c->articles.emplace_back(c->text.data() + starts[i],
                               starts[i + 1] - starts[i]);
    return c;
  }();
  return *corpus;
}

void BM_Tokenize(benchmark::State& state) {
  const std::string& text = GetCorpus().text;
  std::vector<vigil::Token> tokens;
  for (auto _ : state) {
    vigil::Tokenize(text, &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          text.size());
  state.counters["tokens"] = static_cast<double>(tokens.size());
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_Annotate(benchmark::State& state) {
  const std::string& text = GetCorpus().text;
  vigil::Annotated annotated;
  for (auto _ : state) {
    vigil::Annotate(text, {}, &annotated);
    benchmark::DoNotOptimize(annotated.sentences.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          text.size());
  state.counters["sentences"] = static_cast<double>(annotated.sentences.size());
}
BENCHMARK(BM_Annotate)->Unit(benchmark::kMillisecond);

// One fresh Annotated per article, as a pipeline sees documents: includes
// the allocations of each call.
void BM_AnnotatePerDocument(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  for (auto _ : state) {
    for (std::string_view article : corpus.articles) {
      vigil::Annotated annotated;
      vigil::Annotate(article, {}, &annotated);
      benchmark::DoNotOptimize(annotated.sentences.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          corpus.text.size());
  state.counters["documents"] = static_cast<double>(corpus.articles.size());
}
BENCHMARK(BM_AnnotatePerDocument)->Unit(benchmark::kMillisecond);

void BM_FoldForMatching(benchmark::State& state) {
  const std::string& text = GetCorpus().text;
  std::string folded;
  for (auto _ : state) {
    vigil::FoldForMatching(text, &folded);
    benchmark::DoNotOptimize(folded.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          text.size());
}
BENCHMARK(BM_FoldForMatching)->Unit(benchmark::kMillisecond);

// Peer: split on whitespace with an input string stream, copying each word.
void BM_PeerIstringstream(benchmark::State& state) {
  const std::string& text = GetCorpus().text;
  size_t words = 0;
  for (auto _ : state) {
    std::istringstream in(text);
    std::string word;
    words = 0;
    while (in >> word) ++words;
    benchmark::DoNotOptimize(words);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          text.size());
  state.counters["tokens"] = static_cast<double>(words);
}
BENCHMARK(BM_PeerIstringstream)->Unit(benchmark::kMillisecond);

// Peer: a std::regex tokenizer (words with inner - ' . , and single
// non-space characters), on the first 256 KiB of the corpus.
void BM_PeerRegex(benchmark::State& state) {
  std::string_view all = GetCorpus().text;
  std::string text(all.substr(0, 256 << 10));
  const std::regex token_re(
      R"([A-Za-z0-9]+(?:[-'.,][A-Za-z0-9]+)*|[^\sA-Za-z0-9])");
  size_t tokens = 0;
  for (auto _ : state) {
    tokens = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), token_re), end;
         it != end; ++it)
      ++tokens;
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          text.size());
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_PeerRegex)->Unit(benchmark::kMillisecond);

// Prints the console report and remembers each benchmark's throughput (the
// median when there are repetitions) for the summary.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      auto it = run.counters.find("bytes_per_second");
      if (it == run.counters.end()) continue;
      const std::string& name = run.run_name.function_name;
      if (run.run_type == Run::RT_Aggregate) {
        if (run.aggregate_name == "median") median_[name] = it->second.value;
      } else {
        last_[name] = it->second.value;
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }

  double Rate(const std::string& name) const {
    auto it = median_.find(name);
    if (it != median_.end()) return it->second;
    auto jt = last_.find(name);
    return jt != last_.end() ? jt->second : 0;
  }

  void PrintSummary() const {
    const char* ours[] = {"BM_Tokenize", "BM_Annotate",
                          "BM_AnnotatePerDocument", "BM_FoldForMatching"};
    const char* peers[] = {"BM_PeerIstringstream", "BM_PeerRegex"};
    std::printf("\nThroughput (MB/s, 1 MB = 1e6 bytes; %s):\n",
                median_.empty() ? "single run" : "medians");
    for (const char* name : ours)
      std::printf("  %-24s %9.1f\n", name, Rate(name) / 1e6);
    for (const char* name : peers)
      std::printf("  %-24s %9.1f\n", name, Rate(name) / 1e6);
    std::printf("Ratios to the peers:\n");
    for (const char* name : ours) {
      if (Rate(name) == 0) continue;
      for (const char* peer : peers) {
        if (Rate(peer) == 0) continue;
        std::printf("  %-24s / %-22s %8.1fx\n", name, peer,
                    Rate(name) / Rate(peer));
      }
    }
  }

 private:
  std::map<std::string, double> median_;
  std::map<std::string, double> last_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const Corpus& corpus = GetCorpus();
  std::printf("corpus: %zu bytes, %zu articles\n", corpus.text.size(),
              corpus.articles.size());
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintSummary();
  benchmark::Shutdown();
  return 0;
}
