#include "orebook/core/progress.h"

#include <cstdio>

namespace orebook::core {

namespace {
std::atomic<bool> g_enabled{false};

// "8,760": thousands grouped, as the reports print counts.
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}
}  // namespace

void Progress::enable(bool on) { g_enabled = on; }
bool Progress::enabled() { return g_enabled; }

Progress::Progress(std::string what, std::uint64_t total, std::string unit)
    : what_(std::move(what)),
      unit_(std::move(unit)),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      last_(start_),
      on_(g_enabled) {}

Progress::~Progress() {
  if (!drawn_) return;
  // Erase the line: the output and the diagnostics that follow start clean.
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
}

void Progress::add(std::uint64_t n) {
  const std::uint64_t done = done_ += n;
  if (on_) draw(done);
}

void Progress::set(std::uint64_t done) {
  done_ = done;
  if (on_) draw(done);
}

void Progress::draw(std::uint64_t done) {
  const auto now = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // another thread is drawing
  if (now - start_ < std::chrono::milliseconds(500) ||
      (drawn_ && now - last_ < std::chrono::milliseconds(100)))
    return;
  last_ = now;
  drawn_ = true;
  const std::string text =
      unit_ == "bytes" ? what_ + ": " + std::to_string(total_ > 0 ? done * 100 / total_ : 100) + "%"
                       : what_ + ": " + grouped(done) + " of " + grouped(total_) + " " + unit_;
  std::fprintf(stderr, "\r\x1b[K%s", text.c_str());
  std::fflush(stderr);
}

}  // namespace orebook::core
