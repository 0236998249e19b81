#include "watch/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <deque>
#include <map>
#include <random>
#include <thread>

#include "vigil/version.h"
#include "watch/robots.h"

namespace vigil {

std::string DefaultUserAgent() {
  return std::string("Vigil/") + VIGIL_VERSION +
         " (news event ledger; feed reader; honours robots.txt)";
}

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kRobotsTtl = std::chrono::hours(1);
constexpr auto kRobotsFailureTtl = std::chrono::minutes(10);
constexpr double kMaxCrawlDelay = 60;
constexpr int kMaxRobotsBytes = 512 * 1024;

Clock::duration Secs(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// The parts of a URL the fetcher needs.
struct UrlParts {
  std::string host_key;  // "https://example.org:443"
  std::string path;      // "/a/b?c"
};

bool SplitUrl(const std::string& url, UrlParts* out) {
  CURLU* u = curl_url();
  if (!u) return false;
  bool ok = curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK;
  char *scheme = nullptr, *host = nullptr, *port = nullptr, *path = nullptr, *query = nullptr;
  if (ok) {
    ok = curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
         curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
         curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK &&
         curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK;
    curl_url_get(u, CURLUPART_QUERY, &query, 0);
  }
  if (ok) {
    std::string s = scheme;
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ok = s == "http" || s == "https";
    std::string h = host;
    for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out->host_key = s + "://" + h + ":" + port;
    out->path = path && *path ? path : "/";
    if (query) out->path += std::string("?") + query;
  }
  curl_free(scheme);
  curl_free(host);
  curl_free(port);
  curl_free(path);
  curl_free(query);
  curl_url_cleanup(u);
  return ok;
}

}  // namespace

struct Fetcher::Impl {
  FetchOptions options;
  CURLM* multi = nullptr;
  std::mt19937_64 rng{std::random_device{}()};

  struct Host {
    int active = 0;
    Clock::time_point next_start{};
    enum class Robots { kUnknown, kFetching, kReady } robots = Robots::kUnknown;
    RobotsRules rules;
    Clock::time_point robots_expires{};
    std::string robots_error;  // why robots.txt could not be had; "" when it was
    double interval = 0;
  };
  std::map<std::string, Host> hosts;

  struct Task {
    size_t index = 0;            // into the results; unused for robots tasks
    bool robots = false;         // fetching a host's robots.txt
    std::string robots_host;     // host key whose robots.txt this is
    std::string url;             // current URL (changes on redirects)
    UrlParts parts;
    int hops = 0;
    int attempt = 0;
    Clock::time_point not_before{};
    Clock::time_point first_start{};
    std::vector<std::string> visited;
  };

  struct Transfer {
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    Task task;
    std::string body;
    uint64_t limit = 0;
    bool too_large = false;
    char error[CURL_ERROR_SIZE] = {0};
  };

  explicit Impl(FetchOptions o) : options(std::move(o)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (options.user_agent.empty()) options.user_agent = DefaultUserAgent();
    options.per_host_connections = std::max(1, options.per_host_connections);
    options.max_connections = std::max(1, options.max_connections);
    options.max_redirects = std::max(0, options.max_redirects);
    options.retries = std::max(0, options.retries);
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                      static_cast<long>(options.max_connections));
  }
  ~Impl() {
    if (multi) curl_multi_cleanup(multi);
    curl_global_cleanup();
  }

  double Jitter() { return std::uniform_real_distribution<double>(0.5, 1.5)(rng); }

