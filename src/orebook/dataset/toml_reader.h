#pragma once
// Reading TOML tables with every problem reported as a Diagnostic at the
// key's line and column: unknown keys (typos are never ignored), missing keys
// and values of the wrong type or range.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "orebook/calendar/period.h"
#include "orebook/core/diagnostic.h"

namespace orebook::dataset {

// Parses a whole TOML file; nullopt after reporting a syntax error at its position.
inline std::optional<toml::table> parse_toml(std::string_view text, const std::string& file,
                                             core::Diagnostics& diags) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    diags.error(file, static_cast<std::uint32_t>(e.source().begin.line),
                static_cast<std::uint32_t>(e.source().begin.column), "toml-syntax",
                std::string(e.description()));
    return std::nullopt;
  }
}

inline std::string type_name(const toml::node& node) {
  std::ostringstream out;
  out << node.type();
  return out.str();
}

// Reads one TOML table, reporting keys it does not know and the type of keys it does.
class TableReader {
 public:
  TableReader(const toml::table& table, const std::string& file, core::Diagnostics& diags,
              std::string where)
      : table_(table), file_(file), diags_(diags), where_(std::move(where)) {}

  void allow_only(std::initializer_list<std::string_view> keys) {
    for (const auto& [key, node] : table_) {
      if (std::find(keys.begin(), keys.end(), key.str()) == keys.end()) {
        std::string expected;
        for (auto k : keys) expected += (expected.empty() ? "" : ", ") + std::string(k);
        error(node.source(), "unknown-key", fmt::format("unknown key in {}", where_),
              std::string(key.str()), "one of " + expected);
      }
    }
  }

  // The node of `key`; nullptr (with a diagnostic when `required`) if absent.
  const toml::node* get(std::string_view key, bool required) {
    const toml::node* node = table_.get(key);
    if (node == nullptr && required) {
      error(table_.source(), "missing-key", fmt::format("{} has no '{}'", where_, key), "",
            fmt::format("a '{}' key", key));
    }
    return node;
  }

  // A string value; nullopt (with a diagnostic when `required`) if absent or not a string.
  std::optional<std::string> string(std::string_view key, bool required) {
    const toml::node* node = get(key, required);
    if (node == nullptr) return std::nullopt;
    if (auto v = node->value<std::string>()) return *v;
    error(node->source(), "wrong-type", fmt::format("'{}' in {} must be a string", key, where_),
          type_name(*node), "a string in quotes");
    return std::nullopt;
  }

