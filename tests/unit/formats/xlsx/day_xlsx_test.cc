#include "formats/xlsx/day_xlsx.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "unit/formats/day/example_day.h"

namespace dagbok {
namespace {

namespace fs = std::filesystem;

// Writes the workbook to a temp file and runs check_day_xlsx.py (openpyxl)
// on it; returns the script's exit status and output.
std::pair<int, std::string> check_with_openpyxl(const std::string& bytes, const char* country) {
  // ctest runs each test in its own process, in parallel: a directory per process.
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("day_xlsx_" + std::string(country) + "_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "day.xlsx";
  {
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  const std::string script = std::string(DAGBOK_SOURCE_DIR) + "/tests/unit/formats/xlsx/check_day_xlsx.py";
  // The system python: the one with python3-openpyxl (a pyenv python first on PATH may lack it).
  const std::string cmd = "/usr/bin/python3 '" + script + "' '" + file.string() + "' " + country + " 2>&1";
  std::string output;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return {-1, "popen failed"};
  char buf[512];
  while (size_t n = fread(buf, 1, sizeof buf, p)) output.append(buf, n);
  const int status = pclose(p);
  fs::remove_all(dir);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

TEST(DayXlsx, IsAZipFile) {
  Result<std::string> x = day_xlsx(testing::small_swedish_day());
  ASSERT_TRUE(x.ok()) << x.error().message();
  ASSERT_GT(x->size(), 1000u);
  EXPECT_EQ(x->substr(0, 4), std::string("PK\x03\x04", 4));
}

TEST(DayXlsx, SwedishWorkbookReadsBackWithOpenpyxl) {
  Result<std::string> x = day_xlsx(testing::busy_swedish_day());
  ASSERT_TRUE(x.ok()) << x.error().message();
  auto [status, output] = check_with_openpyxl(*x, "se");
  EXPECT_EQ(status, 0) << output << "(needs python3-openpyxl, see scripts/debian-packages.txt)";
}

TEST(DayXlsx, NorwegianWorkbookReadsBackWithOpenpyxl) {
  Result<std::string> x = day_xlsx(testing::small_norwegian_day());
  ASSERT_TRUE(x.ok()) << x.error().message();
  auto [status, output] = check_with_openpyxl(*x, "no");
  EXPECT_EQ(status, 0) << output << "(needs python3-openpyxl, see scripts/debian-packages.txt)";
}

TEST(DayXlsx, SameDaySameBytes) {
  Result<std::string> a = day_xlsx(testing::busy_swedish_day());
  Result<std::string> b = day_xlsx(testing::busy_swedish_day());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(DayXlsx, UnwritableTempDirIsUnavailable) {
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old ? old : "";
  setenv("TMPDIR", "/nonexistent/dagbok-no-such-dir", 1);
  Result<std::string> x = day_xlsx(testing::small_swedish_day());
  if (old) setenv("TMPDIR", saved.c_str(), 1); else unsetenv("TMPDIR");
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.error().code(), ErrorCode::kUnavailable) << x.error().message();
}

TEST(DayXlsx, EmptyDayStillMakesAWorkbook) {
  DayExport day;
  day.company = {"tom", "Tomma butiken AB", "556000-0000", Country::kSweden};
  day.day = Date::from_ymd(2026, 1, 2);
  Result<std::string> x = day_xlsx(day);
  ASSERT_TRUE(x.ok()) << x.error().message();
  EXPECT_EQ(x->substr(0, 2), "PK");
}

}  // namespace
}  // namespace dagbok
