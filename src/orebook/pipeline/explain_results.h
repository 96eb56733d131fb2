#pragma once
// Internal to pipeline/explain*.cpp: the formula trees of the figures of
// `orebook results` (financial summary, cost measures, reconciliation), and
// the pieces explain.cpp shares with them.

#include <optional>
#include <string>

#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/explain.h"
#include "orebook/report/figure.h"

namespace orebook::pipeline {

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

}  // namespace orebook::pipeline
