#pragma once
// The items a release talks about (silver production, milling rate, realized
// price, cash cost per ounce ...), how a phrase names one and which table row
// holds it; the periods a phrase names. Shared by the prose checks and the
// links between tables.

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "orebook/calendar/period.h"
#include "orebook/check/release.h"

namespace orebook::check {

enum class Kind {
  production,
  ore_processed,
  throughput,
  ore_mined,
  price,
  cash_cost,  // per unit of the primary metal
  aisc,       // all-in sustaining cost per unit
  revenue,
  head_grade,
  recovery,
  equivalent,  // metal equivalents produced (basis "sold": sold), in the metal named
  sold         // a metal sold, in a mass unit
};
constexpr Kind kKinds[] = {Kind::production, Kind::ore_processed, Kind::throughput, Kind::ore_mined,
                           Kind::price,      Kind::cash_cost,     Kind::aisc,       Kind::revenue,
                           Kind::head_grade, Kind::recovery,      Kind::equivalent, Kind::sold};
// The kind as `check --show` names it: "production", "ore processed".
std::string_view to_string(Kind k);
// What a row was identified as: "production, silver; recovery, silver",
// or "" when it holds no item the checks know.
std::string describe_row(const Table& t, const Row& r);

// Kinds that are always of one metal.
bool per_metal(Kind k);

struct Metric {
  Kind kind;
  std::string metal;  // "silver"; "" for items of the whole operation
  // What tells two items of one kind apart: "co-product" (a cash cost on the
  // co-product basis), "market" (an LBMA/LME price, not the realized one),
  // "segment:mining operations" (one segment's revenue, not the total).
  std::string basis;
};

// What a piece of a sentence (lower case) talks about; `default_metal` is
// the metal of a release that reports one only ("the average mill head
// grade rose 10%" in a gold mine's release), used when the words name none.
std::optional<Metric> metric_of(const std::string& text, const std::string& default_metal = "");
// The item named last in a piece of a sentence, nearest the figure after
// it: "lower grade and recovery …, so copper production rose 10.1%" is
// about production, not recovery.
std::optional<Metric> nearest_metric(const std::string& text,
                                     const std::string& default_metal = "");

// Whether a row of the table holds the metric.
bool holds(const Table& t, const Row& r, const Metric& m);
// The first row of a table that holds the metric, or nullptr.
const Row* row_for(const Table& t, const Metric& m);

// Every metric a row can hold: each kind, with each metal and basis it has.
const std::vector<Metric>& all_metrics();

// Which rows of a release hold which metric, worked out once: the prose
// looks items up for every figure it reads, the links for every metric.
class Items {
 public:
  struct Holder {
    const Table* table;
    const Row* first;  // the first row of the table that holds the metric
    const Row* only;   // that row when no other row of the table does; else nullptr
  };
  explicit Items(const Release& release);
  // The tables that hold the metric, in the order of the release.
  const std::vector<Holder>& holders(const Metric& m) const;
  // The table that prints the metric most precisely for its current period
  // (the first of equals), and its row.
  std::pair<const Table*, const Row*> find(const Metric& m) const;
  // The last day of the latest current period of any table: the release's
  // period. A table whose current period ends earlier is history.
  std::optional<calendar::DayNumber> release_end() const { return release_end_; }

 private:
  using Key = std::tuple<Kind, std::string, std::string>;
  std::map<Key, std::vector<Holder>> holders_;
  std::map<Key, std::pair<const Table*, const Row*>> best_;
  std::vector<const Table*> tables_;
  std::optional<calendar::DayNumber> release_end_;
};

// The same period in another year: 2012Q1 → 2011Q1, 2012-03 → 2011-03,
// 2012 → 2011; nullopt for a range of days.
std::optional<calendar::Period> same_period_in(const calendar::Period& p, int year);

// Whether a phrase names the twelve months to the current period's end
// ("over the last twelve months"), which period_in reads as such.
bool names_twelve_months(const std::string& text);

// The period a phrase (lower case) names, relative to the current one: "the
// first quarter of 2011", "the fourth quarter", "a year ago", "Q4 2011".
std::optional<calendar::Period> period_in(const std::string& text, const calendar::Period& current);

// The column of a period, and the nth period column (change columns skipped).
std::optional<std::size_t> column_of(const Table& t, const calendar::Period& p);
std::optional<std::size_t> period_column(const Table& t, int nth);
// The table's current column: of the whole operation, the period that ends
// last, the shortest of those ("Q3 2011" before "YTD 2011"), wherever it
// stands ("Q1 2011 | Q2 2011 | Q3 2011": the third).
std::optional<std::size_t> current_column(const Table& t);
// The other period column of a table of two; nullopt for any other count.
std::optional<std::size_t> other_column(const Table& t);

}  // namespace orebook::check
