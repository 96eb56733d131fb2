#include "orebook/terms/terms.h"

namespace orebook::terms {

std::string_view to_string(PayableRule rule) {
  return rule == PayableRule::pay_with_min_deduction ? "pay_with_min_deduction" : "deduct_then_pay";
}

}  // namespace orebook::terms
