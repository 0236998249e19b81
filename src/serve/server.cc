// The HTTP layer: cpp-httplib in front of Api. It enforces the limits that
// belong to HTTP (sizes of the request line, headers and body; timeouts for
// slow clients; the Host header), adds the security headers to every
// response and turns each request into an ApiRequest. Exceptions from the
// library are caught here and become a 500; none escapes a request.

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "serve/api.h"
#include "vigil/serve.h"

namespace vigil {

namespace {

// The dashboard needs nothing but its own origin: scripts and styles from
// files (no inline code, no eval), data from the API, no frames, no
// embedding elsewhere. CORS is off: no Access-Control-* header is ever sent,
// so pages of other origins cannot read the API.
const httplib::Headers& SecurityHeaders() {
  static const httplib::Headers kHeaders = {
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
       "frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      {"Permissions-Policy", "geolocation=(), camera=(), microphone=()"},
  };
  return kHeaders;
}

bool IsLoopbackAddress(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost" ||
         host.rfind("127.", 0) == 0;
}

// The host part of a Host header: "127.0.0.1:8080" -> "127.0.0.1",
// "[::1]:8080" -> "::1".
std::string HostName(const std::string& header) {
  if (!header.empty() && header[0] == '[') {
    size_t close = header.find(']');
    return close == std::string::npos ? header : header.substr(1, close - 1);
  }
  size_t colon = header.find(':');
  return colon == std::string::npos ? header : header.substr(0, colon);
}

void Send(const ApiResponse& r, httplib::Response* res) {
  res->status = r.status;
  for (const auto& [k, v] : r.headers) res->set_header(k, v);
  if (r.content_type.rfind("application/json", 0) == 0) res->set_header("Cache-Control", "no-store");
  res->set_content(r.body, r.content_type.c_str());
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  std::unique_ptr<Api> api;
  httplib::Server http;
  std::thread listener;
  int port = 0;
  std::mutex mu;
  std::condition_variable stopped_cv;
  bool stopped = false;

  void Configure();
  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res);
  void Handle(const httplib::Request& req, httplib::Response& res);
};

void Server::Impl::Configure() {
  const int threads = std::max(1, options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // cpp-httplib's default sets SO_REUSEPORT, which lets a second server
  // bind the same port and silently take half the connections. Only
  // SO_REUSEADDR (a restart may bind while old connections linger).
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<void*>(&yes), sizeof(yes));
  });
  http.set_default_headers(SecurityHeaders());
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.io_timeout_seconds, 0);
  http.set_write_timeout(options.io_timeout_seconds, 0);
  // An idle connection between requests holds a worker thread like a
  // stalled one: it gets no longer than the I/O timeout either.
  http.set_keep_alive_timeout(std::min(5, options.io_timeout_seconds));
  // A busy keep-alive connection holds its worker too: after a few requests
  // it is closed so the connections queued behind it get a turn (with 100,
  // 64 wrk connections on 32 workers waited over 10 s for one).
  http.set_keep_alive_max_count(5);
  // An answer goes out in more than one write (headers, body); with Nagle's
  // algorithm the last waited for the client's delayed ACK, 40 ms on Linux,
  // which set the latency of every keep-alive request (docs/PERFORMANCE.md).
  http.set_tcp_nodelay(true);
  http.set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { return PreRoute(req, res); });
  auto handle = [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); };
  // Every path goes to Api, which routes and answers unknown ones with a
  // JSON 404 or 405.
  http.Get(".*", handle);
  http.Post(".*", handle);
  http.Put(".*", handle);
  http.Delete(".*", handle);
  http.Patch(".*", handle);
  http.Options(".*", handle);
  http.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
    // Errors httplib produces itself (413 body too large, 400 bad request
    // line...) get a JSON body too, unless a handler already wrote one.
    if (!res.body.empty()) return;
    std::string reason = "the HTTP request was refused";
    if (res.status == 413)
      reason = "the body exceeds " + std::to_string(options.max_body_bytes) + " bytes";
    else if (res.status == 414)
      reason = "the request target is too long";
    else if (res.status == 400)
      reason = "malformed HTTP request";
    Send(Api::Error(res.status, reason), &res);
    // A request that could not be read whole (a client that stalled past
    // the I/O timeout, or sent garbage) ends its connection: keeping it
    // alive would hold a worker thread for a client that already failed.
    if (res.status == 400 || res.status == 408 || res.status == 413 || res.status == 414 ||
        res.status == 431)
      res.set_header("Connection", "close");
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = std::string("internal error: ") + e.what();
        } catch (...) {
        }
        Send(Api::Error(500, what), &res);
      });
}

