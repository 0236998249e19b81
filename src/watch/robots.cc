#include "watch/robots.h"

#include <cctype>
#include <cstdlib>

#include "watch/ascii.h"

namespace vigil {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Whether |pattern| ('*' any run, final '$' end) matches a prefix of |path|
// (or all of it, with '$'). Iterative, with one backtrack point per '*', so
// that hostile patterns stay linear-ish.
bool Matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
      // anchored and text left: try extending the last star
    } else if (pattern[p] == '*') {
      star = p++;
      mark = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || mark >= path.size()) return false;
    p = star + 1;
    s = ++mark;
  }
}

}  // namespace

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.rules_.push_back({false, "/"});
  return r;
}

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view product) {
  const std::string me = LowerAscii(product);
  // Groups: consecutive User-agent lines followed by rules.
  struct Group {
    std::vector<std::string> agents;
    std::vector<Rule> rules;
    double delay = 0;
  };
  std::vector<Group> groups;
  bool in_agents = false;
  size_t pos = 0;
  size_t lines = 0;
  while (pos < text.size() && lines++ < 100000) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.size() - pos
                                                                           : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = LowerAscii(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agents) groups.emplace_back();
      in_agents = true;
      groups.back().agents.push_back(LowerAscii(value));
      continue;
    }
    if (groups.empty()) continue;  // rules before any User-agent line
    in_agents = false;
    if (key == "allow" || key == "disallow") {
      if (value.empty()) continue;  // "Disallow:" with nothing allows all
      groups.back().rules.push_back({key == "allow", std::string(value)});
    } else if (key == "crawl-delay") {
      double d = std::strtod(std::string(value).c_str(), nullptr);
      if (d > 0 && d < 86400) groups.back().delay = d;
    }
  }
  RobotsRules out;
  bool named = false;
  for (const Group& g : groups)
    for (const std::string& a : g.agents)
      if (!a.empty() && a != "*" && me.rfind(a, 0) == 0) named = true;
  for (const Group& g : groups) {
    bool applies = false;
    for (const std::string& a : g.agents)
      applies = applies || (named ? (!a.empty() && a != "*" && me.rfind(a, 0) == 0) : a == "*");
    if (!applies) continue;
    out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
    if (g.delay > out.crawl_delay_) out.crawl_delay_ = g.delay;
  }
  return out;
}

bool RobotsRules::Allowed(std::string_view path) const {
  if (path == "/robots.txt") return true;
  size_t best = 0;
  bool allowed = true;
  bool any = false;
  for (const Rule& r : rules_) {
    if (!Matches(r.pattern, path)) continue;
    size_t len = r.pattern.size();
    if (!any || len > best || (len == best && r.allow)) {
      best = len;
      allowed = r.allow;
      any = true;
    }
  }
  return allowed;
}

}  // namespace vigil
