#include "core/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace dagbok {
namespace {

std::string errno_text(int err) { return std::strerror(err); }

// Retries a system call interrupted by a signal.
template <typename F>
auto retry_eintr(F f) {
  auto rc = f();
  while (rc < 0 && errno == EINTR) rc = f();
  return rc;
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

class PosixReadableFile final : public ReadableFile {
 public:
  PosixReadableFile(std::string path, int fd, uint64_t size) : path_(std::move(path)), fd_(fd), size_(size) {}
  Result<size_t> read(char* buf, size_t n) override {
    const ssize_t got = retry_eintr([&] { return ::read(fd_.get(), buf, n); });
    if (got < 0) return unavailable("cannot read '" + path_ + "': " + errno_text(errno));
    return static_cast<size_t>(got);
  }
  uint64_t size() const override { return size_; }

 private:
  std::string path_;
  Fd fd_;
  uint64_t size_;
};

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  Status append(std::string_view bytes) override {
    while (!bytes.empty()) {
      const ssize_t n = retry_eintr([&] { return ::write(fd_.get(), bytes.data(), bytes.size()); });
      if (n < 0) return unavailable("cannot write '" + path_ + "': " + errno_text(errno) + " (is the disk full?)");
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return ok_status();
  }
  Status sync() override {
    if (retry_eintr([&] { return ::fsync(fd_.get()); }) != 0)
      return unavailable("cannot write '" + path_ + "' to the disk (fsync): " + errno_text(errno));
    return ok_status();
  }
  Status close() override {
    if (fd_.get() < 0) return ok_status();
    if (::close(fd_.release()) != 0) return unavailable("cannot close '" + path_ + "': " + errno_text(errno));
    return ok_status();
  }

 private:
  std::string path_;
  Fd fd_;
};

class PosixFileSystem final : public FileSystem {
 public:
  Result<std::unique_ptr<ReadableFile>> open_for_reading(const std::string& path) override {
    Fd fd(retry_eintr([&] { return ::open(path.c_str(), O_RDONLY | O_CLOEXEC); }));
    if (fd.get() < 0) {
      const int err = errno;
      if (err == ENOENT || err == ENOTDIR) return not_found("cannot read '" + path + "': no such file");
      return failed_precondition("cannot read '" + path + "': " + errno_text(err));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return unavailable("cannot read '" + path + "': " + errno_text(errno));
    if (S_ISDIR(st.st_mode)) return invalid_argument("'" + path + "' is a directory, not a file");
    return std::unique_ptr<ReadableFile>(
        new PosixReadableFile(path, fd.release(), static_cast<uint64_t>(st.st_size)));
  }

  Result<std::unique_ptr<WritableFile>> create_new(const std::string& path, FileAccess access) override {
    const mode_t mode = access == FileAccess::kPrivate ? 0600 : 0644;
    const int fd = retry_eintr([&] { return ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode); });
    if (fd < 0) {
      const int err = errno;
      if (err == EEXIST) return already_exists("cannot create '" + path + "': it exists");
      return failed_precondition("cannot create '" + path + "': " + errno_text(err));
    }
    return std::unique_ptr<WritableFile>(new PosixWritableFile(path, fd));
  }

  Status rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0)
      return unavailable("cannot move '" + from + "' to '" + to + "': " + errno_text(errno));
    return ok_status();
  }

  Status sync_dir(const std::string& dir) override {
    Fd fd(retry_eintr([&] { return ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); }));
    if (fd.get() < 0) return unavailable("cannot open the folder '" + dir + "': " + errno_text(errno));
    if (retry_eintr([&] { return ::fsync(fd.get()); }) != 0)
      return unavailable("cannot write the folder '" + dir + "' to the disk (fsync): " + errno_text(errno));
    return ok_status();
  }

  Status remove(const std::string& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
      return unavailable("cannot remove '" + path + "': " + errno_text(errno));
    return ok_status();
  }

  Result<std::vector<std::string>> list_dir(const std::string& dir) override {
    std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), &::closedir);
    if (!d) return unavailable("cannot list the folder '" + dir + "': " + errno_text(errno));
    std::vector<std::string> names;
    while (const dirent* e = ::readdir(d.get())) {
      const std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    return names;
  }
};

std::string dir_of(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

std::string temp_prefix(const std::string& path) {
  return "." + std::filesystem::path(path).filename().string() + ".dagbok-tmp-";
}

}  // namespace

FileSystem& posix_file_system() {
  static PosixFileSystem fs;  // no state: nothing here changes after construction
  return fs;
}

Result<std::string> read_file(FileSystem& fs, const std::string& path, uint64_t max_bytes) {
  ASSIGN_OR_RETURN(std::unique_ptr<ReadableFile> f, fs.open_for_reading(path));
  if (f->size() > max_bytes)
    return invalid_argument("'" + path + "' is " + std::to_string(f->size()) + " bytes, more than the " +
                            std::to_string(max_bytes) + " this reads");
  std::string out;
  out.reserve(static_cast<size_t>(f->size()));
  char buf[1 << 16];
  for (;;) {
    ASSIGN_OR_RETURN(size_t got, f->read(buf, sizeof buf));
    if (got == 0) break;
    if (out.size() + got > max_bytes)
      return invalid_argument("'" + path + "' grew beyond the " + std::to_string(max_bytes) + " bytes this reads");
    out.append(buf, got);
  }
  return out;
}

Status remove_unfinished_writes(FileSystem& fs, const std::string& path) {
  const std::string dir = dir_of(path);
  const std::string prefix = temp_prefix(path);
  ASSIGN_OR_RETURN(std::vector<std::string> names, fs.list_dir(dir));
  for (const std::string& name : names)
    if (name.rfind(prefix, 0) == 0) TRY(fs.remove((std::filesystem::path(dir) / name).string()));
  return ok_status();
}

Status write_file_atomically(FileSystem& fs, const std::string& path, std::string_view bytes, FileAccess access) {
  const std::string dir = dir_of(path);
  TRY(remove_unfinished_writes(fs, path));
  const std::string tmp = (std::filesystem::path(dir) / (temp_prefix(path) + std::to_string(::getpid()))).string();
  ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> f, fs.create_new(tmp, access));
  auto abandon = [&](Error e) {
    (void)f->close();
    (void)fs.remove(tmp);  // best effort: a crash here leaves it for the next write
    return e.with_context("nothing was written to '" + path + "'");
  };
  // In pieces of at most 1 MiB, each one write(2) or more.
  constexpr size_t kPiece = size_t{1} << 20;
  for (size_t at = 0; at < bytes.size(); at += kPiece)
    if (Status s = f->append(bytes.substr(at, kPiece)); !s.ok()) return abandon(s.error());
  if (Status s = f->sync(); !s.ok()) return abandon(s.error());
  if (Status s = f->close(); !s.ok()) return abandon(s.error());
  if (Status s = fs.rename(tmp, path); !s.ok()) return abandon(s.error());
  if (Status s = fs.sync_dir(dir); !s.ok())
    return Error(s.error().code(), "'" + path + "' is written, but may not survive a power cut: " + s.error().message());
  return ok_status();
}

}  // namespace dagbok
