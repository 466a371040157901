// Monte Carlo over MPI ranks: each rank runs a contiguous slice of the shard's
// trials on its own threads; rank 0 gathers the rows in trial order. Draws are
// keyed by trial, so the gathered run equals a single process's, byte for byte.
#include "pivot/uncertainty/mpi.hpp"

#include <cstdlib>
#include <exception>
#include <limits>
#include <stdexcept>

#include "pivot/core/error.hpp"

#include "uncertainty/trial_range.hpp"

#ifdef PIVOT_HAVE_MPI
#include <mpi.h>
#endif

namespace pivot {

#ifdef PIVOT_HAVE_MPI
namespace {

bool started_here = false;

// mpirun (Open MPI), srun and other PMI launchers leave these in the environment.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "SLURM_STEP_NUM_TASKS"})
    if (std::getenv(name)) return true;
  return false;
}

}  // namespace

bool mpi_built() { return true; }

void mpi_start(int& argc, char**& argv) {
  if (!launched_by_mpi()) return;
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);  // only the main thread calls MPI
  started_here = true;
}

void mpi_stop() {
  if (started_here) MPI_Finalize();
  started_here = false;
}

void mpi_abort(int code) {
  if (started_here) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

MpiWorld mpi_world() {
  MpiWorld world;
  if (!started_here) return world;
  MPI_Comm_rank(MPI_COMM_WORLD, &world.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &world.size);
  return world;
}

McRun run_monte_carlo_distributed(const Study& study, const TrialModel& model, const McOptions& options) {
  const MpiWorld world = mpi_world();
  if (world.size == 1) return run_monte_carlo(study, model, options);
  uncertainty::check_mc_options(study, options);
  const auto [begin, end] = shard_range(options.trials, options.shard_index, options.shard_count);
  // Rank r takes the r-th of `size` contiguous slices of [begin, end).
  std::vector<std::uint64_t> slice_begin(world.size + 1);
  for (int r = 0; r <= world.size; ++r) slice_begin[r] = begin + shard_range(end - begin, r, world.size).first;
  slice_begin[world.size] = end;
  McOptions mine = options;
  if (world.rank != 0) mine.progress = nullptr;  // one progress bar, rank 0's
  // Every rank reaches the Allreduce below, even after an error, so none waits forever.
  McRun run;
  std::exception_ptr failure;
  try {
    run = uncertainty::run_trial_range(study, model, mine, slice_begin[world.rank], slice_begin[world.rank + 1]);
  } catch (...) {
    failure = std::current_exception();
  }
  enum Status : int { done = 0, interrupted = 1, failed = 2 };
  int status = failure ? failed : run.interrupted ? interrupted : done, worst = done;
  MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (failure) std::rethrow_exception(failure);
  if (worst == failed) throw std::runtime_error("another MPI rank failed (see its error)");
  run.interrupted = worst == interrupted;
  if (run.interrupted) return run;

  // Every row as inputs then outputs, flattened; the row counts follow from the slices.
  const std::size_t width = run.inputs.size() + run.outputs.size();
  if ((end - begin) * width > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
    throw UsageError("too many trials x columns for one MPI gather: split the run with --shard i/n");
  std::vector<double> flat;
  flat.reserve(run.results.size() * width);
  for (std::size_t r = 0; r < run.results.size(); ++r) {
    flat.insert(flat.end(), run.sampled[r].begin(), run.sampled[r].end());
    flat.insert(flat.end(), run.results[r].begin(), run.results[r].end());
  }
  std::vector<int> counts(world.size), offsets(world.size);
  for (int r = 0; r < world.size; ++r) {
    counts[r] = static_cast<int>((slice_begin[r + 1] - slice_begin[r]) * width);
    offsets[r] = static_cast<int>((slice_begin[r] - begin) * width);
  }
  std::vector<double> all(world.rank == 0 ? (end - begin) * width : 0);
  MPI_Gatherv(flat.data(), static_cast<int>(flat.size()), MPI_DOUBLE, all.data(), counts.data(), offsets.data(),
              MPI_DOUBLE, 0, MPI_COMM_WORLD);

  run.first_trial = begin;
  run.sampled.clear();
  run.results.clear();
  if (world.rank != 0) return run;
  for (std::uint64_t t = 0; t < end - begin; ++t) {
    const double* row = all.data() + t * width;
    run.sampled.emplace_back(row, row + run.inputs.size());
    run.results.emplace_back(row + run.inputs.size(), row + width);
  }
  return run;
}

#else  // built without PIVOT_MPI

bool mpi_built() { return false; }
void mpi_start(int&, char**&) {}
void mpi_stop() {}
void mpi_abort(int code) { std::exit(code); }
MpiWorld mpi_world() { return {}; }
McRun run_monte_carlo_distributed(const Study& study, const TrialModel& model, const McOptions& options) {
  return run_monte_carlo(study, model, options);
}

#endif

}  // namespace pivot
