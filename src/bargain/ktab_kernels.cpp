// ktab's vectorised kernels (see ktab_kernels.hpp for when they run and why
// their results do not depend on the machine or the thread count).
#include "bargain/ktab_kernels.hpp"

#include <algorithm>
#include <cstring>

namespace pivot::bargain::ktab {
namespace {

#if !defined(__clang__)
// Four doubles in one register (GCC vector extension); with the avx2 clone one
// instruction each, otherwise two SSE2 instructions.
using Vec4 = double __attribute__((vector_size(32)));

inline Vec4 max0(Vec4 v) {
  const Vec4 zero = {0.0, 0.0, 0.0, 0.0};
  return v > zero ? v : zero;
}

inline Vec4 min4(Vec4 a, Vec4 b) { return a < b ? a : b; }
#else
// clang refuses 32-byte vector arguments and returns in the baseline (non-AVX)
// clone, as they change the ABI; four doubles in a struct do the same lane-wise
// IEEE arithmetic, so the results are the same bits, and clang still vectorises.
struct Vec4 {
  double lane[4];
  double operator[](int i) const { return lane[i]; }
};

template <class Op>
inline Vec4 lanewise(const Vec4& a, const Vec4& b, Op op) {
  return {{op(a.lane[0], b.lane[0]), op(a.lane[1], b.lane[1]), op(a.lane[2], b.lane[2]), op(a.lane[3], b.lane[3])}};
}
inline Vec4 operator+(const Vec4& a, const Vec4& b) {
  return lanewise(a, b, [](double x, double y) { return x + y; });
}
inline Vec4 operator-(const Vec4& a, const Vec4& b) {
  return lanewise(a, b, [](double x, double y) { return x - y; });
}
inline Vec4 operator*(const Vec4& a, const Vec4& b) {
  return lanewise(a, b, [](double x, double y) { return x * y; });
}
inline Vec4 operator/(const Vec4& a, const Vec4& b) {
  return lanewise(a, b, [](double x, double y) { return x / y; });
}
inline Vec4 operator-(const Vec4& a) { return {{-a.lane[0], -a.lane[1], -a.lane[2], -a.lane[3]}}; }
inline Vec4 operator+(double s, const Vec4& a) { return Vec4{{s, s, s, s}} + a; }
inline Vec4& operator+=(Vec4& a, const Vec4& b) { return a = a + b; }
inline Vec4 max0(const Vec4& v) {
  return lanewise(v, Vec4{}, [](double x, double zero) { return x > zero ? x : zero; });
}
inline Vec4 min4(const Vec4& a, const Vec4& b) {
  return lanewise(a, b, [](double x, double y) { return x < y ? x : y; });
}
#endif

inline Vec4 load4(const double* p) {
  Vec4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline double lanes_total(Vec4 a, Vec4 b) { return ((a[0] + a[1]) + (a[2] + a[3])) + ((b[0] + b[1]) + (b[2] + b[3])); }

// Third party m's vote for i over j (positive) or for j (negative), four at a
// time: the exact path's arithmetic with join_i - join_j simplified to
// p_i (1 - umi) - (1 - p_i)(1 - umj), and U(m, j) = risk_utility(d(m, j), r_m).
inline Vec4 third_party_votes4(const double* u_i, const double* d_j, const double* r, const double* w,
                               double principal_i, double principal_j) {
  const Vec4 one = {1.0, 1.0, 1.0, 1.0};
  const Vec4 umi = load4(u_i), dmj = load4(d_j), wm = load4(w);
  const Vec4 capped = min4(dmj, one);
  const Vec4 umj = (one - dmj) * (one + capped * load4(r));
  const Vec4 v = wm * (umi - umj);
  const Vec4 cmi = principal_i + max0(v);
  const Vec4 cmj = principal_j + max0(-v);
  const Vec4 p_i = cmi / (cmi + cmj);
  return wm * (p_i * ((one - umi) + (one - umj)) - (one - umj));
}

// The same vote for one third party, for the loop's remainder.
inline double third_party_vote1(double umi, double dmj, double r, double w, double principal_i, double principal_j) {
  const double umj = risk_utility(dmj, r);
  const double v = w * (umi - umj);
  const double p_i =
      (principal_i + std::max(v, 0.0)) / (principal_i + std::max(v, 0.0) + principal_j + std::max(-v, 0.0));
  return w * (p_i * ((1.0 - umi) + (1.0 - umj)) - (1.0 - umj));
}

}  // namespace

// Eight lanes (two Vec4 accumulators per sign), then the remainder one at a
// time in input order.
__attribute__((target_clones("avx2", "default"))) void third_party_lane_sums(
    int n, const double* __restrict u_i, const double* __restrict d_j, const double* __restrict r,
    const double* __restrict w, double principal_i, double principal_j, double& for_i, double& for_j) {
  Vec4 pos0 = {}, pos1 = {}, neg0 = {}, neg1 = {};
  const int full = n - n % 8;
  for (int m = 0; m < full; m += 8) {
    Vec4 v0 = third_party_votes4(u_i + m, d_j + m, r + m, w + m, principal_i, principal_j);
    Vec4 v1 = third_party_votes4(u_i + m + 4, d_j + m + 4, r + m + 4, w + m + 4, principal_i, principal_j);
    pos0 += max0(v0);
    neg0 += max0(-v0);
    pos1 += max0(v1);
    neg1 += max0(-v1);
  }
  double pos = lanes_total(pos0, pos1), neg = lanes_total(neg0, neg1);
  for (int m = full; m < n; ++m) {
    const double vote = third_party_vote1(u_i[m], d_j[m], r[m], w[m], principal_i, principal_j);
    pos += std::max(vote, 0.0);
    neg += std::max(-vote, 0.0);
  }
  for_i += pos;
  for_j += neg;
}

__attribute__((target_clones("avx2", "default"))) void vote_lane_sums(int n, const double* __restrict w,
                                                                      const double* __restrict u_a,
                                                                      const double* __restrict u_b, double& for_a,
                                                                      double& for_b) {
  Vec4 pos0 = {}, pos1 = {}, neg0 = {}, neg1 = {};
  const int full = n - n % 8;
  for (int k = 0; k < full; k += 8) {
    const Vec4 v0 = load4(w + k) * (load4(u_a + k) - load4(u_b + k));
    const Vec4 v1 = load4(w + k + 4) * (load4(u_a + k + 4) - load4(u_b + k + 4));
    pos0 += max0(v0);
    neg0 += max0(-v0);
    pos1 += max0(v1);
    neg1 += max0(-v1);
  }
  double pos = lanes_total(pos0, pos1), neg = lanes_total(neg0, neg1);
  for (int k = full; k < n; ++k) {
    const double v = w[k] * (u_a[k] - u_b[k]);
    pos += std::max(v, 0.0);
    neg += std::max(-v, 0.0);
  }
  for_a += pos;
  for_b += neg;
}

}  // namespace pivot::bargain::ktab
