#pragma once
// Highlights: the sentences of a results release, every number computed from
// the figures, with the release conventions of docs/formulas.md §15
// ("increased 30%", "a 19% or $2.64 reduction", "over 4.9 million pounds").
// The sentence templates live here, in one table, and a site can replace any
// of them in site.toml [highlights].

#include <optional>
#include <string>
#include <vector>

#include "orebook/accounting/operating.h"
#include "orebook/calendar/period.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"
#include "orebook/report/figure.h"

namespace orebook::report {

struct HighlightInputs {
  // The current period first, then each period it is compared with (the
  // period before, a year before), one set of sentences each, in order.
  std::vector<accounting::OperatingStatistics> stats;
  // Cash cost per payable unit of the primary metal: the current period's and
  // the previous period's (of the same kind), computed or reported.
  // With the currency of each (a reported one may be in another than the
  // reporting currency): they are compared only in one currency.
  std::optional<double> cash_cost_per_unit;
  std::optional<double> previous_cash_cost_per_unit;
  std::string cash_cost_currency, previous_cash_cost_currency;
  std::optional<calendar::Period> previous;
  // Realized prices per metal, per period (same order as stats).
  std::vector<std::vector<std::optional<double>>> prices;
  std::vector<std::vector<std::string>> price_currency;
};

// "over 4.9 million", "more than 1.5 million": the largest one-decimal
// number of millions not above the value, with a word that is true of it (no
// word when the value is exactly that); plain digits under a million.
std::string approximate_amount(double value, int& word_index);

// The default template of each sentence, by name.
const std::vector<std::pair<std::string, std::string>>& default_highlight_templates();

// The highlights as a table of notes; template problems go to `diags`.
Table highlights(const dataset::Dataset& ds, const HighlightInputs& in, core::Diagnostics& diags);

}  // namespace orebook::report
