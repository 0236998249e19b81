// Campaign definitions: an INI-like file, one section per campaign.
//
//   # comment
//   [campaign us-boat-strikes]
//   title = US strikes on alleged drug vessels
//   type = ASSAULT
//   mode = aerial, drone
//   actor_country = USA
//   target = vessel
//   region = sea:caribbean, sea:eastern-pacific
//   from = 2025-09-02
//
// docs/EVENTS.md lists the keys.

#include <fstream>
#include <sstream>

#include "vigil/resolve.h"

namespace vigil {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> SplitList(std::string_view v) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= v.size(); ++i) {
    if (i == v.size() || v[i] == ',') {
      std::string_view item = Trim(v.substr(start, i - start));
      if (!item.empty()) out.emplace_back(item);
      start = i + 1;
    }
  }
  return out;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

}  // namespace

Result<std::vector<Campaign>> ParseCampaigns(std::string_view text, const std::string& file) {
  std::vector<Campaign> out;
  size_t line_no = 0, pos = 0;
  auto error = [&](const std::string& msg) {
    return Status::InvalidInput(file + ":" + std::to_string(line_no) + ": " + msg);
  };
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']') return error("section header without ']'");
      std::string_view inner = Trim(line.substr(1, line.size() - 2));
      constexpr std::string_view kPrefix = "campaign ";
      if (inner.substr(0, kPrefix.size()) != kPrefix)
        return error("expected [campaign NAME], got [" + std::string(inner) + "]");
      std::string_view name = Trim(inner.substr(kPrefix.size()));
      if (!ValidName(name))
        return error("campaign name must be 1-64 letters, digits, '-', '_' or '.'");
      for (const Campaign& c : out)
        if (c.name == name) return error("campaign '" + std::string(name) + "' defined twice");
      Campaign c;
      c.name = std::string(name);
      c.statuses = {"occurred"};
      c.source = file + ":" + std::to_string(line_no);
      out.push_back(std::move(c));
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) return error("expected 'key = value'");
    if (out.empty()) return error("a key before the first [campaign NAME] section");
    std::string key(Trim(line.substr(0, eq)));
    std::string_view value = Trim(line.substr(eq + 1));
    Campaign& c = out.back();
    if (key == "title") {
      c.title = std::string(value);
    } else if (key == "type" || key == "types") {
      c.types = SplitList(value);
    } else if (key == "mode" || key == "modes") {
      c.modes = SplitList(value);
    } else if (key == "status" || key == "statuses") {
      c.statuses = SplitList(value);
    } else if (key == "actor_country" || key == "actor_countries") {
      c.actor_countries = SplitList(value);
    } else if (key == "target" || key == "targets") {
      c.target_kinds = SplitList(value);
    } else if (key == "region" || key == "regions") {
      c.regions = SplitList(value);
    } else if (key == "from" || key == "to") {
      if (!IsIsoDate(value)) return error(key + " must be a date YYYY-MM-DD");
      (key == "from" ? c.from : c.to) = std::string(value);
    } else {
      return error("unknown key '" + key +
                   "' (title, type, mode, status, actor_country, target, region, from, to)");
    }
  }
  for (const Campaign& c : out)
    if (!c.from.empty() && !c.to.empty() && c.to < c.from)
      return Status::InvalidInput(c.source + ": campaign '" + c.name + "' ends before it starts");
  return out;
}

Result<std::vector<Campaign>> LoadCampaignsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read campaigns file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ParseCampaigns(ss.str(), path);
}

}  // namespace vigil
