// Fuzz targets: one function per parser that reads bytes from outside.
//
// Each target is an ordinary function so that two programs can call it:
//  - the libFuzzer binary fuzz/<name>_fuzz (built with -DVIGIL_FUZZ=ON and
//    clang), whose LLVMFuzzerTestOneInput is defined by VIGIL_FUZZ_ENTRY;
//  - fuzz_replay_test, a GoogleTest binary of the normal build that replays
//    fuzz/corpus/<name>/* and fuzz/regressions/<name>/* through the same
//    function, so every input that once crashed stays a test in the normal
//    and the sanitizer suites.
// A target returns 0 and checks what must hold for every input with
// FUZZ_CHECK, which aborts (libFuzzer records the input as a crash).
#ifndef VIGIL_FUZZ_FUZZ_H_
#define VIGIL_FUZZ_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "vigil/document.h"

namespace vigil::fuzz {

using TargetFn = int (*)(const uint8_t* data, size_t size);

int FuzzHtmlReader(const uint8_t* data, size_t size);
int FuzzRawItem(const uint8_t* data, size_t size);
int FuzzTextMeta(const uint8_t* data, size_t size);
int FuzzInputReader(const uint8_t* data, size_t size);
int FuzzDates(const uint8_t* data, size_t size);
int FuzzText(const uint8_t* data, size_t size);
int FuzzQuantity(const uint8_t* data, size_t size);
int FuzzTimex(const uint8_t* data, size_t size);
int FuzzExtract(const uint8_t* data, size_t size);
int FuzzFeed(const uint8_t* data, size_t size);
int FuzzFeedsFile(const uint8_t* data, size_t size);
int FuzzRobots(const uint8_t* data, size_t size);
int FuzzHttpQuery(const uint8_t* data, size_t size);

// Prints |what| with the input being replayed (if any) and aborts.
[[noreturn]] void CheckFailed(const char* file, int line, const char* what);
// Names the input being run, for CheckFailed's message (replay only).
void SetCurrentInput(std::string name);

// True when |s| is well-formed UTF-8.
bool IsUtf8(std::string_view s);

// A Document whose text is |bytes| made valid UTF-8, one block per
// paragraph (split at blank lines), the block kinds varying with the input.
Document DocumentOfParagraphs(std::string_view bytes);

// Checks what Document promises (vigil/document.h): text and metadata are
// valid UTF-8, the text is NFC, blocks are in order, inside the text, do not
// overlap, are trimmed and separated by a blank line.
void CheckDocument(const Document& doc);

}  // namespace vigil::fuzz

#define FUZZ_CHECK(cond)                                              \
  do {                                                                \
    if (!(cond)) ::vigil::fuzz::CheckFailed(__FILE__, __LINE__, #cond); \
  } while (0)

#ifdef VIGIL_LIBFUZZER
#define VIGIL_FUZZ_ENTRY(fn)                                                   \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {    \
    return ::vigil::fuzz::fn(data, size);                                      \
  }
#else
#define VIGIL_FUZZ_ENTRY(fn)
#endif

#endif  // VIGIL_FUZZ_FUZZ_H_
