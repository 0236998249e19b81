// The watch stage: keeps the store current from news feeds over HTTP.
//
//   feeds file  ->  FeedSpec list          (ParseFeedsFile; docs/FEEDS.md)
//   HTTP        ->  feed bytes             (libcurl; conditional GET, limits)
//   feed bytes  ->  Feed with FeedItems    (ParseFeed: RSS 2.0/1.0, Atom, JSON Feed)
//   item link   ->  page bytes -> RawItem  -> Pipeline ingest, as `vigil ingest`
//
// What was seen, each feed's validators and health are kept in the store
// (docs/STORE.md, version 4), so a restart resumes without fetching or
// storing anything twice.
#ifndef VIGIL_WATCH_H_
#define VIGIL_WATCH_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/pipeline.h"
#include "vigil/status.h"
#include "vigil/store.h"

namespace vigil {

// ---- Feeds file ------------------------------------------------------------

// One entry of a feeds file: a feed URL with optional settings.
struct FeedSpec {
  std::string url;
  std::string outlet;                 // attributed to every document of the feed
  std::string language;               // declared language when a page names none
  std::vector<std::string> keywords;  // lower case; empty: every item is kept
  int line = 0;                       // line in the feeds file
};

struct FeedsFile {
  std::vector<FeedSpec> feeds;
  std::vector<Status> errors;  // one per bad line ("feeds.txt:3: ..."); the line is skipped
};

// Parses the feeds file format of docs/FEEDS.md. |path| names the file in
// messages.
FeedsFile ParseFeedsFile(std::string_view text, const std::string& path);
// Reads and parses the file at |path|; an error only when it cannot be read.
Result<FeedsFile> ReadFeedsFile(const std::string& path);

// ---- Feed documents ----------------------------------------------------------

struct FeedItem {
  std::string guid;       // RSS guid, Atom id, JSON Feed id ("" when none)
  std::string link;       // absolute URL of the article page ("" when none)
  std::string title;      // plain text
  std::string summary;    // plain text (markup removed)
  std::string published;  // ISO 8601 (NormalizeDate), "" when unknown
  std::string author;
  std::vector<std::string> categories;
};

struct Feed {
  std::string format;     // "rss", "rdf" (RSS 1.0), "atom" or "json"
  std::string title;
  std::string link;       // the site's home page
  std::string language;
  std::vector<FeedItem> items;   // in document order
  std::vector<std::string> notes;  // repairs made (bare '&', invalid UTF-8, malformed XML)
};

// Reads an RSS 2.0, RSS 1.0, Atom or JSON Feed document. |url| is the feed's
// address: relative links are resolved against it (and xml:base), and it
// names the feed in messages. XML is read with libxml2 with no network access
// and no entity expansion beyond the predefined ones and HTML's named
// characters (external entities and billion-laughs expand to nothing); a bare
// '&' is read as text and invalid UTF-8 repaired rather than losing the feed.
// Returns InvalidInput when the bytes are not a feed (an HTML page, empty,
// JSON that is not a JSON Feed). Pure; thread-safe; never prints.
Result<Feed> ParseFeed(std::string_view bytes, std::string_view url);

// ---- HTTP --------------------------------------------------------------------

struct FetchOptions {
  std::string user_agent;          // default: "Vigil/<version> (+feed reader; ...)"
  double connect_timeout = 10;     // seconds
  double timeout = 30;             // seconds, whole transfer
  int max_redirects = 5;
  uint64_t max_body_bytes = 16ull << 20;  // decoded bytes; larger responses fail
  int retries = 3;                 // after the first attempt, on 5xx and timeouts
  double backoff = 1.0;            // seconds before the first retry; doubles, with jitter
  double max_backoff = 60;
  int per_host_connections = 2;    // concurrent requests to one host (host:port)
  double per_host_interval = 1.0;  // seconds between request starts on one host
  int max_connections = 32;        // concurrent requests in all
  bool robots = true;              // honour robots.txt
};

// The User-Agent sent by default; its product token "Vigil" is what
// robots.txt groups are matched against.
std::string DefaultUserAgent();

// The charset parameter of an HTTP Content-Type ("text/html; charset=UTF-8"
// gives "utf-8"), lower case; empty when there is none.
std::string ContentTypeCharset(std::string_view content_type);

// ---- Watching ----------------------------------------------------------------

struct WatchOptions {
  FetchOptions fetch;
  IngestOptions ingest;     // read.outlet is set per feed from its FeedSpec
  int max_item_attempts = 5;  // a page that keeps failing (5xx, timeout) is given up after this
  size_t max_new_items_per_feed = 200;  // per poll; the rest wait for the next poll
  // A feed whose last N polls failed is polled again only after
  // failing_feed_backoff * 2^(N-1) seconds (at most a day) since its last
  // error; 0 polls failing feeds every time.
  double failing_feed_backoff = 600;
};

struct PollReport {
  uint64_t feeds = 0;
  uint64_t feeds_not_modified = 0;
  uint64_t feeds_failed = 0;
  uint64_t feeds_deferred = 0;   // failing feeds left out of this poll (backoff)
  uint64_t new_items = 0;        // items not seen before (fetched this poll)
  uint64_t documents_stored = 0; // new documents and new versions
  uint64_t already_present = 0;  // pages whose content was already stored
  uint64_t duplicates = 0;       // items whose URL another item already brought
  uint64_t filtered = 0;         // dropped by the feed's keyword filter
  uint64_t pages_failed = 0;     // pages not stored this poll (gone, error, blocked, unreadable)
  uint64_t event_mentions = 0;
  double elapsed_seconds = 0;
};

// Receives what happens during a poll. Called from the polling thread.
class WatchObserver {
 public:
  virtual ~WatchObserver() = default;
  // A feed could not be fetched or read.
  virtual void OnFeedError(const std::string& feed_url, const Status& status) {}
  // An item's page could not be fetched, read or stored.
  virtual void OnItemError(const std::string& item_url, const Status& status) {}
  virtual void OnWarning(const std::string& where, const std::string& message) {}
};

// Polls a list of feeds into a store. Keeps HTTP state (connections,
// robots.txt, per-host timing) between polls.
class Watcher {
 public:
  // |store| and |pipeline| must outlive the watcher.
  Watcher(Store* store, Pipeline* pipeline, WatchOptions options);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Fetches every feed once (conditionally), then every new item's page, and
  // ingests the pages through |pipeline|. Failures of single feeds and pages
  // are reported through |observer| and recorded in the store; an error is
  // returned only when the store fails.
  Result<PollReport> Poll(const std::vector<FeedSpec>& feeds, WatchObserver* observer);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigil

#endif  // VIGIL_WATCH_H_
