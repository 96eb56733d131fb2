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

std::vector<Part> connected_parts(const Eigen::SparseMatrix<double>& incidence) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  const auto nodes = static_cast<std::size_t>(incidence.rows());
  Graph g(nodes);
  // A stream's column holds its one or two nodes; in a column of more (a
  // matrix built by hand) every node is joined to the first.
  std::vector<std::optional<std::size_t>> first(static_cast<std::size_t>(incidence.cols()));
  for (Eigen::Index j = 0; j < incidence.outerSize(); ++j) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(incidence, j); it; ++it) {
      const auto i = static_cast<std::size_t>(it.row());
      auto& f = first[static_cast<std::size_t>(j)];
      if (!f) {
        f = i;
      } else {
        boost::add_edge(*f, i, g);
      }
    }
  }
  std::vector<int> component(nodes);
  const int count = nodes == 0 ? 0 : boost::connected_components(g, component.data());
  // connected_components numbers parts in order of their first node.
  std::vector<Part> out(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < nodes; ++i)
    out[static_cast<std::size_t>(component[i])].nodes.push_back(i);
  for (std::size_t j = 0; j < first.size(); ++j) {
    if (first[j]) {
      out[static_cast<std::size_t>(component[*first[j]])].streams.push_back(j);
    } else {
      out.push_back({{}, {j}});
    }
  }
  return out;
}

std::vector<std::size_t> local_nodes(const std::vector<Part>& parts, std::size_t node_count) {
  std::vector<std::size_t> local(node_count);
  for (const Part& part : parts)
    for (std::size_t i = 0; i < part.nodes.size(); ++i) local[part.nodes[i]] = i;
  return local;
}

Eigen::SparseMatrix<double> part_of(const Eigen::SparseMatrix<double>& matrix, const Part& part,
                                    const std::vector<std::size_t>& local_node) {
  std::vector<Eigen::Triplet<double>> t;
  for (std::size_t c = 0; c < part.streams.size(); ++c) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(matrix,
                                                       static_cast<Eigen::Index>(part.streams[c]));
         it; ++it) {
      t.emplace_back(static_cast<int>(local_node[static_cast<std::size_t>(it.row())]),
                     static_cast<int>(c), it.value());
    }
  }
  Eigen::SparseMatrix<double> out(static_cast<Eigen::Index>(part.nodes.size()),
                                  static_cast<Eigen::Index>(part.streams.size()));
  out.setFromTriplets(t.begin(), t.end());
  return out;
}

std::string describe_part(const Part& part, const std::vector<std::string>& node_ids,
                          std::size_t max_names) {
  std::string names;
  for (std::size_t i = 0; i < part.nodes.size() && i < max_names; ++i)
    names += (i == 0 ? "" : ", ") + node_ids[part.nodes[i]];
  if (part.nodes.size() > max_names)
    names += fmt::format(" and {} more nodes", part.nodes.size() - max_names);
  if (part.nodes.empty()) names = "no node";
  return names;
}

}  // namespace orebook::balance
