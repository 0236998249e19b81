// The HTTP fetcher of the watch stage: many GETs at once over one libcurl
// multi handle, polite to every host.
//
// Per host (scheme://host:port, the unit robots.txt applies to):
//   - at most FetchOptions::per_host_connections requests at a time, and
//     request starts at least per_host_interval apart (longer when the
//     host's robots.txt asks for a Crawl-delay, up to 60 s);
//   - robots.txt is fetched first and honoured (cached for an hour).
// Per request:
//   - conditional GET with the validators given (ETag, Last-Modified);
//   - gzip, deflate, brotli and zstd accepted and decoded;
//   - redirects followed by hand, up to max_redirects, each hop checked
//     against the new host's robots.txt and limits; a loop is an error;
//   - connect and whole-transfer timeouts; a body larger than
//     max_body_bytes (decoded) is cut off and the request fails;
//   - 5xx, timeouts and dropped connections retried with exponential
//     backoff and jitter, and so is 429 (Retry-After honoured, in seconds
//     or as a date, capped at max_backoff); other 4xx never retried.
#ifndef VIGIL_WATCH_FETCHER_H_
#define VIGIL_WATCH_FETCHER_H_

#include <memory>
#include <string>
#include <vector>

#include "vigil/status.h"
#include "vigil/watch.h"

namespace vigil {

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match when set
  std::string last_modified;  // sent as If-Modified-Since when set
  std::string accept;         // Accept header ("" for */*)
};

enum class FetchFailure : uint8_t {
  kNone,
  kTransient,  // 5xx, 429, timeout, connection failure, robots.txt unavailable:
               // worth trying again later
  kPermanent,  // other 4xx, too large, redirect loop, bad URL: do not retry
  kBlocked,    // robots.txt disallows it
};

struct FetchResult {
  std::string url;         // as requested
  std::string final_url;   // after redirects
  long http_status = 0;    // of the last response; 0 when none arrived
  bool not_modified = false;  // 304
  std::string body;
  std::string content_type;
  std::string etag, last_modified;
  FetchFailure failure = FetchFailure::kNone;
  Status error;            // why, when failure != kNone
  int attempts = 0;
  double seconds = 0;
};

class Fetcher {
 public:
  explicit Fetcher(FetchOptions options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Fetches every request and returns one result per request, in order.
  // Host state (robots.txt, timing) persists across calls.
  std::vector<FetchResult> FetchAll(const std::vector<FetchRequest>& requests);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigil

#endif  // VIGIL_WATCH_FETCHER_H_
