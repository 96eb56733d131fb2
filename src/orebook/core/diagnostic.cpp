#include "orebook/core/diagnostic.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace orebook::core {

std::string to_string(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) out += fmt::format(":{}", d.line);
    if (d.column > 0) out += fmt::format(":{}", d.column);
    out += ": ";
  }
  out += d.severity == Severity::error ? "error: " : "warning: ";
  out += d.message;
  if (!d.found.empty()) out += fmt::format(": found \"{}\"", d.found);
  if (!d.expected.empty())
    out += fmt::format("{} expected {}", d.found.empty() ? ":" : ",", d.expected);
  out += fmt::format(" [{}]", d.code);
  return out;
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::error) ++errors_;
  if (items_.size() >= kMaxStored) {
    ++dropped_;
    return;
  }
  items_.push_back(std::move(d));
}

void Diagnostics::error(std::string file, std::uint32_t line, std::uint32_t column,
                        std::string code, std::string message, std::string found,
                        std::string expected) {
  add(Diagnostic{std::move(file), line, column, Severity::error, std::move(code),
                 std::move(message), std::move(found), std::move(expected)});
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
}

}  // namespace orebook::core
