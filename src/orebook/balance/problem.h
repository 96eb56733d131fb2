#pragma once
// A stand-alone balancing problem in one TOML file (`orebook balance
// --problem FILE.toml`), for quick studies and published textbook cases:
//
//   [options]
//   alpha = 0.05
//   eliminate = true
//
//   [[stream]]
//   id = "S1"
//   from = "env"      # node ids; "env" is outside the plant
//   to = "N1"
//   flow = 101.91     # absent: unmeasured
//   flow_sd = 1.0     # absolute
//
//   assay = { Pb = 3.1, Zn = 5.9 }      # optional; a component absent: unmeasured
//   assay_sd = { Pb = 0.06, Zn = 0.1 }  # absolute, in the assay's units
//
// With assays the problem is bilinear (flows and assays together).

#include <optional>
#include <string>
#include <vector>

#include "orebook/balance/bilinear.h"
#include "orebook/balance/flowsheet.h"
#include "orebook/balance/linear.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/csv.h"

namespace orebook::balance {

struct Problem {
  std::vector<std::string> stream_ids;
  std::vector<std::string> node_ids;  // in order of first mention
  LinearProblem linear;
  BilinearProblem bilinear;  // components empty: flows only
  BalanceOptions options;
  // Per component: how its assays print ("Ag g/t") and what one tonne times
  // one assay unit holds in `metal_unit`s (check-in/check-out). Problem
  // files: the component name, 1 and "t·assay".
  std::vector<std::string> component_labels;
  std::vector<double> metal_factor;
  std::vector<std::string> metal_unit;
  std::string title;  // what was balanced ("demo-mine, 2012-03"); empty for problem files
};

// Two streams whose σ double precision cannot weigh together: linear.h's
// sd_beyond_precision over every measured flow and assay (the bilinear solve
// weighs them in one system); the stream with the smaller σ and the one with
// the larger, and those σ.
struct SdClash {
  std::size_t low = 0, high = 0;
  double low_sd = 0.0, high_sd = 0.0;
};
std::optional<SdClash> sd_beyond_precision(const Problem& p);

// A problem file: CSV when its name ends in ".csv", else TOML.
std::optional<Problem> load_problem(const std::string& path, core::Diagnostics& diags);
std::optional<Problem> load_problem_toml(std::string_view text, const std::string& file,
                                         core::Diagnostics& diags);
// The CSV form, for large problems: one row per stream,
//
//   id,from,to,flow,flow_sd,Pb,Pb_sd
//   S1,env,N1,101.91,1.0,3.1,0.06
//   S2,N1,N2,,,,          <- empty cells: unmeasured
//
// flow/flow_sd optional as a pair; any other column C is an assayed
// component and needs C_sd beside it. Options take their defaults (alpha
// 0.05, no elimination) unless the command line sets them.
std::optional<Problem> load_problem_csv(dataset::CsvReader& reader, const std::string& file,
                                        core::Diagnostics& diags);

// What a result tells the user beyond its tables, as diagnostics at `file`:
// a balance that does not close after reconciling (an error: the result is
// refused), flows held at zero by their bound, and parts with nothing to test
// (warnings). Messages name `p.title` when it is set (a dataset's period).
std::vector<core::Diagnostic> result_diagnostics(const Problem& p, const LinearResult& r,
                                                 const std::string& file);
std::vector<core::Diagnostic> result_diagnostics(const Problem& p, const BilinearResult& r,
                                                 const std::string& file);

}  // namespace orebook::balance
