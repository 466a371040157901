// Arc-length predictor–corrector continuation (Allgower & Georg 1990) of a
// curve H(z) = 0, H: R^(K+1) -> R^K, whose last coordinate is the precision
// lambda: the logit paths on the strategic form and on the tree share it.
#pragma once

#include <Eigen/Dense>

#include <functional>

namespace pivot::games {

/// Writes H(z) into h and, when jac is given, its K x (K+1) Jacobian.
using PathEquations = std::function<void(const Eigen::VectorXd& z, Eigen::VectorXd& h, Eigen::MatrixXd* jac)>;

/// Follows the curve from z (updated in place) in the direction of increasing
/// lambda until lambda reaches max_lambda or `accepted` returns true for a
/// point; `accepted` sees every accepted point. Returns false when the step
/// size underflows (a kink, or probabilities below what doubles hold), z then
/// holding the last accepted point for the caller to refine.
bool follow_path(const PathEquations& equations, Eigen::VectorXd& z, double first_step, double max_lambda,
                 const std::function<bool(const Eigen::VectorXd&)>& accepted);

}  // namespace pivot::games
