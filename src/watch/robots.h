// robots.txt (RFC 9309): which paths of a host Vigil may fetch.
#ifndef VIGIL_WATCH_ROBOTS_H_
#define VIGIL_WATCH_ROBOTS_H_

#include <string>
#include <string_view>
#include <vector>

namespace vigil {

class RobotsRules {
 public:
  // Rules that allow everything (no robots.txt, or a 4xx for it).
  static RobotsRules AllowAll();
  // Rules that allow nothing (robots.txt unreachable: RFC 9309 section 2.3.1.4).
  static RobotsRules DisallowAll();
  // The rules of |text| that apply to |product| (matched case-insensitively
  // against User-agent lines; the "*" group applies when no group names it).
  static RobotsRules Parse(std::string_view text, std::string_view product);

  // Whether |path| ("/a/b?c", starting with '/') may be fetched: the longest
  // matching rule decides, Allow winning a tie; no matching rule allows.
  // "/robots.txt" is always allowed.
  bool Allowed(std::string_view path) const;
  // Crawl-delay in seconds from the applicable group (0 when none).
  double crawl_delay() const { return crawl_delay_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;  // may hold '*' and a final '$'
  };
  std::vector<Rule> rules_;
  double crawl_delay_ = 0;
};

}  // namespace vigil

#endif  // VIGIL_WATCH_ROBOTS_H_
