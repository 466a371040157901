// MPI for Monte Carlo runs across machines. Built with the CMake option
// PIVOT_MPI; MPI is started only when a launcher (mpirun, srun) started the
// process, so the same binary runs alone as before. Without PIVOT_MPI every
// function here is a single-process no-op.
#pragma once

#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/trial_model.hpp"

namespace pivot {

/// This process's place among the MPI ranks (rank 0 of 1 when MPI is not in use).
struct MpiWorld {
  int rank = 0;
  int size = 1;
};

/// True when pivot was built with PIVOT_MPI.
bool mpi_built();

/// Starts MPI if a launcher started this process; call once, first thing in main.
void mpi_start(int& argc, char**& argv);

/// Ends MPI if mpi_start started it (normal exit).
void mpi_stop();

/// Stops every rank with `code` (after an error on one rank, so the others do not wait forever).
[[noreturn]] void mpi_abort(int code);

/// The current rank and number of ranks.
MpiWorld mpi_world();

/// run_monte_carlo with this shard's trials split over the MPI ranks (contiguous
/// slices) and gathered on rank 0, which gets the very run one process computes;
/// other ranks get the run without rows. `interrupted` is set on every rank if any was.
McRun run_monte_carlo_distributed(const Study& study, const TrialModel& model, const McOptions& options);

}  // namespace pivot
