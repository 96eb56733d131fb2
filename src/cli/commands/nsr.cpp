// orebook nsr DATASET --concentrate PRODUCT:METAL=ASSAY,... [--month M | --price METAL=P/UNIT]
//   [--date D] [--moisture PCT] [--head METAL=GRADE,... --recovery PRODUCT:METAL=PCT]
// The assays, prices, head grades and recoveries are read here into typed
// values; what they name (metals, products, units) the library checks.

#include <fmt/format.h>

#include "cli.h"
#include "orebook/dataset/dataset.h"

namespace orebook::cli {

namespace {

// "Ag=4965,Pb=63"; a "bad-argument" error for what does not read.
std::optional<std::vector<pipeline::NamedValue>> parse_values(std::string_view text,
                                                              std::string_view option,
                                                              core::Diagnostics& diags) {
  std::vector<pipeline::NamedValue> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto eq = item.find('=');
    const auto value =
        eq == std::string_view::npos ? std::nullopt : dataset::parse_number(item.substr(eq + 1));
    if (!value || eq == 0) {
      diags.error("", 0, 0, "bad-argument", fmt::format("cannot read {}", option),
                  std::string(item),
                  "NAME=NUMBER pairs separated by commas, such as Ag=4965,Pb=63");
      return std::nullopt;
    }
    out.push_back({std::string(item.substr(0, eq)), *value});
  }
  return out;
}

// "pb_con:Ag=4965,Pb=63".
std::optional<pipeline::ProductValues> parse_product(std::string_view text, std::string_view option,
                                                     core::Diagnostics& diags) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    diags.error("", 0, 0, "bad-argument", fmt::format("cannot read {}", option), std::string(text),
                "PRODUCT:NAME=NUMBER,..., such as pb_con:Ag=4965,Pb=63");
    return std::nullopt;
  }
  auto values = parse_values(text.substr(colon + 1), option, diags);
  if (!values) return std::nullopt;
  return pipeline::ProductValues{std::string(text.substr(0, colon)), std::move(*values),
                                 std::string(text)};
}

// "Ag=31.54/oz".
std::optional<pipeline::PriceOverride> parse_price(const std::string& text,
                                                   core::Diagnostics& diags) {
  const auto eq = text.find('='), slash = text.find('/');
  const auto value =
      (eq == std::string::npos || slash == std::string::npos || slash < eq)
          ? std::nullopt
          : dataset::parse_number(std::string_view(text).substr(eq + 1, slash - eq - 1));
  if (!value) {
    diags.error("", 0, 0, "bad-argument", "cannot read --price", text,
                "METAL=PRICE/UNIT with a declared metal, such as Ag=31.54/oz");
    return std::nullopt;
  }
  return pipeline::PriceOverride{text.substr(0, eq), *value, text.substr(slash + 1), text};
}

struct Arguments {
  std::vector<std::string> concentrates, prices, recoveries;
  std::string head;
};

// The typed request from the texts given; false with diagnostics when one
// does not read.
bool read_arguments(const Arguments& args, pipeline::NsrRequest& request,
                    core::Diagnostics& diags) {
  for (const auto& text : args.concentrates) {
    auto c = parse_product(text, "--concentrate", diags);
    if (!c) return false;
    request.concentrates.push_back(std::move(*c));
  }
  for (const auto& text : args.prices) {
    auto p = parse_price(text, diags);
    if (!p) return false;
    request.prices.push_back(std::move(*p));
  }
  auto head = parse_values(args.head, "--head", diags);
  if (!head) return false;
  request.head = std::move(*head);
  for (const auto& text : args.recoveries) {
    auto r = parse_product(text, "--recovery", diags);
    if (!r) return false;
    request.recoveries.push_back(std::move(*r));
  }
  return true;
}

}  // namespace

void add_nsr(CLI::App& app, int& exit) {
  auto args = std::make_shared<Arguments>();
  const auto c = add_command<pipeline::NsrRequest>(
      app, exit, "nsr",
      "Value one dry tonne of concentrate (and one tonne of ore) under the dataset's\n"
      "contracts, printing every step.\n"
      "Example: orebook nsr examples/demo-mine --month 2012-03 --moisture 8 \\\n"
      "  --concentrate pb_con:Ag=4965,Pb=63,As=0.45",
      &pipeline::nsr, [args](pipeline::NsrRequest& request, core::Diagnostics& diags) {
        return read_arguments(*args, request, diags);
      });
  auto& r = *c.request;
  c.command->add_option("dataset", r.dataset, "Dataset folder (with contracts.toml)")->required();
  c.command
      ->add_option("--concentrate", args->concentrates,
                   "PRODUCT:METAL=ASSAY,...; assays in each metal's grade unit, penalty elements "
                   "as in lots.csv")
      ->required();
  c.command->add_option("--month", r.month, "Take average prices of this month from prices.csv");
  c.command->add_option("--price", args->prices,
                        "METAL=PRICE/UNIT in the contract currency, e.g. Ag=31.54/oz");
  c.command->add_option("--date", r.date, "Contracts in force on this day (default: the latest)");
  c.command->add_option("--moisture", r.moisture_pct,
                        "Moisture of the concentrate, % (for freight)");
  c.command->add_option("--head", args->head,
                        "Ore head grades METAL=GRADE,... (for NSR per tonne of ore)");
  c.command->add_option(
      "--recovery", args->recoveries,
      "PRODUCT:METAL=PERCENT: recovery of a concentrate's main metal (for NSR per tonne of ore)");
  c.add_output_options();
}

}  // namespace orebook::cli
