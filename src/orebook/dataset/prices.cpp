// prices.csv: metal prices and exchange rates by month (docs/dataset.md).

#include <algorithm>
#include <array>
#include <tuple>

#include <fmt/format.h>

#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"
#include "orebook/dataset/record_check.h"

namespace orebook::dataset {

MonthNumber month_number(calendar::DayNumber day) {
  const auto ymd = calendar::to_ymd(day);
  return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) -
         1;
}

std::string format_month(MonthNumber month) {
  return fmt::format("{:04}-{:02}", month / 12, month % 12 + 1);
}

namespace {}  // namespace

std::vector<PriceRow> load_prices_csv(CsvReader& reader, const std::string& file, const Site& site,
                                      core::Diagnostics& diags) {
  std::vector<PriceRow> rows;
  constexpr std::array<std::string_view, 6> kNames = {"kind",  "month", "item",
                                                      "value", "unit",  "currency"};
  std::array<std::size_t, 6> at{};
  CsvRecord rec;
  if (!first_record(reader, rec, file, "a header kind,month,item,value,unit,currency", diags)) {
    return rows;
  }
  if (!read_columns(rec, kNames, at, file, diags)) return rows;
  const std::size_t width = rec.fields.size();
  while (reader.next(rec)) {
    RecordCheck check(rec, file, diags);
    if (!check.well_formed(width)) continue;
    PriceRow row;
    row.line = rec.line;
    const std::string_view kind = rec.fields[at[0]];
    if (kind == "average") {
      row.kind = PriceKind::average;
    } else if (kind == "forward") {
      row.kind = PriceKind::forward;
    } else if (kind == "fx") {
      row.kind = PriceKind::fx;
    } else {
      check.bad(at[0], "unknown-kind", "unknown kind of price", "average, forward or fx");
    }
    const auto month = calendar::Period::parse(rec.fields[at[1]]);
    if (!month || month->kind() != calendar::PeriodKind::month) {
      check.bad(at[1], "bad-period", "not a month", "a month such as 2012-03");
    } else {
      row.month = month_number(month->first());
    }
    row.currency = std::string(rec.fields[at[5]]);
    if (!is_currency(row.currency)) {
      check.bad(at[5], "bad-currency", "currency is not an ISO 4217 code",
                "three capital letters such as USD");
    }
    const auto value = parse_number(rec.fields[at[3]]);
    if (!value) {
      check.bad(at[3], "malformed-number", "value is not a number",
                "a price or rate such as 32.81");
    } else if (*value <= 0) {
      check.bad(at[3], "negative-price", "price or rate not above zero", "a value above zero");
    }
    const std::string_view item = rec.fields[at[2]];
    if (row.kind == PriceKind::fx) {
      if (!is_currency(item)) {
        check.bad(at[2], "bad-currency", "fx item is not an ISO 4217 code",
                  "the currency converted, such as USD");
      }
      if (row.currency != site.currency && is_currency(row.currency)) {
        check.bad(at[5], "bad-currency", "fx rates convert to the reporting currency",
                  site.currency);
      }
      if (value) row.rate = *value;
      // An fx row names the converted currency as its item.
      row.currency = std::string(item);
    } else {
      const auto metal = site.find_metal(item);
      if (!metal)
        check.bad(at[2], "unknown-metal", "unknown metal", "a metal symbol declared in site.toml");
      const auto unit = units::mass_unit_from_string(rec.fields[at[4]]);
      if (!unit)
        check.bad(at[4], "unknown-unit", "unknown unit of the price", "oz, lb, t, kg, g or st");
      if (metal) row.metal = *metal;
      if (value && unit) row.per_t = *value / units::tonnes_per(*unit);
    }
    if (!check.ok()) continue;
    // Prices are a few rows a month: a linear search for repeats is enough.
    const auto same = std::find_if(rows.begin(), rows.end(), [&](const PriceRow& other) {
      return other.kind == row.kind && other.month == row.month && other.currency == row.currency &&
             (row.kind == PriceKind::fx || other.metal == row.metal);
    });
    if (same != rows.end()) {
      diags.error(file, rec.line, 1, "duplicate-row",
                  fmt::format("second {} row for {} {} (first at line {})", kind, item,
                              format_month(row.month), same->line),
                  "", "one row per kind, month, item and currency");
      continue;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace orebook::dataset
