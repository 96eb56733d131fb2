#include "orebook/balance/sparse.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include "orebook/balance/ldlt.h"
#include "orebook/balance/pattern.h"

namespace orebook::balance {

namespace {

struct Entry {
  int col;
  double v;
};
using Row = std::vector<Entry>;

// An entry is cancellation noise when it is this small against the terms it
// came from, and a variable counts as redundant when W_jj exceeds this share
// of σ_j² (as in the dense solver).
constexpr double kCancel = 1e-12;
constexpr double kTol = 1e-9;
// A pivot of the LDLᵀ factor this small against its diagonal entry of V
// means the reduced balances are dependent.
constexpr double kSingular = 1e-10;
// Problems of more variables than this do not keep a solve's buffers.
constexpr Eigen::Index kKeepBelow = 1 << 16;

double value_in(const Row& row, int col) {
  // Most rows hold a few entries: a scan beats a binary search there.
  if (row.size() <= 16) {
    for (const Entry& e : row)
      if (e.col >= col) return e.col == col ? e.v : 0.0;
    return 0.0;
  }
  const auto it = std::lower_bound(row.begin(), row.end(), col,
                                   [](const Entry& e, int c) { return e.col < c; });
  return it != row.end() && it->col == col ? it->v : 0.0;
}

// row_r − f · row_p, without column `drop` (eliminated exactly); entries that
// cancel to rounding noise are dropped. Unmeasured columns new to the row go
// to `added`.
void subtract(Row& r, const Row& p, double f, int drop, const std::vector<bool>& unmeasured,
              std::vector<int>& added, Row& scratch) {
  scratch.clear();
  std::size_t i = 0, k = 0;
  while (i < r.size() || k < p.size()) {
    if (k == p.size() || (i < r.size() && r[i].col < p[k].col)) {
      if (r[i].col != drop) scratch.push_back(r[i]);
      ++i;
    } else if (i == r.size() || p[k].col < r[i].col) {
      if (p[k].col != drop) {
        scratch.push_back({p[k].col, -f * p[k].v});
        if (unmeasured[static_cast<std::size_t>(p[k].col)]) added.push_back(p[k].col);
      }
      ++k;
    } else {
      const double v = r[i].v - f * p[k].v;
      if (r[i].col != drop && std::abs(v) > kCancel * (std::abs(r[i].v) + std::abs(f * p[k].v)))
        scratch.push_back({r[i].col, v});
      ++i, ++k;
    }
  }
  r.swap(scratch);
}

// Selected inverse of V = Pᵀ L D Lᵀ P on the pattern of L (Takahashi); on
// the rows kept when V is singular (ldlt.h), zero on the dropped ones.
class SelectedInverse {
 public:
  using Factor = DroppingLdlt;
  explicit SelectedInverse(const Factor& f) : l_(f.matrix_l()), perm_(f.perm()) {
    const Eigen::Index n = l_.cols();
    z_.assign(static_cast<std::size_t>(l_.nonZeros()), 0.0);
    diag_.assign(static_cast<std::size_t>(n), 0.0);
    const auto& d = f.vector_d();
    const int* outer = l_.outerIndexPtr();
    const int* inner = l_.innerIndexPtr();
    const double* lx = l_.valuePtr();
    for (Eigen::Index j = n - 1; j >= 0; --j) {
      const int begin = outer[j], end = outer[j + 1];
      // Z(i, j) = −Σ_k L(k, j) Z(i, k) over k in the column's pattern.
      for (int t = begin; t < end; ++t) {
        double sum = 0.0;
        for (int s = begin; s < end; ++s) sum += lx[s] * at(inner[t], inner[s]);
        z_[static_cast<std::size_t>(t)] = -sum;
      }
      double sum = 0.0;
      for (int s = begin; s < end; ++s) sum += lx[s] * z_[static_cast<std::size_t>(s)];
      // A dropped row (D = +∞) has a zero column of L: its entries are zero.
      diag_[static_cast<std::size_t>(j)] = 1.0 / d(j) - sum;
    }
  }

  // (V⁻¹)_{ab}, a and b rows of V (unpermuted); NaN off the pattern.
  double operator()(Eigen::Index a, Eigen::Index b) const { return at(perm_(a), perm_(b)); }

 private:
  double at(Eigen::Index a, Eigen::Index b) const {
    if (a == b) return diag_[static_cast<std::size_t>(a)];
    const Eigen::Index lo = std::min(a, b), hi = std::max(a, b);
    const int* inner = l_.innerIndexPtr();
    const int* first = inner + l_.outerIndexPtr()[lo];
    const int* last = inner + l_.outerIndexPtr()[lo + 1];
    const int* it = std::lower_bound(first, last, static_cast<int>(hi));
    if (it == last || *it != hi) return std::numeric_limits<double>::quiet_NaN();
    return z_[static_cast<std::size_t>(it - inner)];
  }

