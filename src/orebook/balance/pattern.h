#pragma once

#include <algorithm>
#include <vector>

#include <Eigen/SparseCore>

namespace orebook::balance {

// The pattern of a compressed column-major sparse matrix, without its
// values: what a kept analysis (DroppingLdlt) or a kept product plan
// (sparse.cpp) is valid for, whatever the values.
struct SparsePattern {
  Eigen::Index rows = 0;
  std::vector<int> outer, inner;

  static SparsePattern of(const Eigen::SparseMatrix<double>& m) {
    SparsePattern p;
    p.rows = m.rows();
    p.outer.assign(m.outerIndexPtr(), m.outerIndexPtr() + m.outerSize() + 1);
    p.inner.assign(m.innerIndexPtr(), m.innerIndexPtr() + m.nonZeros());
    return p;
  }

  // m must be compressed.
  bool matches(const Eigen::SparseMatrix<double>& m) const {
    return rows == m.rows() && outer.size() == static_cast<std::size_t>(m.outerSize()) + 1 &&
           inner.size() == static_cast<std::size_t>(m.nonZeros()) &&
           std::equal(outer.begin(), outer.end(), m.outerIndexPtr()) &&
           std::equal(inner.begin(), inner.end(), m.innerIndexPtr());
  }

  std::size_t entries() const { return inner.size(); }
};

}  // namespace orebook::balance
