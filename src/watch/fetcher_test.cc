// The fetcher against a small HTTP server on loopback run by the test
// itself: conditional GET with Last-Modified only, redirect chains and their
// limit, redirects to other schemes, the connect timeout, the spacing of
// retries and Retry-After. (tests/e2e/watch_test.sh drives the same code
// through `vigil watch` against tests/e2e/feed_server.py.)
#include "watch/fetcher.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace vigil {
namespace {

using Clock = std::chrono::steady_clock;

struct SeenRequest {
  std::string path;
  std::map<std::string, std::string> headers;  // names in lower case
  Clock::time_point at;                        // when its headers were read
};

// A socket listening on 127.0.0.1 at a free port with room for |backlog|
// connections not yet accepted; its address in |addr|. -1 on failure.
int ListenOnLoopback(int backlog, sockaddr_in* addr) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  *addr = sockaddr_in{};
  addr->sin_family = AF_INET;
  addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof *addr;
  if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(addr), len) == 0 &&
      listen(fd, backlog) == 0 && getsockname(fd, reinterpret_cast<sockaddr*>(addr), &len) == 0)
    return fd;
  if (fd >= 0) close(fd);
  return -1;
}

// An HTTP/1.1 server on 127.0.0.1 that answers one request per connection
// ("Connection: close"), one connection at a time, with what |respond|
// returns for the request (status line, headers and body, without the
// Content-Length and Connection headers, which it adds). Every request is
// kept, with the time it arrived.
class LoopbackServer {
 public:
  struct Reply {
    int status = 200;
    std::vector<std::string> headers;  // "Name: value"
    std::string body;
  };
  using Responder = std::function<Reply(const SeenRequest&, int seen_before)>;

