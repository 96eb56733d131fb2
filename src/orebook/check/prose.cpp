#include "orebook/check/prose.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"
#include "orebook/check/items.h"
#include "orebook/check/words.h"
#include "orebook/core/utf8.h"
#include "orebook/costs/formulas.h"

namespace orebook::check {

namespace {

using units::Interval;

// A number in a sentence: "$13.65", "30%", "4.9 million", "581,746".
struct Number {
  Figure figure;     // as printed; its scale from "million", "thousand", "Moz"
  std::string mass;  // "oz" or "lb" when a unit word gave the scale ("4.9 Mlb")
  std::size_t begin = 0, end = 0;
  Interval interval() const { return figure.interval(); }
};

// The length of a currency sign before a digit at i: "$", "US$", "C$" ...
std::size_t currency_at(const std::string& s, std::size_t i) {
  for (std::string_view sign : kCurrencySigns) {
    if (s.compare(i, sign.size(), sign) == 0 && i + sign.size() < s.size() &&
        is_digit(s[i + sign.size()]))
      return sign.size();
  }
  return 0;
}

// Whether `word` stands in `s` at k, not as the start of a longer word.
bool word_at(const std::string& s, std::size_t k, std::string_view word) {
  return s.compare(k, word.size(), word) == 0 &&
         (k + word.size() >= s.size() ||
          !std::isalpha(static_cast<unsigned char>(s[k + word.size()])));
}

std::vector<Number> numbers_in(const std::string& s) {
  const std::string ls = lower(s);  // scale words in any case: "Million", "Moz"
  std::vector<Number> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t sign = currency_at(s, i);
    if ((!is_digit(s[i]) && sign == 0) ||
        (i > 0 && (std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '.'))) {
      ++i;
      continue;
    }
    std::size_t j = i + sign;
    while (j < s.size() && (is_digit(s[j]) || ((s[j] == ',' || s[j] == '.') && j + 1 < s.size() &&
                                               is_digit(s[j + 1]))))
      ++j;
    if (j < s.size() && s[j] == '%') ++j;
    std::string printed = s.substr(i, j - i);
    // "2.7 %": a space before the sign, as some wires print it.
    if (printed.back() != '%' && j + 1 < s.size() && s[j] == ' ' && s[j + 1] == '%') {
      printed += '%';
      j += 2;
    }
    // "30 percent", "30 per cent", "2 percentage points".
    for (const auto& [words, unit] :
         {std::pair{" percentage points", " pp"}, std::pair{" percentage point", " pp"},
          std::pair{" percent", "%"}, std::pair{" per cent", "%"}}) {
      if (printed.back() != '%' && word_at(s, j, words)) {
        printed += unit;
        j += std::string_view(words).size();
        break;
      }
    }
    auto f = parse_figure(printed);
    Number n;
    n.begin = i;
    if (f) {
      n.figure = *f;
      std::size_t k = j;
      while (k < s.size() && s[k] == ' ') ++k;
      // "$16.3-million" keeps its scale.
      if (k + 1 < s.size() && s[k] == '-' && std::isalpha(static_cast<unsigned char>(s[k + 1])))
        ++k;
      for (const auto& [word, scale, mass] :
           {std::tuple{"million", 1e6, ""}, std::tuple{"billion", 1e9, ""},
            std::tuple{"thousand", 1e3, ""}, std::tuple{"moz", 1e6, "oz"},
            std::tuple{"koz", 1e3, "oz"}, std::tuple{"mlb", 1e6, "lb"},
            std::tuple{"mlbs", 1e6, "lb"}, std::tuple{"klb", 1e3, "lb"}, std::tuple{"mt", 1e6, "t"},
            std::tuple{"kt", 1e3, "t"}}) {
        if (word_at(ls, k, word)) {
          n.figure.scale = scale;
          n.mass = mass;
          j = k + std::string_view(word).size();
        }
      }
      // Glued to the number: "194,661t" (tonnes); "1.07M oz" (millions of
      // the unit after it).
      const auto letter = [&](std::size_t at) {
        return at < ls.size() && std::isalpha(static_cast<unsigned char>(ls[at]));
      };
      if (n.figure.scale == 1.0 && j < ls.size() && ls[j] == 't' && !letter(j + 1) &&
          f->unit.empty()) {
        n.mass = "t";
        j += 1;
      } else if (n.figure.scale == 1.0 && j < ls.size() && ls[j] == 'm' && !letter(j + 1) &&
                 f->unit.empty()) {
        for (std::string_view unit : {" oz", " ounces", " lb", " lbs", " pounds", " tonnes"})
          if (word_at(ls, j + 1, unit)) {
            n.figure.scale = 1e6;
            j += 1;
            break;
          }
      }
      // Money abbreviated: "$23.2M", "$1.2 bn", "$500k" ("12,000 m" of
      // drilling is metres: only after a currency sign).
      if (f->unit == "$" && n.figure.scale == 1.0) {
        for (const auto& [word, scale] :
             {std::pair{"m", 1e6}, std::pair{"mm", 1e6}, std::pair{"bn", 1e9}, std::pair{"b", 1e9},
              std::pair{"k", 1e3}}) {
          if (word_at(ls, k, word)) {
            n.figure.scale = scale;
            j = k + std::string_view(word).size();
            break;
          }
        }
      }
      n.end = j;
      // A year is not a figure ("the first quarter of 2011").
      const bool year = f->unit.empty() && f->decimals == 0 && n.figure.scale == 1.0 &&
                        f->text.find(',') == std::string::npos && f->value >= 1900 &&
                        f->value <= 2100;
      if (!year) out.push_back(n);
    }
    i = std::max(j, i + 1);
  }
  return out;
}

constexpr std::array<std::string_view, 16> kUp = {
    "increase", "increased", "up",      "higher", "rose",      "grew",    "improved", "improvement",
    "gain",     "rise",      "greater", "above",  "increases", "climbed", "jumped",   "more"};
constexpr std::array<std::string_view, 16> kDown = {
    "decrease", "decreased", "down",  "lower",   "fell",      "declined", "decline", "reduction",
    "reduced",  "drop",      "below", "dropped", "decreases", "slipped",  "less",    "fewer"};

// +1 for an increase, −1 for a decrease, 0 when the text says neither.
int direction(const std::string& text) {
  for (auto w : kUp)
    if (has_word(text, w)) return 1;
  for (auto w : kDown)
    if (has_word(text, w)) return -1;
  return 0;
}

Figure at(const Prose& p, const Number& n) {
  Figure f = n.figure;
  f.text = p.text.substr(n.begin, n.end - n.begin);
  f.line = p.line;
  f.column = p.column + static_cast<std::uint32_t>(n.begin);
  return f;
}

// "increased $4.4 million", "an increase of 1,200 tonnes", "$2.64 lower":
// a figure that is itself a change, by the words right beside it.
int adjacent_direction(const std::string& before, const std::string& after) {
  std::string b = before;
  while (!b.empty() && b.back() == ' ') b.pop_back();
  for (std::string_view tail : {" by", " of"})
    if (b.ends_with(tail)) b.erase(b.size() - tail.size());
  const auto last = b.find_last_of(" ,(");
  const std::string word = last == std::string::npos ? b : b.substr(last + 1);
  // "made up of 11,599 gold ounces": parts, not a rise.
  for (std::string_view made : {"made up", "make up", "makes up"})
    if (b.ends_with(made)) return 0;
  for (auto w : kUp)
    if (word == w) return 1;
  for (auto w : kDown)
    if (word == w) return -1;
  // After the figure only comparatives: "$2.64 lower", "1,200 tonnes more
  // than"; a verb there is the subject's ("581,746 ounces increased 30%").
  std::string a = after;
  for (std::string_view unit : {" ounces", " ounce", " oz", " pounds", " lb", " tonnes", " tpd",
                                " per ounce", " per pound", " per tonne"})
    if (a.starts_with(unit)) a.erase(0, unit.size());
  auto next_is = [&](std::string_view w) {
    return a.starts_with(" " + std::string(w)) &&
           (a.size() == w.size() + 1 || !std::isalpha(static_cast<unsigned char>(a[w.size() + 1])));
  };
  for (std::string_view w : {"higher", "more", "greater", "better", "increase", "improvement"})
    if (next_is(w)) return 1;
  for (std::string_view w : {"lower", "less", "fewer", "worse", "decrease", "reduction"})
    if (next_is(w)) return -1;
  return 0;
}

// The period a comparison names none of is the other column of a
// two-period table; a table of more does not say which.
// Periods of about one length (a quarter and a quarter, not a quarter and
// a year): a change or a comparison between them means something.
bool similar_length(const calendar::Period& a, const calendar::Period& b) {
  const int da = a.days(), db = b.days();
  return std::abs(da - db) * 10 <= std::max(da, db);
}

// Whether a piece of a sentence compares with something ("than", "compared
// to", "below", "against" …): a period it names is then the compared one,
// not the figure's own.
bool compares(const std::string& text) {
  for (std::string_view w : {"compared", "versus", " vs", "than", "from ", "relative to", "over ",
                             " below ", " above ", "against "})
    if (text.find(w) != std::string::npos) return true;
  return false;
}

// A sentence's fiscal periods in calendar words, in place and padded to the
// same length so that positions hold: with an October fiscal year, "the
// third quarter of fiscal year 2023" and "Q3 FY2023" become "q2 2023" (the
// same months). A fiscal period that is no calendar quarter, or a fiscal
// year, is blanked: its calendar reading would be another period.
std::string calendar_words(std::string t, std::optional<unsigned> first_month) {
  if (!first_month) return t;
  const auto rewrite = [&](std::size_t at, std::size_t end, unsigned quarter, int year) {
    const auto p = fiscal_period_header(
        "Q" + std::to_string(quarter) + " FY" + std::to_string(year), *first_month);
    std::string with(end - at, ' ');
    if (p && p->kind() == calendar::PeriodKind::quarter) {
      const std::string id = p->to_string();  // "2023Q2"
      const std::string words = "q" + id.substr(5) + " " + id.substr(0, 4);
      if (words.size() <= with.size()) with.replace(0, words.size(), words);
    }
    t.replace(at, end - at, with);
  };
  for (unsigned q = 0; q < 4; ++q) {
    const std::string phrase = std::string(kOrdinals[q]) + " quarter of fiscal ";
    for (auto at = t.find(phrase); at != std::string::npos; at = t.find(phrase, at + 1)) {
      std::size_t y = at + phrase.size();
      if (t.compare(y, 5, "year ") == 0) y += 5;
      if (const auto year = fiscal_year_at(t, y)) rewrite(at, year->second, q + 1, year->first);
    }
  }
  for (std::size_t at = t.find('q'); at != std::string::npos; at = t.find('q', at + 1)) {
    if (at + 1 >= t.size() || t[at + 1] < '1' || t[at + 1] > '4') continue;
    if (at > 0 && std::isalnum(static_cast<unsigned char>(t[at - 1]))) continue;
    std::size_t f = at + 2;
    while (f < t.size() && (t[f] == ' ' || t[f] == '-')) ++f;
    std::size_t after_fy = std::string::npos;
    if (t.compare(f, 2, "fy") == 0) after_fy = f + 2;
    if (t.compare(f, 7, "fiscal ") == 0) after_fy = f + 7;
    if (after_fy == std::string::npos) continue;
    if (const auto year = fiscal_year_at(t, after_fy))
      rewrite(at, year->second, static_cast<unsigned>(t[at + 1] - '0'), year->first);
  }
  // A fiscal year alone: no calendar year.
  for (std::string_view w : {"fiscal year ", "fiscal ", "fy"})
    for (auto at = t.find(w); at != std::string::npos; at = t.find(w, at + 1)) {
      if (at > 0 && std::isalnum(static_cast<unsigned char>(t[at - 1]))) continue;
      if (const auto year = fiscal_year_at(t, at + w.size()))
        t.replace(at, year->second - at, std::string(year->second - at, ' '));
    }
  return t;
}

// Where the clause that starts a text ends: at ";", "(", ", " or ". " —
// not at the comma of "181,434".
std::size_t clause_end(const std::string& t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == ';' || t[i] == '(') return i;
    if ((t[i] == ',' || t[i] == '.') && (i + 1 == t.size() || t[i + 1] == ' ')) return i;
  }
  return t.size();
}

