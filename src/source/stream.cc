#include "source/stream.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>

namespace vigil {

namespace {

std::string ErrnoText(int err) { return std::strerror(err); }

class FdStream : public ByteStream {
 public:
  FdStream(int fd, bool owned, std::string where)
      : fd_(fd), owned_(owned), where_(std::move(where)) {}
  ~FdStream() override {
    if (owned_) ::close(fd_);
  }
  Result<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) {
        offset_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (errno == EINTR) continue;
      return Status::IoError("read failed: " + ErrnoText(errno), where_);
    }
  }
  uint64_t SourceOffset() const override { return offset_; }

 private:
  int fd_;
  bool owned_;
  std::string where_;
  uint64_t offset_ = 0;
};

class PrefixedStream : public ByteStream {
 public:
  PrefixedStream(std::string prefix, std::unique_ptr<ByteStream> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_->Read(buf, n);
  }
  uint64_t SourceOffset() const override { return rest_->SourceOffset(); }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteStream> rest_;
};

constexpr size_t kInChunk = 1 << 16;

// Inflates gzip (and zlib) data, including several concatenated members.
class GzipStream : public ByteStream {
 public:
  GzipStream(std::unique_ptr<ByteStream> inner, std::string where)
      : inner_(std::move(inner)), where_(std::move(where)), in_(kInChunk, '\0') {
    std::memset(&z_, 0, sizeof(z_));
    ok_ = inflateInit2(&z_, 15 + 32) == Z_OK;
  }
  ~GzipStream() override { inflateEnd(&z_); }

  Result<size_t> Read(char* buf, size_t n) override {
    if (!ok_) return Status::Internal("zlib initialisation failed", where_);
    if (done_) return size_t{0};
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    while (z_.avail_out > 0) {
      if (z_.avail_in == 0) {
        auto r = inner_->Read(in_.data(), in_.size());
        if (!r.ok()) return r.status();
        if (*r == 0) {
          if (started_ && !member_done_)
            return Status::InvalidInput(
                "corrupt gzip stream: unexpected end of data", where_);
          done_ = true;
          break;
        }
        started_ = true;
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(*r);
        if (member_done_) {
          // Another gzip member follows the previous one.
          if (inflateReset(&z_) != Z_OK)
            return Status::InvalidInput("corrupt gzip stream", where_);
          member_done_ = false;
        }
      }
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_done_ = true;
        if (z_.avail_in > 0) {
          if (inflateReset(&z_) != Z_OK)
            return Status::InvalidInput("corrupt gzip stream", where_);
          member_done_ = false;
        }
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        std::string msg = z_.msg ? z_.msg : "inflate error";
        return Status::InvalidInput(
            "corrupt gzip stream at compressed byte " +
                std::to_string(z_.total_in) + ": " + msg,
            where_);
      }
      if (rc == Z_BUF_ERROR && z_.avail_in > 0 && z_.avail_out > 0)
        return Status::InvalidInput("corrupt gzip stream", where_);
    }
    size_t produced = n - z_.avail_out;
    return produced;
  }
  uint64_t SourceOffset() const override { return inner_->SourceOffset(); }

 private:
  std::unique_ptr<ByteStream> inner_;
  std::string where_;
  std::string in_;
  z_stream z_;
  bool ok_ = false;
  bool done_ = false;
  bool member_done_ = false;
  bool started_ = false;
};

class ZstdStream : public ByteStream {
 public:
  ZstdStream(std::unique_ptr<ByteStream> inner, std::string where)
      : inner_(std::move(inner)), where_(std::move(where)), in_(kInChunk, '\0') {
    dctx_ = ZSTD_createDCtx();
    // Refuse frames that would need a window over 256 MiB.
    if (dctx_) ZSTD_DCtx_setParameter(dctx_, ZSTD_d_windowLogMax, 28);
  }
  ~ZstdStream() override { ZSTD_freeDCtx(dctx_); }

