#include "orebook/balance/ldlt.h"

#include <algorithm>
#include <limits>

#include <Eigen/OrderingMethods>

namespace orebook::balance {

void DroppingLdlt::permute(const Eigen::SparseMatrix<double>& v) {
  if (!slot_.empty() && v.isCompressed() &&
      slot_.size() == static_cast<std::size_t>(v.nonZeros())) {
    // The pattern analysed: each entry of V has its place in C already.
    std::fill(c_.valuePtr(), c_.valuePtr() + c_.nonZeros(), 0.0);
    const double* values = v.valuePtr();
    for (std::size_t e = 0; e < slot_.size(); ++e)
      if (slot_[e] >= 0) c_.valuePtr()[slot_[e]] += values[e];
    return;
  }
  // A new pattern: C from triplets, then where each entry of V landed in it
  // (kept for the factorisations of the same pattern that follow).
  std::vector<Eigen::Triplet<double>> t;
  t.reserve(static_cast<std::size_t>(v.nonZeros() / 2 + v.rows()));
  for (Eigen::Index j = 0; j < v.outerSize(); ++j) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(v, j); it; ++it) {
      const int a = perm_(it.row()), b = perm_(j);
      if (a <= b) t.emplace_back(a, b, it.value());
    }
  }
  c_.resize(v.rows(), v.cols());
  c_.setFromTriplets(t.begin(), t.end());
  c_.makeCompressed();
  slot_.assign(static_cast<std::size_t>(v.nonZeros()), -1);
  if (!v.isCompressed()) {
    slot_.clear();  // no place by position: triplets each time
    return;
  }
  for (Eigen::Index j = 0; j < v.outerSize(); ++j) {
    for (int e = v.outerIndexPtr()[j]; e < v.outerIndexPtr()[j + 1]; ++e) {
      const int a = perm_(v.innerIndexPtr()[e]), b = perm_(j);
      if (a > b) continue;
      const int* first = c_.innerIndexPtr() + c_.outerIndexPtr()[b];
      const int* last = c_.innerIndexPtr() + c_.outerIndexPtr()[b + 1];
      slot_[static_cast<std::size_t>(e)] =
          static_cast<int>(std::lower_bound(first, last, a) - c_.innerIndexPtr());
    }
  }
}

void DroppingLdlt::analyse(const Eigen::SparseMatrix<double>& v) {
  slot_.clear();
  const auto n = static_cast<int>(v.rows());
  // Eigen's AMD gives the inverse of P (as SimplicialLDLT uses it).
  Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> pinv;
  Eigen::AMDOrdering<int> amd;
  amd(v, pinv);
  const Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> p = pinv.inverse();
  perm_ = p.indices();
  permute(v);
  // Elimination tree and column counts of L (Davis 2005, ldl_symbolic).
  parent_.assign(static_cast<std::size_t>(n), -1);
  counts_.assign(static_cast<std::size_t>(n), 0);
  std::vector<int> flag(static_cast<std::size_t>(n), -1);
  for (int k = 0; k < n; ++k) {
    flag[static_cast<std::size_t>(k)] = k;
    for (Eigen::SparseMatrix<double>::InnerIterator it(c_, k); it; ++it) {
      for (int i = static_cast<int>(it.row()); i < k && flag[static_cast<std::size_t>(i)] != k;
           i = parent_[static_cast<std::size_t>(i)]) {
        if (parent_[static_cast<std::size_t>(i)] == -1) parent_[static_cast<std::size_t>(i)] = k;
        ++counts_[static_cast<std::size_t>(i)];
        flag[static_cast<std::size_t>(i)] = k;
      }
    }
  }
  pattern_ = v;
}

