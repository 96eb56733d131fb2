#pragma once
// A flowsheet as the balances see it: nodes and the streams between them.
// "env", outside the plant, is not a node: it has no balance.

#include <optional>
#include <string>
#include <vector>

#include <Eigen/SparseCore>

namespace orebook::balance {

struct Flowsheet {
  struct Stream {
    std::string id;
    std::optional<std::size_t> from, to;  // node indices; nullopt: env
  };
  std::vector<std::string> nodes;
  std::vector<Stream> streams;

  // incidence(node, stream) = +1 when the stream enters the node, −1 when it leaves.
  Eigen::SparseMatrix<double> incidence() const;
};

// A connected part of a flowsheet, env left out: nodes joined by streams
// between them. Parts meet only through env, so each has balances of its own
// and is reconciled on its own (issue 14: two mills, a water circuit beside
// the ore circuit).
struct Part {
  std::vector<std::size_t> nodes;    // ascending
  std::vector<std::size_t> streams;  // ascending
};

// The parts of the flowsheet whose incidence matrix (nodes × streams) is
// given, in order of their first node; a stream that touches no node (from
// env to env) is a part of its own, without nodes, after them.
std::vector<Part> connected_parts(const Eigen::SparseMatrix<double>& incidence);

// The rows `part.nodes` and columns `part.streams` of `matrix`, given where
// each node of the whole lies in its part (`local_node`).
Eigen::SparseMatrix<double> part_of(const Eigen::SparseMatrix<double>& matrix, const Part& part,
                                    const std::vector<std::size_t>& local_node);
// local_node for part_of: each node's position in its part's `nodes`.
std::vector<std::size_t> local_nodes(const std::vector<Part>& parts, std::size_t node_count);

// "N1, N2": a part's nodes by name, the first `max_names` of them and a count
// of the others (a part of a large flowsheet can hold thousands).
std::string describe_part(const Part& part, const std::vector<std::string>& node_ids,
                          std::size_t max_names = 8);
// "part 2", "parts 1, 3": parts by their numbers (1-based), for messages.
std::string name_parts(const std::vector<std::size_t>& numbers);

}  // namespace orebook::balance
