#pragma once
// The tables of `orebook nsr`: one dry tonne of each concentrate valued step
// by step, and one tonne of ore.

#include <vector>

#include "orebook/dataset/dataset.h"
#include "orebook/report/figure.h"
#include "orebook/sales/nsr.h"

namespace orebook::report {

// Every step from assay to NSR per dmt: per metal the assay, payable grade,
// payable metal, price and value; then gross value, TC, RC, penalties (each
// element), NIV, moisture, freight, insurance and NSR.
Table concentrate_table(const dataset::Site& site, const sales::ConcentrateValue& c,
                        double moisture);

// Each concentrate's yield per tonne of ore and the NSR it brings, and their
// total, in `currency`.
Table ore_table(const dataset::Site& site, const std::vector<sales::ConcentrateValue>& valued,
                const std::vector<sales::OreShare>& shares, const std::string& currency);

}  // namespace orebook::report