  explicit LoopbackServer(Responder respond) : respond_(std::move(respond)) {
    sockaddr_in addr;
    fd_ = ListenOnLoopback(16, &addr);
    if (fd_ < 0) {
      ADD_FAILURE() << "loopback server: " << std::strerror(errno);
      return;
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~LoopbackServer() {
    stop_ = true;
    if (fd_ >= 0) shutdown(fd_, SHUT_RDWR);  // wakes accept()
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) close(fd_);
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<SeenRequest> Requests(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<SeenRequest> out;
    for (const auto& r : seen_)
      if (r.path == path) out.push_back(r);
    return out;
  }

 private:
  void Serve() {
    while (!stop_) {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) {
        if (errno == EINTR) continue;
        return;
      }
      timeval tv{5, 0};
      setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      std::string in;
      char buf[4096];
      while (in.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        in.append(buf, static_cast<size_t>(n));
      }
      SeenRequest r;
      r.at = Clock::now();
      size_t line_end = in.find("\r\n");
      std::string line = in.substr(0, line_end);
      size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
      if (sp1 != std::string::npos && sp2 > sp1) r.path = line.substr(sp1 + 1, sp2 - sp1 - 1);
      for (size_t at = line_end; at != std::string::npos && at + 2 < in.size();) {
        size_t next = in.find("\r\n", at + 2);
        std::string h = in.substr(at + 2, next == std::string::npos ? std::string::npos
                                                                    : next - at - 2);
        size_t colon = h.find(':');
        if (colon != std::string::npos) {
          std::string name = h.substr(0, colon);
          for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          size_t v = h.find_first_not_of(' ', colon + 1);
          r.headers[name] = v == std::string::npos ? "" : h.substr(v);
        }
        at = next;
      }
      int before = 0;
      {
        std::lock_guard<std::mutex> lock(mu_);
        before = static_cast<int>(
            std::count_if(seen_.begin(), seen_.end(), [&](const auto& s) { return s.path == r.path; }));
        seen_.push_back(r);
      }
      Reply reply = respond_(r, before);
      std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " X\r\n";
      for (const auto& h : reply.headers) out += h + "\r\n";
      if (reply.status != 304) out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
      out += "Connection: close\r\n\r\n" + reply.body;
      for (size_t sent = 0; sent < out.size();) {
        ssize_t n = send(c, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
      }
      close(c);
    }
  }

  Responder respond_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<SeenRequest> seen_;
};

FetchOptions Quick() {
  FetchOptions o;
  o.robots = false;
  o.per_host_interval = 0;
  o.connect_timeout = 5;
  o.timeout = 10;
  o.retries = 0;
  o.backoff = 0.05;
  return o;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Under load the machine may add delay, never take it away: the lower bounds
// are exact, the upper ones have this much slack.
constexpr double kSlack = 0.75;

constexpr char kLastModified[] = "Wed, 05 Nov 2025 08:00:00 GMT";

TEST(Fetcher, LastModifiedOnlyGivesIfModifiedSinceAnd304) {
  LoopbackServer server([](const SeenRequest& r, int) {
    LoopbackServer::Reply reply;
    auto ims = r.headers.find("if-modified-since");
    if (ims != r.headers.end() && ims->second == kLastModified) {
      reply.status = 304;
    } else {
      reply.body = "<rss version=\"2.0\"><channel><title>T</title></channel></rss>";
      reply.headers.push_back("Content-Type: application/rss+xml");
    }
    reply.headers.push_back(std::string("Last-Modified: ") + kLastModified);
    return reply;
  });
  Fetcher fetcher(Quick());
  auto first = fetcher.FetchAll({{server.Url("/lm.xml"), "", "", ""}});
  ASSERT_EQ(first[0].failure, FetchFailure::kNone) << first[0].error.ToString();
  EXPECT_EQ(first[0].http_status, 200);
  EXPECT_EQ(first[0].etag, "");
  EXPECT_EQ(first[0].last_modified, kLastModified);

  auto second = fetcher.FetchAll({{server.Url("/lm.xml"), first[0].etag, first[0].last_modified, ""}});
  ASSERT_EQ(second[0].failure, FetchFailure::kNone) << second[0].error.ToString();
  EXPECT_TRUE(second[0].not_modified);
  EXPECT_EQ(second[0].http_status, 304);
  EXPECT_EQ(second[0].body, "");
  auto seen = server.Requests("/lm.xml");
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].headers.count("if-modified-since"), 0u);
  EXPECT_EQ(seen[1].headers["if-modified-since"], kLastModified);
  EXPECT_EQ(seen[1].headers.count("if-none-match"), 0u);
}

// /hop/N redirects to /hop/N-1; /hop/0 is the page. /to/SCHEME redirects
// to a URL of that scheme.
LoopbackServer::Reply Redirects(const SeenRequest& r, int) {
  LoopbackServer::Reply reply;
  if (r.path.rfind("/hop/", 0) == 0) {
    int n = std::stoi(r.path.substr(5));
    if (n == 0) {
      reply.body = "<html><body><p>arrived</p></body></html>";
      reply.headers.push_back("Content-Type: text/html");
    } else {
      reply.status = 302;
      reply.headers.push_back("Location: /hop/" + std::to_string(n - 1));
    }
  } else if (r.path == "/to/file") {
    reply.status = 301;
    reply.headers.push_back("Location: file:///etc/passwd");
  } else if (r.path == "/to/ftp") {
    reply.status = 302;
    reply.headers.push_back("Location: ftp://127.0.0.1/feed.xml");
  } else {
    reply.status = 404;
  }
  return reply;
}

TEST(Fetcher, RedirectChainWithinTheLimitIsFollowed) {
  LoopbackServer server(Redirects);
  FetchOptions o = Quick();
  o.max_redirects = 5;
  Fetcher fetcher(o);
  auto r = fetcher.FetchAll({{server.Url("/hop/5"), "", "", ""}})[0];
  ASSERT_EQ(r.failure, FetchFailure::kNone) << r.error.ToString();
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.final_url, server.Url("/hop/0"));
  EXPECT_NE(r.body.find("arrived"), std::string::npos);

