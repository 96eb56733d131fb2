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
  // The connected parts (node indices, ascending), env left out: a single
  // part when the flowsheet is connected.
  std::vector<std::vector<std::size_t>> parts() const;
  // "{N1, N2} and {N3}": the parts of a disconnected flowsheet, for messages.
  std::string describe_parts() const;
};

}  // namespace orebook::balance