bool ends_with_any(const std::string& text, std::initializer_list<std::string_view> tails) {
  std::string t = text;
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return std::any_of(tails.begin(), tails.end(),
                     [&](std::string_view w) { return t.ends_with(w); });
}

// The capitalised words right before position `end` of `text` ("… from
// its Mount Polley" before " mines"): [start, end), start == end for none.
std::size_t name_start(const std::string& text, std::size_t end) {
  std::size_t start = end;
  while (start > 0) {
    std::size_t stop = start;  // the end of the word before
    if (start != end) {
      if (text[start - 1] != ' ') break;
      stop = start - 1;
    }
    if (stop == 0) break;
    const auto space = text.rfind(' ', stop - 1);
    const std::size_t w = space == std::string::npos ? 0 : space + 1;
    if (w >= stop || !std::isupper(static_cast<unsigned char>(text[w]))) break;
    start = w;
  }
  return start;
}

// The mine a table's title or label names: the capitalised words before
// "mine" ("Mount Polley Mine Production", "100% Red Chris mine
// production"); "" when it names none or is a sentence, not a title.
std::string table_mine(const std::string& title) {
  if (title.size() > 80 || title.find(". ") != std::string::npos) return "";
  const std::string l = lower(title);
  for (std::size_t k = l.find(" mine"); k != std::string::npos; k = l.find(" mine", k + 1))
    if (has_word(l.substr(k + 1, 5), "mine"))
      return title.substr(name_start(title, k), k - name_start(title, k));
  return "";
}

std::string table_mine(const Table& t) {
  const std::string m = table_mine(t.label);
  return m.empty() ? table_mine(t.title) : m;
}

// The mines a release names (lower case): each table's, and the capitalised
// names before "mine" or "mines" in its sentences ("from its Mount Polley and
// Red Chris mines", "the Red Chris mine").
std::vector<std::string> release_mines(const Release& r) {
  std::vector<std::string> out;
  const auto add = [&](std::string name) {
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (out.size() >= 64) return;  // a release names a few mines, not thousands
    name = lower(name);
    // A sentence's first word is capitalised too: "The Bisha Mine".
    for (std::string_view w : {"the ", "its ", "our ", "at ", "in ", "from "})
      if (name.starts_with(w)) name.erase(0, w.size());
    if (name.empty()) return;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  };
  for (const Table& t : r.tables) add(table_mine(t));
  for (const Prose& p : r.prose) {
    const std::string l = lower(p.text);
    for (std::size_t k = l.find(" mine"); k != std::string::npos; k = l.find(" mine", k + 1)) {
      if (!has_word(l.substr(k + 1, 6), "mine") && !has_word(l.substr(k + 1, 6), "mines")) continue;
      // The capitalised words right before, in a list joined by "and" or ",".
      std::size_t end = k;
      while (true) {
        const std::size_t start = name_start(p.text, end);
        if (start == end) break;
        add(p.text.substr(start, end - start));
        std::string_view before(p.text.data(), start);
        if (before.ends_with(" and "))
          end = start - 5;
        else if (before.ends_with(", "))
          end = start - 2;
        else
          break;
      }
    }
  }
  return out;
}

class SentenceChecks {
 public:
  SentenceChecks(const Release& r, const Items& items, const Prose& p,
                 std::optional<Metric> carried, const std::vector<std::string>& mines,
                 std::string context_mine, std::string release_metal, std::vector<Check>& out)
      : r_(r),
        items_(items),
        p_(p),
        text_(calendar_words(lower(p.text), r.fiscal_first_month)),
        numbers_(numbers_in(p.text)),
        carried_(std::move(carried)),
        mines_(mines),
        context_mine_(std::move(context_mine)),
        release_metal_(std::move(release_metal)),
        out_(out) {}

