// FileSystem: the one seam between dagbok and the files it reads and writes.
//
// Every file dagbok opens (a SIE file to import, a settings file, a zone
// file, an export it saves) goes through a FileSystem, so that a test can
// put a fault-injecting one in its place (tests/support/fault_file_system.h:
// fail the Nth write, sync or rename, or "crash" there) and prove what a
// failure at that point leaves behind. SQLite's own writes are not behind it.
//
// A file that dagbok writes for someone else (an export saved with -o) is
// written atomically: to a temporary file beside it, synced, renamed over
// the final name and the directory synced. A reader, or a restart after a
// crash at any point, finds the old file or the whole new one under the
// final name, never a part; what a crash leaves is a temporary file named
// ".NAME.dagbok-tmp-PID", which the next write of NAME removes.
//
//   FileSystem& fs = posix_file_system();
//   ASSIGN_OR_RETURN(std::string text, read_file(fs, "dagbok.toml"));
//   TRY(write_file_atomically(fs, "november.se", sie_bytes));
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace dagbok {

class ReadableFile {
 public:
  virtual ~ReadableFile() = default;
  // Reads up to `n` bytes into `buf`; 0 at the end of the file.
  virtual Result<size_t> read(char* buf, size_t n) = 0;
  // The file's size when it was opened.
  virtual uint64_t size() const = 0;
};

class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status append(std::string_view bytes) = 0;
  // Makes what was appended durable (fsync).
  virtual Status sync() = 0;
  virtual Status close() = 0;
};

// Who may read a file dagbok creates: everyone (0644, an export) or only its
// owner (0600, a key or anything holding a secret).
enum class FileAccess { kShared, kPrivate };

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // NotFound when there is no such file.
  virtual Result<std::unique_ptr<ReadableFile>> open_for_reading(const std::string& path) = 0;
  // A new, empty file; AlreadyExists when the name is taken.
  virtual Result<std::unique_ptr<WritableFile>> create_new(const std::string& path, FileAccess access) = 0;
  // Replaces `to` with `from` in one step (rename(2)).
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  // Makes the directory's entries (a rename into it) durable.
  virtual Status sync_dir(const std::string& dir) = 0;
  // Removes a file; a missing file is not an error.
  virtual Status remove(const std::string& path) = 0;
  // The names (not paths) in a directory.
  virtual Result<std::vector<std::string>> list_dir(const std::string& dir) = 0;
};

// The operating system's files. Stateless: one instance serves every caller.
FileSystem& posix_file_system();

// A whole file, refused beyond `max_bytes` (InvalidArgument naming the file)
// so that a wrong path to a huge file cannot exhaust memory.
inline constexpr uint64_t kMaxReadFileBytes = uint64_t{256} << 20;
Result<std::string> read_file(FileSystem& fs, const std::string& path, uint64_t max_bytes = kMaxReadFileBytes);

// Writes `bytes` to `path` atomically (see above). On an error nothing new
// is under `path` unless only the final directory sync failed (then the
// whole new file is, and the error says that it may not survive a power cut).
Status write_file_atomically(FileSystem& fs, const std::string& path, std::string_view bytes,
                             FileAccess access = FileAccess::kShared);

// The temporary files that interrupted writes of `path` left beside it
// (".NAME.dagbok-tmp-*"); write_file_atomically removes them first.
Status remove_unfinished_writes(FileSystem& fs, const std::string& path);

}  // namespace dagbok