  const Eigen::SparseMatrix<double>& l_;
  const Eigen::VectorXi& perm_;
  std::vector<double> z_, diag_;
};

// A term B_ik σ_k² B_jk of an entry of V: the places of B_ik and B_jk in
// B's values, and k.
struct Term {
  int a, b, k;
};

// A pattern of B met before, and once met twice, the plan of V = B Σ Bᵀ
// for it: V's pattern and, per entry of V, its terms in the order summed.
struct Plan {
  SparsePattern b;
  std::vector<int> v_outer, v_inner;
  std::vector<int> term_start;  // empty: met once, not planned
  std::vector<Term> terms;
};

// Buffers of a solve kept per thread from one solve to the next: a batch of
// small balances (a year of days, each solved six or seven times) was
// otherwise dominated by allocating them (issue 14). Every step clears or
// assigns what it uses, so nothing of one solve reaches the next.
struct Workspace {
  std::vector<Row> row;
  std::vector<std::vector<int>> holders;
  // The factor is kept with its patterns: the balances of one flowsheet
  // keep the pattern of V from iteration to iteration and from period to
  // period, so the ordering and symbolic analysis are done once (ldlt.h).
  DroppingLdlt ldlt;
  Eigen::VectorXd rhs, y, var, x;
  std::vector<int> pivot_row, order, measured_index, position, remaining, added, reach;
  std::vector<bool> pivoted_row, unobservable, reached, mark;
  std::vector<std::pair<std::size_t, int>> queue;
  std::vector<std::vector<int>> users;
  std::vector<double> null, w, work, accumulated;
  std::vector<Eigen::Index> mx, kept;
  Eigen::SparseMatrix<double> b, v;
  std::vector<int> parent, touched, next;
  // B by rows: where each row's entries lie in B's values, and their columns.
  std::vector<int> b_row_start, b_row_at, b_row_k;
  // The plan of V = B Σ Bᵀ and the pattern of B it was made for.
  std::vector<Plan> plans;  // most recently used first
  std::vector<int> slot, seen;
  std::vector<Row> g;
  Row scratch;
};

// The state the steps of solve_sparse share: the rows of A as elimination
// leaves them, the pivots, and the reduced balances over the measured
// variables.
struct SparseSolve {
  SparseSolve(const LinearProblem& p, const Eigen::VectorXd& d, const std::vector<bool>& unmeasured,
              bool statistics, Workspace& ws)
      : p(p),
        d(d),
        unmeasured(unmeasured),
        statistics(statistics),
        rows(p.incidence.rows()),
        n(p.incidence.cols()),
        ws(ws) {}

  bool un(Eigen::Index j) const { return unmeasured[static_cast<std::size_t>(j)]; }

  // Rows of A, each sorted by column; the rows holding each unmeasured column.
  void load_rows() {
    const auto& a = p.incidence;
    for (auto& r : row) r.clear();
    for (auto& h : holders) h.clear();
    row.resize(static_cast<std::size_t>(rows));
    holders.resize(static_cast<std::size_t>(n));
    for (Eigen::Index j = 0; j < n; ++j) {
      for (Eigen::SparseMatrix<double>::InnerIterator it(a, j); it; ++it) {
        if (it.value() == 0.0) continue;
        row[static_cast<std::size_t>(it.row())].push_back({static_cast<int>(j), it.value()});
        if (un(j)) holders[static_cast<std::size_t>(j)].push_back(static_cast<int>(it.row()));
      }
    }
    rhs = d;
  }

  // The active rows still holding column c (stale entries pruned).
  std::vector<int>& active_holders(int c) {
    auto& h = holders[static_cast<std::size_t>(c)];
    std::sort(h.begin(), h.end());
    h.erase(std::unique(h.begin(), h.end()), h.end());
    h.erase(std::remove_if(h.begin(), h.end(),
                           [&](int r) {
                             return pivoted_row[static_cast<std::size_t>(r)] ||
                                    value_in(row[static_cast<std::size_t>(r)], c) == 0.0;
                           }),
            h.end());
    return h;
  }

  // Markowitz: the column in fewest active rows (the lowest index of
  // equals). A heap of (count when pushed, column): a count only changes
  // when a pivot fills or empties the column's rows, so the top is taken
  // when its count still holds, else pushed back with its count now — one
  // heap operation a step instead of a scan of every remaining column (the
  // scan made elimination quadratic, issue 14).
  using Queued = std::pair<std::size_t, int>;
  void queue_columns(const std::vector<int>& columns) {
    queue.clear();
    for (int c : columns) queue.emplace_back(active_holders(c).size(), c);
    std::make_heap(queue.begin(), queue.end(), std::greater<>());
  }
  int take_sparsest() {
    while (true) {
      std::pop_heap(queue.begin(), queue.end(), std::greater<>());
      const auto [count, c] = queue.back();
      queue.pop_back();
      const std::size_t now = active_holders(c).size();
      if (now <= count) return c;
      queue.emplace_back(now, c);
      std::push_heap(queue.begin(), queue.end(), std::greater<>());
    }
  }

