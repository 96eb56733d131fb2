#pragma once
// The formula tree of a figure of the operating statistics, for `orebook
// explain` and `report --provenance` (pipeline/explain.cpp).

#include <optional>
#include <string>
#include <vector>

#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/explain.h"
#include "orebook/report/figure.h"

namespace orebook::pipeline {

// The tree of `key` in period `column` of `a`, whose figures `table` shows
// (the operating statistics of report/operating_report.h). nullopt when the
// table has no such figure or the key is not one explain traces; with an
// "explain-disagrees" error in `diags` when the tree's value is not the
// table's (a bug: the tree must follow the report).
std::optional<orebook::report::ExplainedFigure> explain_figure(
    const dataset::Dataset& ds, const Accounted& a, const orebook::report::Table& table,
    const std::string& key, std::size_t column, core::Diagnostics& diags);

// The input rows of a tree, each file and stream (or metal) once.
std::vector<orebook::report::SourceRows> source_rows(const orebook::report::Explanation& root);

// report --provenance: each figure's rows per period (Figure::provenance);
// nullopt for figures explain does not trace. `a` and `table` as for
// explain_figure.
void add_provenance(const dataset::Dataset& ds, const Accounted& a, orebook::report::Table& table,
                    core::Diagnostics& diags);

}  // namespace orebook::pipeline
