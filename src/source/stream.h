// Byte streams for the source stage: files, stdin, gzip and zstd, and the
// small FileSystem interface through which every input is opened, so that
// tests can inject faults (unreadable directories, failing reads).
#ifndef VIGIL_SOURCE_STREAM_H_
#define VIGIL_SOURCE_STREAM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vigil/status.h"

namespace vigil {

class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to |n| bytes into |buf|. Returns the count; 0 means end of stream.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // Bytes consumed from the underlying file so far (compressed bytes for a
  // decompressing stream).
  virtual uint64_t SourceOffset() const = 0;
};

enum class Compression { kNone, kGzip, kZstd };

// Returns the compression of a stream starting with |prefix| (magic bytes).
Compression SniffCompression(std::string_view prefix);

// Wraps |inner| in a decompressor. |where| names the input in errors.
std::unique_ptr<ByteStream> MakeGzipStream(std::unique_ptr<ByteStream> inner,
                                           std::string where);
std::unique_ptr<ByteStream> MakeZstdStream(std::unique_ptr<ByteStream> inner,
                                           std::string where);

// A stream over bytes already read, followed by |rest| (used after sniffing).
std::unique_ptr<ByteStream> MakePrefixedStream(std::string prefix,
                                               std::unique_ptr<ByteStream> rest);

struct DirEntry {
  std::string name;
  bool is_dir = false;
  bool is_file = false;
  uint64_t size = 0;
};

struct FileInfo {
  bool exists = false;
  bool is_dir = false;
  bool is_file = false;
  uint64_t size = 0;
  uint64_t device = 0;
  uint64_t inode = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<FileInfo> Stat(const std::string& path) = 0;
  // Lists |path| (entries "." and ".." excluded), following symbolic links.
  virtual Status ListDir(const std::string& path, std::vector<DirEntry>* out) = 0;
  // Opens |path| for reading; "-" is standard input.
  virtual Result<std::unique_ptr<ByteStream>> OpenRead(const std::string& path) = 0;
};

// The real file system (POSIX).
FileSystem* DefaultFileSystem();

}  // namespace vigil

#endif  // VIGIL_SOURCE_STREAM_H_