  int choose_pivot(const std::vector<int>& cand, int c) const {
    double largest = 0.0;
    for (int r : cand)
      largest = std::max(largest, std::abs(value_in(row[static_cast<std::size_t>(r)], c)));
    // Threshold partial pivoting: among entries within a factor 10 of the
    // largest, the shortest row (least fill).
    int pivot = -1;
    for (int r : cand) {
      const auto& rr = row[static_cast<std::size_t>(r)];
      if (std::abs(value_in(rr, c)) >= 0.1 * largest &&
          (pivot < 0 || rr.size() < row[static_cast<std::size_t>(pivot)].size()))
        pivot = r;
    }
    return pivot;
  }

  // Column c out of every candidate row but the pivot's.
  void eliminate_column(int c, int pivot, const std::vector<int>& cand, std::vector<int>& added,
                        Row& scratch) {
    const Row& pr = row[static_cast<std::size_t>(pivot)];
    const double apc = value_in(pr, c);
    for (int r : cand) {
      if (r == pivot) continue;
      Row& rr = row[static_cast<std::size_t>(r)];
      const double f = value_in(rr, c) / apc;
      added.clear();
      subtract(rr, pr, f, c, unmeasured, added, scratch);
      rhs(r) -= f * rhs(pivot);
      for (int col : added) holders[static_cast<std::size_t>(col)].push_back(r);
    }
  }

  // 1. Eliminate the unmeasured variables.
  void eliminate_unmeasured() {
    pivot_row.assign(static_cast<std::size_t>(n), -1);
    pivoted_row.assign(static_cast<std::size_t>(rows), false);
    order.clear();
    remaining.clear();
    for (Eigen::Index j = 0; j < n; ++j)
      if (un(j)) remaining.push_back(static_cast<int>(j));
    queue_columns(remaining);
    for (std::size_t left = remaining.size(); left > 0; --left) {
      const int c = take_sparsest();
      const std::vector<int>& cand = active_holders(c);
      if (cand.empty()) continue;  // free: in no balance left
      const int pivot = choose_pivot(cand, c);
      eliminate_column(c, pivot, cand, added, ws.scratch);
      pivot_row[static_cast<std::size_t>(c)] = pivot;
      pivoted_row[static_cast<std::size_t>(pivot)] = true;
      order.push_back(c);
    }
  }

  // Unobservable: an unmeasured variable the null space of A_u touches. A
  // basis of that null space: each free variable (no pivot) at 1, the other
  // free ones at 0, the pivoted ones by back substitution. A basis vector is
  // non-zero only on the pivots whose rows reach its free variable, so each
  // is computed on those alone (a back substitution over every pivot for
  // each free variable was quadratic).
  void find_unobservable() {
    unobservable.assign(static_cast<std::size_t>(n), false);
    // Where each pivot lies in `order`, and the pivots whose rows hold each
    // unmeasured column.
    position.assign(static_cast<std::size_t>(n), -1);
    users.resize(static_cast<std::size_t>(n));
    for (auto& u : users) u.clear();
    for (std::size_t k = 0; k < order.size(); ++k) {
      const int c = order[k];
      position[static_cast<std::size_t>(c)] = static_cast<int>(k);
      for (const Entry& e : row[static_cast<std::size_t>(pivot_row[static_cast<std::size_t>(c)])])
        if (e.col != c && un(e.col)) users[static_cast<std::size_t>(e.col)].push_back(c);
    }
    null.assign(static_cast<std::size_t>(n), 0.0);
    reached.assign(static_cast<std::size_t>(n), false);
    for (Eigen::Index f = 0; f < n; ++f) {
      if (!un(f) || pivot_row[static_cast<std::size_t>(f)] >= 0) continue;
      unobservable[static_cast<std::size_t>(f)] = true;
      // The pivots whose rows reach f, directly or through other pivots.
      reach.clear();
      const auto visit = [&](Eigen::Index from) {
        for (int c : users[static_cast<std::size_t>(from)]) {
          if (reached[static_cast<std::size_t>(c)]) continue;
          reached[static_cast<std::size_t>(c)] = true;
          reach.push_back(c);
        }
      };
      visit(f);
      for (std::size_t i = 0; i < reach.size(); ++i) visit(reach[i]);
      // Back substitution, the last pivot first: a pivot's row holds only
      // columns pivoted after it, or free ones.
      std::sort(reach.begin(), reach.end(), [&](int a, int b) {
        return position[static_cast<std::size_t>(a)] > position[static_cast<std::size_t>(b)];
      });
      null[static_cast<std::size_t>(f)] = 1.0;
      for (int c : reach) {
        double sum = 0.0, size = 0.0, apc = 0.0;
        for (const Entry& e :
             row[static_cast<std::size_t>(pivot_row[static_cast<std::size_t>(c)])]) {
          if (e.col == c) {
            apc = e.v;
          } else if (un(e.col)) {
            sum -= e.v * null[static_cast<std::size_t>(e.col)];
            size += std::abs(e.v * null[static_cast<std::size_t>(e.col)]);
          }
        }
        // Exactly zero, or cancellation noise, is no component.
        const bool zero = !(std::abs(sum) > kTol * size);
        null[static_cast<std::size_t>(c)] = zero ? 0.0 : sum / apc;
        if (!zero) unobservable[static_cast<std::size_t>(c)] = true;
      }
      null[static_cast<std::size_t>(f)] = 0.0;
      for (int c : reach) {
        null[static_cast<std::size_t>(c)] = 0.0;
        reached[static_cast<std::size_t>(c)] = false;
      }
    }
  }

