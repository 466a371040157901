// `pivot trade`: one trade model file solved both ways, as documents.
#include "pivot/econ/trade.hpp"
#include "pivot/output/trade_output.hpp"
#include "pivot/pipeline/pipeline.hpp"

namespace pivot::pipeline {

Documents trade_study(const std::filesystem::path& model_file, int threads) {
  const trade::TradeModel model = trade::load_trade_model(model_file);
  const trade::TradeResult result = trade::solve_trade(model, threads);
  Documents out;
  out.text = trade::trade_table(model, result);
  out.files = {{"trade.json", trade::trade_json(model, result, version_string())},
               {"regions.csv", trade::regions_csv(model, result)},
               {"flows.csv", trade::flows_csv(model, result)},
               {"regions-by-product.csv", trade::regions_by_product_csv(result)}};
  return out;
}

}  // namespace pivot::pipeline