  // Hops follow each other at once (no per-host interval here), not after
  // a scheduler tick each (200 ms a hop once: 2 s for ten).
  o.max_redirects = 10;
  Fetcher patient(o);
  r = patient.FetchAll({{server.Url("/hop/10"), "", "", ""}})[0];
  ASSERT_EQ(r.failure, FetchFailure::kNone) << r.error.ToString();
  EXPECT_EQ(server.Requests("/hop/0").size(), 2u);
  EXPECT_LT(r.seconds, 1.0);
}

TEST(Fetcher, RedirectChainOverTheLimitFailsNamingTheLimit) {
  LoopbackServer server(Redirects);
  FetchOptions o = Quick();
  o.max_redirects = 5;
  o.retries = 2;  // not a transient failure: never retried
  Fetcher fetcher(o);
  auto r = fetcher.FetchAll({{server.Url("/hop/6"), "", "", ""}})[0];
  EXPECT_EQ(r.failure, FetchFailure::kPermanent);
  EXPECT_NE(r.error.ToString().find("more than 5 redirects"), std::string::npos)
      << r.error.ToString();
  EXPECT_NE(r.error.ToString().find(server.Url("/hop/6")), std::string::npos);
  EXPECT_EQ(r.attempts, 1);
  // Six requests (hops 6..1); /hop/0 is never asked for.
  EXPECT_EQ(server.Requests("/hop/1").size(), 1u);
  EXPECT_EQ(server.Requests("/hop/0").size(), 0u);
}

TEST(Fetcher, RedirectToAnotherSchemeIsRefused) {
  LoopbackServer server(Redirects);
  Fetcher fetcher(Quick());
  auto rs = fetcher.FetchAll({{server.Url("/to/file"), "", "", ""},
                              {server.Url("/to/ftp"), "", "", ""}});
  ASSERT_EQ(rs.size(), 2u);
  for (const auto& r : rs) {
    EXPECT_EQ(r.failure, FetchFailure::kPermanent) << r.url;
    EXPECT_NE(r.error.ToString().find("not http(s)"), std::string::npos) << r.error.ToString();
    EXPECT_EQ(r.body, "");
  }
  EXPECT_NE(rs[0].error.ToString().find("file:///etc/passwd"), std::string::npos);
  EXPECT_NE(rs[1].error.ToString().find("ftp://127.0.0.1/feed.xml"), std::string::npos);
}

// A listening socket whose accept queue is full and never drained: Linux
// drops further SYNs (net.ipv4.tcp_abort_on_overflow=0, the default), so a
// connect to it hangs until the client's connect timeout, without root and
// without leaving loopback. port() is 0 when a probe connect still got
// through (then this machine cannot show a connect timeout this way).
class FullBacklog {
 public:
  FullBacklog() {
    fd_ = ListenOnLoopback(0, &addr_);
    if (fd_ < 0) return;
    // Fill the queue: connects that complete are queued until it is full.
    for (int i = 0; i < 8; ++i) {
      if (Connect(200) != 1) break;
    }
    if (Connect(300) == 0) port_ = ntohs(addr_.sin_port);
  }
  ~FullBacklog() {
    for (int c : clients_) close(c);
    if (fd_ >= 0) close(fd_);
  }
  int port() const { return port_; }

 private:
  // 1 when a non-blocking connect completed within |ms|, 0 when it was
  // still pending, -1 on error.
  int Connect(int ms) {
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (c < 0) return -1;
    clients_.push_back(c);
    int rc = connect(c, reinterpret_cast<sockaddr*>(&addr_), sizeof addr_);
    if (rc == 0) return 1;
    if (errno != EINPROGRESS) return -1;
    pollfd p{c, POLLOUT, 0};
    if (poll(&p, 1, ms) == 0) return 0;
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
    return err == 0 ? 1 : -1;
  }
  int fd_ = -1;
  int port_ = 0;
  sockaddr_in addr_{};
  std::vector<int> clients_;
};

