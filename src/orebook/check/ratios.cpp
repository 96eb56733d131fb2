#include "orebook/check/ratios.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <string_view>

#include <fmt/format.h>

#include "orebook/check/items.h"
#include "orebook/check/words.h"

namespace orebook::check {

namespace {

bool has(const std::string& t, std::string_view w) { return t.find(w) != std::string::npos; }

// The months a phrase names ("january to march", "october, november and
// december"): the first and last, when it names any.
std::optional<std::pair<unsigned, unsigned>> months_in(const std::string& t) {
  unsigned lo = 13, hi = 0;
  for (unsigned m = 0; m < 12; ++m)
    if (has_word(t, kMonthNames[m])) lo = std::min(lo, m + 1), hi = std::max(hi, m + 1);
  if (hi == 0) return std::nullopt;
  return std::pair{lo, hi};
}

// Whether a phrase names a period of its own ("q2 2019", "the third quarter",
// "2018"), tried against an arbitrary current period.
bool names_period(const std::string& t) {
  return period_in(t, calendar::Period::quarter(2000, 1)).has_value();
}

// "N:1" at i in lower-case text: the N's length, or 0.
std::size_t ratio_at(const std::string& t, std::size_t i) {
  if (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ':')) return 0;
  std::size_t j = i;
  while (j < t.size() && is_digit(t[j])) ++j;
  if (j == i) return 0;
  if (j + 1 < t.size() && t[j] == '.' && is_digit(t[j + 1])) {
    ++j;
    while (j < t.size() && is_digit(t[j])) ++j;
  }
  if (t.compare(j, 2, ":1") != 0) return 0;
  if (j + 2 < t.size() && (is_digit(t[j + 2]) || t[j + 2] == '.')) return 0;
  return j - i;
}

void read(const Prose& p, std::vector<StatedRatio>& out) {
  const std::string t = lower(p.text);
  // A sentence about a ratio of equivalents (words.h equivalent_words).
  if (!has(t, "ratio") || !equivalent_words(t)) return;
  struct At {
    std::size_t begin, end;
  };
  std::vector<At> at;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (const std::size_t n = ratio_at(t, i)) at.push_back({i, i + n}), i += n;
  for (std::size_t k = 0; k < at.size(); ++k) {
    // The clause: from the previous ratio (or ";", or the sentence start) to
    // the next ratio (or ";", or the end).
    std::size_t from = k > 0 ? at[k - 1].end + 2 : 0;
    if (const auto semi = t.rfind(';', at[k].begin); semi != std::string::npos && semi >= from)
      from = semi + 1;
    std::size_t to = k + 1 < at.size() ? at[k + 1].begin : t.size();
    if (const auto semi = t.find(';', at[k].end); semi != std::string::npos && semi < to) to = semi;
    const std::string before = t.substr(from, at[k].begin - from);
    const std::string after = t.substr(at[k].end + 2, to - std::min(to, at[k].end + 2));
    StatedRatio r;
    auto f = parse_figure(p.text.substr(at[k].begin, at[k].end - at[k].begin));
    if (!f) continue;
    r.figure = *f;
    r.figure.line = p.line;
    r.figure.column = p.column + static_cast<std::uint32_t>(at[k].begin);
    // The period the ratio is for: named after it ("88:1 for Q2 2019"),
    // else before it ("January to March uses a 55:1 …").
    const std::string& phrase = names_period(after) || months_in(after) ? after : before;
    if (has(before, "guidance") || has(after, "guidance")) {
      r.scope = StatedRatio::Scope::guidance;
    } else if (const auto m = months_in(phrase)) {
      r.scope = StatedRatio::Scope::months;
      r.first_month = m->first, r.last_month = m->second;
    } else if (names_period(phrase)) {
      const bool up_to = has(phrase, "up to") || has(phrase, "until") || has(phrase, "through") ||
                         has(phrase, "prior to") || has(phrase, "before");
      r.scope = up_to ? StatedRatio::Scope::up_to : StatedRatio::Scope::period;
      r.phrase = phrase;
    }
    out.push_back(std::move(r));
  }
}

unsigned month_of(calendar::DayNumber d) {
  return static_cast<unsigned>(calendar::to_ymd(d).month());
}

bool applies(const StatedRatio& r, const Column& c) {
  const bool guidance = c.entity == "guidance";
  if (r.scope == StatedRatio::Scope::guidance || guidance)
    return guidance && r.scope == StatedRatio::Scope::guidance;
  if (r.scope == StatedRatio::Scope::all) return true;
  if (!c.period) return false;
  const calendar::Period& p = *c.period;
  switch (r.scope) {
    case StatedRatio::Scope::months:
      return calendar::to_ymd(p.first()).year() == calendar::to_ymd(p.last()).year() &&
             month_of(p.first()) == r.first_month && month_of(p.last()) == r.last_month;
    case StatedRatio::Scope::period: {
      const auto named = period_in(r.phrase, p);
      return named && *named == p;
    }
    case StatedRatio::Scope::up_to: {
      const auto named = period_in(r.phrase, p);
      return named && p.last() <= named->last();
    }
    default:
      return false;
  }
}

}  // namespace

std::vector<StatedRatio> stated_ratios(const Release& release) {
  std::vector<StatedRatio> out;
  for (const Prose& p : release.prose) read(p, out);
  for (const Prose& p : release.notes) read(p, out);
  std::stable_sort(out.begin(), out.end(), [](const StatedRatio& a, const StatedRatio& b) {
    return std::pair{a.figure.line, a.figure.column} < std::pair{b.figure.line, b.figure.column};
  });
  return out;
}

RatioFor ratio_for(const std::vector<StatedRatio>& ratios, const Column& column,
                   std::uint32_t table_end) {
  if (ratios.empty()) return {nullptr, "the release states no ratio for its equivalents"};
  // One ratio stated, however often: the release counts every period at it.
  const bool one = std::all_of(ratios.begin(), ratios.end(), [&](const StatedRatio& r) {
    return r.figure.value == ratios[0].figure.value;
  });
  std::vector<const StatedRatio*> found;
  for (const StatedRatio& r : ratios) {
    if (!one && !applies(r, column)) continue;
    if (!found.empty() && found[0]->figure.value != r.figure.value)
      return {nullptr, fmt::format("the release states ratios of {}:1 and {}:1 for this period",
                                   found[0]->figure.text, r.figure.text)};
    found.push_back(&r);
  }
  if (found.empty()) return {nullptr, "the release states several ratios, none for this period"};
  const auto below = std::find_if(found.begin(), found.end(),
                                  [&](const StatedRatio* r) { return r->figure.line > table_end; });
  return {below != found.end() ? *below : found.back(), ""};
}

}  // namespace orebook::check
