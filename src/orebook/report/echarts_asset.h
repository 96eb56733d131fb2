#pragma once
// The vendored Apache ECharts script (third_party/echarts/README.md).

#include <string_view>

namespace orebook::report {

// The text of echarts.min.js, as vendored.
std::string_view echarts_js();
// Its SHA-256 when built (lower-case hex).
std::string_view echarts_sha256();

}  // namespace orebook::report
