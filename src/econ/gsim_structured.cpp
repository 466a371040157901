// Matrix-free GMRES (Saad & Schultz 1986; Eigen's unsupported IterativeSolvers
// module) for GSIM's structured matrices A = L diag(c) R' - diag(d) (L and R
// possibly scaled by rows, gsim_structured.hpp). Scaled by
// the inverse of its diagonal, A becomes -I plus a matrix whose rows sum in
// absolute value to at most |Em+Es| / (Es + Ex) when all Em+Es have one sign:
// the usual GSIM market is strongly diagonally dominant, and GMRES converges
// in a handful of products instead of an O(n^3) factorisation.
#include "gsim_structured.hpp"

#include <unsupported/Eigen/IterativeSolvers>

#include <algorithm>
#include <cmath>

namespace pivot::trade::detail {
namespace {

// y = A x over the free exporters, through the full-length scratch vectors `full` and `mid`.
void apply_into(const StructuredMatrix& a, const Eigen::VectorXd& x, Eigen::VectorXd& full, Eigen::VectorXd& mid,
                Eigen::VectorXd& y) {
  const Eigen::MatrixXd& left = *a.left;
  const Eigen::MatrixXd& right = *a.right;
  const auto& free = *a.free;
  if (a.all_free()) {
    full = x;
  } else {
    full.setZero(left.rows());
    for (std::size_t i = 0; i < free.size(); ++i) full(free[i]) = x(static_cast<Eigen::Index>(i));
  }
  if (a.right_scale.size()) full.array() *= a.right_scale.array();
  mid.noalias() = right.transpose() * full;
  mid.array() *= a.column_weight.array();
  full.noalias() = left * mid;
  if (a.left_scale.size()) full.array() *= a.left_scale.array();
  if (a.all_free()) {
    y = full - a.diagonal.cwiseProduct(x);
    return;
  }
  y.resize(a.size());
  for (std::size_t i = 0; i < free.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    y(k) = full(free[i]) - a.diagonal(k) * x(k);
  }
}

// A's diagonal and a bound on each row's absolute sum, in one pass over L and R:
//   A(r,r) = a(r) b(r) sum_v L(r,v) c(v) R(r,v) - d(r),
//   sum_k |A(r,k)| <= |a(r)| sum_v |L(r,v) c(v)| sum_k |R(k,v) b(k)| + |d(r)|.
struct DiagonalAndNorms {
  Eigen::VectorXd diagonal, row_norms;
};

DiagonalAndNorms diagonal_and_norms(const StructuredMatrix& a, bool with_norms) {
  const Eigen::Index n = a.left->rows();
  Eigen::VectorXd diagonal = Eigen::VectorXd::Zero(n), norms = Eigen::VectorXd::Zero(n);
  const Eigen::ArrayXd right_scale =
      a.right_scale.size() ? Eigen::ArrayXd(a.right_scale.array().abs()) : Eigen::ArrayXd::Ones(n);
  for (Eigen::Index v = 0; v < a.left->cols(); ++v) {
    const auto l = a.left->col(v).array();
    const auto r = a.right->col(v).array();
    const double c = a.column_weight(v);
    diagonal.array() += c * l * r;
    if (with_norms) norms.array() += (std::abs(c) * (r.abs() * right_scale).sum()) * l.abs();
  }
  if (a.left_scale.size()) {
    diagonal.array() *= a.left_scale.array();
    norms.array() *= a.left_scale.array().abs();
  }
  if (a.right_scale.size()) diagonal.array() *= a.right_scale.array();
  DiagonalAndNorms out{Eigen::VectorXd(a.size()), Eigen::VectorXd(a.size())};
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    const Eigen::Index r = (*a.free)[static_cast<std::size_t>(i)];
    out.diagonal(i) = diagonal(r) - a.diagonal(i);
    out.row_norms(i) = norms(r) + std::abs(a.diagonal(i));
  }
  return out;
}

}  // namespace

class ScaledOperator;

}  // namespace pivot::trade::detail

// Eigen's traits must be known before the operator derives from EigenBase.
template <>
struct Eigen::internal::traits<pivot::trade::detail::ScaledOperator> : public traits<Eigen::SparseMatrix<double>> {};

namespace pivot::trade::detail {

// D^-1 A as an Eigen operator (Eigen's documented "matrix-free solvers" pattern),
// with scratch vectors so that a product allocates nothing.
class ScaledOperator : public Eigen::EigenBase<ScaledOperator> {
 public:
  using Scalar = double;
  using RealScalar = double;
  using StorageIndex = int;
  enum { ColsAtCompileTime = Eigen::Dynamic, MaxColsAtCompileTime = Eigen::Dynamic, IsRowMajor = false };

  ScaledOperator(const StructuredMatrix& a, Eigen::VectorXd inverse_diagonal)
      : a_(a), inverse_diagonal_(std::move(inverse_diagonal)) {}
  Eigen::Index rows() const { return a_.size(); }
  Eigen::Index cols() const { return a_.size(); }

