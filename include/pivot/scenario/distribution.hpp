// Probability distributions for uncertain judgements, and reproducible draws
// from them. Every draw is keyed by (seed, stream, trial, variable) through the
// Philox4x32-10 counter-based generator, so a value never depends on the order
// in which trials run, on threads, shards or MPI ranks. See docs/uncertainty.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pivot {

enum class DistributionKind { uniform, triangular, truncated_normal, pert };

/// A distribution on [low, high]. `mode` is the peak (triangular, PERT) or the
/// parent normal's mean (truncated normal, whose standard deviation is `sd`).
struct Distribution {
  DistributionKind kind = DistributionKind::uniform;
  double low = 0.0;
  double mode = 0.0;
  double high = 0.0;
  double sd = 0.0;
};

/// "uniform", "triangular", "truncated_normal", "pert".
std::string distribution_name(DistributionKind kind);

/// Parses a distribution name (also "normal" for truncated_normal, "range" for uniform); false if unknown.
bool parse_distribution_kind(const std::string& text, DistributionKind& kind);

/// Analytic mean of the distribution.
double distribution_mean(const Distribution& d);

/// Analytic variance of the distribution.
double distribution_variance(const Distribution& d);

/// Where a draw comes from: the key (seed) and the counter (stream, trial, variable).
/// Streams keep purposes apart: Monte Carlo trials, the two Sobol matrices, model seeds.
struct DrawKey {
  std::uint64_t seed = 0;
  std::uint32_t stream = 0;
  std::uint64_t trial = 0;  // below 2^32
  std::uint32_t variable = 0;
};

/// Draw streams in use (documented in docs/uncertainty.md; never renumber).
inline constexpr std::uint32_t kStreamMonteCarlo = 0;
inline constexpr std::uint32_t kStreamSobolA = 1;
inline constexpr std::uint32_t kStreamSobolB = 2;
inline constexpr std::uint32_t kStreamModelSeed = 3;
inline constexpr std::uint32_t kStreamBootstrap = 4;

/// One draw from `d` for the key: the same value on every machine, thread and rank.
double sample_distribution(const Distribution& d, const DrawKey& key);

/// A 64-bit value for the key, e.g. the seed handed to a stochastic model in a trial.
std::uint64_t keyed_bits(const DrawKey& key);

/// The standard normal distribution function Phi(x).
double normal_cdf(double x);

/// The standard normal quantile Phi^{-1}(p), 0 < p < 1, to about 1e-15 relative accuracy.
double normal_quantile(double p);

}  // namespace pivot
