// Status and Result<T>: how every fallible call in Vigil reports failure.
//
// A Status is either OK or carries a code, a message and an optional location
// (a file path, a URL, "stdin"). Messages say what went wrong where, e.g.
//   Status::InvalidInput("jsonl: line 41: missing \"text\"", path)
// and are printed by the CLI as one line: "<where>: <message>".
#ifndef VIGIL_STATUS_H_
#define VIGIL_STATUS_H_

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace vigil {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidInput,   // the input is malformed; skip it, keep going
    kNotFound,       // a path, document or record does not exist
    kIoError,        // the OS refused a read or write
    kUnsupported,    // a format or feature Vigil does not handle
    kCorruption,     // stored data fails its own checks
    kInternal,       // a library we call failed unexpectedly
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string msg, std::string where = {}) {
    return Status(Code::kInvalidInput, std::move(msg), std::move(where));
  }
  static Status NotFound(std::string msg, std::string where = {}) {
    return Status(Code::kNotFound, std::move(msg), std::move(where));
  }
  static Status IoError(std::string msg, std::string where = {}) {
    return Status(Code::kIoError, std::move(msg), std::move(where));
  }
  static Status Unsupported(std::string msg, std::string where = {}) {
    return Status(Code::kUnsupported, std::move(msg), std::move(where));
  }
  static Status Corruption(std::string msg, std::string where = {}) {
    return Status(Code::kCorruption, std::move(msg), std::move(where));
  }
  static Status Internal(std::string msg, std::string where = {}) {
    return Status(Code::kInternal, std::move(msg), std::move(where));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& where() const { return where_; }

  // Returns a copy whose location is |where| when none was set yet.
  Status At(std::string where) const {
    Status s = *this;
    if (s.where_.empty()) s.where_ = std::move(where);
    return s;
  }

  // "<where>: <message>" or just the message; "OK" when ok().
  std::string ToString() const;
  static const char* CodeName(Code code);

 private:
  Status(Code code, std::string msg, std::string where)
      : code_(code), message_(std::move(msg)), where_(std::move(where)) {}

  Code code_ = Code::kOk;
  std::string message_;
  std::string where_;
};

// Holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    if (std::get<Status>(v_).ok()) {
      std::fprintf(stderr, "vigil: Result constructed from OK status\n");
      std::abort();
    }
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace vigil

#define VIGIL_RETURN_IF_ERROR(expr)        \
  do {                                     \
    ::vigil::Status vigil_status_ = (expr); \
    if (!vigil_status_.ok()) return vigil_status_; \
  } while (0)

// Aborts with file and line when an invariant of Vigil's own code is broken.
// Never used for bad input.
#define VIGIL_CHECK(cond)                                                  \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                   #cond);                                                 \
      std::abort();                                                        \
    }                                                                      \
  } while (0)

#endif  // VIGIL_STATUS_H_