  // 2. The reduced balances B x = b over the measured variables.
  void reduce_to_measured() {
    measured_index.assign(static_cast<std::size_t>(n), -1);
    mx.clear();
    kept.clear();
    for (Eigen::Index j = 0; j < n; ++j) {
      if (un(j)) continue;
      measured_index[static_cast<std::size_t>(j)] = static_cast<int>(mx.size());
      mx.push_back(j);
    }
    m = static_cast<Eigen::Index>(mx.size());
    y.resize(m);
    var.resize(m);
    for (Eigen::Index k = 0; k < m; ++k) {
      const auto j = static_cast<std::size_t>(mx[static_cast<std::size_t>(k)]);
      y(k) = *p.measured[j];
      var(k) = p.sd[j] * p.sd[j];
    }
    // The active rows holding measured variables; a row of nothing is a
    // dependent balance with no test.
    for (Eigen::Index r = 0; r < rows; ++r) {
      if (pivoted_row[static_cast<std::size_t>(r)]) continue;
      const auto& rr = row[static_cast<std::size_t>(r)];
      if (std::any_of(rr.begin(), rr.end(), [&](const Entry& e) {
            return measured_index[static_cast<std::size_t>(e.col)] >= 0;
          }))
        kept.push_back(r);
    }
  }

  // B from the kept rows, by columns: a column's rows come out ascending as
  // the kept rows are walked in order. B by rows too (b_row_*).
  void assemble_b() {
    nb = static_cast<Eigen::Index>(kept.size());
    b.resize(nb, m);
    int* outer = b.outerIndexPtr();
    for (const Eigen::Index r : kept)
      for (const Entry& e : row[static_cast<std::size_t>(r)])
        if (const int k = measured_index[static_cast<std::size_t>(e.col)]; k >= 0) ++outer[k + 1];
    for (Eigen::Index k = 0; k < m; ++k) outer[k + 1] += outer[k];
    b.resizeNonZeros(outer[m]);
    next.assign(outer, outer + m);
    b_row_start.assign(1, 0);
    b_row_start.reserve(kept.size() + 1);
    b_row_at.clear();
    b_row_at.reserve(static_cast<std::size_t>(outer[m]));
    b_row_k.clear();
    b_row_k.reserve(static_cast<std::size_t>(outer[m]));
    for (std::size_t i = 0; i < kept.size(); ++i) {
      for (const Entry& e : row[static_cast<std::size_t>(kept[i])]) {
        const int k = measured_index[static_cast<std::size_t>(e.col)];
        if (k < 0) continue;
        const int at = next[static_cast<std::size_t>(k)]++;
        b.innerIndexPtr()[at] = static_cast<int>(i);
        b.valuePtr()[at] = e.v;
        b_row_at.push_back(at);
        b_row_k.push_back(k);
      }
      b_row_start.push_back(static_cast<int>(b_row_at.size()));
    }
  }

  // V = B Σ Bᵀ. Its pattern and terms depend on B's pattern alone, which
  // stays from iteration to iteration and period to period: met a second
  // time, the pattern gets a plan (plan_v) and each solve after only sums
  // the terms (Eigen's product and transpose took a third of a batch's
  // time, the product done afresh each solve a fifth). A few patterns are
  // kept (a bilinear batch alternates between the flows-only start and the
  // full balances). A pattern met once (the rounds of a large problem's
  // bounds) is multiplied directly: its plan would cost more than it saves.
  // Both sum the same terms in the same order: the same values to the bit.
  void assemble_v() {
    constexpr std::size_t kPlans = 4;
    constexpr std::size_t kTerms = 1 << 20;  // beyond the first, plans this small
    const auto found =
        std::find_if(plans.begin(), plans.end(), [&](const Plan& q) { return q.b.matches(b); });
    if (found == plans.end()) {
      multiply_v();
      if (n > kKeepBelow) return;  // given back when solved (solve_sparse)
      Plan q;
      q.b = SparsePattern::of(b);
      plans.insert(plans.begin(), std::move(q));
      std::size_t keep = 1, terms = 0;
      while (keep < plans.size() && keep < kPlans) {
        terms += plans[keep].terms.size() + plans[keep].b.entries();
        if (terms > kTerms) break;
        ++keep;
      }
      plans.resize(keep);
      return;
    }
    std::rotate(plans.begin(), found, found + 1);
    Plan& plan = plans.front();
    if (plan.term_start.empty()) {
      multiply_v();
      plan_v(plan);
      return;
    }
    v.resize(nb, nb);
    std::copy(plan.v_outer.begin(), plan.v_outer.end(), v.outerIndexPtr());
    v.resizeNonZeros(static_cast<Eigen::Index>(plan.v_inner.size()));
    std::copy(plan.v_inner.begin(), plan.v_inner.end(), v.innerIndexPtr());
    const double* bv = b.valuePtr();
    double* vv = v.valuePtr();
    for (std::size_t e = 0; e + 1 < plan.term_start.size(); ++e) {
      double sum = 0.0;
      for (int t = plan.term_start[e]; t < plan.term_start[e + 1]; ++t) {
        const Term& x = plan.terms[static_cast<std::size_t>(t)];
        sum += bv[x.a] * var(x.k) * bv[x.b];
      }
      vv[e] = sum;
    }
  }

