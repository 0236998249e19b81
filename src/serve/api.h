// The API's request handling, apart from HTTP: a request (method, path,
// decoded query parameters, body, token) in, a response (status, type,
// body) out. server.cc feeds it from cpp-httplib; tests call it directly.
#ifndef VIGIL_SERVE_API_H_
#define VIGIL_SERVE_API_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "vigil/ledger.h"
#include "vigil/pipeline.h"
#include "vigil/serve.h"
#include "vigil/status.h"
#include "vigil/store.h"

namespace vigil {

struct ApiRequest {
  std::string method;   // "GET", "POST", ...
  std::string path;     // decoded, without the query
  std::vector<std::pair<std::string, std::string>> params;  // decoded query
  std::string body;
  std::string authorization;  // the Authorization header, "" if none
  std::string content_type;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

// Store connections for concurrent requests: SQLite connections are not
// shared between threads, so each request borrows one (WAL mode lets readers
// and the writer proceed together).
class StorePool {
 public:
  explicit StorePool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<Store> store)
        : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Store* operator->() const { return store_.get(); }
    Store* get() const { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };

  Result<Lease> Acquire();

 private:
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> idle_;
};

// True when |given| equals |expected|, in time that depends only on the
// length of |given| (a wrong token's prefix cannot be found by timing).
bool TokenMatches(std::string_view given, std::string_view expected);

// The filter and page of GET /api/events from its decoded query parameters
// (docs/API.md): every name known and given at most once, every value well
// formed, "limit" from 1 to |max_page|. The first problem found is an
// InvalidInput naming the parameter (a 400). Pure; the fuzz target
// "http_query" runs it on any query string.
Status ReadEventsQuery(const std::vector<std::pair<std::string, std::string>>& params,
                       int64_t max_page, EventFilter* filter);

class Api {
 public:
  // |options| must outlive the Api.
  explicit Api(const ServeOptions& options);

  ApiResponse Handle(const ApiRequest& request);

  // A JSON error body: {"status": 404, "error": "Not Found", "reason": ...}.
  static ApiResponse Error(int status, const std::string& reason);

 private:
  // The writes (a posted document, a correction, an undo) and the
  // re-resolution after them, one at a time: two resolutions at once would
  // only redo each other's work.
  ApiResponse HandleWrite(const ApiRequest& request, Store* store);

  const ServeOptions& options_;
  StorePool pool_;
  Pipeline pipeline_;
  std::mutex write_mu_;

 public:
  // The answers of the aggregate endpoints (/api/timeline, /api/map), by
  // path and query, while the ledger's version (Store::LedgerVersion) is
  // the same: the dashboard asks for the whole ledger's timeline on every
  // first render, a pass over every event (a quarter of a second at
  // 100,000 documents). A few entries, the oldest dropped first.
  class AnswerCache {
   public:
    bool Find(const std::string& key, const std::string& version, std::string* body);
    void Put(const std::string& key, const std::string& version, const std::string& body);

   private:
    static constexpr size_t kEntries = 16;
    std::mutex mu_;
    std::vector<std::pair<std::string, std::pair<std::string, std::string>>> entries_;
  };

 private:
  AnswerCache aggregates_;
};

}  // namespace vigil

#endif  // VIGIL_SERVE_API_H_
