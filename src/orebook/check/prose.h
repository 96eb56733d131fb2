#pragma once
// The prose of a release tied to its tables: a sentence's figures linked to
// table rows by metal names and item words (silver production, milling rate,
// realized price, cash cost ...), to columns by the periods it compares
// ("compared to the first quarter of 2011", "a year ago", "the fourth
// quarter"), and checked over printed precision:
//   - a change it quotes ("increased 30%", "18% lower", "a 19% or $2.64
//     reduction from $13.65"), with its direction;
//   - a table figure it restates ("produced 581,746 ounces silver", "234 tpd");
//   - a rounding word ("over 4.9 million pounds", "more than", "approximately",
//     "nearly").

#include <vector>

#include "orebook/check/items.h"
#include "orebook/check/relations.h"

namespace orebook::check {

std::vector<Check> check_prose(const Release& release, const Items& items);

}  // namespace orebook::check
