// What every vigil subcommand shares: exit codes, error printing, clipping
// text for tables, and loading the resource file.
#ifndef VIGIL_TOOLS_CLI_COMMON_H_
#define VIGIL_TOOLS_CLI_COMMON_H_

#include <cstdio>
#include <memory>
#include <string>

#include <sys/stat.h>

#include "vigil/resources.h"
#include "vigil/status.h"
#include "vigil/store.h"

namespace vigil {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSkipped = 1;   // some input was skipped
inline constexpr int kExitFatal = 2;     // usage or fatal error

inline int Fatal(const Status& s) {
  std::fprintf(stderr, "vigil: error: %s\n", s.ToString().c_str());
  return kExitFatal;
}

// |s| cut to at most |n| bytes on a UTF-8 boundary, with an ellipsis.
inline std::string Clip(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  size_t k = n;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return s.substr(0, k) + "…";
}

// |s| padded with spaces to |width| characters (UTF-8 code points), for
// table columns that printf's byte widths would misalign.
inline std::string Pad(const std::string& s, size_t width) {
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  return chars >= width ? s : s + std::string(width - chars, ' ');
}

// The resource file: |path|, else $VIGIL_RESOURCES, else beside the binary.
inline Result<std::unique_ptr<Resources>> LoadResources(const std::string& path) {
  if (!path.empty()) return Resources::Load(path);
  return Resources::LoadDefault();
}

// Opens the database at |path| for a command that reads or edits a ledger:
// a missing file is an error (a mistyped --db must not leave an empty
// database behind). Only ingest, watch and serve with a token create one.
inline Result<std::unique_ptr<Store>> OpenExistingStore(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return Status::NotFound("no such database (vigil ingest creates one)", path);
  return Store::Open(path);
}

}  // namespace vigil

#endif  // VIGIL_TOOLS_CLI_COMMON_H_
