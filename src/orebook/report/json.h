#pragma once
// JSON as orebook writes it: two-space indent, keys in the order built, and
// any bytes that are not UTF-8 (a Windows-1252 apostrophe in a release, a
// Latin-1 stream id) replaced by U+FFFD rather than failing the run.

#include <string>

#include <nlohmann/json.hpp>

namespace orebook::report {

inline std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace orebook::report
