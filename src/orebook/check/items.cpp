#include "orebook/check/items.h"

#include <algorithm>
#include <array>
#include <limits>

#include <fmt/format.h>

#include "orebook/check/words.h"

namespace orebook::check {

namespace {

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// A per-unit figure: "per ounce", "/oz", or a table of costs per ounce.
bool per_unit_row(const std::string& title, const std::string& label) {
  return has(label, " per ") || has(label, "/oz") || has(label, "/lb") || has(title, "per oz") ||
         has(title, "per ounce") || has(title, "per payable");
}

// A label without "revenue(s)" and parentheses: "Mining operations".
std::string item_of_label(const std::string& l) {
  std::string out = l.substr(0, l.find('('));
  for (std::string_view w : {"revenues", "revenue"})
    if (const auto at = out.find(w); at != std::string::npos) out.erase(at, w.size());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(0, 1);
  return out;
}

// Words of production: "production", "produced" ("Ounces Produced"); not
// "by-product".
bool produced(const std::string& t) {
  for (std::string_view w : {"production", "produced", "produces", "output"})
    if (has_word(t, w)) return true;
  return false;
}

// A market price (LBMA, LME, spot), not the one the mine realized.
bool market(const std::string& t) {
  return has_word(t, "lbma") || has_word(t, "lme") || has(t, "market") || has_word(t, "spot") ||
         has(t, "london");
}

}  // namespace

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::production:
      return "production";
    case Kind::ore_processed:
      return "ore processed";
    case Kind::throughput:
      return "throughput";
    case Kind::ore_mined:
      return "ore mined";
    case Kind::price:
      return "realized price";
    case Kind::cash_cost:
      return "cash cost per unit";
    case Kind::aisc:
      return "AISC per unit";
    case Kind::revenue:
      return "revenue";
    case Kind::head_grade:
      return "head grade";
    case Kind::recovery:
      return "recovery";
    case Kind::equivalent:
      return "metal equivalent";
    case Kind::sold:
      return "metal sold";
  }
  return "?";
}

std::string describe_row(const Table& t, const Row& r) {
  std::string out;
  for (const Metric& m : all_metrics()) {
    if (!holds(t, r, m)) continue;
    std::string one(to_string(m.kind));
    if (!m.metal.empty()) one += ", " + m.metal;
    if (!m.basis.empty()) one += " (" + m.basis + ")";
    out += (out.empty() ? "" : "; ") + one;
  }
  return out;
}

bool per_metal(Kind k) {
  return k == Kind::production || k == Kind::price || k == Kind::head_grade ||
         k == Kind::recovery || k == Kind::equivalent || k == Kind::sold;
}

