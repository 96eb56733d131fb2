// Times the reconciliation of a problem file without process start, file
// reading or output: bench/balance_time FILE.toml|FILE.csv [RUNS]. Prints the median
// and every run in milliseconds, the global test and the suspects, as JSON
// for bench/run-balance (docs/performance.md).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orebook/balance/bilinear.h"
#include "orebook/balance/linear.h"
#include "orebook/balance/problem.h"
#include "orebook/core/diagnostic.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: balance_time FILE.toml|FILE.csv [RUNS]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::stoi(argv[2]) : 5;
  orebook::core::Diagnostics diags;
  const auto problem = orebook::balance::load_problem(argv[1], diags);
  if (!problem) {
    for (const auto& d : diags.items()) std::fprintf(stderr, "%s\n", to_string(d).c_str());
    return 2;
  }
  const bool bilinear = !problem->bilinear.components.empty();
  std::vector<double> ms;
  nlohmann::ordered_json out;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::string> suspects;
    orebook::balance::GlobalTest global;
    std::string termination;
    if (bilinear) {
      const auto res = orebook::balance::reconcile_bilinear(problem->bilinear, problem->options,
                                                            problem->stream_ids);
      global = res.global;
      termination = res.summary.BriefReport();
      for (std::size_t j = 0; j < res.flow.size(); ++j)
        if (res.flow[j].gross_error) suspects.push_back(problem->stream_ids[j]);
    } else {
      const auto res = orebook::balance::reconcile_linear(problem->linear, problem->options);
      global = res.global;
      termination = res.summary.BriefReport();
      for (std::size_t j = 0; j < res.streams.size(); ++j)
        if (res.streams[j].gross_error) suspects.push_back(problem->stream_ids[j]);
    }
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    out["J"] = global.statistic;
    out["dof"] = global.dof;
    out["termination"] = termination;
    out["flow_suspects"] = suspects;
  }
  std::vector<double> sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  out["median_ms"] = sorted[sorted.size() / 2];
  out["runs_ms"] = ms;
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