TEST(Fetcher, ConnectTimeoutOnAHostThatDropsSyns) {
  FullBacklog host;
  if (host.port() == 0) GTEST_SKIP() << "this kernel accepts connects beyond a full backlog";
  FetchOptions o = Quick();
  o.connect_timeout = 0.3;
  o.timeout = 20;  // the connect limit, not the transfer limit, must end it
  Fetcher fetcher(o);
  std::string url = "http://127.0.0.1:" + std::to_string(host.port()) + "/feed.xml";
  auto start = Clock::now();
  auto r = fetcher.FetchAll({{url, "", "", ""}})[0];
  double took = Seconds(Clock::now() - start);
  EXPECT_EQ(r.failure, FetchFailure::kTransient);
  EXPECT_EQ(r.http_status, 0);
  // libcurl 7.88 words it "Failed to connect to 127.0.0.1 port N after
  // 300 ms: Timeout was reached".
  EXPECT_NE(r.error.ToString().find("Timeout was reached"), std::string::npos)
      << r.error.ToString();
  EXPECT_GE(took, 0.29);
  EXPECT_LT(took, 10.0);

  // With robots.txt on, the host's robots.txt times out first: the page is
  // skipped for now (to be tried again, not blocked for good), and the
  // error says the host could not be reached rather than that robots.txt
  // forbids the page.
  o.robots = true;
  Fetcher polite(o);
  r = polite.FetchAll({{url, "", "", ""}})[0];
  EXPECT_EQ(r.failure, FetchFailure::kTransient);
  EXPECT_NE(r.error.ToString().find("robots.txt unavailable (Failed to connect"),
            std::string::npos)
      << r.error.ToString();
  EXPECT_NE(r.error.ToString().find("Timeout was reached); host skipped"), std::string::npos);
}

// /503/...: always 503. /ra/N/VALUE: 503 with "Retry-After: VALUE" for the
// first N requests, then 200. /429/VALUE: 429 with that Retry-After once.
LoopbackServer::Reply Unavailable(const SeenRequest& r, int before) {
  LoopbackServer::Reply reply;
  auto ok = [&] {
    reply.body = "<html><body><p>back</p></body></html>";
    reply.headers.push_back("Content-Type: text/html");
  };
  if (r.path.rfind("/503/", 0) == 0) {
    reply.status = 503;
  } else if (r.path.rfind("/ra/", 0) == 0) {
    size_t slash = r.path.find('/', 4);
    int n = std::stoi(r.path.substr(4, slash - 4));
    std::string value = r.path.substr(slash + 1);
    for (char& c : value)
      if (c == '_') c = ' ';
    if (value == "date+2") {  // an HTTP-date two seconds ahead
      char date[64];
      time_t t = std::time(nullptr) + 2;
      tm g{};
      gmtime_r(&t, &g);
      strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &g);
      value = date;
    }
    if (before < n) {
      reply.status = 503;
      reply.headers.push_back("Retry-After: " + value);
    } else {
      ok();
    }
  } else if (r.path.rfind("/429/", 0) == 0) {
    if (before == 0) {
      reply.status = 429;
      reply.headers.push_back("Retry-After: " + r.path.substr(5));
    } else {
      ok();
    }
  } else if (r.path == "/404") {
    reply.status = 404;
  }
  return reply;
}

// Gaps between the arrivals of successive attempts at |path|, in seconds.
std::vector<double> Gaps(LoopbackServer& server, const std::string& path) {
  auto seen = server.Requests(path);
  std::vector<double> gaps;
  for (size_t i = 1; i < seen.size(); ++i) gaps.push_back(Seconds(seen[i].at - seen[i - 1].at));
  return gaps;
}

