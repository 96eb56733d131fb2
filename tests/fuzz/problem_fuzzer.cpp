// libFuzzer target for the balance problem readers and the solvers
// (docs/fuzzing.md): any bytes in, read as a TOML and as a CSV problem, and
// when they hold a small problem, reconciled; never a crash, a hang or a
// sanitizer report out.
//   /tmp/problem_fuzzer -max_total_time=300 -max_len=4096 /tmp/problem-corpus

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "orebook/balance/bilinear.h"
#include "orebook/balance/problem.h"
#include "orebook/dataset/csv.h"

namespace {

void solve(const orebook::balance::Problem& p) {
  // Small problems only: the fuzzer looks for crashes, not for slow solves.
  if (p.stream_ids.size() > 64) return;
  if (p.bilinear.components.empty()) {
    const auto r = orebook::balance::reconcile_linear(p.linear, p.options);
    (void)orebook::balance::result_diagnostics(p, r, "fuzz");
  } else {
    const auto r = orebook::balance::reconcile_bilinear(p.bilinear, p.options, p.stream_ids, 20);
    (void)orebook::balance::result_diagnostics(p, r, "fuzz");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  {
    orebook::core::Diagnostics diags;
    if (const auto p = orebook::balance::load_problem_toml(text, "fuzz.toml", diags)) solve(*p);
  }
  {
    orebook::core::Diagnostics diags;
    auto reader = orebook::dataset::CsvReader::from_string(text);
    if (const auto p = orebook::balance::load_problem_csv(reader, "fuzz.csv", diags)) solve(*p);
  }
  return 0;
}