std::optional<Metric> metric_of(const std::string& t, const std::string& default_metal) {
  std::string metal = metal_of(t);
  if (metal.empty()) metal = default_metal;
  if (has(t, "all-in sustaining") || has_word(t, "aisc")) return Metric{Kind::aisc, "", ""};
  if (has(t, "cash cost"))
    return Metric{Kind::cash_cost, "", has(t, "co-product") ? "co-product" : ""};
  if (has(t, "price") && !metal.empty())
    return Metric{Kind::price, metal, market(t) ? "market" : ""};
  // A metal's recovery or grade before the ore it was processed from.
  if (has(t, "recover") && !metal.empty()) return Metric{Kind::recovery, metal, ""};
  // A concentrate's grade is not the head grade.
  if (has(t, "grade") && !metal.empty() && !has(t, "concentrate"))
    return Metric{Kind::head_grade, metal, ""};
  if (has(t, "throughput")) return Metric{Kind::throughput, "", ""};
  if (has(t, "milling rate") || has(t, "processed") || has(t, "milled") || has(t, "treated"))
    return Metric{Kind::ore_processed, "", ""};
  // Metal equivalents ("silver equivalent production", "GEOs"), of
  // production or of sales.
  if (const std::string eq = equivalent_metal(t); !eq.empty())
    return Metric{Kind::equivalent, eq, has_word(t, "sold") || has(t, "sales") ? "sold" : ""};
  // Waste mined is no ore mined: an item of its own.
  if (has(t, "waste"))
    return has(t, "mined") || has(t, "mining") ? std::optional(Metric{Kind::ore_mined, "", "waste"})
                                               : std::nullopt;
  if (has(t, "mining rate") || has(t, "mined")) return Metric{Kind::ore_mined, "", ""};
  // "Mine production came to 194,661t": ore the mine produced, unless a
  // metal is named ("mine production of silver").
  if ((has(t, "mine production") || has(t, "mine output")) && metal_of(t).empty())
    return Metric{Kind::ore_mined, "", ""};
  // Metal equivalents, payable metal and metal sold are other quantities.
  if ((has(t, "production") || has(t, "produced") || has_word(t, "output")) && !metal.empty() &&
      !equivalent_words(t) && !has(t, "eq ") && !has(t, "payable") && !has_word(t, "sold"))
    return Metric{Kind::production, metal, ""};
  // A metal sold: "gold sold", "silver sales" (of ounces; sales in money
  // are revenue, read below when the sentence says revenue).
  if (!metal.empty() && (has_word(t, "sold") || has(t, "sales")) && !has(t, "revenue"))
    return Metric{Kind::sold, metal, has(t, "payable") ? "payable" : ""};
  if (const auto at = t.find("revenue"); at != std::string::npos) {
    // One metal's revenue only when the metal stands beside the word:
    // "lead revenue", "revenue from zinc".
    const std::size_t from = at > 12 ? at - 12 : 0;
    const std::string beside = metal_of(t.substr(from, at - from + 20));
    if (!beside.empty()) return Metric{Kind::revenue, beside, ""};
    // A segment's revenue: "revenues from mining operations", "mining
    // revenue" — not the total.
    std::size_t end = at + 7;
    if (end < t.size() && t[end] == 's') ++end;
    if (t.compare(end, 6, " from ") == 0) {
      std::string segment = t.substr(end + 6);
      const auto stop = segment.find_first_of(",.;(0123456789$");
      if (stop != std::string::npos) segment.erase(stop);
      for (std::string_view cut : {" of ", " was ", " were ", " in ", " for ", " increased",
                                   " decreased", " totalled", " totaled"})
        if (const auto c = segment.find(cut); c != std::string::npos) segment.erase(c);
      while (!segment.empty() && segment.back() == ' ') segment.pop_back();
      for (std::string_view article : {"the ", "our "})
        if (segment.starts_with(article)) segment.erase(0, article.size());
      if (!segment.empty()) return Metric{Kind::revenue, "", "segment:" + segment};
    }
    std::string before = t.substr(0, at);
    while (!before.empty() && before.back() == ' ') before.pop_back();
    const auto space = before.find_last_of(" (");
    const std::string word = space == std::string::npos ? before : before.substr(space + 1);
    if (!word.empty() && std::isalpha(static_cast<unsigned char>(word[0]))) {
      for (std::string_view whole :
           {"total", "consolidated", "net", "quarterly", "quarter's", "record", "higher", "lower",
            "increased", "decreased", "and", "of", "the", "its", "our", "in", "that", "while"})
        if (word == whole) return Metric{Kind::revenue, "", ""};
      return Metric{Kind::revenue, "", "segment:" + word};
    }
    return Metric{Kind::revenue, "", ""};
  }
  return std::nullopt;
}

