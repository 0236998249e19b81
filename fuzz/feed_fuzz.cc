// ParseFeed (RSS 2.0, RSS 1.0, Atom, JSON Feed) on arbitrary bytes, as a
// feed server could send them. Either an InvalidInput naming the feed, or a
// Feed whose every string is valid UTF-8, whose links are absolute http(s)
// URLs, whose dates are ISO dates that read back the same, with at most 5000
// items; and reading the same bytes twice gives the same feed.

#include <string>

#include "fuzz.h"
#include "vigil/source.h"
#include "vigil/watch.h"

namespace vigil::fuzz {

namespace {

constexpr char kUrl[] = "https://feeds.example.org/world/rss.xml";

bool HttpUrl(const std::string& s) {
  if (s.empty()) return true;
  std::string head = s.substr(0, 8);
  for (char& c : head) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return head.rfind("http://", 0) == 0 || head.rfind("https://", 0) == 0;
}

void CheckItem(const FeedItem& it) {
  for (const std::string* s : {&it.guid, &it.link, &it.title, &it.summary, &it.published,
                               &it.author})
    FUZZ_CHECK(IsUtf8(*s));
  for (const std::string& c : it.categories) FUZZ_CHECK(IsUtf8(c));
  FUZZ_CHECK(HttpUrl(it.link));
  if (!it.published.empty()) FUZZ_CHECK(NormalizeDate(it.published) == it.published);
}

bool SameItem(const FeedItem& a, const FeedItem& b) {
  return a.guid == b.guid && a.link == b.link && a.title == b.title && a.summary == b.summary &&
         a.published == b.published && a.author == b.author && a.categories == b.categories;
}

}  // namespace

int FuzzFeed(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Result<Feed> feed = ParseFeed(bytes, kUrl);
  if (!feed.ok()) {
    FUZZ_CHECK(feed.status().code() == Status::Code::kInvalidInput);
    FUZZ_CHECK(!feed.status().message().empty());
    FUZZ_CHECK(IsUtf8(feed.status().ToString()));
    return 0;
  }
  FUZZ_CHECK(feed->format == "rss" || feed->format == "rdf" || feed->format == "atom" ||
             feed->format == "json");
  for (const std::string* s : {&feed->title, &feed->link, &feed->language})
    FUZZ_CHECK(IsUtf8(*s));
  FUZZ_CHECK(HttpUrl(feed->link));
  for (const std::string& n : feed->notes) FUZZ_CHECK(IsUtf8(n) && !n.empty());
  FUZZ_CHECK(feed->items.size() <= 5000);
  for (const FeedItem& it : feed->items) CheckItem(it);

  Result<Feed> again = ParseFeed(bytes, kUrl);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->format == feed->format && again->title == feed->title &&
             again->link == feed->link && again->items.size() == feed->items.size());
  for (size_t i = 0; i < feed->items.size(); ++i)
    FUZZ_CHECK(SameItem(feed->items[i], again->items[i]));
  return 0;
}

}  // namespace vigil::fuzz

VIGIL_FUZZ_ENTRY(FuzzFeed)
