// FaultFileSystem: a test double of core/file_system.h that fails the Nth
// fault point, after LevelDB's fault_injection_test.
//
// It passes everything to the real file system and counts the operations
// that can fail in the middle of writing a file: each write (append), each
// sync (of a file or a directory), each rename, and each read. The Nth one
// fails (N counts from 1 over all of them). With Failure::kCrash every later
// operation fails too, as if the process had died there: no cleanup runs, so
// what is left on disk is what a crash at that point would leave.
//
//   FaultFileSystem fs(FaultFileSystem::Failure::kCrash);
//   for (int n = 1;; ++n) {
//     fs.fail_at(n);
//     Status s = write_file_atomically(fs, path, bytes);
//     ... check the file is the old one or the new one ...
//     if (!fs.fault_happened()) break;  // every point has been tried
//   }
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/file_system.h"

namespace dagbok::testing_support {

class FaultFileSystem final : public FileSystem {
 public:
  enum class Failure { kError, kCrash };
  enum class Op { kRead, kWrite, kSync, kRename };

  explicit FaultFileSystem(Failure failure = Failure::kError, FileSystem& real = posix_file_system())
      : real_(real), failure_(failure) {}

  // Fails the nth fault point from now on (0: none) and resets the counts.
  void fail_at(int n) {
    fail_at_ = n;
    seen_ = 0;
    fault_happened_ = false;
    crashed_ = false;
    ops_.clear();
  }
  // Ends a simulated crash: the "restarted process" may use the files again.
  void restart() {
    fail_at_ = 0;
    crashed_ = false;
  }
  bool fault_happened() const { return fault_happened_; }
  int fault_points_seen() const { return seen_; }
  // The kinds of the fault points seen so far, in order.
  const std::vector<Op>& ops() const { return ops_; }

  Result<std::unique_ptr<ReadableFile>> open_for_reading(const std::string& path) override {
    TRY(alive());
    ASSIGN_OR_RETURN(std::unique_ptr<ReadableFile> f, real_.open_for_reading(path));
    return std::unique_ptr<ReadableFile>(new Readable(*this, std::move(f)));
  }
  Result<std::unique_ptr<WritableFile>> create_new(const std::string& path, FileAccess access) override {
    TRY(alive());
    ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> f, real_.create_new(path, access));
    return std::unique_ptr<WritableFile>(new Writable(*this, std::move(f)));
  }
  Status rename(const std::string& from, const std::string& to) override {
    TRY(point(Op::kRename));
    return real_.rename(from, to);
  }
  Status sync_dir(const std::string& dir) override {
    TRY(point(Op::kSync));
    return real_.sync_dir(dir);
  }
  Status remove(const std::string& path) override {
    TRY(alive());
    return real_.remove(path);
  }
  Result<std::vector<std::string>> list_dir(const std::string& dir) override {
    TRY(alive());
    return real_.list_dir(dir);
  }

 private:
  class Readable final : public ReadableFile {
   public:
    Readable(FaultFileSystem& fs, std::unique_ptr<ReadableFile> f) : fs_(fs), f_(std::move(f)) {}
    Result<size_t> read(char* buf, size_t n) override {
      TRY(fs_.point(Op::kRead));
      return f_->read(buf, n);
    }
    uint64_t size() const override { return f_->size(); }

   private:
    FaultFileSystem& fs_;
    std::unique_ptr<ReadableFile> f_;
  };
  class Writable final : public WritableFile {
   public:
    Writable(FaultFileSystem& fs, std::unique_ptr<WritableFile> f) : fs_(fs), f_(std::move(f)) {}
    // A fault in a write may leave part of it written, as a full disk does.
    Status append(std::string_view bytes) override {
      if (Status s = fs_.point(Op::kWrite); !s.ok()) {
        (void)f_->append(bytes.substr(0, bytes.size() / 2));
        return s;
      }
      return f_->append(bytes);
    }
    Status sync() override {
      TRY(fs_.point(Op::kSync));
      return f_->sync();
    }
    Status close() override {
      if (Status s = fs_.alive(); !s.ok()) {
        (void)f_->close();  // the descriptor goes with the "dead" process
        return s;
      }
      return f_->close();
    }

   private:
    FaultFileSystem& fs_;
    std::unique_ptr<WritableFile> f_;
  };

  Status alive() const {
    if (crashed_) return unavailable("injected: the process has crashed");
    return ok_status();
  }
  Status point(Op op) {
    TRY(alive());
    ops_.push_back(op);
    if (++seen_ != fail_at_) return ok_status();
    fault_happened_ = true;
    if (failure_ == Failure::kCrash) crashed_ = true;
    return unavailable("injected fault at point " + std::to_string(seen_));
  }

  FileSystem& real_;
  Failure failure_;
  int fail_at_ = 0;
  int seen_ = 0;
  bool fault_happened_ = false;
  bool crashed_ = false;
  std::vector<Op> ops_;
};

}  // namespace dagbok::testing_support