std::optional<Metric> nearest_metric(const std::string& text, const std::string& default_metal) {
  // The last clause that names an item: clauses end at "; " and at ", so",
  // ", and", ", while", ", but", ", which", ", as", ", with".
  std::vector<std::size_t> starts;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text.compare(at, 2, "; ") == 0) starts.push_back(at + 2);
    if (text.compare(at, 2, ", ") != 0) continue;
    for (std::string_view w : {"so ", "and ", "while ", "but ", "which ", "as ", "with "})
      if (text.compare(at + 2, w.size(), w) == 0) starts.push_back(at + 2);
  }
  // Within the clause, the item named nearest the figure: the shortest tail
  // of words that names one ("better copper and gold recoveries lifted
  // copper production" is about production).
  const auto nearest_in = [&](std::size_t from) -> std::optional<Metric> {
    std::optional<Metric> attribute;  // an item after a preposition
    // (An item's words stand within a dozen of the figure; past them the
    // whole clause is read once.)
    int words = 0;
    for (std::size_t at = text.size(); at > from && words < 12; ++words) {
      const auto space = text.rfind(' ', at - 1);
      if (space == std::string::npos || space < from) break;
      at = space;
      if (auto m = metric_of(text.substr(space + 1), default_metal)) {
        // (Wider windows over an attribute name it again: look further.)
        if (attribute && m->kind == attribute->kind && m->metal == attribute->metal &&
            m->basis == attribute->basis)
          continue;
        // "Silver recovery from ore processed was": the ore processed
        // qualifies the recovery named before it.
        // (The words before the item's own: "the", "ore", "tonnes" are
        // part of it.)
        std::string prev;
        for (std::size_t end = space; end > from;) {
          const auto prior = text.rfind(' ', end - 1);
          const std::size_t start = prior == std::string::npos || prior < from ? from : prior + 1;
          prev = text.substr(start, end - start);
          if (prev != "the" && prev != "ore" && prev != "tonnes" && prev != "mill" && prev != "dry")
            break;
          if (start == from) break;
          end = start - 1;
        }
        if (prev == "from" || prev == "of" || prev == "in" || prev == "at" || prev == "per" ||
            prev == "for" || prev == "with" || prev == "on") {
          if (!attribute) attribute = m;
          continue;
        }
        // The words just before may make it another or a narrower item:
        // "waste mined", "payable silver sold", "LBMA silver price", "lead
        // revenue" (one metal's, not the total).
        std::size_t word = space + 1;
        for (int extra = 0; extra < 2 && word > from; ++extra) {
          const auto prior = word >= 2 ? text.rfind(' ', word - 2) : std::string::npos;
          word = prior == std::string::npos || prior < from ? from : prior + 1;
          for (std::string_view w :
               {"waste", "payable", "co-product", "spot", "market", "lbma", "lme"})
            if (text.compare(word, w.size(), w) == 0)
              return metric_of(text.substr(word), default_metal);
          const auto wider = metric_of(text.substr(word), default_metal);
          if (wider && wider->kind == m->kind &&
              ((m->metal.empty() && !wider->metal.empty()) ||
               (m->basis.empty() && !wider->basis.empty())))
            return wider;
        }
        return m;
      }
    }
    if (auto m = metric_of(text.substr(from), default_metal)) return m;
    return attribute;
  };
  for (auto s = starts.rbegin(); s != starts.rend(); ++s)
    if (auto m = nearest_in(*s)) return m;
  return nearest_in(0);
}

const Row* row_for(const Table& t, const Metric& m) {
  for (const Row& r : t.rows)
    if (holds(t, r, m)) return &r;
  return nullptr;
}