Eigen::Index DroppingLdlt::factorize(const Eigen::SparseMatrix<double>& v, double tol) {
  const bool same_pattern =
      pattern_.rows() == v.rows() && pattern_.nonZeros() == v.nonZeros() &&
      std::equal(v.outerIndexPtr(), v.outerIndexPtr() + v.outerSize() + 1,
                 pattern_.outerIndexPtr()) &&
      std::equal(v.innerIndexPtr(), v.innerIndexPtr() + v.nonZeros(), pattern_.innerIndexPtr());
  if (same_pattern) {
    permute(v);
  } else {
    analyse(v);
  }
  const auto n = static_cast<int>(v.rows());
  // L's storage: column i holds counts_[i] entries from outer[i].
  std::vector<int> outer(static_cast<std::size_t>(n) + 1, 0);
  for (int i = 0; i < n; ++i)
    outer[static_cast<std::size_t>(i) + 1] =
        outer[static_cast<std::size_t>(i)] + counts_[static_cast<std::size_t>(i)];
  const int nnz = outer.back();
  l_.resize(n, n);
  l_.resizeNonZeros(nnz);
  int* lp = l_.outerIndexPtr();
  int* li = l_.innerIndexPtr();
  double* lx = l_.valuePtr();
  std::copy(outer.begin(), outer.end(), lp);
  d_.resize(n);
  dropped_.clear();
  std::vector<double> y(static_cast<std::size_t>(n), 0.0);
  std::vector<int> pattern(static_cast<std::size_t>(n)), flag(static_cast<std::size_t>(n), -1),
      filled(static_cast<std::size_t>(n), 0);
  const double infinity = std::numeric_limits<double>::infinity();
  std::vector<int> dropped_at;
  for (int k = 0; k < n; ++k) {
    // Row k of L: the pattern is the union of the tree paths from the
    // entries of column k of C (ldl_numeric).
    int top = n;
    flag[static_cast<std::size_t>(k)] = k;
    double diagonal = 0.0;
    for (Eigen::SparseMatrix<double>::InnerIterator it(c_, k); it; ++it) {
      int i = static_cast<int>(it.row());
      y[static_cast<std::size_t>(i)] += it.value();
      if (i == k) diagonal = it.value();
      int len = 0;
      for (; flag[static_cast<std::size_t>(i)] != k; i = parent_[static_cast<std::size_t>(i)]) {
        pattern[static_cast<std::size_t>(len++)] = i;
        flag[static_cast<std::size_t>(i)] = k;
      }
      while (len > 0)
        pattern[static_cast<std::size_t>(--top)] = pattern[static_cast<std::size_t>(--len)];
    }
    double dk = y[static_cast<std::size_t>(k)];
    y[static_cast<std::size_t>(k)] = 0.0;
    for (; top < n; ++top) {
      const int i = pattern[static_cast<std::size_t>(top)];
      const double yi = y[static_cast<std::size_t>(i)];
      y[static_cast<std::size_t>(i)] = 0.0;
      const int end = lp[i] + filled[static_cast<std::size_t>(i)];
      for (int p = lp[i]; p < end; ++p) y[static_cast<std::size_t>(li[p])] -= lx[p] * yi;
      // A dropped row's D is +∞: its column of L is zero.
      const double lki = yi / d_(i);
      dk -= lki * yi;
      li[end] = k;
      lx[end] = lki;
      ++filled[static_cast<std::size_t>(i)];
    }
    if (!(dk > tol * diagonal)) {
      dk = infinity;
      dropped_at.push_back(k);
    }
    d_(k) = dk;
  }
  // The dropped rows in V's own numbering.
  std::vector<int> row_at(static_cast<std::size_t>(n));
  for (int a = 0; a < n; ++a) row_at[static_cast<std::size_t>(perm_(a))] = a;
  for (int k : dropped_at) dropped_.push_back(row_at[static_cast<std::size_t>(k)]);
  std::sort(dropped_.begin(), dropped_.end());
  return static_cast<Eigen::Index>(dropped_.size());
}

Eigen::VectorXd DroppingLdlt::solve(const Eigen::VectorXd& b) const {
  const Eigen::Index n = b.size();
  Eigen::VectorXd x(n);
  for (Eigen::Index a = 0; a < n; ++a) x(perm_(a)) = b(a);
  const int* lp = l_.outerIndexPtr();
  const int* li = l_.innerIndexPtr();
  const double* lx = l_.valuePtr();
  for (Eigen::Index j = 0; j < n; ++j)
    for (int p = lp[j]; p < lp[j + 1]; ++p) x(li[p]) -= lx[p] * x(j);
  for (Eigen::Index j = 0; j < n; ++j) x(j) /= d_(j);  // 0 where dropped (D = +∞)
  for (Eigen::Index j = n - 1; j >= 0; --j)
    for (int p = lp[j]; p < lp[j + 1]; ++p) x(j) -= lx[p] * x(li[p]);
  Eigen::VectorXd out(n);
  for (Eigen::Index a = 0; a < n; ++a) out(a) = x(perm_(a));
  return out;
}

}  // namespace orebook::balance
