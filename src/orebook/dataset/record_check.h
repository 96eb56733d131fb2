#pragma once
// The checks every data record of a CSV file goes through, and the one way a
// problem in one of its fields is reported (file, line, column, the text
// found and what was expected).

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "orebook/calendar/period.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/csv.h"
#include "orebook/units/units.h"

namespace orebook::dataset {

// What a grade column accepts at most, in its own unit, for the message.
// An ISO 4217 code: three capital letters.
inline bool is_currency(std::string_view s) {
  return s.size() == 3 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

inline std::string grade_limit(units::GradeUnit unit) {
  switch (unit) {
    case units::GradeUnit::percent:
      return "a grade of at most 100%";
    case units::GradeUnit::grams_per_tonne:
      return "a grade of at most 1,000,000 g/t";
    case units::GradeUnit::ppm:
      return "a grade of at most 1,000,000 ppm";
    case units::GradeUnit::troy_ounces_per_short_ton:
      return fmt::format("a grade of at most {:.2f} oz/st",
                         1.0 / units::fraction_per(units::GradeUnit::troy_ounces_per_short_ton));
  }
  return "a valid grade";
}

class RecordCheck {
 public:
  RecordCheck(const CsvRecord& rec, const std::string& file, core::Diagnostics& diags)
      : rec_(rec), file_(file), diags_(diags) {}

  // False, with a diagnostic, when the record is not well-formed CSV or does
  // not have `width` fields like the header.
  bool well_formed(std::size_t width) {
    if (rec_.error.empty() && rec_.fields.size() == width) [[likely]] {
      return true;
    }
    return report_malformed(width);
  }

  // Reports field `column` (0-based) as wrong.
  void bad(std::size_t column, std::string code, std::string message, std::string expected) {
    diags_.error(file_, rec_.line, rec_.columns[column], std::move(code), std::move(message),
                 std::string(rec_.fields[column]), std::move(expected));
    ok_ = false;
  }

  // The grade `value` read from field `column` in `unit`, or nullopt (with a
  // diagnostic) when negative or above 100% of the mass.
  std::optional<units::Grade> grade(std::size_t column, double value, units::GradeUnit unit) {
    const units::Grade g = units::Grade::of(value, unit);
    if (value >= 0.0 && g.fraction() <= 1.0) [[likely]] {
      return g;
    }
    report_bad_grade(column, value, unit);
    return std::nullopt;
  }

  // The slow path of grade(), kept out of the row loop.
  [[gnu::noinline, gnu::cold]] void report_bad_grade(std::size_t column, double value,
                                                     units::GradeUnit unit) {
    if (value < 0.0) {
      bad(column, "negative-grade", "negative grade", "a grade of zero or more");
    } else {
      bad(column, "grade-out-of-range", "grade above 100% of the mass", grade_limit(unit));
    }
  }

  // The slow path of well_formed(), kept out of line.
  [[gnu::noinline, gnu::cold]] bool report_malformed(std::size_t width) {
    if (!rec_.error.empty()) {
      diags_.error(file_, rec_.line, rec_.error_column,
                   rec_.error_code.empty() ? std::string("csv-syntax") : rec_.error_code,
                   rec_.error, rec_.error_found, rec_.error_expected);
    } else {
      diags_.error(file_, rec_.line, 1, "field-count", "wrong number of fields",
                   std::to_string(rec_.fields.size()),
                   fmt::format("{} fields as in the header", width));
    }
    return ok_ = false;
  }

  // True while no problem was reported.
  bool ok() const { return ok_; }

 private:
  const CsvRecord& rec_;
  const std::string& file_;
  core::Diagnostics& diags_;
  bool ok_ = true;
};

// Reads a header of exactly the named columns, in any order; false if one is missing.
template <std::size_t N>
inline bool read_columns(const CsvRecord& rec, const std::array<std::string_view, N>& names,
                         std::array<std::size_t, N>& at, const std::string& file,
                         core::Diagnostics& diags) {
  std::array<bool, N> seen{};
  for (std::size_t c = 0; c < rec.fields.size(); ++c) {
    const auto it = std::find(names.begin(), names.end(), rec.fields[c]);
    if (it == names.end()) {
      std::string expected;
      for (auto n : names) expected += (expected.empty() ? "" : ",") + std::string(n);
      diags.error(file, rec.line, rec.columns[c], "unknown-column", "unknown column",
                  std::string(rec.fields[c]), "one of " + expected);
      continue;
    }
    const auto k = static_cast<std::size_t>(it - names.begin());
    if (seen[k]) {
      diags.error(file, rec.line, rec.columns[c], "duplicate-column", "column appears twice",
                  std::string(rec.fields[c]), "each column once");
    }
    seen[k] = true;
    at[k] = c;
  }
  bool ok = true;
  for (std::size_t k = 0; k < N; ++k) {
    if (!seen[k]) {
      diags.error(file, rec.line, 1, "missing-column",
                  fmt::format("missing column '{}'", names[k]));
      ok = false;
    }
  }
  return ok;
}

// Reads the header of a small file; false (with diagnostics) when it cannot be used.
template <std::size_t N>
inline bool read_small_header(CsvReader& reader, const std::string& file,
                              const std::array<std::string_view, N>& names,
                              std::array<std::size_t, N>& at, std::size_t& width,
                              core::Diagnostics& diags) {
  CsvRecord rec;
  std::string header;
  for (auto n : names) header += (header.empty() ? "" : ",") + std::string(n);
  if (!first_record(reader, rec, file, "a header " + header, diags)) return false;
  width = rec.fields.size();
  return read_columns(rec, names, at, file, diags);
}

// Reads a small CSV file whose header names the columns `names` (in any
// order): the header checked once, then `row(rec, check, at)` for every
// well-formed record, `at` giving the field of each name.
template <std::size_t N, class Row>
void for_each_record(CsvReader& reader, const std::string& file,
                     const std::array<std::string_view, N>& names, core::Diagnostics& diags,
                     Row row) {
  std::array<std::size_t, N> at{};
  std::size_t width = 0;
  if (!read_small_header(reader, file, names, at, width, diags)) return;
  CsvRecord rec;
  while (reader.next(rec)) {
    RecordCheck check(rec, file, diags);
    if (check.well_formed(width)) row(rec, check, at);
  }
}

inline std::optional<calendar::Period> read_period(RecordCheck& check, const CsvRecord& rec,
                                                   std::size_t c) {
  const auto p = calendar::Period::parse(rec.fields[c]);
  if (!p)
    check.bad(c, "bad-period", "unparsable period", std::string(calendar::Period::kAcceptedForms));
  return p;
}

}  // namespace orebook::dataset