  void run() {
    // Guidance and plans are not reported figures: nothing in the tables to
    // tie them to.
    // Only the clause that says so: "Gold output rose 17% to 24,222 ounces,
    // and the Company is on course for its 2016 guidance of 90,000 to
    // 95,000 ounces" checks the first clause.
    for (std::string_view w :
         {"guidance",  "forecast",   "forecasts",   "outlook",     "expect",    "expects",
          "expected",  "anticipate", "anticipates", "anticipated", "target",    "targets",
          "targeted",  "budget",     "budgeted",    "estimate",    "estimates", "estimated",
          "projected", "plan",       "plans",       "planned",     "will"}) {
      for (std::size_t at = text_.find(w); at != std::string::npos; at = text_.find(w, at + 1)) {
        if (!has_word(text_.substr(at > 0 ? at - 1 : 0, w.size() + 2), w)) continue;
        std::size_t from = 0, to = text_.size();
        for (std::string_view b : {"; ", ", and ", ", while ", ", but ", ", whereas "}) {
          if (const auto p = text_.rfind(b, at); p != std::string::npos) from = std::max(from, p);
          if (const auto n = text_.find(b, at); n != std::string::npos) to = std::min(to, n);
        }
        for (std::size_t k = 0; k < numbers_.size(); ++k)
          if (numbers_[k].begin >= from && numbers_[k].begin < to) used_[k] = true;
      }
    }
    if (!numbers_.empty() && std::all_of(used_.begin(), used_.end(), [](bool u) { return u; }))
      return;
    // "Silver, lead and zinc production increased 30%, 38% and 34%,
    // respectively": the nth figure is the nth metal's; when the counts
    // differ, nothing can be told.
    if (has_word(text_, "respectively") && !numbers_.empty()) {
      // The lists of the clause: the figures of each unit ("21% and 29%,
      // respectively, …, and up 64% and 110%"; "to 2.0 million ounces and
      // 41,045 ounces"), each figure the metal of its place in the list
      // named before it, in turn.
      std::size_t stop = text_.find(';', text_.find("respectively"));
      if (stop == std::string::npos) stop = text_.size();
      std::vector<std::string> units;
      for (const Number& n : numbers_)
        if (n.begin < stop && std::find(units.begin(), units.end(), n.figure.unit) == units.end())
          units.push_back(n.figure.unit);
      for (const std::string& unit : units) {
        std::vector<std::size_t> listed;
        for (std::size_t k = 0; k < numbers_.size(); ++k)
          if (numbers_[k].begin < stop && numbers_[k].figure.unit == unit) listed.push_back(k);
        const std::string lead = text_.substr(0, numbers_[listed[0]].begin);
        const auto base = metric_of(lead);
        std::vector<std::pair<std::size_t, std::string>> metals;  // position, name
        for (const auto& m : kMetals) {
          for (std::string_view w : {m.name, m.symbol}) {
            for (std::size_t at = lead.find(w); at != std::string::npos;
                 at = lead.find(w, at + 1)) {
              if (has_word(lead.substr(at, w.size() + 1), w) &&
                  (at == 0 || !std::isalpha(static_cast<unsigned char>(lead[at - 1])))) {
                metals.emplace_back(at, std::string(m.name));
                break;
              }
            }
          }
        }
        std::sort(metals.begin(), metals.end());
        metals.erase(std::unique(metals.begin(), metals.end(),
                                 [](const auto& a, const auto& b) { return a.second == b.second; }),
                     metals.end());
        if (!base || !per_metal(base->kind) || metals.empty()) continue;
        // When the counts do not fit, which figure is whose is not said.
        if (metals.size() < 2 || listed.size() % metals.size() != 0) {
          for (std::size_t k : listed) used_[k] = true;
          continue;
        }
        for (std::size_t i = 0; i < listed.size(); ++i)
          listed_[numbers_[listed[i]].begin] =
              Metric{base->kind, metals[i % metals.size()].second, base->basis};
      }
    }
    // A range ("2.0 to 2.5 million ounces", "between 10% and 12%") is no figure.
    for (std::size_t k = 0; k + 1 < numbers_.size(); ++k) {
      const std::string gap =
          text_.substr(numbers_[k].end, numbers_[k + 1].begin - numbers_[k].end);
      const std::string lead = before(k);
      // ("fell 3% to 1,982,685 ounces": a change and a level, not a range.)
      if (numbers_[k].figure.unit != numbers_[k + 1].figure.unit) continue;
      if (gap == " to " || gap == "-" || gap == " - " || gap == " – " ||
          (gap == " and " && ends_with_any(lead, {"between"})))
        used_[k] = used_[k + 1] = true;
    }
    for (std::size_t k = 0; k < numbers_.size(); ++k) {
      if (used_[k]) continue;
      const Number& n = numbers_[k];
      // "N% of total revenue": a share; "2.5 times": a ratio; a percentage
      // with a direction: a change; a figure with one beside it: a
      // difference; anything else a figure restated.
      if (n.figure.unit == "%" && after(k, 4).starts_with(" of ") && share(k)) continue;
      if (after(k, 7).starts_with(" times") || after(k, 6).starts_with("-fold")) {
        ratio(k, n.interval(), at(p_, n));
        continue;
      }
      // "improved to 95% from 93%": levels, not changes.
      if (n.figure.unit == "%" && !ends_with_any(before(k), {" to", " from", " at"}) && change(k))
        continue;
      if (n.figure.unit == "pp") {
        if (const int dir = stated_direction(k)) difference(k, dir);
        continue;
      }
      if (n.figure.unit != "%") {
        if (const int dir = adjacent_direction(before(k), after(k, 30))) {
          difference(k, dir);
          continue;
        }
      }
      restated(k);
    }
    // "doubled", "tripled", "halved": a ratio in a word.
    for (const auto& [word, ratio_value, decimals] :
         {std::tuple{"doubled", 2.0, 0}, std::tuple{"tripled", 3.0, 0},
          std::tuple{"halved", 0.5, 1}}) {
      const auto w = text_.find(word);
      if (w == std::string::npos || !has_word(text_, word)) continue;
      Figure f;
      f.value = ratio_value;
      f.decimals = decimals;
      f.text = p_.text.substr(w, std::string_view(word).size());
      f.line = p_.line;
      f.column = p_.column + static_cast<std::uint32_t>(w);
      ratio_at(w, std::string_view(word).size(), f.interval(), f);
    }
  }

  // The item the sentence is about, for "it" in the next one.
  std::optional<Metric> subject() const {
    if (const auto m = metric_of(text_)) return m;
    return pronoun() ? carried_ : std::nullopt;
  }

  // The table and row of an item: Items::find, but a sentence naming one
  // of the row groups the item is printed under ("San José - 49%*", "El
  // Gallo 1", "Total Production") means that group's row ("The El Gallo 1
  // mine produced 6,831 gold eq. oz"); naming none, the total's.
  std::pair<const Table*, const Row*> find(const Metric& m) const {
    auto [table, row] = items_.find(m);
    if (!table) return {table, row};
    const Row* named = nullptr;
    for (const Row& r : table->rows) {
      if (r.group.empty() || (named && named->group == r.group)) continue;
      // The group's name: "San José - 49%*" → "san josé".
      std::string name = lower(r.group);
      name = name.substr(
          0, std::min({name.find(" - "), name.find('('), name.find('*'), name.find(" – ")}));
      while (!name.empty() && (name.back() == ' ' || name.back() == '%')) name.pop_back();
      // (The cheap test first: most groups are not named.)
      if (name.size() < 3 || !has_word(text_, name) || !holds(*table, r, m)) continue;
      if (named && named->group != r.group) return {table, row};  // two named: the total's
      named = &r;
    }
    return {table, named ? named : row};
  }

  // The mine a sentence names last, or "" when it names none.
  std::string last_mine() const {
    std::string found;
    std::size_t at = 0;
    const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    for (const std::string& m : mines_)
      for (auto k = text_.find(m); k != std::string::npos; k = text_.find(m, k + 1))
        if ((k == 0 || !letter(text_[k - 1])) &&
            (k + m.size() == text_.size() || !letter(text_[k + m.size()])) &&
            (found.empty() || k >= at))
          found = m, at = k;
    return found;
  }

