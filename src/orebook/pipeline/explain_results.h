#pragma once
// Internal to pipeline/explain*.cpp: the formula trees of the figures of
// `orebook results` (financial summary, cost measures, reconciliation), and
// the pieces explain.cpp shares with them.

#include <optional>
#include <string>

#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/display.h"
#include "orebook/report/explain.h"
#include "orebook/report/figure.h"

namespace orebook::pipeline {

// Digits of a node that is not a figure of the report: as the report would
// choose them for a row holding this value alone (docs/formulas.md §15).
int digits_of(std::optional<double> value, orebook::report::DigitsRule rule);

// Where the rows of a data file are, as diagnostics name it: a CSV file, or a
// sheet of a workbook (Diagnostics::set_sheet).
orebook::report::SourceRows source_of(const std::string& file, const core::Diagnostics& diags);

// The tree of an operating statistic `key` of period `k` of `a`; nullopt when
// explain does not trace it.
std::optional<orebook::report::Explanation> operating_explanation(const dataset::Dataset& ds,
                                                                  const Accounted& a, std::size_t k,
                                                                  const std::string& key,
                                                                  const core::Diagnostics& diags);

// The tree of a figure of the financial summary (financial.*), the cost
// measures (costs.*) or the reconciliation (reconciliation.*) in column
// `column` of `table`, computed for period `k` of `a`; nullopt when explain
// does not trace it.
std::optional<orebook::report::Explanation> results_explanation(const dataset::Dataset& ds,
                                                                const Accounted& a, std::size_t k,
                                                                const orebook::report::Table& table,
                                                                std::size_t column,
                                                                const std::string& key,
                                                                const core::Diagnostics& diags);

// pipeline/explain_equivalents.cpp (docs/formulas.md §19): the tree of a
// metal equivalent's production, production.equivalent.<label>, in period k
// of `a`; nullopt when `key` names none.
std::optional<orebook::report::Explanation> equivalent_explanation(const dataset::Dataset& ds,
                                                                   const Accounted& a,
                                                                   std::size_t k,
                                                                   const std::string& key,
                                                                   const core::Diagnostics& diags);
// A cost per unit of the equivalent `label`: `total` (the tree of the cash
// cost or of the AISC) ÷ the equivalent's tree, in period k of `a`.
std::optional<orebook::report::Explanation> cost_per_equivalent(const dataset::Dataset& ds,
                                                                const Accounted& a, std::size_t k,
                                                                const std::string& label,
                                                                orebook::report::Explanation total,
                                                                const core::Diagnostics& diags);
// A figure of the guidance table (guidance.<M>) in its column `column` (year
// to date, run rate, guidance low, guidance high) for the period k of `a`
// the table is made for; nullopt when it has no such figure.
std::optional<orebook::report::Explanation> guidance_explanation(const dataset::Dataset& ds,
                                                                 const Accounted& a, std::size_t k,
                                                                 std::size_t column,
                                                                 const std::string& key,
                                                                 const core::Diagnostics& diags);

}  // namespace orebook::pipeline
