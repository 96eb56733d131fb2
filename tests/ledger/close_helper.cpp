// A close in a process of its own, for the ledger tests that kill a close
// half-way (OREBOOK_FAULT=ledger-mid-close) or race several processes.
//
//   ledger_close_helper LOCATION PERIOD ROWS [NOTE]
//
// Closes PERIOD (a restatement when NOTE is given) with ROWS input rows, two
// files and three figures; prints the entry's sequence and hash. Exit 0 when
// closed, 2 with the message on standard error when the ledger refused.

#include <cstdio>
#include <exception>
#include <string>

#include "orebook/core/hash.h"
#include "orebook/ledger/ledger.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: ledger_close_helper LOCATION PERIOD ROWS [NOTE]\n");
    return 2;
  }
  using namespace orebook::ledger;
  try {
    Closing c;
    c.period = argv[2];
    c.site = "Helper mine";
    c.by = "helper";
    c.orebook_version = "test";
    const bool restate = argc > 4;
    if (restate) c.note = argv[4];
    c.files = {{"site.toml", std::string(64, 'a')}, {"streams.csv", std::string(64, 'b')}};
    const long rows = std::stol(argv[3]);
    for (long i = 0; i < rows; ++i) {
      c.rows.push_back({"streams.csv", static_cast<std::uint32_t>(i + 2),
                        orebook::core::sha256_hex(std::to_string(i))});
    }
    c.figures = {{"ore_mined", 1234.5, "t", "Ore mined"},
                 {"recovery.Ag", std::nullopt, "%", "Silver recovery"},
                 {"head_grade.Ag", 0.1, "g/t", "Silver head grade"}};
    auto ledger = Ledger::open(argv[1], true);
    const Closing done = ledger->close(std::move(c), restate);
    std::printf("%lld %s\n", static_cast<long long>(done.sequence), done.hash.c_str());
    return 0;
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unexpected: %s\n", e.what());
    return 3;
  }
}
