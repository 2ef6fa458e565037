// Small helpers for the command line: tables, progress bars, errors.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace dagbok::cli {

// A text table with right-aligned columns where `right[i]` is set.
class Table {
 public:
  Table(std::vector<std::string> headers, std::vector<bool> right)
      : headers_(std::move(headers)), right_(std::move(right)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

// Width of a UTF-8 string in terminal columns (one per code point).
size_t display_width(const std::string& s);

// A progress bar on stderr, drawn only when stderr is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  void update(int64_t done, int64_t total);
  void finish();

 private:
  std::string label_;
  bool tty_;
  int last_percent_ = -1;
};

}  // namespace dagbok::cli