  // Calls visit(j, term) for each term B_ik σ_k² B_jk of row i of V, by
  // ascending k (Gustavson: row i gathers, for each measured k of balance
  // i, B_ik σ_k² times column k of B).
  template <class Visit>
  void each_term(Eigen::Index i, const Visit& visit) const {
    for (int t = b_row_start[static_cast<std::size_t>(i)];
         t < b_row_start[static_cast<std::size_t>(i) + 1]; ++t) {
      const int a = b_row_at[static_cast<std::size_t>(t)];
      const int k = b_row_k[static_cast<std::size_t>(t)];
      for (int at = b.outerIndexPtr()[k]; at < b.outerIndexPtr()[k + 1]; ++at)
        visit(static_cast<std::size_t>(b.innerIndexPtr()[at]), Term{a, at, k});
    }
  }

  // V directly, row by row (each_term's order); both triangles, columns
  // ascending, as the factorisation takes it.
  void multiply_v() {
    accumulated.assign(static_cast<std::size_t>(nb), 0.0);
    seen.assign(static_cast<std::size_t>(nb), -1);  // the last row that touched each column
    v.resize(nb, nb);
    auto& storage = v.data();  // entries appended to V's own storage as found
    int* outer = v.outerIndexPtr();
    const double* bv = b.valuePtr();
    const int* bo = b.outerIndexPtr();
    const int* bi = b.innerIndexPtr();
    for (Eigen::Index i = 0; i < nb; ++i) {
      touched.clear();
      for (int t = b_row_start[static_cast<std::size_t>(i)];
           t < b_row_start[static_cast<std::size_t>(i) + 1]; ++t) {
        const int k = b_row_k[static_cast<std::size_t>(t)];
        const double f = bv[b_row_at[static_cast<std::size_t>(t)]] * var(k);
        for (int at = bo[k]; at < bo[k + 1]; ++at) {
          const auto j = static_cast<std::size_t>(bi[at]);
          if (seen[j] != i) seen[j] = static_cast<int>(i), touched.push_back(static_cast<int>(j));
          accumulated[j] += f * bv[at];
        }
      }
      std::sort(touched.begin(), touched.end());
      for (const int j : touched) {
        storage.append(accumulated[static_cast<std::size_t>(j)], j);
        accumulated[static_cast<std::size_t>(j)] = 0.0;
      }
      outer[i + 1] = static_cast<int>(storage.size());
    }
    touched.clear();
  }

  // The plan of V for the current pattern of B, V just multiplied: its
  // pattern, and the terms of each entry in the order of their sum.
  void plan_v(Plan& plan) {
    plan.v_outer.assign(v.outerIndexPtr(), v.outerIndexPtr() + nb + 1);
    plan.v_inner.assign(v.innerIndexPtr(), v.innerIndexPtr() + v.nonZeros());
    // Per row of V, two walks over its terms: the first counts the terms of
    // each of its entries, the second puts each term in its place (flat
    // arrays: a list per entry cost an allocation each).
    slot.assign(static_cast<std::size_t>(nb), 0);
    plan.terms.clear();
    plan.term_start.assign(1, 0);
    for (Eigen::Index i = 0; i < nb; ++i) {
      each_term(i, [&](std::size_t j, const Term&) { ++slot[j]; });
      // slot[j]: where the next term of entry (i, j) goes.
      for (int e = plan.v_outer[static_cast<std::size_t>(i)];
           e < plan.v_outer[static_cast<std::size_t>(i) + 1]; ++e) {
        const auto j = static_cast<std::size_t>(plan.v_inner[static_cast<std::size_t>(e)]);
        const int count = slot[j];
        slot[j] = plan.term_start.back();
        plan.term_start.push_back(plan.term_start.back() + count);
      }
      plan.terms.resize(static_cast<std::size_t>(plan.term_start.back()));
      each_term(i, [&](std::size_t j, const Term& x) {
        plan.terms[static_cast<std::size_t>(slot[j]++)] = x;
      });
      for (int e = plan.v_outer[static_cast<std::size_t>(i)];
           e < plan.v_outer[static_cast<std::size_t>(i) + 1]; ++e)
        slot[static_cast<std::size_t>(plan.v_inner[static_cast<std::size_t>(e)])] = 0;
    }
  }

