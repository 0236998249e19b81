// Micro-benchmarks of the stages behind `vigil ingest`, one core each:
//
//   BM_ParseRawItem       source: metadata, HTML cleaning, NFC, language
//   BM_Annotate           text: tokens and sentences (text_bench has the
//                         tokenizer and splitter alone, with peers)
//   BM_LookupNames        resources: every place and actor name (hits)
//   BM_LookupCorpusGrams  resources: the 1..3-grams of the corpus, as the
//                         matcher asks for them (mostly misses)
//   BM_Extract            extract: the full Extractor on annotated documents
//   BM_ExtractNumberDense extract: quantities and time expressions dominate
//   BM_MentionsToJson     the mention JSON of every document
//
// Documents come from $VIGIL_BENCH_CORPUS (a directory or file of .txt,
// .html and .jsonl documents, e.g. what bench/gen_corpus.py writes; read
// through the public InputReader), else from a small corpus built in code
// from our own templates. Bytes processed are the clean text bytes
// (Document::text), so MB/s figures of every stage are comparable.
//
// Resources: $VIGIL_RESOURCES, else vigil.res beside the binary, else the
// vigil.res of this build. Without them the resource and extraction
// benchmarks are skipped with a message.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/document.h"
#include "vigil/extract.h"
#include "vigil/pipeline.h"
#include "vigil/resources.h"
#include "vigil/source.h"
#include "vigil/text.h"

namespace {

// ---------------------------------------------------------------------------
// Resources

const vigil::Resources* Res() {
  static std::unique_ptr<vigil::Resources> res = []() -> std::unique_ptr<vigil::Resources> {
    auto r = vigil::Resources::LoadDefault();
    if (r.ok()) return std::move(r).value();
    std::string first_error = r.status().ToString();
#ifdef VIGIL_BUILD_RES
    auto b = vigil::Resources::Load(VIGIL_BUILD_RES);
    if (b.ok()) return std::move(b).value();
#endif
    std::fprintf(stderr,
                 "micro_bench: no resources (%s); resource and extraction benchmarks "
                 "are skipped. Set VIGIL_RESOURCES to a vigil.res.\n",
                 first_error.c_str());
    return nullptr;
  }();
  return res.get();
}

// ---------------------------------------------------------------------------
// Documents

// A small in-code corpus in the styles of shared/PHRASING.md, used when no
// generated corpus is given. SplitMix64 keeps it identical on every run.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Next() % N];
  }

 private:
  uint64_t state_;
};

const char* const kLeads[] = {
    "WASHINGTON (AP) — The U.S. military struck a boat in the eastern Pacific on Tuesday, "
    "killing three people, Defense Secretary Pete Hegseth said in a post on X.",
    "(Reuters) - U.S. forces carried out three strikes on four vessels in the eastern Pacific "
    "late Monday, killing 14 and leaving one survivor, Secretary of War Pete Hegseth said.",
    "MIAMI (AP) — A U.S. strike overnight on a vessel in the Caribbean killed six people, "
    "U.S. Southern Command said in a statement.",
    "The Trump administration is planning a mission to send U.S. troops and intelligence "
    "officers into Mexico, according to four sources familiar with the effort, NBC News "
    "reported.",
};
const char* const kBody[] = {
    "The strikes have killed at least 64 people since early September.",
    "It was at least the 15th strike since early September, bringing the death toll to 64.",
    "No U.S. forces were harmed.",
    "Mexican President Claudia Sheinbaum rejected any form of intervention on Wednesday.",
    "The planning is in early stages, and a deployment is not imminent, the sources said.",
    "Venezuelan President Nicolás Maduro has denied any links to drug trafficking.",
    "Two survivors were repatriated to Colombia and Ecuador, two U.S. officials said.",
    "Past administrations have quietly deployed special operations forces in the region.",
    "\"We will hunt you down and kill you,\" Hegseth wrote on X on Nov. 6.",
    "The U.S. has now carried out 21 strikes that have destroyed 22 boats and killed "
    "more than 80 people.",
};

std::vector<vigil::Document> BuiltInDocuments() {
  std::vector<vigil::Document> docs;
  Rng rng(20251106);
  for (int d = 0; d < 200; ++d) {
    vigil::Document doc;
    doc.origin = "builtin:" + std::to_string(d);
    doc.meta.published = "2025-11-06";
    doc.AppendBlock(vigil::BlockKind::kHeadline, "US strike on alleged drug boat kills three");
    doc.AppendBlock(vigil::BlockKind::kBody, rng.Pick(kLeads));
    for (int p = 0; p < 10; ++p) {
      std::string para;
      for (int s = 0; s < 2; ++s) {
        if (!para.empty()) para += ' ';
        para += rng.Pick(kBody);
      }
      doc.AppendBlock(vigil::BlockKind::kBody, para);
    }
    doc.language = "en";
    docs.push_back(std::move(doc));
  }
  return docs;
}

struct Corpus {
  std::string name;
  std::vector<vigil::RawItem> items;   // empty for the built-in corpus
  std::vector<vigil::Document> docs;
  std::vector<vigil::Annotated> annotated;
  uint64_t text_bytes = 0;
};

