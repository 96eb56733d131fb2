#include "orebook/report/json_writer.h"

#include <array>
#include <cmath>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace orebook::report {

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;
  if (counts_.back()++ > 0) out_ += ',';
  out_ += '\n';
  out_.append(2 * (depth_ + counts_.size()), ' ');
}

JsonWriter& JsonWriter::key(std::string_view k) {
  before_value();
  string(k);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  counts_.push_back(0);
}

void JsonWriter::close(char bracket) {
  const std::size_t count = counts_.back();
  counts_.pop_back();
  if (count > 0) {
    out_ += '\n';
    out_.append(2 * (depth_ + counts_.size()), ' ');
  }
  out_ += bracket;
}

void JsonWriter::value(double v) {
  before_value();
  if (!std::isfinite(v)) {
    out_ += "null";
    return;
  }
  // nlohmann's own number writer (detail/conversions/to_chars.hpp, Grisu2),
  // so numbers read exactly as json_text writes them.
  std::array<char, 64> buffer{};
  char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
  out_.append(buffer.data(), end);
}

void JsonWriter::value(const std::optional<double>& v) {
  if (v) {
    value(*v);
  } else {
    null();
  }
}

void JsonWriter::value(bool v) {
  before_value();
  out_ += v ? "true" : "false";
}

void JsonWriter::value(int v) {
  before_value();
  fmt::format_to(std::back_inserter(out_), "{}", v);
}

void JsonWriter::value(std::size_t v) {
  before_value();
  fmt::format_to(std::back_inserter(out_), "{}", v);
}

void JsonWriter::value(std::string_view v) {
  before_value();
  string(v);
}

void JsonWriter::raw(std::string_view text) {
  before_value();
  out_ += text;
}

void JsonWriter::flush_to(std::ostream& out) {
  out.write(out_.data(), static_cast<std::streamsize>(out_.size()));
  out_.clear();
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

void JsonWriter::string(std::string_view s) {
  const bool plain = std::all_of(
      s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'; });
  if (plain) {
    out_ += '"';
    out_ += s;
    out_ += '"';
    return;
  }
  out_ += nlohmann::ordered_json(std::string(s))
              .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string JsonWriter::take() {
  out_ += '\n';
  return std::move(out_);
}

}  // namespace orebook::report