  // The reconciled measurements x and the global test; false when the dense
  // solver must take over.
  bool reconcile_measured(double alpha, LinearResult& out) {
    x = y;
    assemble_b();
    if (nb > 0) {
      assemble_v();
      // Dependent balances (a closed circuit, a balance written twice, the
      // component balances of streams held at zero) are dropped as the
      // factorisation meets them (ldlt.h): they add nothing to test.
      ldlt.factorize(v, kSingular);
      Eigen::VectorXd r = b * y;
      for (Eigen::Index i = 0; i < nb; ++i) r(i) -= rhs(kept[static_cast<std::size_t>(i)]);
      const Eigen::VectorXd lambda = ldlt.solve(r);
      // x = y − Σ Bᵀ λ, each term taken from y in turn (the order Eigen's
      // product gave, so results stay the same to the last bit).
      for (Eigen::Index k = 0; k < m; ++k)
        for (Eigen::SparseMatrix<double>::InnerIterator it(b, k); it; ++it)
          x(k) -= var(k) * it.value() * lambda(it.row());
      out.global.statistic = r.dot(lambda);
      if (std::isnan(out.global.statistic)) return false;  // the dense solver tries
    }
    // Degrees of freedom: the balances left once the dependent ones are dropped.
    out.global.dof =
        nb > 0 ? static_cast<int>(nb - static_cast<Eigen::Index>(ldlt.dropped().size())) : 0;
    if (statistics) {
      out.global.critical = chi_square_critical(alpha, out.global.dof);
      out.global.passed = out.global.statistic <= out.global.critical;
    }
    return true;
  }

  // Values of the unmeasured variables by back substitution, last pivot first.
  void solve_unmeasured(const Eigen::VectorXd& start, LinearResult& out) const {
    out.solution = Eigen::VectorXd::Zero(n);
    for (Eigen::Index k = 0; k < m; ++k) out.solution(mx[static_cast<std::size_t>(k)]) = x(k);
    for (Eigen::Index j = 0; j < n; ++j)
      if (un(j) && pivot_row[static_cast<std::size_t>(j)] < 0 && start.size() == n)
        out.solution(j) = start(j);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const int pr = pivot_row[static_cast<std::size_t>(*it)];
      double sum = rhs(pr), apc = 0.0;
      for (const Entry& e : row[static_cast<std::size_t>(pr)]) {
        if (e.col == *it)
          apc = e.v;
        else
          sum -= e.v * out.solution(e.col);
      }
      out.solution(*it) = sum / apc;
    }
  }

  // 3. Statistics of the measured variables: w_k = W_kk; false when V⁻¹ is
  // needed off the pattern of its factor.
  bool diagonal_of_w() {
    w.assign(static_cast<std::size_t>(m), 0.0);
    if (statistics && nb > 0) {
      const SelectedInverse z(ldlt);
      for (Eigen::Index k = 0; k < m; ++k) {
        double q = 0.0;
        for (Eigen::SparseMatrix<double>::InnerIterator i1(b, k); i1; ++i1)
          for (Eigen::SparseMatrix<double>::InnerIterator i2(b, k); i2; ++i2)
            q += i1.value() * i2.value() * z(i1.row(), i2.row());
        if (std::isnan(q)) return false;
        w[static_cast<std::size_t>(k)] = var(k) * var(k) * q;
      }
    }
    return true;
  }

  // Classes, σ after, measurement tests and gross errors of the measured
  // variables.
  void measured_results(double alpha, LinearResult& out) const {
    int tests = 0;
    for (Eigen::Index k = 0; k < m; ++k) {
      StreamResult& s = out.streams[static_cast<std::size_t>(mx[static_cast<std::size_t>(k)])];
      s.measured = y(k);
      s.reconciled = x(k);
      const double wk = w[static_cast<std::size_t>(k)];
      const bool in_balance = b.col(k).nonZeros() > 0;
      const bool redundant = statistics ? in_balance && wk > kTol * var(k) : in_balance;
      s.cls = redundant ? VariableClass::redundant : VariableClass::non_redundant;
      if (!statistics) continue;
      s.sd = std::sqrt(std::max(0.0, var(k) - wk));
      if (redundant) {
        s.z = (y(k) - x(k)) / std::sqrt(wk);
        ++tests;
      }
    }
    if (statistics) out.measurement_critical = sidak_critical(alpha, tests);
    if (statistics) {
      for (Eigen::Index k = 0; k < m; ++k) {
        StreamResult& s = out.streams[static_cast<std::size_t>(mx[static_cast<std::size_t>(k)])];
        if (s.z && std::abs(*s.z) > out.measurement_critical)
          s.gross_error = (y(k) - x(k)) * var(k) / w[static_cast<std::size_t>(k)];
      }
    }
  }

  // g of pivoted column c from its pivot row and the g of the unmeasured
  // columns pivoted after it.
  void g_of(int c) {
    const Row& pr = row[static_cast<std::size_t>(pivot_row[static_cast<std::size_t>(c)])];
    const double apc = value_in(pr, c);
    Row acc;
    for (const Entry& e : pr) {
      if (e.col == c) continue;
      if (!un(e.col)) {
        acc.push_back({measured_index[static_cast<std::size_t>(e.col)], -e.v / apc});
      } else {
        for (const Entry& ge : g[static_cast<std::size_t>(e.col)])
          acc.push_back({ge.col, -e.v / apc * ge.v});
      }
    }
    std::sort(acc.begin(), acc.end(), [](const Entry& l, const Entry& r) { return l.col < r.col; });
    Row& gc = g[static_cast<std::size_t>(c)];
    for (const Entry& e : acc) {
      if (!gc.empty() && gc.back().col == e.col)
        gc.back().v += e.v;
      else
        gc.push_back(e);
    }
  }

