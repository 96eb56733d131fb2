// Cost measures against the worked example of shared/docs/domain.md §6.

#include <gtest/gtest.h>

#include "orebook/costs/formulas.h"
#include "orebook/report/format.h"

namespace orebook::costs {
namespace {

// shared/docs/domain.md §6: 2.0 Moz payable silver; site costs $22.0M; TC/RC
// and freight $8.0M; royalties $0.5M; credits 17.2 Mlb Pb × $0.95 + 4.8 Mlb
// Zn × $0.89 = $20.612M; sustaining capital 6.0, corporate G&A 3.0, accretion
// 0.3, sustaining exploration 0.7 ($M).
TEST(Costs, DomainExample) {
  const double oz = 2.0e6;
  const double before_credits = 22.0e6 + 8.0e6 + 0.5e6;
  const double credits = 17.2e6 * 0.95 + 4.8e6 * 0.89;
  EXPECT_EQ(report::format_fixed(credits, 0), "20612000");
  const double cash = by_product_cash_cost(before_credits, credits);
  EXPECT_EQ(report::format_fixed(per_unit(cash, oz), 3), "4.944");
  const double share = revenue_share(oz * 31.54, oz * 31.54 + credits);
  EXPECT_EQ(report::format_fixed(share, 6), "0.753716");
  EXPECT_EQ(report::format_fixed(co_product_cost_per_unit(before_credits, share, oz), 4),
            "11.4942");
  const double aisc = all_in_sustaining_cost(cash, 6.0e6, 3.0e6, 0.3e6, 0.7e6, 0.0);
  EXPECT_EQ(report::format_fixed(per_unit(aisc, oz), 3), "9.944");
  EXPECT_EQ(report::format_fixed(per_unit(all_in_cost(aisc, 1.0e6), oz), 3), "10.444");
}

}  // namespace
}  // namespace orebook::costs