TEST(Fetcher, RetriesBackOffExponentiallyWithJitter) {
  LoopbackServer server(Unavailable);
  FetchOptions o = Quick();
  o.retries = 3;
  o.backoff = 0.2;
  Fetcher fetcher(o);
  std::vector<FetchRequest> requests;
  for (const char* name : {"a", "b", "c", "d"})
    requests.push_back({server.Url(std::string("/503/") + name), "", "", ""});
  auto rs = fetcher.FetchAll(requests);
  std::vector<double> factors;  // gap / (backoff * 2^k): the jitter drawn
  double mean_first = 0, mean_last = 0;
  for (const auto& r : rs) {
    EXPECT_EQ(r.failure, FetchFailure::kTransient);
    EXPECT_EQ(r.attempts, 4);
    EXPECT_NE(r.error.ToString().find("HTTP 503 after 4 attempt(s)"), std::string::npos);
    std::string path = r.url.substr(r.url.find("/503/"));
    auto gaps = Gaps(server, path);
    ASSERT_EQ(gaps.size(), 3u) << path;
    for (size_t k = 0; k < gaps.size(); ++k) {
      double base = o.backoff * (1 << k);
      // Documented: backoff × 2^k × a factor in [0.5, 1.5).
      EXPECT_GE(gaps[k], 0.5 * base) << path << " retry " << k + 1;
      EXPECT_LT(gaps[k], 1.5 * base + kSlack) << path << " retry " << k + 1;
      factors.push_back(gaps[k] / base);
    }
    mean_first += gaps[0] / rs.size();
    mean_last += gaps[2] / rs.size();
  }
  // The waits grow: a third wait is at least 0.4 s, a first one under 0.3 s
  // plus whatever the machine adds (less than 0.1 s on average over four).
  EXPECT_GT(mean_last, mean_first);
  // Jitter: twelve waits drawn from [0.5, 1.5) are not all alike (even under
  // load, which adds to every wait but not in the same proportion).
  auto [lo, hi] = std::minmax_element(factors.begin(), factors.end());
  EXPECT_GT(*hi - *lo, 0.1) << "waits look unjittered";
}

TEST(Fetcher, RetryAfterIsHonouredAndCapped) {
  LoopbackServer server(Unavailable);
  FetchOptions o = Quick();
  o.retries = 2;
  o.backoff = 0.02;
  o.max_backoff = 1.2;
  Fetcher fetcher(o);
  auto rs = fetcher.FetchAll({
      {server.Url("/ra/1/1"), "", "", ""},       // 1 s: longer than the backoff
      {server.Url("/ra/1/3600"), "", "", ""},    // an hour: capped at 1.2 s
      {server.Url("/ra/1/date+2"), "", "", ""},  // an HTTP-date 2 s ahead
      {server.Url("/ra/1/soon"), "", "", ""},    // unreadable: the backoff applies
      {server.Url("/429/1"), "", "", ""},        // 429 is retried too
      {server.Url("/404"), "", "", ""},          // other 4xx are not
  });
  for (size_t i = 0; i + 1 < rs.size(); ++i) {
    EXPECT_EQ(rs[i].failure, FetchFailure::kNone) << rs[i].url << ": " << rs[i].error.ToString();
    EXPECT_EQ(rs[i].attempts, 2) << rs[i].url;
  }
  auto gap = [&](const char* path) {
    auto g = Gaps(server, path);
    return g.size() == 1 ? g[0] : -1.0;
  };
  EXPECT_GE(gap("/ra/1/1"), 1.0);
  EXPECT_LT(gap("/ra/1/1"), 1.0 + kSlack);
  EXPECT_GE(gap("/ra/1/3600"), 1.2);
  EXPECT_LT(gap("/ra/1/3600"), 1.2 + kSlack);
  // Whole seconds: two seconds ahead is at least one second away.
  EXPECT_GE(gap("/ra/1/date+2"), 0.9);
  EXPECT_LT(gap("/ra/1/date+2"), 2.0 + kSlack);
  EXPECT_GE(gap("/ra/1/soon"), 0.01);
  EXPECT_LT(gap("/ra/1/soon"), 0.03 + kSlack);
  EXPECT_GE(gap("/429/1"), 1.0);
  EXPECT_EQ(rs.back().failure, FetchFailure::kPermanent);
  EXPECT_EQ(rs.back().attempts, 1);
  EXPECT_EQ(server.Requests("/404").size(), 1u);
}

}  // namespace
}  // namespace vigil