 private:
  // The text between the previous number (or the clause start) and number k.
  std::string before(std::size_t k) const {
    std::size_t from = k > 0 ? numbers_[k - 1].end : 0;
    return text_.substr(from, numbers_[k].begin - from);
  }
  std::string after(std::size_t k, std::size_t chars = 80) const {
    return text_.substr(numbers_[k].end, chars);
  }
  // The direction words after number k say, else those before it.
  int stated_direction(std::size_t k) const {
    const int after_it = direction(after(k, 30));
    return after_it != 0 ? after_it : direction(before(k));
  }
  bool pronoun() const {
    for (std::string_view w : {"it ", "this ", "that ", "which "})
      if (text_.starts_with(w)) return true;
    return false;
  }
  // What the text before position `pos` talks about: the clause right
  // before, else the sentence so far, else (for "It was ...") the item of
  // the sentence before.
  std::optional<Metric> metric_at(std::size_t pos, const std::string& clause) const {
    if (const auto it = listed_.find(pos); it != listed_.end()) return it->second;
    if (auto m = nearest_metric(clause)) return m;
    if (auto m = nearest_metric(text_.substr(0, pos))) return m;
    // A release of one metal: the sentence need not name it.
    if (!release_metal_.empty()) {
      if (auto m = nearest_metric(clause, release_metal_)) return m;
      if (auto m = nearest_metric(text_.substr(0, pos), release_metal_)) return m;
    }
    if (pronoun()) return carried_;
    return std::nullopt;
  }
  Check::Ref target(const Figure& f) const { return {core::utf8_prefix(p_.text, 60), f}; }

  // A period the sentence names before position `pos` as its own — not
  // after a comparison word ("Compared to Q1 2011, …" names the other one).
  std::optional<calendar::Period> own_period(std::size_t pos, const calendar::Period& base) const {
    // The subject's period comes before the sentence's first figure ("Q2
    // 2021 copper production was 14,353 tonnes, up 2.7% on Q1 2021 and 5.3%
    // on Q2 2020": Q2 2021 for both changes).
    if (!numbers_.empty()) pos = std::min(pos, numbers_[0].begin);
    std::string lead = text_.substr(0, pos);
    // "Over the first six months of 2025, …" names the sentence's period.
    if (lead.starts_with("over the ")) lead.erase(0, 5);
    if (compares(lead)) return std::nullopt;
    if (auto p = period_in(lead, base)) return p;
    return heading_period(base, false);
  }

  // The periods the heading above names: its own ("2013 Operations
  // Highlights"), or the compared one after "compared to" ("(Compared to
  // 2012)").
  std::optional<calendar::Period> heading_period(const calendar::Period& base,
                                                 bool compared) const {
    if (p_.heading.empty()) return std::nullopt;
    const std::string h = calendar_words(lower(p_.heading), r_.fiscal_first_month);
    std::size_t cut = std::string::npos;
    for (std::string_view w : {"compared", "versus", " vs"}) cut = std::min(cut, h.find(w));
    if (compared && cut == std::string::npos) return std::nullopt;
    const std::string part = compared ? h.substr(cut) : h.substr(0, cut);
    // A heading with a bare year and no quarter, half or month names the
    // year itself ("2013 Operations Highlights").
    bool finer = false;
    for (std::string_view w : {"quarter", "q1", "q2", "q3", "q4", "half", "month", "h1", "h2"})
      finer = finer || part.find(w) != std::string::npos;
    for (std::string_view m : kMonthNames) finer = finer || has_word(part, m);
    if (!finer) {
      std::optional<int> year;
      for (std::size_t i = 0; i + 4 <= part.size(); ++i)
        if ((i == 0 || !is_digit(part[i - 1])) &&
            (i + 4 == part.size() || !is_digit(part[i + 4])) &&
            std::all_of(part.begin() + static_cast<std::ptrdiff_t>(i),
                        part.begin() + static_cast<std::ptrdiff_t>(i + 4), is_digit) &&
            (part.compare(i, 2, "19") == 0 || part.compare(i, 2, "20") == 0)) {
          if (year) return std::nullopt;  // two years: not one period
          year = std::stoi(part.substr(i, 4));
        }
      return year ? std::optional(calendar::Period::year(*year)) : std::nullopt;
    }
    return period_in(part, base);
  }

  // The one mine (a column's entity) the sentence names: "Turmalina
  // produced 15,083 ounces" is Turmalina's column, not the total's; "" when
  // it names none; nullopt when it names two.
  std::optional<std::string> named_entity(const Table& t) const {
    std::string found;
    for (const Column& c : t.columns) {
      if (c.entity.empty() || c.entity == found) continue;
      if (total_name(c.entity) || !has_word(text_, lower(c.entity))) continue;
      if (!found.empty()) return std::nullopt;
      found = c.entity;
    }
    return found;
  }
  // The column of the same period as `col` for that mine.
  static std::optional<std::size_t> entity_column(const Table& t, std::optional<std::size_t> col,
                                                  const std::string& entity) {
    if (!col || entity.empty()) return col;
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      if (t.columns[c].entity == entity && t.columns[c].period && t.columns[*col].period &&
          *t.columns[c].period == *t.columns[*col].period)
        return c;
    return std::nullopt;
  }
  // A table whose current period ends before the release's (five years of
  // first quarters beside this year's) holds history, not the period a
  // sentence means when it names none.
  bool history(const Table& t) const {
    const auto cur = current_column(t);
    return cur && items_.release_end() && t.columns[*cur].period->last() < *items_.release_end();
  }

  // Whether the words around position `pos` are about table t's mine: a
  // table titled for one mine ("Mount Polley Mine Production") holds that
  // mine's figures only, so the figure's clause (between colons and
  // semicolons) must name it ("Imperial's production totalled 12.353
  // million pounds: 7.355 million pounds … came from Mount Polley" — the
  // 12.353 is the company's). A share of a mine's output ("from its 30%
  // share of Red Chris", "Imperial's share … came to 6.270") is not the
  // mine's figure either.
  bool about(const Table& t, std::size_t pos) const {
    std::size_t from = text_.find_last_of(":;", pos);
    from = from == std::string::npos ? 0 : from + 1;
    std::size_t to = text_.find_first_of(":;", pos);
    if (to == std::string::npos) to = text_.size();
    const std::string clause = text_.substr(from, to - from);
    const std::string title = lower(t.title + " " + t.label);
    // (A table of shares: so titled, or with a row group of one,
    // "San José - 49%*".)
    bool share_table =
        title.find("attributable") != std::string::npos || title.find("share") != std::string::npos;
    for (const Row& r : t.rows)
      for (std::size_t i = 0; !share_table && i + 1 < r.group.size(); ++i)
        share_table = is_digit(r.group[i]) && r.group[i + 1] == '%';
    if (!share_table) {
      // The share words of the figure's own part: up to the next ", and".
      std::size_t end = text_.find(", and ", pos);
      end = end == std::string::npos || end > to ? to : end;
      const std::string own = text_.substr(from, end - from);
      if (own.find("share") != std::string::npos || own.find("attributable") != std::string::npos)
        return false;
    }
    const std::string mine = lower(table_mine(t));
    if (mine.empty() || has_word(clause, mine)) return true;
    // A clause naming another mine, or a sentence naming any mine elsewhere
    // than in the figure's clause ("Imperial's production totalled 12.353
    // million pounds: 7.355 … came from Mount Polley"), is not about it; a
    // sentence naming none goes on about the mine named last before it
    // ("Mill throughput rose 5% …: 1.780 million tonnes were treated").
    for (const std::string& m : mines_)
      if (has_word(text_, m)) return false;
    return context_mine_.empty() ? mines_.size() <= 1 : context_mine_ == mine;
  }

  // The period compared with, named before position `pos`: after the last
  // comparison word ("21% below the prior quarter; silver production was
  // 25% lower": the prior quarter, not the third quarter named first).
  std::optional<calendar::Period> compared_before(std::size_t pos,
                                                  const calendar::Period& current) const {
    const std::string lead = text_.substr(0, pos);
    std::size_t last = std::string::npos;
    for (std::string_view w : {" below ", " above ", "compared to", "compared with", " versus ",
                               " than ", " from ", " over ", "against "}) {
      const auto at = lead.rfind(w);
      if (at != std::string::npos && (last == std::string::npos || at > last)) last = at;
    }
    if (last != std::string::npos)
      if (auto p = period_in(lead.substr(last), current)) return p;
    return period_in(lead, current);
  }

  struct Compared {
    Interval current, prior;
  };