  template <typename Rhs>
  Eigen::Product<ScaledOperator, Rhs, Eigen::AliasFreeProduct> operator*(const Eigen::MatrixBase<Rhs>& x) const {
    return Eigen::Product<ScaledOperator, Rhs, Eigen::AliasFreeProduct>(*this, x.derived());
  }

  // dst += alpha D^-1 A x
  template <typename Dest, typename Rhs>
  void add_product(Dest& dst, const Rhs& x, double alpha) const {
    x_ = x;
    // GMRES's first residual is b - A x0 with x0 = 0 here: nothing to add,
    // and skipping it saves one of a handful of products per solve.
    if (x_.isZero(0.0)) return;
    apply_into(a_, x_, full_, mid_, y_);
    dst += alpha * (y_.array() * inverse_diagonal_.array()).matrix();
  }

 private:
  const StructuredMatrix& a_;
  Eigen::VectorXd inverse_diagonal_;
  mutable Eigen::VectorXd x_, full_, mid_, y_;
};

}  // namespace pivot::trade::detail

namespace Eigen::internal {

template <typename Rhs>
struct generic_product_impl<pivot::trade::detail::ScaledOperator, Rhs, SparseShape, DenseShape, GemvProduct>
    : generic_product_impl_base<pivot::trade::detail::ScaledOperator, Rhs,
                                generic_product_impl<pivot::trade::detail::ScaledOperator, Rhs>> {
  template <typename Dest>
  static void scaleAndAddTo(Dest& dst, const pivot::trade::detail::ScaledOperator& lhs, const Rhs& rhs, double alpha) {
    lhs.add_product(dst, rhs, alpha);
  }
};

}  // namespace Eigen::internal

namespace pivot::trade::detail {

Eigen::MatrixXd dense(const StructuredMatrix& a) {
  const Eigen::Index k = a.size();
  Eigen::MatrixXd weighted = *a.left * a.column_weight.asDiagonal();
  if (a.left_scale.size()) weighted = a.left_scale.asDiagonal() * weighted;
  Eigen::MatrixXd right = *a.right;
  if (a.right_scale.size()) right = a.right_scale.asDiagonal() * right;
  Eigen::MatrixXd out(k, k);
  if (a.all_free()) {
    out.noalias() = weighted * right.transpose();
  } else {
    const auto& free = *a.free;
    for (Eigen::Index i = 0; i < k; ++i)
      for (Eigen::Index j = 0; j < k; ++j)
        out(i, j) = weighted.row(free[static_cast<std::size_t>(i)]).dot(right.row(free[static_cast<std::size_t>(j)]));
  }
  out.diagonal() -= a.diagonal;
  return out;
}

Eigen::VectorXd apply(const StructuredMatrix& a, const Eigen::VectorXd& x) {
  Eigen::VectorXd full, mid, y;
  apply_into(a, x, full, mid, y);
  return y;
}

std::optional<Eigen::VectorXd> solve_structured(const StructuredMatrix& a, const Eigen::VectorXd& b,
                                                double backward_error) {
  const Eigen::Index k = a.size();
  if (k == 0) return Eigen::VectorXd();
  // A loose tolerance (an inexact Newton step) trusts GMRES's own residual
  // estimate, which departs from the true residual only at rounding level;
  // a tight one checks the true residual, at the cost of one more product.
  const bool trusted = backward_error >= 1e-10;
  const DiagonalAndNorms bounds = diagonal_and_norms(a, !trusted);
  const Eigen::VectorXd inverse_diagonal = bounds.diagonal.cwiseInverse();
  if (!inverse_diagonal.allFinite()) return std::nullopt;
  const ScaledOperator op(a, inverse_diagonal);
  // Restarts every 30 products; past 60, a dense LU costs about the same.
  Eigen::GMRES<ScaledOperator, Eigen::IdentityPreconditioner> gmres;
  gmres.set_restart(30);
  gmres.setMaxIterations(std::min<Eigen::Index>(60, 2 * k));
  gmres.setTolerance(std::max(1e-15, 0.1 * backward_error));
  gmres.compute(op);
  const Eigen::VectorXd scaled_b = b.cwiseProduct(inverse_diagonal);
  if (trusted) {
    Eigen::VectorXd x = gmres.solve(scaled_b);
    if (gmres.info() == Eigen::Success && x.allFinite()) return x;
    return std::nullopt;
  }
  const Eigen::VectorXd& norms = bounds.row_norms;
  Eigen::VectorXd x = Eigen::VectorXd::Zero(k);
  // Two passes: the second restarts from the first's answer with the true
  // residual, which recovers digits that the first's recurrence lost.
  for (int pass = 0; pass < 2; ++pass) {
    x = gmres.solveWithGuess(scaled_b, x);
    const Eigen::VectorXd residual = apply(a, x) - b;
    const double size = x.cwiseAbs().maxCoeff();
    bool small = residual.allFinite();
    for (Eigen::Index i = 0; i < k && small; ++i)
      small = std::abs(residual(i)) <= backward_error * (norms(i) * size + std::abs(b(i)));
    if (small) return x;
  }
  return std::nullopt;
}

}  // namespace pivot::trade::detail