const Corpus& TheCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    const char* path = std::getenv("VIGIL_BENCH_CORPUS");
    // At most this many documents are held in memory (enough to average
    // over every kind of report the generator writes).
    size_t limit = 2000;
    if (const char* l = std::getenv("VIGIL_BENCH_MAX_DOCS")) limit = std::strtoull(l, nullptr, 10);
    if (path && *path) {
      c.name = path;
      vigil::ReadOptions options;
      vigil::InputReader reader({path}, options);
      for (;;) {
        vigil::RawItem item;
        vigil::Status error;
        auto step = reader.Next(&item, &error);
        if (step == vigil::InputReader::Step::kEnd || c.items.size() >= limit) break;
        if (step == vigil::InputReader::Step::kError) continue;
        auto doc = vigil::ParseRawItem(item, options);
        if (!doc.ok()) continue;
        c.items.push_back(std::move(item));
        c.docs.push_back(std::move(doc).value());
      }
    }
    if (c.docs.empty()) {
      if (path && *path)
        std::fprintf(stderr, "micro_bench: no documents read from %s; using the built-in corpus\n",
                     path);
      c.name = "built-in";
      c.docs = BuiltInDocuments();
    }
    vigil::Pipeline pipeline(nullptr);
    c.annotated.resize(c.docs.size());
    for (size_t i = 0; i < c.docs.size(); ++i) {
      pipeline.Annotate(c.docs[i], &c.annotated[i]);
      c.text_bytes += c.docs[i].text.size();
    }
    return c;
  }();
  return corpus;
}

// ---------------------------------------------------------------------------
// Benchmarks