  // The two figures a sentence compares for a metric: the current period's
  // and a prior one — a figure the sentence gives ("from $13.65", at
  // `prior_number`), else the table's column for the period the sentence
  // names (after the figure at [begin, end), else before it), else the other
  // column of a two-period table. Fills the check's inputs and period; nullopt
  // (with the reason in `c.why`) when the sentence cannot be checked.
  std::optional<Compared> compared(const Metric& metric, std::size_t begin, std::size_t end,
                                   std::optional<std::size_t> prior_number, Check& c) {
    const auto [table, row] = find(metric);
    if (table && !about(*table, begin)) {
      c.status = Status::not_checkable;
      c.why = "the sentence is not about the mine of the table that holds the item";
      return std::nullopt;
    }
    auto cur_col = table ? current_column(*table) : std::nullopt;
    // The sentence's own period, named before the figure ("Silver production
    // for the year was …, up 40%"): the current column.
    bool own = false;
    if (cur_col && table->columns[*cur_col].period) {
      if (const auto p = own_period(begin, *table->columns[*cur_col].period)) {
        // A period the sentence names that no column holds ("over the first
        // six months" beside quarterly columns): nothing to compare.
        const auto col = column_of(*table, *p);
        if (!col) {
          c.status = Status::not_checkable;
          c.why = fmt::format("no table column for {}", p->to_string());
          return std::nullopt;
        }
        cur_col = col, own = true;
      }
    }
    std::optional<Interval> cur, prior;
    const auto entity = table ? named_entity(*table) : std::optional<std::string>("");
    if (!entity) {
      c.status = Status::not_checkable;
      c.why = "the sentence names two mines";
      return std::nullopt;
    }
    if (table && !own && history(*table) && !period_in(text_, *table->columns[*cur_col].period)) {
      c.status = Status::not_checkable;
      c.why = "the table holds earlier periods than the release's";
      return std::nullopt;
    }
    if (table) cur_col = entity_column(*table, cur_col, *entity);
    if (row && cur_col && row->cells[*cur_col]) {
      cur = row->cells[*cur_col]->interval();
      c.inputs.push_back(reference(*row, *row->cells[*cur_col]));
      c.period = table->columns[*cur_col].header;
    }
    if (prior_number) {
      prior = numbers_[*prior_number].interval();
      c.inputs.push_back({"stated prior", at(p_, numbers_[*prior_number])});
      used_[*prior_number] = true;
    } else if (row && cur_col && table->columns[*cur_col].period) {
      const calendar::Period& current = *table->columns[*cur_col].period;
      // The period named after the figure, before the next figure ("12% over
      // the prior quarter and 30% over the first quarter of 2011"), else
      // anywhere after it.
      std::size_t next = text_.size();
      for (const Number& m : numbers_)
        if (m.begin >= end) next = std::min(next, m.begin);
      auto named = period_in(text_.substr(end, next - end), current);
      if (!named) named = period_in(text_.substr(end), current);
      if (!own && (!named || *named == current)) named = compared_before(begin, current);
      if (!named) named = heading_period(current, true);
      if (named && *named == current) named.reset();
      auto col = named ? column_of(*table, *named) : other_column(*table);
      // A sentence about its own period ("rose 19% in 2013") that names no
      // other compares it with the same period a year before.
      if (!named && own) {
        // ("The third quarter … 21% below the prior quarter; silver was 25%
        // lower": the prior quarter, named before the figure.)
        named = compared_before(begin, current);
        if (named && *named == current) named.reset();
        if (named) {
          col = column_of(*table, *named);
        } else if (const auto ago =
                       same_period_in(current, std::stoi(current.to_string().substr(0, 4)) - 1)) {
          col = column_of(*table, *ago);
        }
      }
      if (!named && !col) c.why = "the sentence does not name the period it compares with";
      // A change compares like with like: never a quarter with a year.
      col = entity_column(*table, col, *entity);
      if (col && table->columns[*col].period &&
          !similar_length(current, *table->columns[*col].period)) {
        c.why = "the periods it would compare differ in length";
        col.reset();
      }
      if (col && row->cells[*col]) {
        prior = row->cells[*col]->interval();
        c.inputs.push_back(reference(*row, *row->cells[*col]));
        c.period += " vs " + table->columns[*col].header;
      } else if (named) {
        c.why = fmt::format("no table column for {}", named->to_string());
      }
    }
    if (!cur || !prior) {
      c.status = Status::not_checkable;
      if (c.why.empty()) c.why = "the compared figures are not in a table";
      return std::nullopt;
    }
    return Compared{*cur, *prior};
  }

  // "an 18% increase in tonnes processed": the item named right after the
  // figure's change word, before the sentence's subject.
  std::optional<Metric> item_after(std::size_t k) const {
    const std::string a = after(k, 60);
    for (std::string_view w :
         {" increase in ", " decrease in ", " reduction in ", " improvement in ", " rise in ",
          " drop in ", " decline in ", " higher ", " lower "}) {
      if (!a.starts_with(w)) continue;
      std::string item = a.substr(w.size());
      // "25% lower and gold production 17% lower": the next item's, not this one's.
      if (item.starts_with("and ") || item.starts_with("than ") || item.starts_with("or "))
        return std::nullopt;
      if (const auto stop = item.find_first_of(",.;("); stop != std::string::npos) item.erase(stop);
      for (std::string_view cut : {" than ", " compared", " from ", " to ", " versus ", " over "})
        if (const auto at = item.find(cut); at != std::string::npos) item.erase(at);
      return metric_of(item);
    }
    return std::nullopt;
  }

  // Whether the sentence's amounts are tonnes ("1.671 million tonnes") and
  // none a daily rate ("18,368 tonnes per day", "234 tpd").
  bool states_tonnes_not_rates() const {
    bool tonnes = false;
    for (std::size_t j = 0; j < numbers_.size(); ++j) {
      const std::string a = after(j, 40);
      const bool t = numbers_[j].mass == "t" || a.starts_with(" tonnes") ||
                     a.starts_with(" million tonnes") || a.starts_with(" dry tonnes");
      if (a.starts_with(" tpd") || a.find("per day") != std::string::npos ||
          a.find("per calendar day") != std::string::npos || a.find("a day") != std::string::npos)
        return false;
      tonnes = tonnes || t;
    }
    return tonnes;
  }

  // The number that follows "from" right after number k ("a 19% reduction
  // from $13.65"), if any.
  std::optional<std::size_t> stated_prior(std::size_t k) const {
    const auto from = text_.find("from ", numbers_[k].end);
    if (from == std::string::npos) return std::nullopt;
    for (std::size_t j = k + 1; j < numbers_.size(); ++j)
      if (numbers_[j].begin > from && numbers_[j].begin <= from + 8) return j;
    return std::nullopt;
  }

  // "Silver production increased 30% compared to the first quarter of 2011",
  // "a 19% or $2.64 reduction from $13.65".
  // false when the percentage is not a change (no direction word).
  bool change(std::size_t k) {
    const Number& n = numbers_[k];
    int dir = stated_direction(k);
    // In a list ("increased 30% and 38%, respectively") the verb is before
    // the first; "an increase of 12% over … and 30% over …" goes on the
    // change before it.
    if (dir == 0 && listed_.contains(n.begin)) dir = direction(text_.substr(0, numbers_[0].begin));
    if (dir == 0 && last_change_dir_ != 0 && k > 0 && numbers_[k - 1].figure.unit == "%" &&
        (has_word(before(k), "and") || before(k).find(',') != std::string::npos))
      dir = last_change_dir_;
    if (dir == 0) return false;
    last_change_dir_ = dir;
    auto metric = item_after(k);
    if (!metric) metric = metric_at(n.begin, before(k));
    if (!metric) return true;
    // "Throughput rose 20.3%: 1.671 million tonnes were treated": the
    // tonnes treated, when the sentence gives tonnes and no daily rate.
    if (metric->kind == Kind::throughput && states_tonnes_not_rates())
      metric = Metric{Kind::ore_processed, "", ""};
    // "rose 23% to 1.9 million ounces": the figure after "to" is the same
    // item's current level.
    if (k + 1 < numbers_.size()) {
      const std::string gap = text_.substr(n.end, numbers_[k + 1].begin - n.end);
      if (gap == " to " || gap == ", to " || gap == " to us")
        listed_[numbers_[k + 1].begin] = *metric;
    }
    Check c;
    c.relation = "change in prose";
    c.target = target(at(p_, n));
    c.formula =
        fmt::format("{} {}: (current − prior) ÷ prior", dir > 0 ? "up" : "down", n.figure.text);
    const auto cmp = compared(*metric, n.begin, n.end, stated_prior(k), c);
    if (!cmp) {
      out_.push_back(std::move(c));
      return true;
    }
    if (cmp->prior.contains(0.0)) {
      c.status = Status::not_checkable;
      c.why = "the prior figure may be zero";
      out_.push_back(std::move(c));
      return true;
    }
    c.computed = accounting::relative_change(cmp->current, cmp->prior) * Interval(100.0);
    judge(c, Interval(dir) * n.figure.interval());
    out_.push_back(c);
    // "a 19% or $2.64 reduction": the difference in units too.
    if (k + 1 < numbers_.size() && numbers_[k + 1].figure.unit == "$" &&
        text_.substr(n.end, numbers_[k + 1].begin - n.end).find("or") != std::string::npos) {
      Check d = c;
      d.relation = "difference in prose";
      d.target = target(at(p_, numbers_[k + 1]));
      d.formula = fmt::format("{} {}: current − prior", dir > 0 ? "up" : "down",
                              numbers_[k + 1].figure.text);
      d.computed = cmp->current - cmp->prior;
      d.status = Status::ties;
      judge(d, Interval(dir) * numbers_[k + 1].interval());
      used_[k + 1] = true;
      out_.push_back(d);
    }
    return true;
  }

