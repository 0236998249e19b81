// ParseFeedsFile on arbitrary bytes (the feeds file is the operator's, but
// is often generated from lists found elsewhere). Every line is either a
// feed, an error naming the file and that line, blank or a comment; every
// feed kept has an http(s) URL listed once, a language tag or none,
// lower-case keywords; every string is valid UTF-8.

#include <set>
#include <string>

#include "fuzz.h"
#include "vigil/watch.h"

namespace vigil::fuzz {

int FuzzFeedsFile(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t lines = 1;
  for (char c : text) lines += c == '\n';
  FeedsFile f = ParseFeedsFile(text, "feeds.txt");
  FUZZ_CHECK(f.feeds.size() + f.errors.size() <= lines);
  std::set<std::string> urls;
  std::set<int> used_lines;
  int last_line = 0;
  for (const FeedSpec& s : f.feeds) {
    FUZZ_CHECK(s.line > last_line && static_cast<size_t>(s.line) <= lines);
    last_line = s.line;
    used_lines.insert(s.line);
    FUZZ_CHECK(urls.insert(s.url).second);
    std::string head = s.url.substr(0, 8);
    for (char& c : head) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    FUZZ_CHECK(head.rfind("http://", 0) == 0 || head.rfind("https://", 0) == 0);
    for (const std::string* v : {&s.url, &s.outlet, &s.language}) FUZZ_CHECK(IsUtf8(*v));
    FUZZ_CHECK(s.language.size() <= 16);
    for (char c : s.language)
      FUZZ_CHECK((c >= 'a' && c <= 'z') || c == '-' || c == '_');
    for (const std::string& k : s.keywords) {
      FUZZ_CHECK(!k.empty() && IsUtf8(k));
      for (char c : k) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
    }
  }
  for (const Status& e : f.errors) {
    FUZZ_CHECK(e.code() == Status::Code::kInvalidInput);
    FUZZ_CHECK(e.ToString().find("feeds.txt:") != std::string::npos);
    FUZZ_CHECK(IsUtf8(e.ToString()));
  }
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzFeedsFile)
