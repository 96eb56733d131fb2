#include "orebook/balance/ldlt.h"

#include <algorithm>
#include <limits>

#include <Eigen/OrderingMethods>

namespace orebook::balance {

namespace {

// Kept analyses: up to this many patterns, and beyond the first, only while
// their entries together stay below the budget (a million-stream problem
// keeps one: its pattern alone is tens of megabytes).
constexpr std::size_t kKept = 4;
constexpr std::size_t kBudget = 1 << 20;

}  // namespace

void DroppingLdlt::permute(const Eigen::SparseMatrix<double>& v, Analysis& a) {
  double* c = a.c.valuePtr();
  std::fill(c, c + a.c.nonZeros(), 0.0);
  const double* values = v.valuePtr();
  for (std::size_t e = 0; e < a.slot.size(); ++e)
    if (a.slot[e] >= 0) c[a.slot[e]] += values[e];
}

void DroppingLdlt::analyse(const Eigen::SparseMatrix<double>& v, Analysis& a) {
  const auto n = static_cast<int>(v.rows());
  // Eigen's AMD gives the inverse of P (as SimplicialLDLT uses it).
  Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> pinv;
  Eigen::AMDOrdering<int> amd;
  amd(v, pinv);
  const Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> p = pinv.inverse();
  a.perm = p.indices();
  // The upper triangle of P V Pᵀ from triplets, then where each entry of V
  // landed in it.
  std::vector<Eigen::Triplet<double>> t;
  t.reserve(static_cast<std::size_t>(v.nonZeros() / 2 + v.rows()));
  for (Eigen::Index j = 0; j < v.outerSize(); ++j) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(v, j); it; ++it) {
      const int r = a.perm(it.row()), c = a.perm(j);
      if (r <= c) t.emplace_back(r, c, 0.0);
    }
  }
  a.c.resize(v.rows(), v.cols());
  a.c.setFromTriplets(t.begin(), t.end());
  a.c.makeCompressed();
  a.slot.assign(static_cast<std::size_t>(v.nonZeros()), -1);
  for (Eigen::Index j = 0; j < v.outerSize(); ++j) {
    for (int e = v.outerIndexPtr()[j]; e < v.outerIndexPtr()[j + 1]; ++e) {
      const int r = a.perm(v.innerIndexPtr()[e]), c = a.perm(j);
      if (r > c) continue;
      const int* first = a.c.innerIndexPtr() + a.c.outerIndexPtr()[c];
      const int* last = a.c.innerIndexPtr() + a.c.outerIndexPtr()[c + 1];
      a.slot[static_cast<std::size_t>(e)] =
          static_cast<int>(std::lower_bound(first, last, r) - a.c.innerIndexPtr());
    }
  }
  // Elimination tree and column counts of L (Davis 2005, ldl_symbolic).
  a.parent.assign(static_cast<std::size_t>(n), -1);
  a.counts.assign(static_cast<std::size_t>(n), 0);
  std::vector<int> flag(static_cast<std::size_t>(n), -1);
  for (int k = 0; k < n; ++k) {
    flag[static_cast<std::size_t>(k)] = k;
    for (Eigen::SparseMatrix<double>::InnerIterator it(a.c, k); it; ++it) {
      for (int i = static_cast<int>(it.row()); i < k && flag[static_cast<std::size_t>(i)] != k;
           i = a.parent[static_cast<std::size_t>(i)]) {
        if (a.parent[static_cast<std::size_t>(i)] == -1) a.parent[static_cast<std::size_t>(i)] = k;
        ++a.counts[static_cast<std::size_t>(i)];
        flag[static_cast<std::size_t>(i)] = k;
      }
    }
  }
  a.pattern = SparsePattern::of(v);
}

DroppingLdlt::Analysis& DroppingLdlt::analysis_for(const Eigen::SparseMatrix<double>& v) {
  const auto found = std::find_if(analyses_.begin(), analyses_.end(),
                                  [&](const Analysis& a) { return a.pattern.matches(v); });
  if (found != analyses_.end()) {
    std::rotate(analyses_.begin(), found, found + 1);
    return analyses_.front();
  }
  Analysis a;
  analyse(v, a);
  analyses_.insert(analyses_.begin(), std::move(a));
  std::size_t entries = analyses_.front().pattern.entries();
  std::size_t keep = 1;
  while (keep < analyses_.size() && keep < kKept &&
         entries + analyses_[keep].pattern.entries() <= kBudget)
    entries += analyses_[keep++].pattern.entries();
  analyses_.resize(keep);
  return analyses_.front();
}