  // "Revenue increased $4.4 million", "throughput was 33 tpd higher".
  void difference(std::size_t k, int dir) {
    const Number& n = numbers_[k];
    const auto metric = metric_at(n.begin, before(k));
    if (!metric) return;
    Check c;
    c.relation = "difference in prose";
    c.target = target(at(p_, n));
    c.formula = fmt::format("{} {}: current − prior", dir > 0 ? "up" : "down", n.figure.text);
    // "increased $4.4 million to $23.2 million": the figure after "to" is
    // the current one, restated; the prior comes from the table.
    if (const auto cmp = compared(*metric, n.begin, n.end, std::nullopt, c)) {
      c.computed = cmp->current - cmp->prior;
      judge(c, Interval(dir) * n.interval());
    }
    out_.push_back(std::move(c));
  }

  // "N times": current ÷ prior.
  void ratio(std::size_t k, const Interval& printed, const Figure& f) {
    used_[k] = true;
    ratio_at(numbers_[k].begin, numbers_[k].end - numbers_[k].begin, printed, f);
  }
  void ratio_at(std::size_t begin, std::size_t size, const Interval& printed, const Figure& f) {
    const std::string clause = text_.substr(0, begin);
    const auto metric = metric_at(begin, clause);
    if (!metric) return;
    Check c;
    c.relation = "ratio in prose";
    c.target = target(f);
    c.formula = "ratio = current ÷ prior";
    const std::string rest = text_.substr(begin + size, 20);
    // "2 times higher" may mean 2× or 3×: the sentence does not say which.
    if (rest.find(" times higher") == 0 || rest.find(" times more") == 0 ||
        rest.find(" times greater") == 0) {
      c.status = Status::not_checkable;
      c.why = "\"times higher\" may be read as a ratio or as a change";
    } else if (const auto cmp = compared(*metric, begin, begin + size, std::nullopt, c)) {
      c.computed = cmp->current / cmp->prior;
      judge(c, printed);
    }
    out_.push_back(std::move(c));
  }

  // "Silver accounted for 77% of total revenue": the part ÷ the whole, both
  // in the current period's column of one table. false when the words do
  // not name both.
  bool share(std::size_t k) {
    const Number& n = numbers_[k];
    const auto whole = metric_of(after(k, 40).substr(4));
    const std::string part_text = before(k);
    std::string metal = metal_of(part_text);
    if (metal.empty()) metal = metal_of(text_.substr(0, n.begin));
    if (!whole || whole->kind != Kind::revenue || !whole->metal.empty() || metal.empty())
      return false;
    const Metric part{Kind::revenue, metal, ""};
    for (const Table& t : r_.tables) {
      const Row* w = row_for(t, *whole);
      const Row* p = row_for(t, part);
      const auto col = current_column(t);
      if (!w || !p || !col) continue;
      Check c;
      c.relation = "share in prose";
      c.target = target(at(p_, n));
      c.formula = fmt::format("{} revenue ÷ total revenue", metal);
      c.period = t.columns[*col].header;
      if (!w->cells[*col] || !p->cells[*col]) {
        c.status = Status::not_checkable;
        c.why = "a compared figure is missing";
      } else {
        c.inputs = {reference(*p, *p->cells[*col]), reference(*w, *w->cells[*col])};
        c.computed = costs::revenue_share(p->cells[*col]->interval(), w->cells[*col]->interval()) *
                     Interval(100.0);
        judge(c, n.interval());
      }
      out_.push_back(std::move(c));
      return true;
    }
    return false;
  }

  // The metric a restated figure names by its unit and the words around it:
  // "581,746 ounces silver", "4.9 Moz", "234 tpd", "milled 21,251 tonnes",
  // "899 g/t silver", "$32.81", "95%".
  // The mass unit a figure of the text is in: "581,746 ounces", "4.9
  // Mlb", "10,568 tonnes", "2.6 Mt".
  // The words after number k with a metal named before the unit taken
  // out ("18,863 gold oz", "31,200 gold eq. oz"): the metal, and the rest.
  std::pair<std::string, std::string> metal_before_unit(std::size_t k, std::size_t chars) const {
    std::string next = after(k, chars + 20);
    for (const auto& m : kMetals) {
      const std::string w = " " + std::string(m.name);
      if (!next.starts_with(w) ||
          (next.size() > w.size() && std::isalpha(static_cast<unsigned char>(next[w.size()]))))
        continue;
      std::string rest = next.substr(w.size());
      std::string metal(m.name);
      for (std::string_view eq : {" equivalent", " eq.", " eq"})
        if (rest.starts_with(eq)) {
          rest.erase(0, eq.size());
          metal += " equivalent";
          break;
        }
      // (An abbreviation between: 'gold equivalent ("AuEq") ounces'.)
      if (rest.starts_with(" (") && rest.find(')') != std::string::npos && rest.find(')') < 14)
        rest.erase(0, rest.find(')') + 1);
      for (std::string_view unit : {" ounces", " oz", " pounds", " lb"})
        if (rest.starts_with(unit)) return {metal, rest.substr(0, chars)};
    }
    return {"", next.substr(0, chars)};
  }

  std::optional<units::MassUnit> prose_mass_unit(std::size_t k) const {
    const Number& n = numbers_[k];
    if (n.mass == "oz") return units::MassUnit::troy_ounce;
    if (n.mass == "lb") return units::MassUnit::pound;
    if (n.mass == "t") return units::MassUnit::tonne;
    std::string next = metal_before_unit(k, 16).second;
    while (!next.empty() && next.front() == ' ') next.erase(0, 1);
    const auto space = next.find_first_of(" ,.;)");
    return metal_unit_in(next.substr(0, space));
  }

