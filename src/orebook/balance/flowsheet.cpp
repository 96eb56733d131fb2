#include "orebook/balance/flowsheet.h"

#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>

namespace orebook::balance {

Eigen::SparseMatrix<double> Flowsheet::incidence() const {
  std::vector<Eigen::Triplet<double>> t;
  for (std::size_t j = 0; j < streams.size(); ++j) {
    const auto col = static_cast<int>(j);
    if (streams[j].to) t.emplace_back(static_cast<int>(*streams[j].to), col, 1.0);
    if (streams[j].from) t.emplace_back(static_cast<int>(*streams[j].from), col, -1.0);
  }
  Eigen::SparseMatrix<double> a(static_cast<Eigen::Index>(nodes.size()),
                                static_cast<Eigen::Index>(streams.size()));
  a.setFromTriplets(t.begin(), t.end());
  return a;
}

std::vector<std::vector<std::size_t>> Flowsheet::parts() const {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph g(nodes.size());
  for (const Stream& s : streams)
    if (s.from && s.to) boost::add_edge(*s.from, *s.to, g);
  std::vector<int> component(nodes.size());
  const int count = nodes.empty() ? 0 : boost::connected_components(g, component.data());
  std::vector<std::vector<std::size_t>> out(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < nodes.size(); ++i)
    out[static_cast<std::size_t>(component[i])].push_back(i);
  return out;
}

std::string Flowsheet::describe_parts() const {
  std::string text;
  const auto all = parts();
  for (std::size_t p = 0; p < all.size(); ++p) {
    std::string names;
    for (std::size_t i : all[p]) names += (names.empty() ? "" : ", ") + nodes[i];
    text += fmt::format("{}{{{}}}", p == 0 ? "" : p + 1 == all.size() ? " and " : ", ", names);
  }
  return text;
}

}  // namespace orebook::balance
