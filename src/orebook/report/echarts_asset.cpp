// Apache ECharts (third_party/echarts), embedded in the binary as it is: an
// HTML report carries it inline so that it opens offline. The assembler's
// .incbin puts the file's bytes in read-only data at build time
// (OREBOOK_ECHARTS_JS names it; OREBOOK_ECHARTS_SHA256 is its digest, so a
// changed file is a changed compile command and no cached object survives it).

#include "orebook/report/echarts_asset.h"

asm(".section .rodata\n"
    ".balign 16\n"
    "orebook_echarts_begin:\n"
    ".incbin \"" OREBOOK_ECHARTS_JS
    "\"\n"
    "orebook_echarts_end:\n"
    ".previous\n");

extern "C" const char orebook_echarts_begin[];
extern "C" const char orebook_echarts_end[];

namespace orebook::report {

std::string_view echarts_js() {
  return {orebook_echarts_begin,
          static_cast<std::size_t>(orebook_echarts_end - orebook_echarts_begin)};
}

std::string_view echarts_sha256() { return OREBOOK_ECHARTS_SHA256; }

}  // namespace orebook::report