  std::optional<Metric> restated_metric(std::size_t k) const {
    const Number& n = numbers_[k];
    if (const auto it = listed_.find(n.begin); it != listed_.end()) return it->second;
    // "18,863 gold oz", "31,200 gold eq. oz": the metal before the unit.
    const auto [named_metal, next] = metal_before_unit(k, 30);
    if (named_metal.ends_with(" equivalent")) {
      const std::string eq = named_metal.substr(0, named_metal.find(' '));
      return Metric{Kind::equivalent, eq, ""};
    }
    // The metal: right after the unit ("581,746 ounces of silver"), else in
    // the clause before, else in the sentence so far.
    std::string rest = next;
    for (std::string_view unit : {" ounces", " oz", " pounds", " lb", " g/t"})
      if (rest.starts_with(unit)) rest.erase(0, unit.size());
    for (std::string_view filler : {" of", " payable"})
      if (rest.starts_with(filler)) rest.erase(0, filler.size());
    std::string unit_metal = named_metal;
    for (const auto& m : kMetals)
      if (unit_metal.empty() && rest.starts_with(" " + std::string(m.name)) &&
          has_word(rest, m.name))
        unit_metal = m.name;
    if (unit_metal.empty()) unit_metal = metal_of(before(k));
    if (unit_metal.empty()) unit_metal = metal_of(text_.substr(0, n.begin));
    if (unit_metal.empty()) unit_metal = release_metal_;
    if ((!n.mass.empty() && n.mass != "t") || next.starts_with(" ounces") ||
        next.starts_with(" oz") || next.starts_with(" pounds") || next.starts_with(" lb")) {
      // Not production: metal equivalents, payable metal, metal sold, the
      // metal of one concentrate ("558,334 ounces in lead concentrate").
      // (From the clause's start: "Silver equivalent production came to
      // 3.2 million ounces (3.8 million ounces at spot prices)".)
      const std::string lead = text_.substr(0, n.begin);
      const auto semi = lead.rfind("; ");
      const std::string around =
          (semi == std::string::npos ? lead : lead.substr(semi)) + after(k, 40);
      // Equivalents and metal sold are items of their own: "3.8 million
      // ounces of silver equivalent", "770,127 AgEq oz", "gold sold of
      // 3,982 ounces" (the words of the figure's own clause).
      // "1,200 ounces per day" is a rate, no amount of metal.
      {
        std::string unit_tail = next;
        for (std::string_view u : {" ounces", " ounce", " oz", " pounds", " lb"})
          if (unit_tail.starts_with(u)) {
            unit_tail.erase(0, u.size());
            break;
          }
        if (unit_tail.starts_with(" per ") || unit_tail.starts_with(" a day") ||
            unit_tail.starts_with("/day"))
          return std::nullopt;
      }
      std::size_t cut = 0;
      for (std::string_view sep : {"; ", ", ", ": ", "("})
        if (const auto at = lead.rfind(sep); at != std::string::npos) cut = std::max(cut, at);
      const std::string tail = after(k, 160);
      const std::string own = lead.substr(cut) + tail.substr(0, clause_end(tail));
      const bool sold = has_word(own, "sold") || own.find("sales") != std::string::npos;
      if (const std::string eq = equivalent_metal(own); !eq.empty())
        return Metric{Kind::equivalent, eq, sold ? "sold" : ""};
      const bool payable = own.find("payable") != std::string::npos;
      if (sold && !unit_metal.empty())
        return Metric{Kind::sold, unit_metal, payable ? "payable" : ""};
      // Not production: the words of the figure's own clause, or of the
      // sentence around a parenthesis ("… came to 3.2 million ounces (3.8
      // million ounces at spot prices)").
      const std::string& context = own.starts_with("(") ? around : own;
      for (std::string_view other : {"equivalent", "eq ", "payable", "concentrate"})
        if (context.find(other) != std::string::npos) return std::nullopt;
      // Sold only when the figure's own clause says so; sales said
      // elsewhere in the sentence leave it unsaid which ("Of the gold
      // sold, 19,300 ounces went to Franco-Nevada": a part of it).
      if (!sold &&
          (around.find("sold") != std::string::npos || around.find("sales") != std::string::npos))
        return std::nullopt;
      if (!unit_metal.empty()) return Metric{sold ? Kind::sold : Kind::production, unit_metal, ""};
      return std::nullopt;
    }
    if (next.starts_with(" tpd") || next.starts_with(" tonnes per day")) {
      // A mining rate is not the mill's throughput.
      const std::string clause = before(k);
      if (clause.find("min") != std::string::npos) return std::nullopt;
      return Metric{Kind::throughput, "", ""};
    }
    if (next.starts_with(" tonnes") || next.starts_with(" dry tonnes") || n.mass == "t") {
      // Ore, or a metal produced in tonnes ("copper production was 10,568
      // tonnes"); tonnes of concentrate are not a table item here. The
      // words right after the unit name it first: "2.6 Mt of ore processed".
      std::string unit_rest = next;
      for (std::string_view u : {" dry tonnes", " tonnes", " mt", " kt"})
        if (unit_rest.starts_with(u)) unit_rest.erase(0, u.size());
      if (const auto stop = unit_rest.find_first_of(",;.("); stop != std::string::npos)
        unit_rest.erase(stop);
      // "1,473 tonnes of zinc" in a clause of metal sold: zinc sold.
      {
        const std::string lead = text_.substr(0, n.begin);
        std::size_t cut = 0;
        for (std::string_view sep : {"; ", ": "})
          if (const auto at = lead.rfind(sep); at != std::string::npos) cut = std::max(cut, at);
        const std::string clause =
            lead.substr(cut) + after(k, 160).substr(0, after(k, 160).find(';'));
        const std::string of_metal =
            unit_rest.starts_with(" of ") ? metal_of(unit_rest.substr(4)) : "";
        if (!of_metal.empty() &&
            (has_word(clause, "sold") || clause.find("sales") != std::string::npos))
          return Metric{Kind::sold, of_metal, ""};
      }
      if (unit_rest.starts_with(" of ore"))
        if (auto m = metric_of(unit_rest);
            m && (m->kind == Kind::ore_processed || m->kind == Kind::ore_mined))
          return m;
      auto m = metric_at(n.begin, before(k));
      if (!m || (m->kind != Kind::ore_processed && m->kind != Kind::ore_mined &&
                 m->kind != Kind::production))
        m = metric_of(next);
      if (m && (m->kind == Kind::ore_processed || m->kind == Kind::ore_mined)) return m;
      if (m && m->kind == Kind::production && before(k).find("concentrate") == std::string::npos)
        return m;
      return std::nullopt;
    }
    if (next.starts_with(" g/t")) {
      if (!unit_metal.empty() && text_.find("grade") != std::string::npos &&
          text_.find("concentrate") == std::string::npos)
        return Metric{Kind::head_grade, unit_metal, ""};
      return std::nullopt;
    }
    if (n.figure.unit == "$" || n.figure.unit == "%") {
      const auto m = metric_at(n.begin, before(k));
      // "$6.0 million" is a total, not a price or a cost per ounce.
      if (m && n.figure.scale != 1.0 &&
          (m->kind == Kind::price || m->kind == Kind::cash_cost || m->kind == Kind::aisc))
        return std::nullopt;
      return m;
    }
    return std::nullopt;
  }

