// core::Progress: drawn on standard error only when switched on, only for
// work that lasts, and erased when done.

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "orebook/core/progress.h"

namespace orebook::core {
namespace {

TEST(Progress, DrawnOnlyWhenOnAndForLongWork) {
  for (const bool on : {false, true}) {
    Progress::enable(on);
    testing::internal::CaptureStderr();
    {
      Progress quick("quick", 10, "periods");
      quick.add(5);  // within half a second: never drawn
      Progress slow("balance", 8760, "periods");
      std::this_thread::sleep_for(std::chrono::milliseconds(550));
      slow.add(1234);
    }
    const std::string err = testing::internal::GetCapturedStderr();
    if (!on) {
      EXPECT_EQ(err, "");
      continue;
    }
    EXPECT_EQ(err.find("quick"), std::string::npos) << err;
    EXPECT_NE(err.find("\r\x1b[Kbalance: 1,234 of 8,760 periods"), std::string::npos) << err;
    // Erased at the end, so what follows starts on a clean line.
    EXPECT_EQ(err.substr(err.size() - 4), "\r\x1b[K");
  }
  Progress::enable(false);
}

}  // namespace
}  // namespace orebook::core
