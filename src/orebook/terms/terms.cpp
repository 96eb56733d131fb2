#include "orebook/terms/terms.h"

namespace orebook::terms {

std::string_view to_string(PayableRule rule) {
  return rule == PayableRule::pay_with_min_deduction ? "pay_with_min_deduction" : "deduct_then_pay";
}

const Contract* in_force(const std::vector<Contract>& contracts, std::string_view product,
                         std::optional<calendar::DayNumber> day, std::string_view counterparty) {
  const Contract* best = nullptr;
  for (const Contract& c : contracts) {
    if (c.product != product || (day && c.valid_from > *day)) continue;
    if (!counterparty.empty() && c.counterparty != counterparty) continue;
    // Strictly later only: the first counterparty by name keeps a tie.
    if (best == nullptr || c.valid_from > best->valid_from) best = &c;
  }
  return best;
}

}  // namespace orebook::terms
