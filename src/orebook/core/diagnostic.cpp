#include "orebook/core/diagnostic.h"

#include <algorithm>
#include <functional>
#include <tuple>

#include <fmt/format.h>

namespace orebook::core {

std::string column_letters(std::uint32_t column) {
  std::string letters;
  // Bijective base 26: there is no zero digit, Z is followed by AA.
  for (; column > 0; column = (column - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
  return letters;
}

std::string sheet_position(const Diagnostic& d) {
  if (d.sheet.empty()) return {};
  const bool plain = std::all_of(d.sheet.begin(), d.sheet.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.';
  });
  std::string out;
  if (plain) {
    out = d.sheet;
  } else {
    // Excel's own quoting: the name in single quotes, a quote in it doubled.
    out = "'";
    for (char c : d.sheet) out += c == '\'' ? std::string("''") : std::string(1, c);
    out += "'";
  }
  if (d.line == 0) return out;
  if (d.column == 0) return fmt::format("{}!{}:{}", out, d.line, d.line);
  return fmt::format("{}!{}{}", out, column_letters(d.column), d.line);
}

std::string to_string(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (!d.sheet.empty()) {
      out += ":" + sheet_position(d);
    } else {
      if (d.line > 0) out += fmt::format(":{}", d.line);
      if (d.column > 0) out += fmt::format(":{}", d.column);
    }
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

namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 when the bytes there
// are not one (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

}  // namespace

std::string more_in_file(const std::vector<std::uint32_t>& more_lines) {
  if (more_lines.empty()) return {};
  std::string lines;
  for (std::size_t i = 0; i < more_lines.size() && i < 5; ++i)
    lines += fmt::format("{}{}", i ? ", " : "", more_lines[i]);
  if (more_lines.size() > 5) lines += ", …";
  return fmt::format(" (and {} more in this file, line{} {})", more_lines.size(),
                     more_lines.size() == 1 ? "" : "s", lines);
}

std::string quotable(std::string_view text) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++chars) {
    if (chars == kMaxFound) return out + "…";
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[i]));
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string Diagnostics::dropped_line() const {
  return dropped_ == 0 ? std::string()
                       : fmt::format("... and {} more problems not shown", dropped_);
}

void Diagnostics::set_sheet(const std::string& name, std::string sheet, std::string workbook) {
  for (auto& s : sheets_) {
    if (s.name == name) {
      s.sheet = std::move(sheet);
      s.workbook = std::move(workbook);
      return;
    }
  }
  sheets_.push_back({name, std::move(sheet), std::move(workbook)});
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::error) ++errors_;
  if (items_.size() >= kMaxStored) {
    ++dropped_;
    return;
  }
  if (d.sheet.empty() && !sheets_.empty()) {
    for (const auto& s : sheets_) {
      if (s.name != d.file) continue;
      d.sheet = s.sheet;
      if (!s.workbook.empty()) d.file = s.workbook;
      break;
    }
  }
  d.found = quotable(d.found);
  items_.push_back(std::move(d));
}

void Diagnostics::error(std::string file, std::uint32_t line, std::uint32_t column,
                        std::string code, std::string message, std::string found,
                        std::string expected) {
  add(Diagnostic{std::move(file), line, column, Severity::error, std::move(code),
                 std::move(message), std::move(found), std::move(expected)});
}

void Diagnostics::warning(std::string file, std::uint32_t line, std::uint32_t column,
                          std::string code, std::string message, std::string found,
                          std::string expected) {
  add(Diagnostic{std::move(file), line, column, Severity::warning, std::move(code),
                 std::move(message), std::move(found), std::move(expected)});
}

void Diagnostics::sort() {
  // The command line (no file) first, then the files of file_order_ in turn.
  const auto rank = [&](const std::string& file) -> std::size_t {
    if (file.empty()) return 0;
    const auto it = std::find(file_order_.begin(), file_order_.end(), file);
    return 1 + static_cast<std::size_t>(it - file_order_.begin());
  };
  std::stable_sort(items_.begin(), items_.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::make_tuple(rank(a.file), std::cref(a.file), !a.cause, a.line, a.column) <
           std::make_tuple(rank(b.file), std::cref(b.file), !b.cause, b.line, b.column);
  });
}

}  // namespace orebook::core