  // The elimination tree of the factor (parent of column j: the first row
  // below the diagonal in column j of L) and the workspace of sparse solves.
  void prepare_sparse_solves() {
    const auto& l = ldlt.matrix_l();
    parent.assign(static_cast<std::size_t>(nb), -1);
    for (Eigen::Index j = 0; j < nb; ++j) {
      const int begin = l.outerIndexPtr()[j], end = l.outerIndexPtr()[j + 1];
      if (begin < end)
        parent[static_cast<std::size_t>(j)] =
            *std::min_element(l.innerIndexPtr() + begin, l.innerIndexPtr() + end);
    }
    work.assign(static_cast<std::size_t>(nb), 0.0);
    mark.assign(static_cast<std::size_t>(nb), false);
  }

  // Var(û) of the unmeasured variable whose g is gc: Σ g_j² σ_j² − hᵀ V⁻¹ h,
  // h = B Σ g. With P V Pᵀ = L D Lᵀ, hᵀ V⁻¹ h = Σ x_i² / d_i for L x = P h,
  // solved over the entries x can reach: the paths from the entries of P h
  // to the root of the elimination tree (Gilbert and Peierls 1988). A dense
  // solve per variable made this quadratic: 57% of 100,000 streams' time.
  double variance_of(const Row& gc) {
    double variance = 0.0;
    const auto& perm = ldlt.perm();
    for (const Entry& e : gc) {
      variance += e.v * e.v * var(e.col);
      for (Eigen::SparseMatrix<double>::InnerIterator i1(b, e.col); i1; ++i1) {
        const auto k = static_cast<std::size_t>(perm(i1.row()));
        if (!mark[k]) mark[k] = true, touched.push_back(static_cast<int>(k));
        work[k] += i1.value() * var(e.col) * e.v;
      }
    }
    const std::size_t seeds = touched.size();
    for (std::size_t i = 0; i < seeds; ++i) {
      for (int k = parent[static_cast<std::size_t>(touched[i])];
           k >= 0 && !mark[static_cast<std::size_t>(k)]; k = parent[static_cast<std::size_t>(k)]) {
        mark[static_cast<std::size_t>(k)] = true;
        touched.push_back(k);
      }
    }
    // A parent follows its children: ascending order is a topological one.
    std::sort(touched.begin(), touched.end());
    const auto& l = ldlt.matrix_l();
    const auto& dv = ldlt.vector_d();
    double q = 0.0;
    for (const int j : touched) {
      const auto sj = static_cast<std::size_t>(j);
      const double xj = work[sj];
      if (xj != 0.0) {
        for (int t = l.outerIndexPtr()[j]; t < l.outerIndexPtr()[j + 1]; ++t)
          work[static_cast<std::size_t>(l.innerIndexPtr()[t])] -= l.valuePtr()[t] * xj;
      }
      q += xj * xj / dv(j);
      work[sj] = 0.0;
      mark[sj] = false;
    }
    touched.clear();
    return variance - q;
  }

