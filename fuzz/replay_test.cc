// Replays every seed (fuzz/corpus/<target>/) and every input that once
// failed (fuzz/regressions/<target>/) through the fuzz targets, in the
// normal build: the sanitizer suite (make test-sanitize) runs them under
// ASan and UBSan, so a bug found by fuzzing stays fixed without libFuzzer.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <vector>

#include "fuzz.h"

namespace vigil::fuzz {
namespace {

namespace fs = std::filesystem;

struct Target {
  const char* name;
  TargetFn run;
};
const Target kTargets[] = {
    {"html_reader", FuzzHtmlReader}, {"raw_item", FuzzRawItem}, {"text_meta", FuzzTextMeta},
    {"input_reader", FuzzInputReader}, {"dates", FuzzDates},   {"text", FuzzText},
    {"quantity", FuzzQuantity},       {"timex", FuzzTimex},     {"extract", FuzzExtract},
    {"feed", FuzzFeed},               {"feeds_file", FuzzFeedsFile}, {"robots", FuzzRobots},
    {"http_query", FuzzHttpQuery},
};

// Names the target in ctest's list instead of printing its bytes.
void PrintTo(const Target& t, std::ostream* os) { *os << t.name; }

std::vector<fs::path> Inputs(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.') out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Runs every file of |dir| through |target|; returns how many.
size_t Replay(const Target& target, const fs::path& dir) {
  size_t n = 0;
  for (const fs::path& p : Inputs(dir)) {
    std::ifstream in(p, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(in.good() || in.eof()) << p;
    SetCurrentInput(p.string());
    // A check that fails aborts with the input's name (see CheckFailed).
    target.run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++n;
  }
  SetCurrentInput("");
  return n;
}

class FuzzReplay : public ::testing::TestWithParam<Target> {};

TEST_P(FuzzReplay, SeedsAndRegressions) {
  const Target& t = GetParam();
  fs::path root = fs::path(VIGIL_SOURCE_DIR) / "fuzz";
  size_t seeds = Replay(t, root / "corpus" / t.name);
  EXPECT_GE(seeds, 3u) << "fuzz/corpus/" << t.name << " holds too few seeds";
  size_t regressions = Replay(t, root / "regressions" / t.name);
  RecordProperty("seeds", static_cast<int>(seeds));
  RecordProperty("regressions", static_cast<int>(regressions));
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplay, ::testing::ValuesIn(kTargets),
                         [](const ::testing::TestParamInfo<Target>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace vigil::fuzz
