// pivot's public API in one include: <pivot/pivot.hpp>. Each module's headers
// can also be included alone; src/README.md describes the modules.
#pragma once

#include "pivot/core/atomic_file.hpp"
#include "pivot/core/csv.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/hash.hpp"
#include "pivot/core/utf8.hpp"
#include "pivot/core/version.hpp"

#include "pivot/scenario/distribution.hpp"
#include "pivot/scenario/scenario.hpp"
#include "pivot/scenario/scenario_write.hpp"
#include "pivot/scenario/study.hpp"
#include "pivot/scenario/toml_reader.hpp"

#include "pivot/bargain/forecast.hpp"

#include "pivot/games/extensive_game.hpp"
#include "pivot/games/game.hpp"
#include "pivot/games/game_structure.hpp"
#include "pivot/games/io/bimatrix_csv.hpp"
#include "pivot/games/io/efg.hpp"
#include "pivot/games/io/nfg.hpp"
#include "pivot/games/nash.hpp"
#include "pivot/games/scenario_games.hpp"
#include "pivot/games/solvers/backward.hpp"
#include "pivot/games/solvers/enummixed.hpp"
#include "pivot/games/solvers/enumpoly.hpp"
#include "pivot/games/solvers/enumpure.hpp"
#include "pivot/games/solvers/lcp.hpp"
#include "pivot/games/solvers/logit.hpp"
#include "pivot/games/solvers/lp.hpp"
#include "pivot/games/tree_index.hpp"

#include "pivot/econ/deal.hpp"
#include "pivot/econ/linkage.hpp"
#include "pivot/econ/trade.hpp"

#include "pivot/uncertainty/analysis.hpp"
#include "pivot/uncertainty/monte_carlo.hpp"
#include "pivot/uncertainty/mpi.hpp"
#include "pivot/uncertainty/parameters.hpp"
#include "pivot/uncertainty/run_control.hpp"
#include "pivot/uncertainty/run_files.hpp"
#include "pivot/uncertainty/sensitivity.hpp"
#include "pivot/uncertainty/summary.hpp"
#include "pivot/uncertainty/trial_model.hpp"

#include "pivot/output/deal_output.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/output/mc_output.hpp"
#include "pivot/output/sensitivity_output.hpp"
#include "pivot/output/trade_output.hpp"

#include "pivot/report/challengers.hpp"
#include "pivot/report/report.hpp"
#include "pivot/report/series_styles.hpp"

#include "pivot/pipeline/pipeline.hpp"

#include "pivot/serve/serve.hpp"
