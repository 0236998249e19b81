#include "vigil/status.h"

namespace vigil {

const char* Status::CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalidInput: return "invalid input";
    case Code::kNotFound: return "not found";
    case Code::kIoError: return "i/o error";
    case Code::kUnsupported: return "unsupported";
    case Code::kCorruption: return "corruption";
    case Code::kInternal: return "internal error";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  if (where_.empty()) return message_;
  return where_ + ": " + message_;
}

}  // namespace vigil
