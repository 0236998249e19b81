// robots.txt rules (RFC 9309) on arbitrary bytes, as any site can serve
// them. The input is split at the first NUL: robots.txt text before it, a
// request path after it.
//  - Parse never fails; the crawl delay is 0 or within (0, 86400) seconds;
//    "/robots.txt" is always allowed.
//  - The wildcard matcher agrees with a plain dynamic-programming reference:
//    a file of one Disallow rule (the path's first line, when short) blocks
//    exactly the paths the reference says the pattern matches. Hostile
//    patterns ("*a*a*a...$") must stay quick: libFuzzer's timeout catches a
//    matcher that backtracks exponentially.

#include <string>
#include <vector>

#include "fuzz.h"
#include "watch/robots.h"

namespace vigil::fuzz {

namespace {

// Whether |pattern| ('*' any run of bytes, a final '$' anchors at the end)
// matches a prefix of |path| (all of it with '$'). Quadratic table.
bool ReferenceMatch(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  const size_t m = pattern.size(), n = path.size();
  // can[j]: pattern[0, i) matches path[0, j).
  std::vector<char> can(n + 1, 0), next(n + 1, 0);
  can[0] = 1;
  for (size_t i = 0; i < m; ++i) {
    if (pattern[i] == '*') {
      char any = 0;
      for (size_t j = 0; j <= n; ++j) next[j] = any = static_cast<char>(any | can[j]);
    } else {
      next[0] = 0;
      for (size_t j = 1; j <= n; ++j) next[j] = can[j - 1] && pattern[i] == path[j - 1];
    }
    can.swap(next);
  }
  if (anchored) return can[n];
  for (size_t j = 0; j <= n; ++j)
    if (can[j]) return true;
  return false;
}

bool Blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

}  // namespace

int FuzzRobots(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nul = in.find('\0');
  std::string_view text = in.substr(0, nul);
  std::string path = "/";
  if (nul != std::string_view::npos) path += in.substr(nul + 1);

  RobotsRules rules = RobotsRules::Parse(text, "Vigil");
  FUZZ_CHECK(rules.crawl_delay() == 0 || (rules.crawl_delay() > 0 && rules.crawl_delay() < 86400));
  FUZZ_CHECK(rules.Allowed("/robots.txt"));
  rules.Allowed(path);
  RobotsRules::Parse(text, "").Allowed(path);

  // One rule: the first line of the text, if it survives the file format
  // unchanged (no comment, no surrounding blanks, not empty).
  std::string_view pattern = text.substr(0, text.find('\n'));
  if (pattern.empty() || pattern.size() > 512 || path.size() > 1024 ||
      pattern.find('#') != std::string_view::npos || Blank(pattern.front()) ||
      Blank(pattern.back()) || path == "/robots.txt")
    return 0;
  std::string file = "User-agent: *\nDisallow: " + std::string(pattern) + "\n";
  RobotsRules one = RobotsRules::Parse(file, "Vigil");
  FUZZ_CHECK(one.Allowed(path) == !ReferenceMatch(pattern, path));
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzRobots)
