// libFuzzer target for the release parser and checks (docs/fuzzing.md):
// any bytes in, never a crash, a hang or a sanitizer report out.
//   (the build command is in docs/fuzzing.md)
//   /tmp/check_fuzzer -max_total_time=600 tests/fuzz/corpus

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "orebook/check/relations.h"
#include "orebook/check/release.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto checks = orebook::check::check_release(orebook::check::parse_release(text));
  (void)checks;
  return 0;
}
