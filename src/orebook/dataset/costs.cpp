// costs.csv, financials.csv and reported.csv (docs/dataset.md).

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"
#include "orebook/dataset/record_check.h"

namespace orebook::dataset {

namespace {

// Edits (insert, delete or replace one character) from `a` to `b`
// (Levenshtein distance), for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// What reported.csv expects instead of `key`: the nearest known key when it
// is within a quarter of the key's length in edits (at least 3: "oz" for
// "unit" is 4 edits in 22 characters), else the list of kReportedKeys.
std::string expected_reported_key(std::string_view key) {
  std::string_view nearest;
  std::size_t best = std::max<std::size_t>(3, key.size() / 4) + 1;
  for (const std::string_view known : kReportedKeys) {
    if (const std::size_t d = edit_distance(key, known); d < best) {
      best = d;
      nearest = known;
    }
  }
  if (!nearest.empty()) return fmt::format("{} (the nearest known key)", nearest);
  std::string all;
  for (const std::string_view known : kReportedKeys)
    all += (all.empty() ? "" : ", ") + std::string(known);
  return "one of " + all;
}

std::optional<double> read_amount(RecordCheck& check, const CsvRecord& rec, std::size_t c) {
  const auto v = parse_number(rec.fields[c]);
  if (!v)
    check.bad(c, "malformed-number", "amount is not a number",
              "an amount such as 1234567.89 (negative allowed)");
  return v;
}

}  // namespace

std::vector<CostRow> load_costs_csv(CsvReader& reader, const std::string& file, const Site& site,
                                    core::Diagnostics& diags) {
  std::vector<CostRow> rows;
  constexpr std::array<std::string_view, 4> kNames = {"period", "category", "amount", "currency"};
  std::string known;
  for (const auto& [name, bucket] : site.costs.categories)
    known += (known.empty() ? "" : ", ") + name;
  for_each_record(
      reader, file, kNames, diags, [&](const CsvRecord& rec, RecordCheck& check, const auto& at) {
        CostRow row;
        row.line = rec.line;
        const auto period = read_period(check, rec, at[0]);
        row.category = std::string(rec.fields[at[1]]);
        const auto it = std::find_if(site.costs.categories.begin(), site.costs.categories.end(),
                                     [&](const auto& c) { return c.first == row.category; });
        if (it == site.costs.categories.end()) {
          check.bad(at[1], "unknown-category", "unknown cost category",
                    known.empty() ? "a category mapped in site.toml [costs.categories]"
                                  : "one of " + known);
        } else {
          row.bucket = it->second;
        }
        const auto amount = read_amount(check, rec, at[2]);
        row.currency = std::string(rec.fields[at[3]]);
        if (!is_currency(row.currency)) {
          check.bad(at[3], "bad-currency", "currency is not an ISO 4217 code",
                    "three capital letters such as CAD");
        }
        if (!check.ok()) return;
        row.period = *period;
        row.amount = *amount;
        rows.push_back(std::move(row));
      });
  return rows;
}

std::vector<FinancialRow> load_financials_csv(CsvReader& reader, const std::string& file,
                                              core::Diagnostics& diags) {
  std::vector<FinancialRow> rows;
  constexpr std::array<std::string_view, 4> kNames = {"period", "segment", "line", "amount"};
  for_each_record(
      reader, file, kNames, diags, [&](const CsvRecord& rec, RecordCheck& check, const auto& at) {
        FinancialRow row;
        row.row = rec.line;
        const auto period = read_period(check, rec, at[0]);
        row.segment = std::string(rec.fields[at[1]]);
        row.line = std::string(rec.fields[at[2]]);
        if (std::find(std::begin(kFinancialLines), std::end(kFinancialLines), row.line) ==
            std::end(kFinancialLines)) {
          std::string expected;
          for (auto l : kFinancialLines)
            expected += (expected.empty() ? "" : ", ") + std::string(l);
          check.bad(at[2], "unknown-line", "unknown financial statement line",
                    "one of " + expected);
        }
        const auto amount = read_amount(check, rec, at[3]);
        if (!check.ok()) return;
        row.period = *period;
        row.amount = *amount;
        const auto same = std::find_if(rows.begin(), rows.end(), [&](const FinancialRow& o) {
          return o.period == row.period && o.segment == row.segment && o.line == row.line;
        });
        if (same != rows.end()) {
          diags.error(file, rec.line, 1, "duplicate-row",
                      fmt::format("second {} row for {} {} (first at line {})", row.line,
                                  row.segment.empty() ? "the company" : row.segment,
                                  row.period.to_string(), same->row),
                      "", "one row per period, segment and line");
          return;
        }
        rows.push_back(std::move(row));
      });
  return rows;
}

namespace {

// A reported cost's unit, "<money>/<mass unit>": the money an ISO 4217 code
// or a dollar as releases print it (US$, C$ or CA$, A$ or AU$; "$" alone is
// the reporting currency, as in a release's own tables), per a production
// unit (oz, lb ...). Sets the row's currency and unit; false when unreadable.
bool read_reported_unit(std::string_view text, const std::string& reporting_currency,
                        ReportedRow& row) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view money = text.substr(0, slash);
  const auto per = units::mass_unit_from_string(text.substr(slash + 1));
  if (!per) return false;
  static constexpr std::pair<std::string_view, std::string_view> kDollars[] = {
      {"US$", "USD"}, {"C$", "CAD"}, {"CA$", "CAD"}, {"A$", "AUD"}, {"AU$", "AUD"}};
  if (money == "$") {
    row.currency = reporting_currency;
  } else if (is_currency(money)) {
    row.currency = std::string(money);
  } else {
    for (const auto& [sign, code] : kDollars)
      if (money == sign) row.currency = std::string(code);
    if (row.currency.empty()) return false;
  }
  row.per = *per;
  return true;
}

}  // namespace

std::vector<ReportedRow> load_reported_csv(CsvReader& reader, const std::string& file,
                                           const std::string& reporting_currency,
                                           core::Diagnostics& diags) {
  std::vector<ReportedRow> rows;
  constexpr std::array<std::string_view, 4> kNames = {"period", "key", "value", "unit"};
  for_each_record(
      reader, file, kNames, diags, [&](const CsvRecord& rec, RecordCheck& check, const auto& at) {
        ReportedRow row;
        row.line = rec.line;
        const auto period = read_period(check, rec, at[0]);
        row.key = std::string(rec.fields[at[1]]);
        if (row.key.empty()) {
          check.bad(at[1], "missing-value", "missing key",
                    "a report key such as costs.cash_cost_per_unit");
        } else if (std::find(std::begin(kReportedKeys), std::end(kReportedKeys), row.key) ==
                   std::end(kReportedKeys)) {
          // A key no report reads would be ignored without a word (a typo, or a
          // figure orebook computes itself): an error, naming the nearest key.
          check.bad(at[1], "unknown-key", "unknown report key", expected_reported_key(row.key));
        }
        const auto value = read_amount(check, rec, at[2]);
        row.unit = std::string(rec.fields[at[3]]);
        // Every key read is a cost per unit: its currency decides which
        // column it may stand in (the cost tables are in the reporting
        // currency). Checked once the key is known, the cause first.
        if (check.ok() && !read_reported_unit(row.unit, reporting_currency, row)) {
          check.bad(at[3], "bad-unit", "unreadable unit of a cost per unit",
                    "a currency per production unit, such as US$/oz, CAD/oz or $/oz (the "
                    "reporting currency)");
        }
        if (!check.ok()) return;
        row.period = *period;
        row.value = *value;
        rows.push_back(std::move(row));
      });
  return rows;
}

}  // namespace orebook::dataset