  Transfer* Start(Task task, const FetchRequest* request) {
    auto* t = new Transfer();
    t->task = std::move(task);
    t->limit = t->task.robots ? kMaxRobotsBytes : options.max_body_bytes;
    CURL* e = curl_easy_init();
    t->easy = e;
    curl_easy_setopt(e, CURLOPT_URL, t->task.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every decoder curl has
    curl_easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::max(1.0, options.connect_timeout * 1000)));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(std::max(1.0, options.timeout * 1000)));
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, Write);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t->limit));
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    if (request) {
      if (!request->accept.empty())
        t->headers = curl_slist_append(t->headers, ("Accept: " + request->accept).c_str());
      // Validators belong to the URL they came from, not to a redirect target.
      if (t->task.hops == 0) {
        if (!request->etag.empty())
          t->headers = curl_slist_append(t->headers, ("If-None-Match: " + request->etag).c_str());
        if (!request->last_modified.empty())
          t->headers = curl_slist_append(
              t->headers, ("If-Modified-Since: " + request->last_modified).c_str());
      }
    }
    if (t->headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
    curl_multi_add_handle(multi, e);
    return t;
  }

  static size_t Write(char* data, size_t size, size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t bytes = size * n;
    if (t->body.size() + bytes > t->limit) {
      t->too_large = true;
      return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->body.append(data, bytes);
    return bytes;
  }

  static void Free(Transfer* t) {
    curl_slist_free_all(t->headers);
    curl_easy_cleanup(t->easy);
    delete t;
  }

  static std::string Header(CURL* e, const char* name) {
    curl_header* h = nullptr;
    if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || !h || !h->value)
      return "";
    return h->value;
  }

  std::vector<FetchResult> FetchAll(const std::vector<FetchRequest>& requests);
};

namespace {
bool TransientCurlError(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}
// The wait a Retry-After header asks for, in seconds: delay-seconds or an
// HTTP-date (RFC 9110 10.2.3); 0 when absent, unreadable or in the past.
double RetryAfterSeconds(const std::string& value) {
  if (value.empty()) return 0;
  char* end = nullptr;
  double seconds = std::strtod(value.c_str(), &end);
  if (end != value.c_str() && *end == '\0') return std::isfinite(seconds) ? seconds : 0;
  time_t when = curl_getdate(value.c_str(), nullptr);
  if (when == -1) return 0;
  return std::max(0.0, std::difftime(when, std::time(nullptr)));
}
}  // namespace

