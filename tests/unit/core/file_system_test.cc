// The file-system seam (core/file_system.h): an atomic write fails at every
// write, sync and rename in turn (as an error, and as a crash), and each time
// the final name holds the old file or the whole new one, never a part; the
// next write (the "restart") leaves no temporary file behind.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/file_system.h"
#include "support/fault_file_system.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::FaultFileSystem;
using testing_support::TempDir;

std::string slurp(const std::string& path) {
  Result<std::string> r = read_file(posix_file_system(), path);
  return r.ok() ? *r : "<" + r.error().message() + ">";
}

std::vector<std::string> names_in(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Larger than one piece (1 MiB) so that the write itself has several points.
std::string big_text(char fill, size_t size) { return std::string(size, fill) + "\nend\n"; }

void every_point(FaultFileSystem::Failure failure) {
  TempDir dir;
  const std::string path = dir.file("export.se");
  const std::string old_text = big_text('o', 1000);
  const std::string new_text = big_text('n', (size_t{5} << 19));  // 2.5 MiB: three writes
  ASSERT_TRUE(write_file_atomically(posix_file_system(), path, old_text).ok());

  FaultFileSystem fs(failure);
  int points = 0;
  for (int n = 1; n < 100; ++n) {
    fs.fail_at(n);
    const Status s = write_file_atomically(fs, path, new_text);
    const std::string now = slurp(path);
    EXPECT_TRUE(now == old_text || now == new_text) << "fault " << n << ": a part under the final name ("
                                                     << now.size() << " bytes)";
    if (!fs.fault_happened()) {
      ASSERT_TRUE(s.ok()) << s.error().message();
      points = n - 1;
      break;
    }
    EXPECT_FALSE(s.ok()) << "fault " << n << " was not reported";
    // A failure before the rename leaves the old file; one after (the
    // directory sync) the new one.
    if (now == new_text) {
      EXPECT_NE(s.error().message().find("power cut"), std::string::npos) << s.error().message();
    }
    if (failure == FaultFileSystem::Failure::kError) {
      EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"export.se"}) << "fault " << n << " left a file";
    }
    // The restart: the files are usable again; the next write puts things right.
    fs.restart();
    ASSERT_TRUE(write_file_atomically(posix_file_system(), path, old_text).ok());
    EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"export.se"}) << "fault " << n;
  }
  // Three writes, the file's sync, the rename, the directory's sync.
  EXPECT_EQ(points, 6);
  EXPECT_EQ(slurp(path), new_text);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"export.se"});
}

TEST(FileSystemTest, AtomicWriteFailingAtEveryPointLeavesOldOrNew) { every_point(FaultFileSystem::Failure::kError); }

TEST(FileSystemTest, AtomicWriteCrashingAtEveryPointLeavesOldOrNew) { every_point(FaultFileSystem::Failure::kCrash); }

TEST(FileSystemTest, CrashLeavesOnlyATemporaryFileThatTheNextWriteRemoves) {
  TempDir dir;
  const std::string path = dir.file("out.se");
  FaultFileSystem fs(FaultFileSystem::Failure::kCrash);
  fs.fail_at(2);  // the file's sync
  EXPECT_FALSE(write_file_atomically(fs, path, "half").ok());
  std::vector<std::string> left = names_in(dir.path());
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].rfind(".out.se.dagbok-tmp-", 0), 0u) << left[0];
  EXPECT_FALSE(std::filesystem::exists(path));
  fs.restart();
  ASSERT_TRUE(write_file_atomically(fs, path, "whole").ok());
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"out.se"});
  EXPECT_EQ(slurp(path), "whole");
}

TEST(FileSystemTest, PrivateFilesAreOwnerOnly) {
  TempDir dir;
  const std::string path = dir.file("secret");
  ASSERT_TRUE(write_file_atomically(posix_file_system(), path, "x", FileAccess::kPrivate).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(FileSystemTest, ReadFileNamesAMissingFileAndRefusesAHugeOne) {
  TempDir dir;
  Result<std::string> missing = read_file(posix_file_system(), dir.file("nope.jsonl"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message().find("nope.jsonl"), std::string::npos);
  std::ofstream(dir.file("big"), std::ios::binary) << std::string(2000, 'x');
  Result<std::string> big = read_file(posix_file_system(), dir.file("big"), 1000);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code(), ErrorCode::kInvalidArgument);
  Result<std::string> fits = read_file(posix_file_system(), dir.file("big"), 2000);
  ASSERT_TRUE(fits.ok());
  EXPECT_EQ(fits->size(), 2000u);
}

TEST(FileSystemTest, AFailedReadIsAnError) {
  TempDir dir;
  std::ofstream(dir.file("r.txt"), std::ios::binary) << "abc";
  FaultFileSystem fs;
  fs.fail_at(1);
  EXPECT_FALSE(read_file(fs, dir.file("r.txt")).ok());
  fs.fail_at(0);
  EXPECT_EQ(*read_file(fs, dir.file("r.txt")), "abc");
}

}  // namespace
}  // namespace dagbok