  // "produced 581,746 ounces silver", "over 4.9 million pounds lead",
  // "averaged 234 tpd compared to 201 tpd in the first quarter of 2011".
  void restated(std::size_t k) {
    const Number& n = numbers_[k];
    // "278,000 ounces, 41,000 ounces of them during commissioning": a part.
    for (std::string_view part : {" of them", " of which", " of these", " of those"})
      if (after(k, 40).find(part) != std::string::npos &&
          after(k, 40).find(part) < after(k, 40).find_first_of(",.;"))
        return;
    const auto metric = restated_metric(k);
    if (!metric) return;
    // A percentage restates only a percentage (a recovery, a grade in %),
    // an amount of money only money.
    const bool percent_item = metric->kind == Kind::recovery || metric->kind == Kind::head_grade;
    const bool money_item = metric->kind == Kind::price || metric->kind == Kind::cash_cost ||
                            metric->kind == Kind::aisc || metric->kind == Kind::revenue;
    if ((n.figure.unit == "%" && !percent_item) || (n.figure.unit == "$" && !money_item)) return;
    auto [table, row] = find(*metric);
    // "1,357 ounces of gold and 181,434 ounces of silver were sold, giving
    // 3,526 gold equivalent ounces": in a sentence about sales, the tables'
    // only such item is the one sold.
    if (!table && (has_word(text_, "sold") || text_.find("sales") != std::string::npos)) {
      if (metric->kind == Kind::equivalent && metric->basis.empty())
        std::tie(table, row) = find(Metric{Kind::equivalent, metric->metal, "sold"});
      else if (metric->kind == Kind::production)
        std::tie(table, row) = find(Metric{Kind::sold, metric->metal, ""});
    }
    if (!table || !about(*table, n.begin)) return;
    const auto cur_col = current_column(*table);
    if (!cur_col) return;
    // The column: a period phrase right after the number; else, after
    // "from" or "compared to", the period compared with; else the current one.
    std::optional<std::size_t> col = cur_col;
    const std::size_t clause_end = k + 1 < numbers_.size() ? numbers_[k + 1].begin : text_.size();
    // (A period in a parenthesis after the figure is the next figure's.)
    std::string clause = text_.substr(n.end, clause_end - n.end);
    if (const auto paren = clause.find('('); paren != std::string::npos) clause.erase(paren);
    const auto& current = table->columns[*cur_col].period;
    const auto named = current ? period_in(clause, *current) : std::nullopt;
    Check c;
    c.target = target(at(p_, n));
    // A figure after "from", "than" or "compared to" is the prior one; a
    // period named after such a word is the compared one, not the figure's
    // ("increased to 4.9 million pounds compared to the fourth quarter").
    // ("more than", "less than" are rounding words, not comparisons.)
    const bool prior_figure =
        ends_with_any(before(k), {" from", "compared to", "compared with", "versus", " vs.", " vs",
                                  " than", " than the", "relative to", " against"}) &&
        !ends_with_any(before(k),
                       {"more than", "less than", "fewer than", "greater than", "rather than"});
    const bool compared_after = [&] {
      for (std::string_view w :
           {"compared", "versus", " vs", " than", " from ", "relative to", " against "})
        if (clause.find(w) != std::string::npos) return true;
      return false;
    }();
    // "(2011: 447,576 ounces)", "(Q1 2011 – 447,576)": the figure of the
    // period in the parenthesis.
    std::optional<calendar::Period> in_parenthesis;
    if (const std::string lead = before(k); current && lead.rfind('(') != std::string::npos) {
      std::string inside = lead.substr(lead.rfind('(') + 1);
      while (!inside.empty() && (inside.back() == ' ' || inside.back() == ':' ||
                                 inside.back() == '-' || inside.back() == '='))
        inside.pop_back();
      for (std::string_view dash : {" –", " —"})
        if (inside.ends_with(dash)) inside.erase(inside.size() - dash.size());
      if (auto p = parse_period_header(inside)) {
        // A bare year stands for the same period of that year.
        if (inside.size() == 4 && !current->to_string().starts_with(inside))
          p = same_period_in(*current, std::stoi(inside));
        in_parenthesis = p;
      }
    }
    // Else a period the clause before the figure names as its own ("for
    // the year was 2,100,000 ounces").
    const std::size_t clause_start = k > 0 ? numbers_[k - 1].end : 0;
    // The sentence's own period (its subject's, or its heading's), or one
    // the clause before the figure names — unless that clause compares
    // ("61% higher than in the third quarter of 2024 thanks to higher gold
    // grades (0.562 g/t": 0.562 is this quarter's).
    std::optional<calendar::Period> before_named;
    if (current && !prior_figure) {
      const std::string cl = text_.substr(clause_start, n.begin - clause_start);
      // "… takes production over the last twelve months to 2.8 million":
      // a span the words name, compared with nothing.
      if (names_twelve_months(cl)) before_named = period_in(cl, *current);
      if (const auto own = own_period(n.begin, *current); own && !compares(cl)) {
        before_named = period_in(cl, *current);
        if (!before_named && !named) before_named = own;
      }
    }
    // "up 17% year-over-year to 24,222 ounces": the figure after "to" is
    // the current one, whatever period the words before it compare with.
    // (Its own period is then the heading's, if the heading names one.)
    if (ends_with_any(before(k), {" to"}) && !in_parenthesis && !named &&
        !names_twelve_months(before(k))) {
      before_named.reset();
      if (current && !prior_figure) before_named = heading_period(*current, false);
    }
    if (in_parenthesis) {
      col = column_of(*table, *in_parenthesis);
    } else if (named && !(compared_after && !prior_figure)) {
      col = column_of(*table, *named);
    } else if (before_named && *before_named != *current) {
      col = column_of(*table, *before_named);
    } else if (prior_figure) {
      const auto later = current ? period_in(text_.substr(n.end), *current) : std::nullopt;
      col = later && *later != *current ? column_of(*table, *later) : other_column(*table);
    }
    const bool period_named =
        in_parenthesis || named || (before_named && *before_named != *current);
    if (!period_named && history(*table)) return;  // nothing of the release's period to restate
    const auto entity = named_entity(*table);
    if (!entity) return;  // two mines named: which figure is whose is not said
    col = entity_column(*table, col, *entity);
    if (!col || !row->cells[*col]) {
      c.relation = "restatement";
      c.status = Status::not_checkable;
      c.why = "no table figure for the period it names";
      out_.push_back(std::move(c));
      return;
    }
    const Figure& f = *row->cells[*col];
    // A percentage restates a percentage, a count a count, and ounces,
    // pounds or tonnes the same unit.
    // (A "%" after a digit is a share in a heading, "San José - 49%", not
    // the row's unit.)
    const auto percent_unit = [](const std::string& w) {
      for (std::size_t i = w.find('%'); i != std::string::npos; i = w.find('%', i + 1))
        if (i == 0 || !is_digit(w[i - 1])) return true;
      return false;
    };
    const bool table_percent = f.unit == "%" || percent_unit(path_words(*row));
    if (table_percent != (n.figure.unit == "%")) return;
    if (const auto said = prose_mass_unit(k)) {
      auto unit = row_metal_unit(*row);
      if (metric->kind == Kind::ore_processed || metric->kind == Kind::ore_mined)
        unit = ore_unit_in(path_words(*row));
      if (unit && *unit != *said) return;
    }
    c.period = table->columns[*col].header;
    c.inputs.push_back(reference(*row, f));
    c.computed = f.interval();
    // A rounding word before the number.
    const std::string prior_text = before(k);
    const std::string w =
        prior_text.size() > 20 ? prior_text.substr(prior_text.size() - 20) : prior_text;
    const double n_value = n.figure.value * n.figure.scale;
    const std::string n_text = p_.text.substr(n.begin, n.end - n.begin);
    const double unit = std::pow(10.0, -n.figure.decimals) * n.figure.scale;  // one last-digit unit
    auto word = [&](std::string_view x) { return w.find(x) != std::string::npos; };
    if (word("over ") || word("more than ") || word("exceed") || word("above ") ||
        word("in excess of ")) {
      c.relation = "rounding word";
      c.formula = fmt::format("over {}: figure > {}", n_text, n_value);
      judge(c, Interval(n_value, std::numeric_limits<double>::infinity()));
      if (c.status == Status::ties && !(c.computed.hi() > n_value)) c.status = Status::does_not_tie;
    } else if (word("under ") || word("less than ") || word("below ")) {
      c.relation = "rounding word";
      c.formula = fmt::format("under {}: figure < {}", n_text, n_value);
      judge(c, Interval(-std::numeric_limits<double>::infinity(), n_value));
      if (c.status == Status::ties && !(c.computed.lo() < n_value)) c.status = Status::does_not_tie;
    } else if (word("nearly ") || word("almost ") || word("close to ")) {
      c.relation = "rounding word";
      c.formula = fmt::format("nearly {}: {} − one unit ≤ figure < {}", n_text, n_value, n_value);
      judge(c, Interval(n_value - unit, n_value));
    } else {
      c.relation = word("approximately ") || word("about ") || word("around ") || word("roughly ")
                       ? "rounding word"
                       : "restatement";
      c.formula =
          c.relation == "restatement" ? "the table's figure" : "approximately: rounds to it";
      judge_same(c, n.interval());
    }
    out_.push_back(std::move(c));
  }

  const Release& r_;
  const Items& items_;
  const Prose& p_;
  std::string text_;
  std::vector<Number> numbers_;
  std::optional<Metric> carried_;
  const std::vector<std::string>& mines_;
  std::string context_mine_;              // the mine named last before the sentence
  std::string release_metal_;             // the one metal of the release's tables, if one
  std::map<std::size_t, Metric> listed_;  // "… respectively": a figure's metal by its position
  int last_change_dir_ = 0;               // of the last change read in the sentence
  std::vector<Check>& out_;
  std::vector<bool> used_ = std::vector<bool>(numbers_.size(), false);
};

}  // namespace

std::vector<Check> check_prose(const Release& release, const Items& items) {
  std::vector<Check> out;
  std::optional<Metric> subject;
  const auto mines = release_mines(release);
  std::string context_mine;
  // The one metal the release's tables name, if they name one only.
  std::set<std::string> metals;
  for (const Table& t : release.tables)
    for (const Row& r : t.rows)
      if (const std::string m = row_metal(r); !m.empty()) metals.insert(m);
  const std::string release_metal = metals.size() == 1 ? *metals.begin() : "";
  for (std::size_t i = 0; i < release.prose.size(); ++i) {
    const Prose& p = release.prose[i];
    // "It" names the item of the sentence before, in the same paragraph.
    if (i == 0 || release.prose[i - 1].paragraph != p.paragraph) subject.reset();
    SentenceChecks checks(release, items, p, subject, mines, context_mine, release_metal, out);
    checks.run();
    subject = checks.subject();
    if (auto m = checks.last_mine(); !m.empty()) context_mine = std::move(m);
  }
  return out;
}

}  // namespace orebook::check