std::vector<FetchResult> Fetcher::Impl::FetchAll(const std::vector<FetchRequest>& requests) {
  std::vector<FetchResult> results(requests.size());
  std::deque<Task> waiting;
  size_t remaining = 0;
  for (size_t i = 0; i < requests.size(); ++i) {
    results[i].url = requests[i].url;
    results[i].final_url = requests[i].url;
    Task t;
    t.index = i;
    t.url = requests[i].url;
    if (!SplitUrl(t.url, &t.parts)) {
      results[i].failure = FetchFailure::kPermanent;
      results[i].error = Status::InvalidInput("not an http(s) URL", t.url);
      continue;
    }
    t.visited.push_back(t.url);
    waiting.push_back(std::move(t));
    ++remaining;
  }
  int active = 0;

  auto finish = [&](const Task& task, FetchFailure failure, Status error) {
    FetchResult& r = results[task.index];
    r.final_url = task.url;
    r.failure = failure;
    r.error = std::move(error);
    r.attempts = task.attempt + 1;
    if (task.first_start != Clock::time_point{})
      r.seconds = std::chrono::duration<double>(Clock::now() - task.first_start).count();
    --remaining;
  };

  // Robots tasks do not count in |remaining|; they gate their host's tasks.
  auto robots_done = [&](const std::string& host_key, RobotsRules rules, bool failed,
                         std::string why) {
    Host& h = hosts[host_key];
    h.rules = std::move(rules);
    h.robots_error = failed ? std::move(why) : std::string();
    h.robots = Host::Robots::kReady;
    h.robots_expires = Clock::now() + (failed ? kRobotsFailureTtl : kRobotsTtl);
    h.interval = std::max(options.per_host_interval,
                          std::min(h.rules.crawl_delay(), kMaxCrawlDelay));
  };

  while (remaining > 0) {
    Clock::time_point now = Clock::now();
    Clock::time_point wake = now + std::chrono::milliseconds(500);
    std::vector<Task> robots_tasks;
    for (auto it = waiting.begin(); it != waiting.end() && active < options.max_connections;) {
      Task& t = *it;
      if (t.not_before > now) {
        wake = std::min(wake, t.not_before);
        ++it;
        continue;
      }
      Host& h = hosts[t.parts.host_key];
      if (h.interval == 0) h.interval = options.per_host_interval;
      if (!t.robots && options.robots) {
        if (h.robots == Host::Robots::kReady && now >= h.robots_expires)
          h.robots = Host::Robots::kUnknown;
        if (h.robots == Host::Robots::kUnknown) {
          h.robots = Host::Robots::kFetching;
          Task r;
          r.robots = true;
          r.robots_host = t.parts.host_key;
          r.url = t.parts.host_key + "/robots.txt";
          SplitUrl(r.url, &r.parts);
          r.visited.push_back(r.url);
          robots_tasks.push_back(std::move(r));
        }
        if (h.robots != Host::Robots::kReady) {
          ++it;
          continue;
        }
        if (!h.rules.Allowed(t.parts.path)) {
          // A host whose robots.txt did not come is skipped for a while,
          // not forbidden: its pages are worth trying again later, and the
          // error says why rather than blaming robots.txt rules.
          if (h.robots_error.empty())
            finish(t, FetchFailure::kBlocked,
                   Status::Unsupported("disallowed by robots.txt", t.url));
          else
            finish(t, FetchFailure::kTransient,
                   Status::IoError("robots.txt unavailable (" + h.robots_error +
                                       "); host skipped for 10 minutes",
                                   t.url));
          it = waiting.erase(it);
          continue;
        }
      }
      if (h.active >= options.per_host_connections) {
        ++it;
        continue;
      }
      if (now < h.next_start) {
        wake = std::min(wake, h.next_start);
        ++it;
        continue;
      }
      ++h.active;
      h.next_start = now + Secs(h.interval);
      if (t.first_start == Clock::time_point{}) t.first_start = now;
      const FetchRequest* request = t.robots ? nullptr : &requests[t.index];
      Start(std::move(t), request);
      ++active;
      it = waiting.erase(it);
    }
    if (!robots_tasks.empty()) {
      for (auto& r : robots_tasks) waiting.push_front(std::move(r));
      continue;
    }

    if (active > 0) {
      int running = 0;
      curl_multi_perform(multi, &running);
      int queued = 0;
      bool done_any = false;
      while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
        if (msg->msg != CURLMSG_DONE) continue;
        done_any = true;
        CURL* e = msg->easy_handle;
        CURLcode code = msg->data.result;
        Transfer* tr = nullptr;
        curl_easy_getinfo(e, CURLINFO_PRIVATE, reinterpret_cast<char**>(&tr));
        curl_multi_remove_handle(multi, e);
        --active;
        Task task = std::move(tr->task);
        Host& h = hosts[task.parts.host_key];
        --h.active;
        long status = 0;
        curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
        std::string redirect;
        if (status >= 300 && status < 400 && status != 304) {
          char* loc = nullptr;
          curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &loc);
          if (loc) redirect = loc;
        }
        std::string curl_error = tr->error[0] ? tr->error : curl_easy_strerror(code);
        std::string retry_after = Header(e, "Retry-After");

        if (task.robots) {
          // RFC 9309: a 4xx means no rules; 5xx or no answer means stay out.
          if (code == CURLE_OK && !redirect.empty() && task.hops < 5) {
            Task next = task;
            next.url = redirect;
            ++next.hops;
            if (SplitUrl(next.url, &next.parts)) {
              waiting.push_front(std::move(next));
              Free(tr);
              continue;
            }
          }
          if (code == CURLE_OK && status >= 200 && status < 300)
            robots_done(task.robots_host, RobotsRules::Parse(tr->body, "vigil"), false, "");
          else if (code == CURLE_OK && status >= 400 && status < 500)
            robots_done(task.robots_host, RobotsRules::AllowAll(), false, "");
          else
            robots_done(task.robots_host, RobotsRules::DisallowAll(), true,
                        code != CURLE_OK ? curl_error : "HTTP " + std::to_string(status));
          Free(tr);
          continue;
        }

        FetchResult& r = results[task.index];
        r.http_status = status;
        bool transient = false;
        if (tr->too_large || code == CURLE_FILESIZE_EXCEEDED) {
          finish(task, FetchFailure::kPermanent,
                 Status::InvalidInput("response larger than " +
                                          std::to_string(options.max_body_bytes) + " bytes",
                                      task.url));
        } else if (code != CURLE_OK) {
          transient = TransientCurlError(code);
          if (!transient || task.attempt >= options.retries)
            finish(task, transient ? FetchFailure::kTransient : FetchFailure::kPermanent,
                   Status::IoError(curl_error, task.url));
        } else if (!redirect.empty()) {
          auto seen = std::find(task.visited.begin(), task.visited.end(), redirect);
          if (seen != task.visited.end()) {
            finish(task, FetchFailure::kPermanent,
                   Status::InvalidInput("redirect loop back to " + redirect, r.url));
          } else if (task.hops >= options.max_redirects) {
            finish(task, FetchFailure::kPermanent,
                   Status::InvalidInput("more than " + std::to_string(options.max_redirects) +
                                            " redirects",
                                        r.url));
          } else {
            Task next = std::move(task);
            next.url = redirect;
            ++next.hops;
            next.visited.push_back(redirect);
            if (!SplitUrl(next.url, &next.parts)) {
              finish(next, FetchFailure::kPermanent,
                     Status::InvalidInput("redirect to a URL that is not http(s): " +
                                              redirect.substr(0, 200),
                                          r.url));
            } else {
              waiting.push_back(std::move(next));
            }
          }
        } else if (status == 304) {
          r.not_modified = true;
          r.etag = Header(e, "ETag");
          r.last_modified = Header(e, "Last-Modified");
          finish(task, FetchFailure::kNone, Status::Ok());
        } else if (status >= 200 && status < 300) {
          r.body = std::move(tr->body);
          char* ct = nullptr;
          curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ct);
          if (ct) r.content_type = ct;
          r.etag = Header(e, "ETag");
          r.last_modified = Header(e, "Last-Modified");
          finish(task, FetchFailure::kNone, Status::Ok());
        } else if (status >= 500 || status == 429) {
          // 429 Too Many Requests is the one 4xx that asks to come back later.
          transient = true;
          if (task.attempt >= options.retries)
            finish(task, FetchFailure::kTransient,
                   Status::IoError("HTTP " + std::to_string(status) + " after " +
                                       std::to_string(task.attempt + 1) + " attempt(s)",
                                   task.url));
        } else {
          finish(task, FetchFailure::kPermanent,
                 Status::NotFound("HTTP " + std::to_string(status), task.url));
        }
        if (transient && task.attempt < options.retries) {
          double delay = std::min(options.max_backoff,
                                  options.backoff * std::pow(2.0, task.attempt)) * Jitter();
          double after = RetryAfterSeconds(retry_after);
          if (after > 0) delay = std::max(delay, std::min(after, options.max_backoff));
          ++task.attempt;
          task.not_before = Clock::now() + Secs(delay);
          waiting.push_back(std::move(task));
        }
        Free(tr);
      }
      if (remaining == 0) break;
      // A finished transfer frees a slot and may have queued a redirect or a
      // retry: schedule again now rather than after the poll below (up to
      // 200 ms per hop of a redirect chain otherwise).
      if (done_any) continue;
      now = Clock::now();
      long ms = static_cast<long>(
          std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count());
      ms = std::clamp(ms, 0L, 200L);
      int fds = 0;
      curl_multi_poll(multi, nullptr, 0, static_cast<int>(ms), &fds);
    } else {
      now = Clock::now();
      if (wake > now) std::this_thread::sleep_for(std::min<Clock::duration>(wake - now, Secs(0.5)));
    }
  }
  // A robots.txt fetch that nobody waited for is forgotten, not left pending.
  for (auto& [key, host] : hosts)
    if (host.robots == Host::Robots::kFetching) host.robots = Host::Robots::kUnknown;
  return results;
}

Fetcher::Fetcher(FetchOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Fetcher::~Fetcher() = default;
std::vector<FetchResult> Fetcher::FetchAll(const std::vector<FetchRequest>& requests) {
  return impl_->FetchAll(requests);
}

}  // namespace vigil
