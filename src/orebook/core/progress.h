#pragma once
// Progress of long work, for a person at a terminal (issue 14: `balance
// --each day` over years, or a problem of a million streams, printed nothing
// until done). One line on standard error, "balance: 1,234 of 8,760
// periods", redrawn in place at most ten times a second and erased when the
// work ends. Off unless the command line switches it on (it does when
// standard error is a terminal and --quiet is not given): never in the
// output, never in a pipe or a log.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace orebook::core {

class Progress {
 public:
  // Process-wide: whether progress lines are drawn at all.
  static void enable(bool on);
  static bool enabled();

  // `unit`: "periods" counts items ("12 of 365 periods"); "bytes" shows a
  // percentage of `total`. Nothing is drawn for work that ends within half a
  // second.
  Progress(std::string what, std::uint64_t total, std::string unit);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Thread-safe.
  void add(std::uint64_t n = 1);
  void set(std::uint64_t done);

 private:
  void draw(std::uint64_t done);

  std::string what_, unit_;
  std::uint64_t total_;
  std::atomic<std::uint64_t> done_{0};
  std::chrono::steady_clock::time_point start_, last_;
  std::mutex mutex_;
  bool drawn_ = false;
  bool on_;
};

}  // namespace orebook::core
