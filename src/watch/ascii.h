// Small ASCII helpers shared by the watch stage's readers.
#ifndef VIGIL_WATCH_ASCII_H_
#define VIGIL_WATCH_ASCII_H_

#include <string>
#include <string_view>

namespace vigil {

// |s| with ASCII letters in lower case (other bytes unchanged).
inline std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace vigil

#endif  // VIGIL_WATCH_ASCII_H_