void BM_ParseRawItem(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  if (c.items.empty()) {
    state.SkipWithError("no raw items: set VIGIL_BENCH_CORPUS to a generated corpus");
    return;
  }
  vigil::ReadOptions options;
  uint64_t bytes = 0, input = 0;
  for (auto _ : state) {
    for (const vigil::RawItem& item : c.items) {
      auto doc = vigil::ParseRawItem(item, options);
      if (doc.ok()) bytes += doc->text.size();
      input += item.bytes.size();
      benchmark::DoNotOptimize(doc);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.items.size()));
  state.counters["input_MB/s"] =
      benchmark::Counter(static_cast<double>(input) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseRawItem)->Unit(benchmark::kMillisecond);

void BM_Annotate(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  vigil::Pipeline pipeline(nullptr);
  vigil::Annotated annotated;
  for (auto _ : state) {
    for (const vigil::Document& doc : c.docs) {
      pipeline.Annotate(doc, &annotated);
      benchmark::DoNotOptimize(annotated.tokens.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.docs.size()));
}
BENCHMARK(BM_Annotate)->Unit(benchmark::kMillisecond);

// The key the matcher builds for a run of tokens: folded, joined by spaces.
std::string Key(std::string_view text, const vigil::Token* tokens, size_t n) {
  std::string key;
  for (size_t i = 0; i < n; ++i) {
    if (i) key += ' ';
    key += vigil::FoldForMatching(tokens[i].In(text));
  }
  return key;
}

void BM_LookupNames(benchmark::State& state) {
  const vigil::Resources* r = Res();
  if (!r) {
    state.SkipWithError("no resources");
    return;
  }
  std::vector<std::string> keys;
  std::vector<vigil::Token> toks;
  auto add = [&](std::string_view name) {
    vigil::Tokenize(name, &toks);
    if (!toks.empty()) keys.push_back(Key(name, toks.data(), toks.size()));
  };
  for (uint32_t i = 0; i < r->place_count(); ++i) add(r->place(i).name);
  for (uint32_t i = 0; i < r->actor_count(); ++i) add(r->actor(i).name);
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    hits += r->Lookup(keys[i]).size();
    if (++i == keys.size()) i = 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["keys"] = static_cast<double>(keys.size());
}
BENCHMARK(BM_LookupNames);

void BM_LookupCorpusGrams(benchmark::State& state) {
  const vigil::Resources* r = Res();
  if (!r) {
    state.SkipWithError("no resources");
    return;
  }
  const Corpus& c = TheCorpus();
  std::vector<std::string> keys;
  for (size_t d = 0; d < c.docs.size() && keys.size() < (1u << 20); ++d) {
    const std::vector<vigil::Token>& t = c.annotated[d].tokens;
    for (size_t i = 0; i < t.size(); ++i)
      for (size_t n = 1; n <= 3 && i + n <= t.size(); ++n)
        keys.push_back(Key(c.docs[d].text, &t[i], n));
  }
  if (keys.empty()) {
    state.SkipWithError("no tokens");
    return;
  }
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    hits += r->Lookup(keys[i]).size();
    if (++i == keys.size()) i = 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  size_t hit_keys = 0;
  for (const std::string& k : keys) hit_keys += !r->Lookup(k).empty();
  state.counters["hit_ratio"] = static_cast<double>(hit_keys) / keys.size();
}
BENCHMARK(BM_LookupCorpusGrams);

void BM_Extract(benchmark::State& state) {
  const vigil::Resources* r = Res();
  if (!r) {
    state.SkipWithError("no resources");
    return;
  }
  const Corpus& c = TheCorpus();
  vigil::Pipeline pipeline(r);
  uint64_t events = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < c.docs.size(); ++i) {
      vigil::Mentions mentions;
      pipeline.Extract(c.docs[i], c.annotated[i], &mentions);
      events += mentions.events.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.docs.size()));
  state.counters["events/doc"] =
      static_cast<double>(events) / (static_cast<double>(state.iterations()) * c.docs.size());
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

// Annotate + Extract: what `vigil extract --stdin-jsonl` does per document
// after parsing.
void BM_AnnotateExtract(benchmark::State& state) {
  const vigil::Resources* r = Res();
  if (!r) {
    state.SkipWithError("no resources");
    return;
  }
  const Corpus& c = TheCorpus();
  vigil::Pipeline pipeline(r);
  for (auto _ : state) {
    for (const vigil::Document& doc : c.docs) {
      vigil::Annotated annotated;
      pipeline.Annotate(doc, &annotated);
      vigil::Mentions mentions;
      pipeline.Extract(doc, annotated, &mentions);
      benchmark::DoNotOptimize(mentions.events.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.docs.size()));
}
BENCHMARK(BM_AnnotateExtract)->Unit(benchmark::kMillisecond);

// Sentences full of figures, hedges, dates and weekdays: the quantity and
// time-expression finders do most of the work.
const char* const kNumberDense[] = {
    "At least 64 people have been killed in 15 strikes since early September, and more "
    "than 60 of them since Sept. 15.",
    "On Oct. 27, three strikes on four vessels killed 14 and left one survivor; two "
    "survivors were repatriated on Oct. 18.",
    "Nearly 20 strikes, approximately 75 dead, more than a dozen boats and two survivors "
    "by Nov. 6, according to a tally.",
    "Two strikes on two boats late Saturday killed three people on each, bringing the "
    "toll to at least 83, the 21st strike since Sept. 2.",
    "Oct. 29: Four people are killed in the eastern Pacific about 400 nautical miles "
    "southwest of Acapulco.",
    "Between 10 and 12 people were aboard, and up to 3 tons of cocaine, worth $50 million, "
    "officials said on Friday, Nov. 1.",
    "Mexico sent 26 suspects in August and 29 in February; 10,000 National Guard troops "
    "were deployed in early February.",
    "The toll is in the mid-60s, or 66 by our count, after the 16th strike overnight and "
    "one day earlier a 15th.",
};

void BM_ExtractNumberDense(benchmark::State& state) {
  const vigil::Resources* r = Res();
  if (!r) {
    state.SkipWithError("no resources");
    return;
  }
  std::vector<vigil::Document> docs;
  Rng rng(7);
  for (int d = 0; d < 100; ++d) {
    vigil::Document doc;
    doc.meta.published = "2025-11-08";
    doc.language = "en";
    for (int p = 0; p < 8; ++p) {
      std::string para = rng.Pick(kNumberDense);
      para += ' ';
      para += rng.Pick(kNumberDense);
      doc.AppendBlock(vigil::BlockKind::kBody, para);
    }
    docs.push_back(std::move(doc));
  }
  vigil::Pipeline pipeline(r);
  std::vector<vigil::Annotated> annotated(docs.size());
  uint64_t bytes = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    pipeline.Annotate(docs[i], &annotated[i]);
    bytes += docs[i].text.size();
  }
  uint64_t quantities = 0, times = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < docs.size(); ++i) {
      vigil::Mentions mentions;
      pipeline.Extract(docs[i], annotated[i], &mentions);
      quantities += mentions.quantities.size();
      times += mentions.times.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  double n = static_cast<double>(state.iterations()) * docs.size();
  state.counters["quantities/doc"] = quantities / n;
  state.counters["times/doc"] = times / n;
}
BENCHMARK(BM_ExtractNumberDense)->Unit(benchmark::kMillisecond);

void BM_MentionsToJson(benchmark::State& state) {
  const vigil::Resources* r = Res();
  if (!r) {
    state.SkipWithError("no resources");
    return;
  }
  const Corpus& c = TheCorpus();
  vigil::Pipeline pipeline(r);
  std::vector<vigil::Mentions> mentions(c.docs.size());
  for (size_t i = 0; i < c.docs.size(); ++i)
    pipeline.Extract(c.docs[i], c.annotated[i], &mentions[i]);
  uint64_t json_bytes = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < c.docs.size(); ++i) {
      std::string json = vigil::MentionsToJson(c.docs[i], static_cast<int64_t>(i + 1), mentions[i]);
      json_bytes += json.size();
      benchmark::DoNotOptimize(json.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.docs.size()));
  state.counters["json_MB/s"] =
      benchmark::Counter(static_cast<double>(json_bytes) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MentionsToJson)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const Corpus& c = TheCorpus();
  std::fprintf(stderr, "micro_bench: corpus %s: %zu documents, %.2f MB of text\n",
               c.name.c_str(), c.docs.size(), c.text_bytes / 1e6);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
