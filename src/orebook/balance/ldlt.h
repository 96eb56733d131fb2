#pragma once
// LDLᵀ of a sparse symmetric positive semi-definite matrix V (the
// covariance of the reduced balances, sparse.h) that drops dependent rows as
// it meets them: a pivot at or below `tol` times its diagonal entry means the
// row is a combination of rows before it; its pivot is set to +∞, so its
// column of L comes out zero and every later row is factored as if the row
// were not there. One factorisation thus finds every dependent row (issue
// 14: dropping one row per factorisation, with a fresh factorisation each,
// made flowsheets whose bounds empty many balances take minutes), and
// solves give the dropped rows a multiplier of zero.
//
// The up-looking algorithm: row k of L from a sparse triangular solve over
// the elimination tree (Davis, "Algorithm 849: A concise sparse Cholesky
// factorization package", ACM TOMS 31(4), 2005), on V ordered by approximate
// minimum degree (Eigen's AMDOrdering). Eigen's SimplicialLDLT has no way to
// set a vanishing pivot aside, hence this.

#include <vector>

#include <Eigen/SparseCore>

namespace orebook::balance {

class DroppingLdlt {
 public:
  // Factors `v` (both triangles stored); the ordering and elimination tree
  // are kept while the pattern stays the same. Returns the number of rows
  // dropped.
  Eigen::Index factorize(const Eigen::SparseMatrix<double>& v, double tol);

  // Strictly lower L (unit diagonal implied), columns with ascending rows.
  const Eigen::SparseMatrix<double>& matrix_l() const { return l_; }
  // D, +∞ at dropped rows.
  const Eigen::VectorXd& vector_d() const { return d_; }
  // perm()(a): where row a of V lies in the factor (P V Pᵀ = L D Lᵀ).
  const Eigen::VectorXi& perm() const { return perm_; }
  // The rows of V (unpermuted) that were dropped, ascending.
  const std::vector<Eigen::Index>& dropped() const { return dropped_; }
  // x = V⁺ b on the rows kept, zero on the dropped ones.
  Eigen::VectorXd solve(const Eigen::VectorXd& b) const;

 private:
  void analyse(const Eigen::SparseMatrix<double>& v);
  // The upper triangle of P V Pᵀ, by columns.
  void permute(const Eigen::SparseMatrix<double>& v);

  Eigen::SparseMatrix<double> pattern_;  // the pattern analysed
  Eigen::VectorXi perm_;
  Eigen::SparseMatrix<double> c_;  // upper triangle of P V Pᵀ
  std::vector<int> slot_;          // per entry of V (pattern analysed): its value in c_, or −1
  std::vector<int> parent_, counts_;
  Eigen::SparseMatrix<double> l_;
  Eigen::VectorXd d_;
  std::vector<Eigen::Index> dropped_;
};

}  // namespace orebook::balance
