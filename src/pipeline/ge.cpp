// `pivot ge`: a structural-gravity model file estimated and solved, as documents.
#include "pivot/econ/ge_model.hpp"
#include "pivot/output/ge_output.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::pipeline {

Documents ge_study(const std::filesystem::path& model_file) {
  const gravity::GeModel model = gravity::load_ge_model(model_file);
  const gravity::GeRun run = gravity::run_ge(model);
  Documents out;
  out.text = gravity::ge_table(model, run);
  out.files = {{"ge.json", gravity::ge_json(model, run, version_string())},
               {"countries.csv", gravity::ge_countries_csv(run)},
               {"pairs.csv", gravity::ge_pairs_csv(run)},
               {"coefficients.csv", gravity::ge_coefficients_csv(run)}};
  return out;
}

}  // namespace pivot::pipeline
