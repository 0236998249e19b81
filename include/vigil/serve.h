// serve: the ledger over HTTP. A JSON API (docs/API.md, docs/openapi.yaml)
// and the dashboard, whose files are embedded in the binary at build time,
// served by one process from one SQLite file. The HTTP layer is thin: every
// request goes through the same Store and Pipeline the CLI uses.
//
// Safe by default: loopback only, read-only unless a token is given, no CORS,
// strict security headers, bounded request sizes, page sizes and time per
// request (docs/API.md, "Limits and security").
#ifndef VIGIL_SERVE_H_
#define VIGIL_SERVE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vigil/resources.h"
#include "vigil/status.h"
#include "vigil/store.h"

namespace vigil {

struct ServeOptions {
  std::string db_path = "vigil.db";
  std::string bind = "127.0.0.1";
  int port = 8080;                  // 0: any free port (see Server::port())
  // Write endpoints require "Authorization: Bearer <token>"; without a token
  // the server is read-only.
  std::string token;
  // Extraction for documents posted to the API (may be null: they are then
  // stored without mentions). Must outlive the server.
  const Resources* resources = nullptr;
  // Request worker threads. One serves one connection at a time (its
  // keep-alive requests too), so with fewer threads than busy clients the
  // others queue (docs/PERFORMANCE.md, "Server and dashboard").
  int threads = 32;
  size_t max_body_bytes = 4u << 20;       // a posted document, 413 above
  size_t max_header_bytes = 8192;         // all request headers, 431 above
  size_t max_target_bytes = 4096;         // path and query, 414 above
  int64_t max_page_size = 500;            // "limit" above this is a 400
  std::chrono::milliseconds time_per_request{5000};  // 503 when a query runs longer
  int io_timeout_seconds = 10;            // a client that stalls longer is dropped
};

class Server {
 public:
  // Opens the database (it must exist unless a token is given), binds the
  // address and starts answering on background threads. Returns an error
  // when the database cannot be opened or the address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(const ServeOptions& options);
  ~Server();  // stops the server
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  // "http://127.0.0.1:8080/"
  std::string url() const;
  bool read_only() const;
  // Blocks until Stop() is called (from another thread or a signal handler
  // thread).
  void Wait();
  void Stop();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The JSON forms of the store's rows, shared by the CLI (`--format json`)
// and the API (docs/API.md); each is one compact JSON object.
std::string StatsJson(const StoreStats& stats);
std::string DocumentJson(const DocumentRow& doc);
// DocumentJson plus notes, text, blocks and sentence_list.
std::string DocumentDetailJson(const DocumentRow& doc, const std::vector<SentenceRow>& sentences);

}  // namespace vigil

#endif  // VIGIL_SERVE_H_
