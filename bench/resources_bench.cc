// Benchmarks of the resource file: load time, Lookup and IsPrefix
// throughput, and a greedy longest-match pass over generated news text (the
// access pattern of the extraction stage's matcher).
//
// Reads $VIGIL_RESOURCES, else the vigil.res of this build. Prints the
// resident memory before and after one load. Run with
// --benchmark_repetitions=5 for stable numbers.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "vigil/resources.h"
#include "vigil/text.h"

namespace {

std::string ResourcePath() {
  const char* env = std::getenv("VIGIL_RESOURCES");
  return env && *env ? env : VIGIL_BUILD_RES;
}

const vigil::Resources& Res() {
  static std::unique_ptr<vigil::Resources> res = [] {
    auto r = vigil::Resources::Load(ResourcePath());
    if (!r.ok()) {
      std::fprintf(stderr, "resources_bench: %s\n", r.status().ToString().c_str());
      std::exit(1);
    }
    return std::move(r).value();
  }();
  return *res;
}

// The key a matcher builds for |phrase|: tokens folded, joined by spaces.
std::string Key(std::string_view phrase) {
  std::vector<vigil::Token> toks;
  vigil::Tokenize(phrase, &toks);
  std::string key;
  for (const vigil::Token& t : toks) {
    if (!key.empty()) key += ' ';
    key += vigil::FoldForMatching(t.In(phrase));
  }
  return key;
}

// Keys that hit: every place and actor name, in a fixed shuffled order.
const std::vector<std::string>& HitKeys() {
  static const std::vector<std::string> keys = [] {
    const vigil::Resources& r = Res();
    std::vector<std::string> k;
    for (uint32_t i = 0; i < r.place_count(); ++i) k.push_back(Key(r.place(i).name));
    for (uint32_t i = 0; i < r.actor_count(); ++i) k.push_back(Key(r.actor(i).name));
    uint64_t s = 88172645463325252ULL;  // xorshift64: same order on every run
    for (size_t i = k.size() - 1; i > 0; --i) {
      s ^= s << 13;
      s ^= s >> 7;
      s ^= s << 17;
      std::swap(k[i], k[s % (i + 1)]);
    }
    return k;
  }();
  return keys;
}

const char* const kSentences[] = {
    "The U.S. military struck a vessel in the eastern Pacific on Tuesday, killing three "
    "people, Secretary of War Pete Hegseth said in a post on X.",
    "Mexican President Claudia Sheinbaum said the strikes off the coast of Sinaloa "
    "violated international law, according to the Associated Press.",
    "Venezuelan officials in Caracas denied that the boat belonged to Tren de Aragua.",
    "At least a dozen survivors were taken to a hospital in Culiacán, the state capital.",
    "The Pentagon has not said how many strikes it plans to carry out in the Caribbean Sea "
    "or the Gulf of Mexico, where Southern Command ships are deployed.",
    "Reuters could not independently verify the claims made by officials in Mexico City "
    "and Bogotá about the operation near the Colombian border.",
};

std::string Corpus() {
  std::string text;
  for (int i = 0; text.size() < (1 << 20); ++i) {
    text += kSentences[i % std::size(kSentences)];
    text += ' ';
  }
  return text;
}

void BM_Load(benchmark::State& state) {
  const std::string path = ResourcePath();
  for (auto _ : state) {
    auto r = vigil::Resources::Load(path);
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond);

void BM_LookupHit(benchmark::State& state) {
  const vigil::Resources& r = Res();
  const std::vector<std::string>& keys = HitKeys();
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    hits += r.Lookup(keys[i]).size();
    if (++i == keys.size()) i = 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LookupHit);

void BM_LookupMiss(benchmark::State& state) {
  const vigil::Resources& r = Res();
  std::vector<std::string> keys = HitKeys();
  for (std::string& k : keys) k += " zzq";  // never a phrase
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    hits += r.Lookup(keys[i]).size();
    if (++i == keys.size()) i = 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LookupMiss);

void BM_IsPrefix(benchmark::State& state) {
  const vigil::Resources& r = Res();
  const std::vector<std::string>& keys = HitKeys();
  size_t i = 0, n = 0;
  for (auto _ : state) {
    n += r.IsPrefix(keys[i]);
    if (++i == keys.size()) i = 0;
  }
  benchmark::DoNotOptimize(n);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IsPrefix);

// Every token position: look up 1..max_phrase_tokens grams, extending while
// IsPrefix says a longer phrase may match. Items are tokens.
void BM_MatchText(benchmark::State& state) {
  const vigil::Resources& r = Res();
  const std::string text = Corpus();
  std::vector<vigil::Token> tokens;
  vigil::Tokenize(text, &tokens);
  std::vector<std::string> folded;
  for (const vigil::Token& t : tokens) folded.push_back(vigil::FoldForMatching(t.In(text)));
  const int max_len = r.max_phrase_tokens();
  size_t lookups = 0, hits = 0;
  std::string key;
  for (auto _ : state) {
    for (size_t i = 0; i < folded.size(); ++i) {
      key = folded[i];
      for (int n = 1; n <= max_len && i + n <= folded.size(); ++n) {
        if (n > 1) {
          key += ' ';
          key += folded[i + n - 1];
        }
        ++lookups;
        hits += r.Lookup(key).size();
        if (!r.IsPrefix(key)) break;
      }
    }
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations() * folded.size());
  state.counters["lookups_per_token"] =
      static_cast<double>(lookups) / (state.iterations() * folded.size());
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_MatchText)->Unit(benchmark::kMillisecond);

long RssKiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  long before = RssKiB();
  const vigil::Resources& r = Res();
  long after = RssKiB();
  std::fprintf(stderr,
               "resources_bench: %s: %zu places, %zu actors, max phrase %d tokens; "
               "resident memory %.1f MiB before load, %.1f MiB after (+%.1f MiB)\n",
               ResourcePath().c_str(), r.place_count(), r.actor_count(), r.max_phrase_tokens(),
               before / 1024.0, after / 1024.0, (after - before) / 1024.0);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