namespace {

// A row's words in lower case, and the metal its label names, read once;
// its table's title, lower-cased once for all its rows.
struct RowText {
  std::string l, g;
  const std::string& title;
  std::string metal;
  // g: every heading above the row, not only the nearest ("Concentrate
  // production > Zinc concentrate > Concentrate grade").
  // own_metal: the row's or its headings'; metal: that, else the table's
  // one metal, lent only to grades, recoveries and production.
  std::string own_metal;
  std::string table_label;  // the header's own label cell, lower case
  RowText(const std::string& lower_title, const Row& r, const std::string& table_metal,
          std::string lower_table_label)
      : l(lower(r.label)),
        g(lower(path_words(r).substr(0, path_words(r).size() - r.label.size()))),
        title(lower_title),
        metal(row_metal(r).empty() ? table_metal : row_metal(r)),
        own_metal(row_metal(r)),
        table_label(std::move(lower_table_label)) {}
};

bool holds_text(const Row& r, const RowText& x, const Metric& m) {
  const std::string& l = x.l;
  const std::string& g = x.g;
  const bool lent =
      m.kind == Kind::production || m.kind == Kind::head_grade || m.kind == Kind::recovery;
  const bool metal = !m.metal.empty() && (lent ? x.metal : x.own_metal) == m.metal;
  switch (m.kind) {
    case Kind::production: {
      // Words that make a metal's row something else than its production:
      // payable or sold metal, equivalents, costs, grades, recoveries.
      const bool other = payable(r) || equivalent_words(l) || equivalent_words(g) ||
                         has(g, "sold") || has(l, "cost") || has(l, " per ") || has(l, "grade") ||
                         has(l, "recover") || has(l, "%") || has(l, "g/t");
      if (!metal || other) break;
      if (!has(g, "cost") && !has(l, "by-product") && !has_word(l, "annual") &&
          (produced(g) || produced(l)))
        return true;
      // A table titled as production ("100% Red Chris mine production")
      // over rows of a metal in a mass unit ("Copper - 000's pounds").
      if (produced(x.table_label) && row_metal_unit(r) && x.own_metal == m.metal && !has(l, "$") &&
          !has(l, "/") && !has(g, "price") && !has(l, "price") && !has(g, "conc") &&
          !has(l, "conc"))
        return true;
      break;
    }
    case Kind::ore_processed:
      // "Ore processed", "Tonnes milled"; not a grade, recovery or cost of it.
      if ((has(l, "processed") || has(l, "milled") || has(l, "mill feed")) && !has(l, "per") &&
          !has(l, "grade") && !has(l, "recover") && !has(l, "cost") && metal_of(r.label).empty())
        return true;
      // A mill's table of "Tonnes Produced" beside grades and recoveries
      // (Endeavour's mine-by-item tables): the tonnes of ore it produced
      // from, not tonnes of concentrate, which would sit under a
      // concentrate heading or name one.
      if ((l == "tonnes" || l == "tons" || l == "tonnes produced" || l == "tons produced") &&
          !has(g, "concentrate") && !has(x.title, "concentrate") && !has(g, "mined"))
        return true;
      break;
    case Kind::throughput:
      if ((has(l, "throughput") || has(l, "per day") || has(l, "per calendar day")) &&
          !has(l, "operating") && !has(l, "mined"))
        return true;
      break;
    case Kind::ore_mined:
      // Waste is mined too, but it is not ore: basis "waste".
      if ((has(l, "mined") || (has(l, "mine production") && metal_of(r.label).empty())) &&
          !has(l, "per") && has(l, "waste") == (m.basis == "waste"))
        return true;
      break;
    case Kind::price:
      if (metal && (has(g, "price") || has(l, "price")) &&
          (market(l) || market(g)) == (m.basis == "market"))
        return true;
      break;
    case Kind::cash_cost:
      // Per unit, on the basis the phrase names: by-product unless co-product.
      if (has(l, "cash cost") && !has(l, "all-in") && per_unit_row(x.title, l) &&
          has(l, "co-product") == (m.basis == "co-product"))
        return true;
      break;
    case Kind::aisc:
      if ((has(l, "all-in sustaining") || has_word(l, "aisc")) && per_unit_row(x.title, l))
        return true;
      break;
    case Kind::revenue:
      // A segment's: the row naming it under revenue ("Revenues:" Mining
      // operations) or a revenue row naming it ("Mining revenue").
      if (m.basis.starts_with("segment:")) {
        const std::string segment = m.basis.substr(8);
        const std::string label = item_of_label(l);
        return (has(g, "revenue") || has(l, "revenue")) && !label.empty() &&
               (has(l, segment) || has(segment, label)) && !mass_unit_of(r.label) &&
               !per_unit_row(x.title, l);
      }
      // The whole revenue, or one metal's ("Revenue:" Silver, or "Silver revenue").
      if (m.metal.empty()) {
        if ((l.rfind("revenue", 0) == 0 || l.rfind("total revenue", 0) == 0 ||
             (l == "total" && has(g, "revenue"))) &&
            x.own_metal.empty() && r.group.find(':') == std::string::npos &&
            (r.group.empty() || has(g, "revenue")))
          return true;
      } else if (metal && (has(l, "revenue") || has(g, "revenue") || has(l, "sales")) &&
                 !mass_unit_of(r.label) && !per_unit_row(x.title, l)) {
        return true;
      }
      break;
    case Kind::head_grade:
      // Head grade: under a "Grade of ore processed:" heading, or a row
      // "Silver head grade (g/t)"; never a concentrate's grade.
      if (metal && (has(g, "grade") || has(g, "head") || has(l, "grade")) &&
          !has(g, "concentrate") && !has(l, "concentrate"))
        return true;
      break;
    case Kind::recovery:
      if (metal && (has(g, "recover") || has(l, "recover"))) return true;
      break;
    case Kind::equivalent: {
      // "Silver equivalent ounce production", "GEOs(1)", "Gold equivalent
      // sold in doré (oz)"; not a grade, cost, price or ratio of them.
      const std::string w = g + " " + l;
      if (equivalent_metal(l) != m.metal && equivalent_metal(w) != m.metal) break;
      if (has(l, "g/t") || has(l, "grade") || has(l, "cost") || has(l, "price") ||
          has(l, " per ") || has(l, "ratio") || has(l, "%") || has(l, "$") || has(l, "/oz"))
        break;
      return (has_word(w, "sold") || has(w, "sales")) == (m.basis == "sold");
    }
    case Kind::sold: {
      const std::string w = g + " " + l;
      if (x.own_metal != m.metal || !(has_word(w, "sold") || has(w, "sales"))) break;
      // Payable metal sold is not the metal sold.
      if (has(w, "payable") != (m.basis == "payable")) break;
      if (equivalent_words(w) || has(l, "price") || has(g, "price") || has(l, "revenue") ||
          has(l, "$") || has(l, "cost") || has(l, "grade") || has(l, " per ") || has(l, "/"))
        break;
      return row_metal_unit(r).has_value();
    }
  }
  return false;
}

}  // namespace