  // An integer in [lo, hi]; nullopt (with a diagnostic when present but wrong) otherwise.
  std::optional<int> integer(std::string_view key, int lo, int hi) {
    const toml::node* node = table_.get(key);
    if (node == nullptr) return std::nullopt;
    // Only a TOML integer: toml++ would read true as 1 and 2.0 as 2.
    const auto v = node->is_integer() ? node->value<std::int64_t>() : std::nullopt;
    if (!v || *v < lo || *v > hi) {
      error(node->source(), v ? "out-of-range" : "wrong-type",
            fmt::format("'{}' in {} must be a whole number from {} to {}", key, where_, lo, hi),
            v ? std::to_string(*v) : type_name(*node), fmt::format("{} to {}", lo, hi));
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }

  // A number (integer or float); nullopt (with a diagnostic when required or
  // of the wrong type, or outside [lo, hi]) otherwise.
  std::optional<double> number(std::string_view key, bool required,
                               double lo = -std::numeric_limits<double>::infinity(),
                               double hi = std::numeric_limits<double>::infinity()) {
    const toml::node* node = get(key, required);
    if (node == nullptr) return std::nullopt;
    std::optional<double> v;
    if (node->is_integer()) v = static_cast<double>(*node->value<std::int64_t>());
    if (node->is_floating_point()) v = *node->value<double>();
    if (!v) {
      error(node->source(), "wrong-type", fmt::format("'{}' in {} must be a number", key, where_),
            type_name(*node), "a number");
      return std::nullopt;
    }
    if (!(*v >= lo && *v <= hi) || !std::isfinite(*v)) {
      error(node->source(), "out-of-range", fmt::format("'{}' in {} is out of range", key, where_),
            fmt::format("{}", *v), fmt::format("a number from {} to {}", lo, hi));
      return std::nullopt;
    }
    return v;
  }

  // A date (TOML local date, 2012-01-01); nullopt (with a diagnostic when
  // required or of the wrong type) otherwise.
  std::optional<calendar::DayNumber> date(std::string_view key, bool required) {
    const toml::node* node = get(key, required);
    if (node == nullptr) return std::nullopt;
    if (const auto d = node->value<toml::date>()) {
      const std::chrono::year_month_day ymd{std::chrono::year{d->year},
                                            std::chrono::month{d->month}, std::chrono::day{d->day}};
      if (ymd.ok()) return calendar::day_number(d->year, d->month, d->day);
    }
    error(node->source(), "wrong-type", fmt::format("'{}' in {} must be a date", key, where_),
          type_name(*node), "a date such as 2012-01-01 (no quotes)");
    return std::nullopt;
  }

  // The source position of `key`, or of the table when absent.
  const toml::source_region& where(std::string_view key) const {
    const toml::node* node = table_.get(key);
    return node ? node->source() : table_.source();
  }

  const std::string& name() const { return where_; }

  // An array of strings; empty if absent.
  std::vector<std::pair<std::string, toml::source_region>> strings(std::string_view key) {
    std::vector<std::pair<std::string, toml::source_region>> out;
    const toml::node* node = table_.get(key);
    if (node == nullptr) return out;
    const toml::array* arr = node->as_array();
    if (arr == nullptr) {
      error(node->source(), "wrong-type", fmt::format("'{}' in {} must be an array", key, where_),
            type_name(*node), "an array of strings such as [\"pb_con\"]");
      return out;
    }
    for (const toml::node& item : *arr) {
      if (auto v = item.value<std::string>()) {
        out.emplace_back(*v, item.source());
      } else {
        error(item.source(), "wrong-type", fmt::format("'{}' in {} must hold strings", key, where_),
              type_name(item), "a string in quotes");
      }
    }
    return out;
  }

  void error(const toml::source_region& at, std::string code, std::string message,
             std::string found, std::string expected) {
    diags_.error(file_, static_cast<std::uint32_t>(at.begin.line),
                 static_cast<std::uint32_t>(at.begin.column), std::move(code), std::move(message),
                 std::move(found), std::move(expected));
  }

 private:
  const toml::table& table_;
  const std::string& file_;
  core::Diagnostics& diags_;
  std::string where_;
};

// Iterates an array of tables ([[streams]]), reporting entries that are not tables.
template <class F>
void for_each_table(const toml::table& root, std::string_view key, const std::string& file,
                    core::Diagnostics& diags, F&& f) {
  const toml::node* node = root.get(key);
  if (node == nullptr) return;
  const toml::array* arr = node->as_array();
  if (arr == nullptr) {
    diags.error(file, static_cast<std::uint32_t>(node->source().begin.line),
                static_cast<std::uint32_t>(node->source().begin.column), "wrong-type",
                fmt::format("'{}' must be an array of tables", key), type_name(*node),
                fmt::format("[[{}]] tables", key));
    return;
  }
  std::size_t index = 0;
  for (const toml::node& item : *arr) {
    if (const toml::table* t = item.as_table()) {
      f(*t, index);
    } else {
      diags.error(file, static_cast<std::uint32_t>(item.source().begin.line),
                  static_cast<std::uint32_t>(item.source().begin.column), "wrong-type",
                  fmt::format("entries of '{}' must be tables", key), type_name(item),
                  fmt::format("[[{}]] tables", key));
    }
    ++index;
  }
}

}  // namespace orebook::dataset