Eigen::Index DroppingLdlt::factorize(const Eigen::SparseMatrix<double>& given, double tol) {
  Eigen::SparseMatrix<double> compressed;
  if (!given.isCompressed()) compressed = given, compressed.makeCompressed();
  const Eigen::SparseMatrix<double>& v = given.isCompressed() ? given : compressed;
  Analysis& a = analysis_for(v);
  permute(v, a);
  const auto n = static_cast<int>(v.rows());
  // L's storage: column i holds counts[i] entries from outer[i].
  outer_.assign(static_cast<std::size_t>(n) + 1, 0);
  for (int i = 0; i < n; ++i)
    outer_[static_cast<std::size_t>(i) + 1] =
        outer_[static_cast<std::size_t>(i)] + a.counts[static_cast<std::size_t>(i)];
  const int nnz = outer_.back();
  l_.resize(n, n);
  l_.resizeNonZeros(nnz);
  int* lp = l_.outerIndexPtr();
  int* li = l_.innerIndexPtr();
  double* lx = l_.valuePtr();
  std::copy(outer_.begin(), outer_.end(), lp);
  d_.resize(n);
  dropped_.clear();
  y_.assign(static_cast<std::size_t>(n), 0.0);
  pattern_.resize(static_cast<std::size_t>(n));
  flag_.assign(static_cast<std::size_t>(n), -1);
  filled_.assign(static_cast<std::size_t>(n), 0);
  dropped_at_.clear();
  const double infinity = std::numeric_limits<double>::infinity();
  const std::vector<int>& parent = a.parent;
  for (int k = 0; k < n; ++k) {
    // Row k of L: the pattern is the union of the tree paths from the
    // entries of column k of C (ldl_numeric).
    int top = n;
    flag_[static_cast<std::size_t>(k)] = k;
    double diagonal = 0.0;
    for (Eigen::SparseMatrix<double>::InnerIterator it(a.c, k); it; ++it) {
      int i = static_cast<int>(it.row());
      y_[static_cast<std::size_t>(i)] += it.value();
      if (i == k) diagonal = it.value();
      int len = 0;
      for (; flag_[static_cast<std::size_t>(i)] != k; i = parent[static_cast<std::size_t>(i)]) {
        pattern_[static_cast<std::size_t>(len++)] = i;
        flag_[static_cast<std::size_t>(i)] = k;
      }
      while (len > 0)
        pattern_[static_cast<std::size_t>(--top)] = pattern_[static_cast<std::size_t>(--len)];
    }
    double dk = y_[static_cast<std::size_t>(k)];
    y_[static_cast<std::size_t>(k)] = 0.0;
    for (; top < n; ++top) {
      const int i = pattern_[static_cast<std::size_t>(top)];
      const double yi = y_[static_cast<std::size_t>(i)];
      y_[static_cast<std::size_t>(i)] = 0.0;
      const int end = lp[i] + filled_[static_cast<std::size_t>(i)];
      for (int p = lp[i]; p < end; ++p) y_[static_cast<std::size_t>(li[p])] -= lx[p] * yi;
      // A dropped row's D is +∞: its column of L is zero.
      const double lki = yi / d_(i);
      dk -= lki * yi;
      li[end] = k;
      lx[end] = lki;
      ++filled_[static_cast<std::size_t>(i)];
    }
    if (!(dk > tol * diagonal)) {
      dk = infinity;
      dropped_at_.push_back(k);
    }
    d_(k) = dk;
  }
  // The dropped rows in V's own numbering.
  row_at_.resize(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r) row_at_[static_cast<std::size_t>(a.perm(r))] = r;
  for (int k : dropped_at_) dropped_.push_back(row_at_[static_cast<std::size_t>(k)]);
  std::sort(dropped_.begin(), dropped_.end());
  return static_cast<Eigen::Index>(dropped_.size());
}

Eigen::VectorXd DroppingLdlt::solve(const Eigen::VectorXd& b) const {
  const Eigen::Index n = b.size();
  Eigen::VectorXd x(n);
  const Eigen::VectorXi& p = perm();
  for (Eigen::Index a = 0; a < n; ++a) x(p(a)) = b(a);
  const int* lp = l_.outerIndexPtr();
  const int* li = l_.innerIndexPtr();
  const double* lx = l_.valuePtr();
  for (Eigen::Index j = 0; j < n; ++j)
    for (int p = lp[j]; p < lp[j + 1]; ++p) x(li[p]) -= lx[p] * x(j);
  for (Eigen::Index j = 0; j < n; ++j) x(j) /= d_(j);  // 0 where dropped (D = +∞)
  for (Eigen::Index j = n - 1; j >= 0; --j)
    for (int p = lp[j]; p < lp[j + 1]; ++p) x(j) -= lx[p] * x(li[p]);
  Eigen::VectorXd out(n);
  for (Eigen::Index a = 0; a < n; ++a) out(a) = x(p(a));
  return out;
}

}  // namespace orebook::balance