bool holds(const Table& t, const Row& r, const Metric& m) {
  return holds_text(r, RowText(lower(t.title + " " + t.label), r, t.metal, lower(t.label)), m);
}

const std::vector<Metric>& all_metrics() {
  static const std::vector<Metric> all = [] {
    std::vector<Metric> out;
    for (const Kind kind : kKinds) {
      std::vector<std::string> metals;
      if (!per_metal(kind)) metals.emplace_back();  // revenue: the whole, or one metal's
      if (per_metal(kind) || kind == Kind::revenue)
        for (const auto& m : kMetals) metals.emplace_back(m.name);
      std::vector<std::string> bases = {""};
      if (kind == Kind::equivalent) bases.emplace_back("sold");
      if (kind == Kind::sold) bases.emplace_back("payable");
      if (kind == Kind::ore_mined) bases.emplace_back("waste");
      if (kind == Kind::cash_cost) bases.emplace_back("co-product");
      if (kind == Kind::price) bases.emplace_back("market");
      for (const auto& metal : metals)
        for (const auto& basis : bases) out.push_back(Metric{kind, metal, basis});
    }
    return out;
  }();
  return all;
}

Items::Items(const Release& release) {
  for (const Table& t : release.tables) {
    tables_.push_back(&t);
    std::map<Key, std::vector<const Row*>> in_table;
    const std::string title = lower(t.title + " " + t.label);
    for (const Row& r : t.rows) {
      const RowText text(title, r, t.metal, lower(t.label));
      for (const Metric& m : all_metrics())
        if (holds_text(r, text, m)) in_table[Key{m.kind, m.metal, m.basis}].push_back(&r);
    }
    for (auto& [key, rows] : in_table) {
      if (rows.size() == 1) {
        holders_[key].push_back(Holder{&t, rows[0], rows[0]});
        continue;
      }
      // One item under several headings (a row per mine: "San José",
      // "El Gallo", "Total Production"): the total's row, else none — the
      // text's figure may be any mine's.
      const Row* total = nullptr;
      bool several_groups = false;
      for (const Row* r : rows) {
        if (!total && total_name(path_words(*r))) total = r;
        several_groups = several_groups || r->path != rows[0]->path;
      }
      if (!several_groups) {
        // Rows of one heading: its total's ("Gold Ounces", "Gold Equivalent
        // Ounces from Silver", "Total AuEq oz"), else the first.
        const Row* first = rows[0];
        for (const Row* r : rows)
          if (lower(r->label).starts_with("total")) {
            first = r;
            break;
          }
        holders_[key].push_back(Holder{&t, first, nullptr});
      } else if (total) {
        holders_[key].push_back(Holder{&t, total, nullptr});
      }
    }
  }
  for (const Table& t : release.tables)
    if (const auto c = current_column(t))
      if (!release_end_ || t.columns[*c].period->last() > *release_end_)
        release_end_ = t.columns[*c].period->last();
  // The most precise printing of each item's current period: 23,161 (in
  // thousands) rather than 23.2 (in millions); the first of equals.
  for (const auto& [key, holders] : holders_) {
    double best_width = std::numeric_limits<double>::infinity();
    for (const Holder& h : holders) {
      const auto col = current_column(*h.table);
      const double width = col && h.first->cells[*col] ? h.first->cells[*col]->interval().width()
                                                       : std::numeric_limits<double>::max();
      if (!best_.contains(key) || width < best_width) {
        best_[key] = {h.table, h.first};
        best_width = width;
      }
    }
  }
}

