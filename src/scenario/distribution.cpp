// Samplers and moments for the distributions of uncertain judgements. The
// formulas and their sources are in docs/uncertainty.md.
#include "pivot/scenario/distribution.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pivot {
namespace {

// The Philox4x32-10 block for (key, counter), four 32-bit words per call; `draw`
// walks the fourth counter word, so one variable can take as many numbers as it needs.
class KeyedStream {
 public:
  explicit KeyedStream(const DrawKey& key)
      : key_{{static_cast<std::uint32_t>(key.seed), static_cast<std::uint32_t>(key.seed >> 32)}},
        counter_{{static_cast<std::uint32_t>(key.trial), key.stream, key.variable, 0}} {}

  // 64 random bits; two per Philox block.
  std::uint64_t bits() {
    if (next_ == 4) {
      block_ = r123::Philox4x32()(counter_, key_);
      ++counter_[3];
      next_ = 0;
    }
    const std::uint64_t hi = block_[next_], lo = block_[next_ + 1];
    next_ += 2;
    return (hi << 32) | lo;
  }

  // A uniform draw in the open interval (0, 1): 53 bits, offset by half a step.
  double open_uniform() { return (static_cast<double>(bits() >> 11) + 0.5) * 0x1.0p-53; }

 private:
  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type counter_;
  r123::Philox4x32::ctr_type block_{};
  int next_ = 4;
};

double normal_pdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * std::numbers::pi); }

double sample_triangular(const Distribution& d, double u) {
  const double a = d.low, b = d.high, c = d.mode;
  const double split = (c - a) / (b - a);
  if (u < split) return a + std::sqrt(u * (b - a) * (c - a));
  return b - std::sqrt((1.0 - u) * (b - a) * (b - c));
}

// Inverse-transform sampling of the normal restricted to [low, high]. When the
// window lies right of the mean, reflect it so the CDF differences stay away from 1.
double sample_truncated_normal(const Distribution& d, double u) {
  double alpha = (d.low - d.mode) / d.sd, beta = (d.high - d.mode) / d.sd;
  const bool reflect = alpha > 0.0;
  if (reflect) std::swap(alpha, beta), alpha = -alpha, beta = -beta;
  const double pa = normal_cdf(alpha), pb = normal_cdf(beta);
  double z = normal_quantile(pa + u * (pb - pa));
  z = std::clamp(z, alpha, beta);
  return std::clamp(d.mode + d.sd * (reflect ? -z : z), d.low, d.high);
}

// Gamma(shape, 1) for shape >= 1 by Marsaglia & Tsang (2000).
double sample_gamma(double shape, KeyedStream& stream) {
  const double dd = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * dd);
  while (true) {
    const double z = normal_quantile(stream.open_uniform());
    const double t = 1.0 + c * z;
    if (t <= 0.0) continue;
    const double v = t * t * t;
    const double u = stream.open_uniform();
    if (std::log(u) < 0.5 * z * z + dd - dd * v + dd * std::log(v)) return dd * v;
  }
}

// PERT shape parameters (lambda = 4): Beta(alpha, beta) on [low, high].
std::pair<double, double> pert_shapes(const Distribution& d) {
  const double range = d.high - d.low;
  return {1.0 + 4.0 * (d.mode - d.low) / range, 1.0 + 4.0 * (d.high - d.mode) / range};
}

double sample_pert(const Distribution& d, KeyedStream& stream) {
  auto [alpha, beta] = pert_shapes(d);
  const double x = sample_gamma(alpha, stream), y = sample_gamma(beta, stream);
  return std::clamp(d.low + (d.high - d.low) * x / (x + y), d.low, d.high);
}

}  // namespace

std::string distribution_name(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::uniform:
      return "uniform";
    case DistributionKind::triangular:
      return "triangular";
    case DistributionKind::truncated_normal:
      return "truncated_normal";
    case DistributionKind::pert:
      return "pert";
  }
  return "?";
}