  Result<size_t> Read(char* buf, size_t n) override {
    if (!dctx_) return Status::Internal("zstd initialisation failed", where_);
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos < out.size) {
      if (in_buf_.pos == in_buf_.size) {
        if (eof_) break;
        auto r = inner_->Read(in_.data(), in_.size());
        if (!r.ok()) return r.status();
        if (*r == 0) {
          eof_ = true;
          if (last_ret_ != 0)
            return Status::InvalidInput(
                "corrupt zstd stream: unexpected end of data", where_);
          break;
        }
        in_buf_ = ZSTD_inBuffer{in_.data(), *r, 0};
      }
      size_t ret = ZSTD_decompressStream(dctx_, &out, &in_buf_);
      if (ZSTD_isError(ret))
        return Status::InvalidInput(
            std::string("corrupt zstd stream: ") + ZSTD_getErrorName(ret), where_);
      last_ret_ = ret;
    }
    return out.pos;
  }
  uint64_t SourceOffset() const override { return inner_->SourceOffset(); }

 private:
  std::unique_ptr<ByteStream> inner_;
  std::string where_;
  std::string in_;
  ZSTD_DCtx* dctx_ = nullptr;
  ZSTD_inBuffer in_buf_{nullptr, 0, 0};
  size_t last_ret_ = 0;
  bool eof_ = false;
};

class PosixFileSystem : public FileSystem {
 public:
  Result<FileInfo> Stat(const std::string& path) override {
    FileInfo info;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT || errno == ENOTDIR) return info;
      return Status::IoError("cannot stat: " + ErrnoText(errno), path);
    }
    info.exists = true;
    info.is_dir = S_ISDIR(st.st_mode);
    info.is_file = S_ISREG(st.st_mode);
    info.size = static_cast<uint64_t>(st.st_size);
    info.device = static_cast<uint64_t>(st.st_dev);
    info.inode = static_cast<uint64_t>(st.st_ino);
    return info;
  }

  Status ListDir(const std::string& path, std::vector<DirEntry>* out) override {
    out->clear();
    DIR* d = ::opendir(path.c_str());
    if (!d) return Status::IoError("cannot list directory: " + ErrnoText(errno), path);
    errno = 0;
    while (struct dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      DirEntry entry;
      entry.name = name;
      std::string full = path + "/" + name;
      struct stat st;
      if (::stat(full.c_str(), &st) == 0) {
        entry.is_dir = S_ISDIR(st.st_mode);
        entry.is_file = S_ISREG(st.st_mode);
        entry.size = static_cast<uint64_t>(st.st_size);
      }
      out->push_back(std::move(entry));
    }
    int err = errno;
    ::closedir(d);
    if (err != 0)
      return Status::IoError("cannot list directory: " + ErrnoText(err), path);
    return Status::Ok();
  }

  Result<std::unique_ptr<ByteStream>> OpenRead(const std::string& path) override {
    if (path == "-")
      return std::unique_ptr<ByteStream>(new FdStream(0, false, "stdin"));
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::IoError("cannot open: " + ErrnoText(errno), path);
    return std::unique_ptr<ByteStream>(new FdStream(fd, true, path));
  }
};

}  // namespace

Compression SniffCompression(std::string_view p) {
  if (p.size() >= 2 && static_cast<unsigned char>(p[0]) == 0x1f &&
      static_cast<unsigned char>(p[1]) == 0x8b)
    return Compression::kGzip;
  if (p.size() >= 4 && static_cast<unsigned char>(p[0]) == 0x28 &&
      static_cast<unsigned char>(p[1]) == 0xb5 &&
      static_cast<unsigned char>(p[2]) == 0x2f &&
      static_cast<unsigned char>(p[3]) == 0xfd)
    return Compression::kZstd;
  return Compression::kNone;
}

std::unique_ptr<ByteStream> MakeGzipStream(std::unique_ptr<ByteStream> inner,
                                           std::string where) {
  return std::make_unique<GzipStream>(std::move(inner), std::move(where));
}

std::unique_ptr<ByteStream> MakeZstdStream(std::unique_ptr<ByteStream> inner,
                                           std::string where) {
  return std::make_unique<ZstdStream>(std::move(inner), std::move(where));
}

std::unique_ptr<ByteStream> MakePrefixedStream(std::string prefix,
                                               std::unique_ptr<ByteStream> rest) {
  return std::make_unique<PrefixedStream>(std::move(prefix), std::move(rest));
}

FileSystem* DefaultFileSystem() {
  static PosixFileSystem* fs = new PosixFileSystem();
  return fs;
}

}  // namespace vigil