const std::vector<Items::Holder>& Items::holders(const Metric& m) const {
  static const std::vector<Holder> none;
  const auto it = holders_.find(Key{m.kind, m.metal, m.basis});
  return it == holders_.end() ? none : it->second;
}

std::pair<const Table*, const Row*> Items::find(const Metric& m) const {
  // A segment's revenue is named by the text, not one of all_metrics():
  // the first table that holds it.
  if (m.basis.starts_with("segment:")) {
    for (const Table* t : tables_)
      if (const Row* r = row_for(*t, m)) return {t, r};
    return {nullptr, nullptr};
  }
  const auto it = best_.find(Key{m.kind, m.metal, m.basis});
  return it == best_.end() ? std::pair<const Table*, const Row*>{nullptr, nullptr} : it->second;
}

std::optional<calendar::Period> same_period_in(const calendar::Period& p, int year) {
  const std::string id = p.to_string();
  if (has(id, "..") || id.size() < 4) return std::nullopt;
  return calendar::Period::parse(std::to_string(year) + id.substr(4));
}

bool names_twelve_months(const std::string& t) {
  for (std::string_view w : {"last twelve months", "last 12 months", "trailing twelve months",
                             "trailing 12 months", "past twelve months", "past 12 months"})
    if (t.find(w) != std::string::npos) return true;
  return false;
}

std::optional<calendar::Period> period_in(const std::string& t, const calendar::Period& current) {
  const auto& cur = current;
  const int cy = std::stoi(cur.to_string().substr(0, 4));
  // "So far this year", "year to date": from the year's first day to the
  // end of the current period.
  for (std::string_view w : {"so far this year", "year to date", "year-to-date"})
    if (t.find(w) != std::string::npos && cur.first() >= calendar::Period::year(cy).first())
      return calendar::Period::from_days(calendar::Period::year(cy).first(), cur.last());
  // "Over the last twelve months": the year ending with the current period.
  if (names_twelve_months(t)) {
    const auto end = calendar::to_ymd(cur.last());
    const unsigned month = static_cast<unsigned>(end.month());
    unsigned day = static_cast<unsigned>(end.day());
    if (month == 2 && day == 29) day = 28;
    return calendar::Period::from_days(
        calendar::day_number(static_cast<int>(end.year()) - 1, month, day) + 1, cur.last());
  }
  for (unsigned q = 0; q < 4; ++q) {
    const std::string phrase = std::string(kOrdinals[q]) + " quarter";
    const auto at = t.find(phrase);
    if (at == std::string::npos) continue;
    std::string rest = t.substr(at + phrase.size());
    if (rest.rfind(" of", 0) == 0) rest = rest.substr(3);
    while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    // Without a year, the latest such quarter up to the current one.
    int year = calendar::Period::quarter(cy, q + 1).first() <= cur.first() ? cy : cy - 1;
    if (rest.size() >= 4 && std::all_of(rest.begin(), rest.begin() + 4, is_digit))
      year = std::stoi(rest.substr(0, 4));
    return calendar::Period::quarter(year, q + 1);
  }
  // The quarter (month ...) before: "the previous quarter", "quarter over quarter".
  for (std::string_view w :
       {"previous quarter", "prior quarter", "preceding quarter", "last quarter",
        "quarter over quarter", "quarter-over-quarter", "sequential"}) {
    if (has(t, w) && has(cur.to_string(), "Q")) return cur.previous();
  }
  bool year_ago = false;
  for (std::string_view w :
       {"year ago", "year earlier", "year before", "prior year", "prior-year", "previous year",
        "last year", "same period", "same quarter", "year over year", "year-over-year",
        "comparable period", "corresponding period"})
    year_ago = year_ago || has(t, w);
  if (year_ago) return same_period_in(cur, cy - 1);
  for (unsigned q = 1; q <= 4; ++q) {
    const auto at = t.find(fmt::format("q{} ", q));
    if (at != std::string::npos && at + 7 <= t.size() &&
        std::all_of(t.begin() + static_cast<std::ptrdiff_t>(at + 3),
                    t.begin() + static_cast<std::ptrdiff_t>(at + 7), is_digit))
      return calendar::Period::quarter(std::stoi(t.substr(at + 3, 4)), q);
  }
  // The year a phrase gives after `at` ("first half of 2011"), else the current one.
  auto year_after = [&](std::size_t at) {
    for (std::size_t i = at; i + 4 <= t.size() && i < at + 12; ++i)
      if (std::all_of(t.begin() + static_cast<std::ptrdiff_t>(i),
                      t.begin() + static_cast<std::ptrdiff_t>(i + 4), is_digit) &&
          (i == 0 || !is_digit(t[i - 1])) && (i + 4 == t.size() || !is_digit(t[i + 4])))
        return std::stoi(t.substr(i, 4));
    return cy;
  };
  // Halves, nine months, the year to date, the year.
  for (const auto& [phrase, half] : {std::pair{"first half", 1u}, std::pair{"second half", 2u},
                                     std::pair{"first six months", 1u}}) {
    if (const auto at = t.find(phrase); at != std::string::npos)
      return calendar::Period::half(year_after(at + std::string_view(phrase).size()), half);
  }
  if (const auto at = t.find("nine months"); at != std::string::npos) {
    const int y = year_after(at + 11);
    return calendar::Period::from_days(calendar::day_number(y, 1, 1),
                                       calendar::Period::month(y, 9).last());
  }
  if (to_date_words(t))
    return calendar::Period::from_days(calendar::day_number(cy, 1, 1), cur.last());
  for (std::string_view w :
       {"full year", "for the year", "the full-year", "fiscal year", "annual"}) {
    if (const auto at = t.find(w); at != std::string::npos)
      return calendar::Period::year(year_after(at + w.size()));
  }
  // A bare year: after a comparison word the same period of that year
  // ("compared to 2011"), else the calendar year ("in 2011").
  for (std::size_t i = 0; i + 4 <= t.size(); ++i) {
    if (!std::all_of(t.begin() + static_cast<std::ptrdiff_t>(i),
                     t.begin() + static_cast<std::ptrdiff_t>(i + 4), is_digit) ||
        (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == ',' || t[i - 1] == '.' || t[i - 1] == '$')) ||
        (i + 4 < t.size() && (is_digit(t[i + 4]) || t[i + 4] == ',')))
      continue;
    const int y = std::stoi(t.substr(i, 4));
    if (y < 1900 || y > 2100) continue;
    const std::string lead = t.substr(i >= 16 ? i - 16 : 0, i >= 16 ? 16 : i);
    for (std::string_view w : {"compared to ", "compared with ", "from ", "versus ", "over ",
                               "than ", "than in ", "vs. ", "vs "})
      if (lead.ends_with(w) && !has(cur.to_string(), "..")) return same_period_in(cur, y);
    for (std::string_view w : {"in ", "for ", "during ", "of "})
      if (lead.ends_with(w)) return calendar::Period::year(y);
  }
  return std::nullopt;
}