httplib::Server::HandlerResponse Server::Impl::PreRoute(const httplib::Request& req,
                                                       httplib::Response& res) {
  using R = httplib::Server::HandlerResponse;
  size_t header_bytes = 0;
  for (const auto& [k, v] : req.headers) header_bytes += k.size() + v.size() + 4;
  if (header_bytes > options.max_header_bytes) {
    Send(Api::Error(431, "request headers exceed " + std::to_string(options.max_header_bytes) +
                             " bytes"),
         &res);
    return R::Handled;
  }
  if (req.target.size() > options.max_target_bytes) {
    Send(Api::Error(414, "request target exceeds " + std::to_string(options.max_target_bytes) +
                             " bytes"),
         &res);
    return R::Handled;
  }
  // A server on loopback answers only to loopback names: a page elsewhere
  // that rebinds its own domain name to 127.0.0.1 cannot reach the API.
  if (IsLoopbackAddress(options.bind)) {
    std::string host = HostName(req.get_header_value("Host"));
    if (!IsLoopbackAddress(host)) {
      Send(Api::Error(403, "this server answers only to a loopback Host"), &res);
      return R::Handled;
    }
  }
  return R::Unhandled;
}

void Server::Impl::Handle(const httplib::Request& req, httplib::Response& res) {
  ApiRequest r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.params.emplace_back(k, v);
  r.body = req.body;
  r.authorization = req.get_header_value("Authorization");
  r.content_type = req.get_header_value("Content-Type");
  Send(api->Handle(r), &res);
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  Stop();
  if (impl_->listener.joinable()) impl_->listener.join();
}

Result<std::unique_ptr<Server>> Server::Start(const ServeOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  struct stat st;
  if (::stat(options.db_path.c_str(), &st) != 0 && options.token.empty())
    return Status::NotFound("no database here (ingest documents first, or start with --token "
                            "to create it and accept documents over the API)",
                            options.db_path);
  // Opening once up front reports a bad file (or creates and migrates a new
  // one) before any request arrives.
  {
    auto store = Store::Open(options.db_path);
    if (!store.ok()) return store.status();
  }
  impl->api = std::make_unique<Api>(impl->options);
  impl->Configure();
  if (options.port == 0) {
    impl->port = impl->http.bind_to_any_port(options.bind);
    if (impl->port <= 0)
      return Status::IoError("cannot bind an address on " + options.bind);
  } else {
    if (!impl->http.bind_to_port(options.bind, options.port))
      return Status::IoError("cannot bind " + options.bind + ":" + std::to_string(options.port) +
                             " (in use, or not an address of this machine?)");
    impl->port = options.port;
  }
  Impl* raw = impl.get();
  impl->listener = std::thread([raw] {
    raw->http.listen_after_bind();
    std::lock_guard<std::mutex> lock(raw->mu);
    raw->stopped = true;
    raw->stopped_cv.notify_all();
  });
  // cpp-httplib 0.11 has no wait_until_ready(): poll until it accepts.
  for (int i = 0; i < 2000 && !impl->http.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  const std::string& host = impl_->options.bind;
  bool v6 = host.find(':') != std::string::npos;
  std::string shown = host == "0.0.0.0" ? "127.0.0.1" : host;
  return "http://" + (v6 ? "[" + shown + "]" : shown) + ":" + std::to_string(impl_->port) + "/";
}

bool Server::read_only() const { return impl_->options.token.empty(); }

void Server::Wait() {
  std::unique_lock<std::mutex> lock(impl_->mu);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

void Server::Stop() { impl_->http.stop(); }

}  // namespace vigil
