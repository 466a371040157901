// ktab's vectorised kernels: the sums that run beyond smpc's 250-actor cap
// (kExactSumLimit in ktab.cpp), where there is no smpc run to match bit for bit
// and pivot trades smpc's summation order for eight fixed lanes. At or below
// the cap ktab.cpp sums in smpc's order and does not call these.
//
// Both kernels are compiled twice (GCC/clang target_clones: AVX2 and the
// baseline) and picked at load time. The lanes are fixed, not per thread, so
// results do not depend on the thread count or on which clone runs: each
// lane does the same IEEE operations in the same order, and the lane totals are
// added in one fixed order (no FMA: neither clone enables it).
#pragma once

#include <algorithm>

namespace pivot::bargain::ktab {

// smpc bsUtil: utility of salience-weighted distance d under risk attitude r.
inline double risk_utility(double d, double r) {
  const double capped = std::min(d, 1.0);  // smpc uses (1 - d)(1 + R) past d = 1; a min keeps loops vectorisable
  return (1 - d) * (1 + capped * r);
}

// Sum of third parties' votes for i (positive, added to `for_i`) and for j
// (negative, its magnitude added to `for_j`) when i challenges j (smpc
// vProbLittle + thirdPartyVoteSU, semi-committed). u_i[m] = U(m, i),
// d_j[m] = d(m, j) and r[m] = m's estimated risk attitude, all as i estimates
// them. `w` holds the third parties' weights S_m c_m with the principals'
// entries zeroed, so their votes are exactly 0.
void third_party_lane_sums(int n, const double* __restrict u_i, const double* __restrict d_j,
                           const double* __restrict r, const double* __restrict w, double principal_i,
                           double principal_j, double& for_i, double& for_j);

// Positive and negative parts of sum_k w_k (u_a[k] - u_b[k]) (the coalition
// strengths behind the inferred risk attitudes), added to for_a and for_b.
void vote_lane_sums(int n, const double* __restrict w, const double* __restrict u_a, const double* __restrict u_b,
                    double& for_a, double& for_b);

}  // namespace pivot::bargain::ktab