namespace {

// A column the prose can mean when it names only a period: one of the
// whole operation (no mine named, or a total), never one mine's of several
// ("Q2 2016" over "Turmalina") or guidance.
bool whole_operation(const Column& c) { return c.entity.empty() || total_name(c.entity); }

}  // namespace

std::optional<std::size_t> column_of(const Table& t, const calendar::Period& p) {
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c].period && *t.columns[c].period == p && whole_operation(t.columns[c])) return c;
  return std::nullopt;
}

std::optional<std::size_t> current_column(const Table& t) {
  std::optional<std::size_t> best;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const Column& col = t.columns[c];
    if (col.change || !col.period || !whole_operation(col)) continue;
    if (!best) {
      best = c;
      continue;
    }
    const calendar::Period& b = *t.columns[*best].period;
    if (col.period->last() > b.last() ||
        (col.period->last() == b.last() && col.period->days() < b.days()))
      best = c;
  }
  return best;
}

std::optional<std::size_t> other_column(const Table& t) {
  if (period_column(t, 2) || !period_column(t, 1)) return std::nullopt;
  const auto current = current_column(t);
  const auto first = period_column(t, 0);
  return first == current ? period_column(t, 1) : first;
}

std::optional<std::size_t> period_column(const Table& t, int nth) {
  int seen = 0;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c].change || !t.columns[c].period || !whole_operation(t.columns[c])) continue;
    if (seen++ == nth) return c;
  }
  return std::nullopt;
}

}  // namespace orebook::check
