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

#include "orebook/balance/pattern.h"

namespace orebook::balance {

class DroppingLdlt {
 public:
  // Factors `v` (both triangles stored, compressed); the ordering and
  // elimination tree of the last few patterns are kept. Returns the number
  // of rows dropped.
  Eigen::Index factorize(const Eigen::SparseMatrix<double>& v, double tol);

  // Strictly lower L (unit diagonal implied), columns with ascending rows.
  const Eigen::SparseMatrix<double>& matrix_l() const { return l_; }
  // D, +∞ at dropped rows.
  const Eigen::VectorXd& vector_d() const { return d_; }
  // perm()(a): where row a of V lies in the factor (P V Pᵀ = L D Lᵀ).
  // Empty before the first factorisation (a problem with nothing to
  // factor asks for it all the same).
  const Eigen::VectorXi& perm() const {
    return analyses_.empty() ? no_perm_ : analyses_.front().perm;
  }
  // The rows of V (unpermuted) that were dropped, ascending.
  const std::vector<Eigen::Index>& dropped() const { return dropped_; }
  // x = V⁺ b on the rows kept, zero on the dropped ones.
  Eigen::VectorXd solve(const Eigen::VectorXd& b) const;

 private:
  // What a pattern of V gives, whatever its values: the ordering, the upper
  // triangle of P V Pᵀ and where each entry of V lands in it, the
  // elimination tree and the column counts of L.
  struct Analysis {
    SparsePattern pattern;
    Eigen::VectorXi perm;
    Eigen::SparseMatrix<double> c;
    std::vector<int> slot;  // per entry of V: its place in c, or −1
    std::vector<int> parent, counts;
  };
  // The analysis of v's pattern, first in analyses_: found among those kept
  // (a bilinear batch alternates between the flows-only start and the full
  // balances: the analysis was half the factorisation's time), or made.
  Analysis& analysis_for(const Eigen::SparseMatrix<double>& v);
  static void analyse(const Eigen::SparseMatrix<double>& v, Analysis& a);
  // c's values from v's, through the slots.
  static void permute(const Eigen::SparseMatrix<double>& v, Analysis& a);

  std::vector<Analysis> analyses_;  // most recently used first
  Eigen::VectorXi no_perm_;
  Eigen::SparseMatrix<double> l_;
  Eigen::VectorXd d_;
  std::vector<Eigen::Index> dropped_;
  // The factorisation's workspace, kept between calls.
  std::vector<double> y_;
  std::vector<int> outer_, pattern_, flag_, filled_, dropped_at_, row_at_;
};

}  // namespace orebook::balance
