// GSIM's square matrices, both the linear system and the levels model's
// Jacobian, have the form A = L diag(c) R' - diag(d) over the free exporters,
// L and R being exporters x importers. A product A x costs O(n m) without
// forming A (a GEMM, O(n^2 m)) or factorising it (O(n^3)), so an iterative
// solver needs only a few such products. Internal to src/econ.
#pragma once

#include <Eigen/Dense>

#include <optional>
#include <vector>

namespace pivot::trade::detail {

/// A = diag(a) L diag(c) R' diag(b) - diag(d), rows and columns restricted to
/// `free` (indices into L's and R's rows, ascending); a and b may be empty
/// (all ones). The scalings let the levels model keep L and R constant while
/// prices move. L, R and `free` are borrowed, not owned.
struct StructuredMatrix {
  const Eigen::MatrixXd* left = nullptr;   // L, n x m
  const Eigen::MatrixXd* right = nullptr;  // R, n x m
  Eigen::VectorXd column_weight;           // c, m
  Eigen::VectorXd diagonal;                // d, one per free exporter
  Eigen::VectorXd left_scale;              // a, n (or empty)
  Eigen::VectorXd right_scale;             // b, n (or empty)
  const std::vector<Eigen::Index>* free = nullptr;

  Eigen::Index size() const { return static_cast<Eigen::Index>(free->size()); }
  bool all_free() const { return size() == left->rows(); }
};

/// A formed as a dense k x k matrix (for the LU path).
Eigen::MatrixXd dense(const StructuredMatrix& a);

/// A x without forming A.
Eigen::VectorXd apply(const StructuredMatrix& a, const Eigen::VectorXd& x);

/// The backward error of an exact solve: |A x - b|(i) <= this * (row norm of
/// A(i) * max |x| + |b(i)|), the rounding level of an LU on these matrices.
inline constexpr double kStructuredBackwardError = 1e-14;

/// Solves A x = b by GMRES on the Jacobi-scaled system, matrix-free. Returns
/// nothing unless the backward error (as above) is below `backward_error`, so
/// that the caller can fall back to an LU. From 1e-10 up (inexact Newton
/// steps), GMRES's own relative residual of the scaled system stands for the
/// backward error.
std::optional<Eigen::VectorXd> solve_structured(const StructuredMatrix& a, const Eigen::VectorXd& b,
                                                double backward_error = kStructuredBackwardError);

/// Whether `automatic` uses the iterative solver for k free exporters: below
/// this size a dense LU is as fast (bench/trade_bench.cpp, docs/performance.md).
inline constexpr Eigen::Index kStructuredFromSize = 48;

}  // namespace pivot::trade::detail