bool parse_distribution_kind(const std::string& text, DistributionKind& kind) {
  if (text == "uniform" || text == "range")
    kind = DistributionKind::uniform;
  else if (text == "triangular")
    kind = DistributionKind::triangular;
  else if (text == "truncated_normal" || text == "normal")
    kind = DistributionKind::truncated_normal;
  else if (text == "pert")
    kind = DistributionKind::pert;
  else
    return false;
  return true;
}

double distribution_mean(const Distribution& d) {
  switch (d.kind) {
    case DistributionKind::uniform:
      return 0.5 * (d.low + d.high);
    case DistributionKind::triangular:
      return (d.low + d.mode + d.high) / 3.0;
    case DistributionKind::pert:
      return (d.low + 4.0 * d.mode + d.high) / 6.0;
    case DistributionKind::truncated_normal: {
      const double alpha = (d.low - d.mode) / d.sd, beta = (d.high - d.mode) / d.sd;
      const double mass = normal_cdf(beta) - normal_cdf(alpha);
      return d.mode + d.sd * (normal_pdf(alpha) - normal_pdf(beta)) / mass;
    }
  }
  return NAN;
}

double distribution_variance(const Distribution& d) {
  const double a = d.low, b = d.high, c = d.mode;
  switch (d.kind) {
    case DistributionKind::uniform:
      return (b - a) * (b - a) / 12.0;
    case DistributionKind::triangular:
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    case DistributionKind::pert: {
      auto [alpha, beta] = pert_shapes(d);
      const double s = alpha + beta;
      return (b - a) * (b - a) * alpha * beta / (s * s * (s + 1.0));
    }
    case DistributionKind::truncated_normal: {
      const double alpha = (a - c) / d.sd, beta = (b - c) / d.sd;
      const double mass = normal_cdf(beta) - normal_cdf(alpha);
      const double ratio = (normal_pdf(alpha) - normal_pdf(beta)) / mass;
      return d.sd * d.sd * (1.0 + (alpha * normal_pdf(alpha) - beta * normal_pdf(beta)) / mass - ratio * ratio);
    }
  }
  return NAN;
}

double sample_distribution(const Distribution& d, const DrawKey& key) {
  if (!(d.high > d.low)) return d.low;
  KeyedStream stream(key);
  switch (d.kind) {
    case DistributionKind::uniform:
      return d.low + (d.high - d.low) * stream.open_uniform();
    case DistributionKind::triangular:
      return sample_triangular(d, stream.open_uniform());
    case DistributionKind::truncated_normal:
      return sample_truncated_normal(d, stream.open_uniform());
    case DistributionKind::pert:
      return sample_pert(d, stream);
  }
  return NAN;
}

std::uint64_t keyed_bits(const DrawKey& key) {
  KeyedStream stream(key);
  return stream.bits();
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

// Acklam's rational approximation (relative error below 1.2e-9), then one
// Halley step on Phi(x) - p, which brings it to machine precision.
double normal_quantile(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  if (!(p > 0.0)) return -INFINITY;
  if (!(p < 1.0)) return INFINITY;
  constexpr double p_low = 0.02425;
  double x;
  if (p < p_low || p > 1.0 - p_low) {
    const double q = std::sqrt(-2.0 * std::log(p < p_low ? p : 1.0 - p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    if (p > p_low) x = -x;
  } else {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  }
  // Halley refinement of e = Phi(x) - p; above the median e is formed from the
  // upper-tail complement 1 - Phi(x), which keeps its precision there.
  const double e =
      p > 0.5 ? (1.0 - p) - 0.5 * std::erfc(x / std::numbers::sqrt2) : 0.5 * std::erfc(-x / std::numbers::sqrt2) - p;
  const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(0.5 * x * x);
  return x - u / (1.0 + 0.5 * x * u);
}

}  // namespace pivot
