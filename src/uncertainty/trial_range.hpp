// The pieces of a Monte Carlo run that the MPI driver reuses.
#pragma once

#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot::uncertainty {

/// Throws UsageError unless the scenario has uncertain inputs and the options are valid.
void check_mc_options(const Study& study, const McOptions& options);

/// Trials [begin, end) of the run `options` describes (the manifest fields say which shard).
McRun run_trial_range(const Study& study, const TrialModel& model, const McOptions& options, std::uint64_t begin,
                      std::uint64_t end);

}  // namespace pivot::uncertainty