  // Unmeasured variables: û = g·x̂ + constant, g by back substitution;
  // Var(û) = Σ g_j² σ_j² − hᵀ V⁻¹ h with h = B Σ g.
  void unmeasured_results(LinearResult& out) {
    if (statistics) {
      g.resize(static_cast<std::size_t>(n));
      for (Row& r : g) r.clear();
      prepare_sparse_solves();
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const auto c = static_cast<std::size_t>(*it);
      StreamResult& s = out.streams[c];
      if (p.measured[c]) s.measured = p.measured[c];  // a measurement set aside by elimination
      s.cls = unobservable[c] ? VariableClass::unobservable : VariableClass::observable;
      if (!unobservable[c]) s.reconciled = out.solution(*it);
      if (!statistics) continue;
      // g of an unobservable pivoted variable too (free ones at zero): an
      // observable one may depend on it in a way its null directions cancel.
      g_of(*it);
      if (unobservable[c]) continue;
      s.sd = std::sqrt(std::max(0.0, variance_of(g[c])));
    }
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!un(j) || pivot_row[static_cast<std::size_t>(j)] >= 0) continue;
      StreamResult& s = out.streams[static_cast<std::size_t>(j)];
      if (p.measured[static_cast<std::size_t>(j)])
        s.measured = p.measured[static_cast<std::size_t>(j)];
      s.cls = VariableClass::unobservable;
    }
  }

  const LinearProblem& p;
  const Eigen::VectorXd& d;
  const std::vector<bool>& unmeasured;
  bool statistics;
  const Eigen::Index rows, n;
  Workspace& ws;
  std::vector<Row>& row{ws.row};
  std::vector<std::vector<int>>& holders{ws.holders};
  DroppingLdlt& ldlt{ws.ldlt};
  Eigen::VectorXd& rhs{ws.rhs};
  std::vector<Queued>& queue{ws.queue};
  std::vector<int>&remaining{ws.remaining}, &added{ws.added};
  // Elimination: each unmeasured column's pivot row (−1: free), the rows used
  // as pivots, the unmeasured columns in the order pivoted.
  std::vector<int>& pivot_row{ws.pivot_row};
  std::vector<bool>& pivoted_row{ws.pivoted_row};
  std::vector<int>& order{ws.order};
  std::vector<bool>& unobservable{ws.unobservable};
  // The null space search: where each pivot lies in `order`, the pivots
  // whose rows hold each unmeasured column, a basis vector and its reach.
  std::vector<int>& position{ws.position};
  std::vector<std::vector<int>>& users{ws.users};
  std::vector<double>& null{ws.null};
  std::vector<bool>& reached{ws.reached};
  std::vector<int>& reach{ws.reach};
  // The measured variables: each column's index among them (−1: unmeasured),
  // their columns, measurements and variances; the rows of B.
  std::vector<int>& measured_index{ws.measured_index};
  std::vector<Eigen::Index>& mx{ws.mx};
  Eigen::Index m = 0;
  Eigen::VectorXd &y{ws.y}, &var{ws.var};
  std::vector<Eigen::Index>& kept{ws.kept};
  Eigen::SparseMatrix<double>& b{ws.b};
  std::vector<int>& next{ws.next};  // assemble_b: next free place per column
  Eigen::Index nb = 0;
  std::vector<int>&b_row_start{ws.b_row_start}, &b_row_at{ws.b_row_at}, &b_row_k{ws.b_row_k};
  // V and the plan of its terms (plan_v).
  Eigen::SparseMatrix<double>& v{ws.v};
  std::vector<Plan>& plans{ws.plans};
  std::vector<int>& slot{ws.slot};
  // multiply_v: a row's sums, the last row to touch each column.
  std::vector<double>& accumulated{ws.accumulated};
  std::vector<int>& seen{ws.seen};
  Eigen::VectorXd& x{ws.x};      // reconciled measurements
  std::vector<double>& w{ws.w};  // diagonal of W
  std::vector<Row>& g{ws.g};     // û = g·x̂ + constant per unmeasured variable
  // Sparse solves with the factor (variance_of): its elimination tree, and
  // a workspace left zero between solves.
  std::vector<int>& parent{ws.parent};
  std::vector<double>& work{ws.work};
  std::vector<bool>& mark{ws.mark};
  std::vector<int>& touched{ws.touched};
};

}  // namespace

std::optional<LinearResult> solve_sparse(const LinearProblem& p, const Eigen::VectorXd& d,
                                         const std::vector<bool>& unmeasured,
                                         const Eigen::VectorXd& start, double alpha,
                                         bool statistics, const std::vector<bool>* nonnegative) {
  thread_local Workspace ws;
  // A large problem gives back, when solved, the buffers a result is made
  // from: kept, they would stay allocated while the result is written (a
  // million streams: 175 MiB more at peak). The rows and the factor stay:
  // freeing a million small rows, to allocate them again in the next round
  // of the bounds, cost more than the solve gained.
  struct Release {
    Workspace& ws;
    bool large;
    ~Release() {
      if (!large) return;
      Workspace kept;
      kept.row.swap(ws.row);
      kept.holders.swap(ws.holders);
      std::swap(kept.ldlt, ws.ldlt);
      ws = std::move(kept);
    }
  } release{ws, p.incidence.cols() > kKeepBelow};
  SparseSolve solve(p, d, unmeasured, statistics, ws);
  solve.load_rows();
  solve.eliminate_unmeasured();
  solve.find_unobservable();
  solve.reduce_to_measured();
  LinearResult out;
  // Copies of one default (resize value-initialised each with a string
  // instruction of its own: a seventh of a small solve's own time).
  out.streams.assign(static_cast<std::size_t>(solve.n), StreamResult{});
  if (!solve.reconcile_measured(alpha, out)) return std::nullopt;
  solve.solve_unmeasured(start, out);
  // A value below its bound: the caller holds it and solves again, so the
  // statistics of this solve would be thrown away (issue 14: half the time
  // of a million streams).
  if (statistics && nonnegative != nullptr) {
    for (Eigen::Index j = 0; j < solve.n && solve.statistics; ++j) {
      const auto sj = static_cast<std::size_t>(j);
      if ((*nonnegative)[sj] && !solve.unobservable[sj] && out.solution(j) < 0.0)
        solve.statistics = false;
    }
  }
  if (!solve.diagonal_of_w()) return std::nullopt;
  solve.measured_results(alpha, out);
  solve.unmeasured_results(out);
  if (!solve.statistics) return out;
  out.nodes = node_results(p.incidence, d, out.streams, unmeasured, p.sd);
  return out;
}

}  // namespace orebook::balance
