// pivot._pivot: the pipeline (include/pivot/pipeline/pipeline.hpp) for Python.
// Nothing here computes: each function converts its arguments, calls the pipeline with
// the GIL released and hands back what it returns, numbers as contiguous numpy arrays
// (the pandas DataFrames are put together in python/pivot/__init__.py). Long calls watch
// for Ctrl-C and stop the pipeline between trials through StudyControl::stop.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <chrono>
#include <future>
#include <limits>
#include <memory>

#include "pivot/core/atomic_file.hpp"
#include "pivot/core/error.hpp"
#include "pivot/core/version.hpp"
#include "pivot/output/forecast_output.hpp"
#include "pivot/pipeline/pipeline.hpp"
#include "pivot/scenario/scenario_write.hpp"
#include "pivot/serve/serve.hpp"

namespace py = pybind11;

namespace pivot::python {
namespace {

// --- errors --------------------------------------------------------------------

PyObject* input_error = nullptr;
PyObject* usage_error = nullptr;
PyObject* output_error = nullptr;

// pivot.InputError carries where the input went wrong as attributes (None where unknown).
void raise_input_error(const InputError& e) {
  const SourcePosition& at = e.position();
  py::object error = py::reinterpret_borrow<py::object>(input_error)(e.what());
  const auto or_none = [](auto value, bool known) { return known ? py::cast(value) : py::none(); };
  error.attr("file") = or_none(at.file, !at.file.empty());
  error.attr("line") = or_none(at.line, at.line > 0);
  error.attr("column") = or_none(at.column, at.column > 0);
  error.attr("field") = or_none(at.field, !at.field.empty());
  error.attr("message") = e.message();
  PyErr_SetObject(input_error, error.ptr());
}

void translate_errors(std::exception_ptr thrown) {
  try {
    if (thrown) std::rethrow_exception(thrown);
  } catch (const InputError& e) {
    raise_input_error(e);
  } catch (const UsageError& e) {
    PyErr_SetString(usage_error, e.what());
  } catch (const OutputError& e) {
    PyErr_SetString(output_error, e.what());
  }
}

// --- running without the GIL ---------------------------------------------------

// Runs `work(stop)` on a thread of its own while this one waits without the GIL and
// checks for signals ten times a second; on Ctrl-C it raises `stop`, waits for the work
// to wind down and raises KeyboardInterrupt. Threads not Python's main one see no signals.
template <class Work>
auto run_stoppable(Work work) {
  std::atomic<bool> stop{false};
  auto done = std::async(std::launch::async, [&] { return work(stop); });
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    while (done.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {
        interrupted = true;
        stop = true;
        break;
      }
    }
    done.wait();
  }
  if (interrupted) {
    try {
      done.get();
    } catch (...) {  // the KeyboardInterrupt is what the caller needs to see
    }
    throw py::error_already_set();
  }
  return done.get();
}

template <class Work>
auto without_gil(Work work) {
  py::gil_scoped_release release;
  return work();
}

// --- numbers out -----------------------------------------------------------------

template <class T>
py::array_t<T> array(std::vector<T> values) {
  auto* held = new std::vector<T>(std::move(values));
  py::capsule owner(held, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(held->size()), held->data(), owner);
}

py::dict documents_dict(const pipeline::Documents& documents) {
  py::dict files;
  for (const auto& [name, content] : documents.files) files[py::str(name)] = py::bytes(content);
  return files;
}

// --- forecasts -------------------------------------------------------------------

// A forecast and the study it ran on, for the DataFrames and the files.
// Shares the Python Scenario's study rather than copying it: a forecast of korea-2025
// takes under 2 ms, and a copy of its study would be a measurable part of that.
struct Forecast {
  std::shared_ptr<const Study> study;
  pipeline::ForecastRun run;
  const Scenario& scenario() const { return study->scenario; }
};

std::vector<std::string> actor_ids(const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const Actor& actor : scenario.actors) ids.push_back(actor.id);
  return ids;
}

std::vector<std::string> issue_ids(const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const Issue& issue : scenario.issues) ids.push_back(issue.id);
  return ids;
}

// outcome.csv's rows: per issue, each model.
py::dict outcome_columns(const Forecast& f) {
  std::vector<std::int32_t> issue, model;
  std::vector<double> predicted;
  for (std::size_t k = 0; k < f.scenario().issues.size(); ++k)
    for (std::size_t m = 0; m < f.run.results.size(); ++m) {
      issue.push_back(static_cast<std::int32_t>(k));
      model.push_back(static_cast<std::int32_t>(m));
      predicted.push_back(f.run.results[m].predicted[k]);
    }
  std::vector<std::string> models;
  for (const ForecastResult& r : f.run.results) models.push_back(r.model);
  py::dict out;
  out["issue"] = array(std::move(issue));
  out["issues"] = issue_ids(f.scenario());
  out["model"] = array(std::move(model));
  out["models"] = models;
  out["predicted"] = array(std::move(predicted));
  return out;
}

// positions.csv's rows of one model: round, actor, issue.
py::dict positions_columns(const Forecast& f, std::size_t model) {
  const ForecastResult& result = f.run.results.at(model);
  const std::size_t actors = f.scenario().actors.size(), issues = f.scenario().issues.size();
  const std::size_t rows = result.rounds.size() * actors * issues;
  std::vector<std::int32_t> round, actor, issue;
  std::vector<double> position;
  round.reserve(rows), actor.reserve(rows), issue.reserve(rows), position.reserve(rows);
  for (const Round& r : result.rounds)
    for (std::size_t a = 0; a < actors; ++a)
      for (std::size_t k = 0; k < issues; ++k) {
        round.push_back(r.index);
        actor.push_back(static_cast<std::int32_t>(a));
        issue.push_back(static_cast<std::int32_t>(k));
        position.push_back(r.positions[a][k]);
      }
  py::dict out;
  out["round"] = array(std::move(round));
  out["actor"] = array(std::move(actor));
  out["issue"] = array(std::move(issue));
  out["position"] = array(std::move(position));
  out["actors"] = actor_ids(f.scenario());
  out["issues"] = issue_ids(f.scenario());
  return out;
}

// The trace of one model: challenges, votes (one row per option) and moves; actors and
// issues as indices into `actors` and `issues` (-1: none).
py::dict trace_columns(const Forecast& f, std::size_t model) {
  const ForecastResult& result = f.run.results.at(model);
  struct {
    std::vector<std::int32_t> round, challenger, target, issue;
    std::vector<std::string> kind;
    std::vector<double> gain, p_win;
  } c;
  struct {
    std::vector<std::int32_t> round, actor, option, initiator, receiver;
    std::vector<double> probability;
    std::vector<bool> chosen;
  } v;
  struct {
    std::vector<std::int32_t> round, actor, partner, issue;
    std::vector<std::string> why;
  } m;
  for (const Round& r : result.rounds) {
    for (const Challenge& ch : r.challenges) {
      c.round.push_back(r.index), c.challenger.push_back(ch.challenger), c.target.push_back(ch.target);
      c.issue.push_back(ch.issue), c.kind.push_back(ch.kind);
      c.gain.push_back(ch.expected_gain), c.p_win.push_back(ch.win_probability);
    }
    for (const Vote& vote : r.votes)
      for (std::size_t o = 0; o < vote.probabilities.size(); ++o) {
        v.round.push_back(r.index), v.actor.push_back(vote.actor), v.option.push_back(static_cast<std::int32_t>(o));
        v.initiator.push_back(vote.initiators[o]), v.receiver.push_back(vote.receivers[o]);
        v.probability.push_back(vote.probabilities[o]), v.chosen.push_back(static_cast<int>(o) == vote.chosen);
      }
    for (const Move& move : r.moves) {
      m.round.push_back(r.index), m.actor.push_back(move.actor), m.partner.push_back(move.partner);
      m.issue.push_back(move.issue), m.why.push_back(move.reason);
    }
  }
  py::dict challenges, votes, moves;
  challenges["round"] = array(std::move(c.round));
  challenges["challenger"] = array(std::move(c.challenger));
  challenges["target"] = array(std::move(c.target));
  challenges["issue"] = array(std::move(c.issue));
  challenges["kind"] = c.kind;
  challenges["expected_gain"] = array(std::move(c.gain));
  challenges["win_probability"] = array(std::move(c.p_win));
  votes["round"] = array(std::move(v.round));
  votes["actor"] = array(std::move(v.actor));
  votes["option"] = array(std::move(v.option));
  votes["initiator"] = array(std::move(v.initiator));
  votes["receiver"] = array(std::move(v.receiver));
  votes["probability"] = array(std::move(v.probability));
  votes["chosen"] = py::array(py::cast(v.chosen));
  moves["round"] = array(std::move(m.round));
  moves["actor"] = array(std::move(m.actor));
  moves["partner"] = array(std::move(m.partner));
  moves["issue"] = array(std::move(m.issue));
  moves["why"] = m.why;
  py::dict out;
  out["challenges"] = challenges;
  out["votes"] = votes;
  out["moves"] = moves;
  out["actors"] = actor_ids(f.scenario());
  out["issues"] = issue_ids(f.scenario());
  return out;
}

// --- scenarios -------------------------------------------------------------------

// actors.csv's columns: id, name, capability, risk (NaN: none), then per issue the
// positions and saliences as [actor][issue] arrays.
py::dict actor_columns(const Study& study) {
  const Scenario& s = study.scenario;
  const std::size_t actors = s.actors.size(), issues = s.issues.size();
  std::vector<std::string> names;
  std::vector<double> capability, risk;
  py::array_t<double> position({actors, issues}), salience({actors, issues});
  auto p = position.mutable_unchecked<2>();
  auto q = salience.mutable_unchecked<2>();
  for (std::size_t a = 0; a < actors; ++a) {
    const Actor& actor = s.actors[a];
    names.push_back(actor.name);
    capability.push_back(actor.capability);
    risk.push_back(actor.risk.value_or(std::numeric_limits<double>::quiet_NaN()));
    for (std::size_t k = 0; k < issues; ++k) p(a, k) = actor.position[k], q(a, k) = actor.salience[k];
  }
  py::dict out;
  out["id"] = actor_ids(s);
  out["name"] = names;
  out["capability"] = array(std::move(capability));
  out["risk"] = array(std::move(risk));
  out["position"] = position;
  out["salience"] = salience;
  out["issues"] = issue_ids(s);
  return out;
}

py::dict sources_columns(const Study& study) {
  std::vector<std::string> actor, issue, field, source, reasoning;
  for (const SourceNote& note : study.scenario.sources) {
    actor.push_back(note.actor), issue.push_back(note.issue), field.push_back(note.field);
    source.push_back(note.source), reasoning.push_back(note.reasoning);
  }
  py::dict out;
  out["actor"] = actor, out["issue"] = issue, out["field"] = field;
  out["source"] = source, out["reasoning"] = reasoning;
  return out;
}

py::dict uncertainty_columns(const Study& s) {
  std::vector<std::string> name, distribution, origin;
  std::vector<double> low, mode, high, point;
  for (const UncertainInput& input : s.uncertainty) {
    name.push_back(uncertain_input_name(s, input));
    distribution.push_back(distribution_name(input.distribution.kind));
    low.push_back(input.distribution.low), mode.push_back(input.distribution.mode);
    high.push_back(input.distribution.high), point.push_back(actor_field(s, input));
    origin.push_back(input.origin);
  }
  py::dict out;
  out["input"] = name, out["distribution"] = distribution;
  out["low"] = array(std::move(low)), out["mode"] = array(std::move(mode)), out["high"] = array(std::move(high));
  out["point"] = array(std::move(point)), out["origin"] = origin;
  return out;
}

// --- long studies -----------------------------------------------------------------

pipeline::StudyControl control_with(const std::atomic<bool>& stop) {
  pipeline::StudyControl control;
  control.stop = &stop;
  return control;
}

struct McResult {
  pipeline::McStudy study;
};

py::dict trial_columns(const McResult& r) {
  const McRun& run = r.study.run;
  const std::size_t rows = run.results.size(), inputs = run.inputs.size(), outputs = run.outputs.size();
  py::array_t<double> sampled({rows, inputs}), results({rows, outputs});
  auto s = sampled.mutable_unchecked<2>();
  auto o = results.mutable_unchecked<2>();
  for (std::size_t t = 0; t < rows; ++t) {
    for (std::size_t i = 0; i < inputs; ++i) s(t, i) = run.sampled[t][i];
    for (std::size_t k = 0; k < outputs; ++k) o(t, k) = run.results[t][k];
  }
  std::vector<std::uint64_t> trial(rows);
  for (std::size_t t = 0; t < rows; ++t) trial[t] = run.first_trial + t;
  std::vector<std::string> input_names, output_names;
  for (const McInput& input : run.inputs) input_names.push_back(input.name);
  for (const TrialOutput& output : run.outputs) output_names.push_back(output.name);
  py::dict out;
  out["trial"] = array(std::move(trial));
  out["inputs"] = input_names;
  out["sampled"] = sampled;
  out["outputs"] = output_names;
  out["results"] = results;
  return out;
}

}  // namespace
}  // namespace pivot::python

using namespace pivot;
using namespace pivot::python;

PYBIND11_MODULE(_pivot, m) {
  m.doc() = "pivot's C++ pipeline; use the `pivot` package, which wraps it with pandas.";
  m.attr("__version__") = version_string();

  input_error = PyErr_NewExceptionWithDoc(
      "pivot.InputError",
      "Bad input: a file, a table or a value pivot cannot use. str() reads as the CLI's message "
      "(FILE:LINE:COLUMN: FIELD: MESSAGE); .file, .line, .column and .field say where (None where unknown).",
      PyExc_ValueError, nullptr);
  usage_error = PyErr_NewExceptionWithDoc("pivot.UsageError",
                                          "A request pivot cannot satisfy: an unknown model, method or option.",
                                          PyExc_ValueError, nullptr);
  output_error =
      PyErr_NewExceptionWithDoc("pivot.OutputError", "An output pivot cannot write.", PyExc_OSError, nullptr);
  m.attr("InputError") = py::handle(input_error);
  m.attr("UsageError") = py::handle(usage_error);
  m.attr("OutputError") = py::handle(output_error);
  py::register_exception_translator(translate_errors);

  py::class_<Issue>(m, "Issue", "One bargaining issue on a continuous scale in its native unit.")
      .def(py::init([](std::string id, std::string name, std::string unit, double min, double max, std::string low,
                       std::string high, std::optional<double> status_quo) {
             return Issue{std::move(id), std::move(name), std::move(unit), min,
                          max,           std::move(low),  std::move(high), status_quo};
           }),
           py::kw_only(), py::arg("id"), py::arg("name") = "", py::arg("unit") = "", py::arg("min") = 0.0,
           py::arg("max") = 100.0, py::arg("low") = "", py::arg("high") = "", py::arg("status_quo") = py::none())
      .def_readonly("id", &Issue::id)
      .def_readonly("name", &Issue::name)
      .def_readonly("unit", &Issue::unit)
      .def_readonly("min", &Issue::min)
      .def_readonly("max", &Issue::max)
      .def_readonly("low", &Issue::low)
      .def_readonly("high", &Issue::high)
      .def_readonly("status_quo", &Issue::status_quo)
      .def("__repr__", [](const Issue& i) { return "Issue(id='" + i.id + "', unit='" + i.unit + "')"; });

  // A study: the scenario's bargaining inputs and what its directory adds (uncertain
  // inputs, model-file parameters, [linkage], derived inputs); pivot.Scenario wraps one.
  py::class_<Study, std::shared_ptr<Study>>(m, "Study", "A loaded study (wrapped by pivot.Scenario).")
      .def_property_readonly("name", [](const Study& s) { return s.scenario.name; })
      .def_property_readonly("title", [](const Study& s) { return s.scenario.title; })
      .def_property_readonly("as_of", [](const Study& s) { return s.scenario.as_of; })
      .def_property_readonly("description", [](const Study& s) { return s.scenario.description; })
      .def_property_readonly("format", [](const Study& s) { return s.scenario.format; })
      .def_property_readonly("input_hash", [](const Study& s) { return s.scenario.input_hash; })
      .def_property_readonly("issues", [](const Study& s) { return s.scenario.issues; })
      .def_property_readonly("directory", [](const Study& s) { return s.scenario.directory.string(); })
      .def("actor_columns", &actor_columns)
      .def("sources_columns", &sources_columns)
      .def("uncertainty_columns", &uncertainty_columns)
      .def("actors_csv", [](const Study& s) { return actors_csv(s.scenario); });

  m.def("load", [](const std::string& name_or_path) {
    return without_gil([&] { return pipeline::load_study(name_or_path); });
  });
  m.def("with_actors", &pipeline::with_actors);
  m.def("study_from_tables", &pipeline::study_from_tables);
  m.def("builtin_scenario_root", [] { return pipeline::builtin_scenario_root().string(); });

  py::class_<Forecast>(m, "Forecast", "A forecast (wrapped by pivot.ForecastResult).")
      .def_property_readonly("models",
                             [](const Forecast& f) {
                               std::vector<std::string> names;
                               for (const ForecastResult& r : f.run.results) names.push_back(r.model);
                               return names;
                             })
      .def_property_readonly("study", [](const Forecast& f) { return Study(*f.study); })
      .def_property_readonly("rounds_used", [](const Forecast& f) { return f.run.results.front().rounds_used; })
      .def_property_readonly("converged", [](const Forecast& f) { return f.run.results.front().converged; })
      .def_property_readonly("options", [](const Forecast& f) { return f.run.results.front().options; })
      .def("outcome_columns", &outcome_columns)
      .def("positions_columns", &positions_columns)
      .def("trace_columns", &trace_columns)
      .def("outcome_csv", [](const Forecast& f) { return py::bytes(outcome_csv(f.scenario(), f.run.results)); })
      .def("positions_csv",
           [](const Forecast& f) { return py::bytes(positions_csv(f.scenario(), f.run.results.front())); })
      .def("manifest_json", [](const Forecast& f) { return py::bytes(manifest_json(f.run.manifest)); })
      .def("forecast_json",
           [](const Forecast& f) { return py::bytes(forecast_json(f.scenario(), f.run.results, f.run.manifest)); })
      .def("table", [](const Forecast& f) { return forecast_table(f.scenario(), f.run.results); });

  m.def("forecast", [](const std::shared_ptr<Study>& study, const std::string& model, std::uint64_t seed, int threads,
                       const std::vector<std::string>& sets) {
    pipeline::ForecastStudySettings settings{model, seed, threads, sets, false, false};
    return without_gil([&] { return Forecast{study, pipeline::forecast_run(*study, settings)}; });
  });

  py::class_<McResult>(m, "MonteCarlo", "A Monte Carlo run (wrapped by pivot.MonteCarloResult).")
      .def_property_readonly("text", [](const McResult& r) { return r.study.documents.text; })
      .def_property_readonly("files", [](const McResult& r) { return documents_dict(r.study.documents); })
      .def("trial_columns", &trial_columns);

  m.def("mc", [](const Study& study, const pipeline::McStudySettings& settings) {
    McResult result{run_stoppable([&](const std::atomic<bool>& stop) {
      return pipeline::monte_carlo_study(study, settings, control_with(stop));
    })};
    if (!result.study.complete()) throw std::runtime_error("the Monte Carlo run did not complete");
    return result;
  });
  py::class_<pipeline::McStudySettings>(m, "McSettings")
      .def(py::init<>())
      .def_readwrite("model", &pipeline::McStudySettings::model)
      .def_readwrite("sets", &pipeline::McStudySettings::sets)
      .def_readwrite("spreads", &pipeline::McStudySettings::spreads)
      .def_readwrite("trials", &pipeline::McStudySettings::trials)
      .def_readwrite("seed", &pipeline::McStudySettings::seed)
      .def_readwrite("threads", &pipeline::McStudySettings::threads)
      .def_readwrite("shard", &pipeline::McStudySettings::shard);

  py::class_<pipeline::SensitivityStudySettings>(m, "SensitivitySettings")
      .def(py::init<>())
      .def_readwrite("model", &pipeline::SensitivityStudySettings::model)
      .def_readwrite("sets", &pipeline::SensitivityStudySettings::sets)
      .def_readwrite("spreads", &pipeline::SensitivityStudySettings::spreads)
      .def_readwrite("by", &pipeline::SensitivityStudySettings::by)
      .def_readwrite("samples", &pipeline::SensitivityStudySettings::samples)
      .def_readwrite("seed", &pipeline::SensitivityStudySettings::seed)
      .def_readwrite("threads", &pipeline::SensitivityStudySettings::threads)
      .def_readwrite("top", &pipeline::SensitivityStudySettings::top);
  m.def("sensitivity", [](const Study& study, const pipeline::SensitivityStudySettings& settings) {
    pipeline::SensitivityStudy analysis = run_stoppable([&](const std::atomic<bool>& stop) {
      return pipeline::sensitivity_study(study, settings, control_with(stop));
    });
    if (analysis.interrupted) throw std::runtime_error("the sensitivity analysis did not complete");
    return py::make_tuple(analysis.documents.text, documents_dict(analysis.documents));
  });

  m.def("merge", [](const std::vector<std::string>& dirs) {
    return McResult{without_gil([&] { return pipeline::merge_study(dirs); })};
  });

  m.def("run", [](const std::string& name_or_path, const pipeline::RunSettings& settings, const std::string& out_dir) {
    const pipeline::Documents documents = run_stoppable([&](const std::atomic<bool>& stop) {
      return pipeline::run_study(pipeline::load_study(name_or_path), settings, out_dir, control_with(stop));
    });
    return py::make_tuple(documents.text, documents_dict(documents));
  });
  py::class_<pipeline::RunSettings>(m, "RunSettings")
      .def(py::init<>())
      .def_readwrite("seed", &pipeline::RunSettings::seed)
      .def_readwrite("threads", &pipeline::RunSettings::threads)
      .def_readwrite("trials", &pipeline::RunSettings::trials)
      .def_readwrite("monte_carlo", &pipeline::RunSettings::monte_carlo)
      .def_readwrite("sets", &pipeline::RunSettings::sets);

  m.def("report", [](const std::string& name_or_path, const std::string& from_dir, std::uint64_t seed, int threads) {
    return without_gil([&] { return pipeline::report_study(name_or_path, from_dir, seed, threads); });
  });
  m.def("report_study", [](const Study& study, std::uint64_t seed, int threads) {
    return without_gil([&] { return pipeline::report_study(study, seed, threads); });
  });

  m.def("deal",
        [](const std::string& deal_or_scenario, const std::vector<std::string>& sets, const std::string& sweep) {
          const pipeline::Documents documents =
              without_gil([&] { return pipeline::deal_study(deal_or_scenario, sets, sweep); });
          return py::make_tuple(documents.text, documents_dict(documents));
        });

  m.def("trade", [](const std::string& model_file, int threads) {
    const pipeline::Documents documents = without_gil([&] { return pipeline::trade_study(model_file, threads); });
    return py::make_tuple(documents.text, documents_dict(documents));
  });

  py::class_<pipeline::SolveSettings>(m, "SolveSettings")
      .def(py::init<>())
      .def_readwrite("game", &pipeline::SolveSettings::game)
      .def_readwrite("row_payoffs", &pipeline::SolveSettings::row_payoffs)
      .def_readwrite("col_payoffs", &pipeline::SolveSettings::col_payoffs)
      .def_readwrite("method", &pipeline::SolveSettings::method)
      .def_readwrite("check", &pipeline::SolveSettings::check)
      .def_readwrite("digits", &pipeline::SolveSettings::digits)
      .def_readwrite("json", &pipeline::SolveSettings::json)
      .def_readwrite("describe", &pipeline::SolveSettings::describe)
      .def_readwrite("from_text", &pipeline::SolveSettings::from_text)
      .def_readwrite("name", &pipeline::SolveSettings::name)
      .def_property(
          "label", [](const pipeline::SolveSettings& s) { return s.options.label; },
          [](pipeline::SolveSettings& s, std::size_t v) { s.options.label = v; })
      .def_property(
          "max_equilibria", [](const pipeline::SolveSettings& s) { return s.options.max_equilibria; },
          [](pipeline::SolveSettings& s, std::size_t v) { s.options.max_equilibria = v; })
      .def_property(
          "tolerance", [](const pipeline::SolveSettings& s) { return s.options.tolerance; },
          [](pipeline::SolveSettings& s, double v) { s.options.tolerance = v; })
      .def_property(
          "trace", [](const pipeline::SolveSettings& s) { return s.options.trace; },
          [](pipeline::SolveSettings& s, bool v) { s.options.trace = v; });
  m.def("solve", [](const pipeline::SolveSettings& settings) {
    const pipeline::SolveStudy study = without_gil([&] { return pipeline::solve_study(settings); });
    py::dict out;
    out["text"] = study.text;
    out["trace"] = study.trace;
    out["json"] = study.json ? py::object(py::bytes(*study.json)) : py::none();
    out["error"] = study.error;
    out["exit_code"] = study.exit_code;
    return out;
  });

  // Files as `pivot run` writes them: all or none (core's StagedDirectory).
  m.def("explain", [](const std::string& name_or_path, const pipeline::ExplainSettings& settings) {
    return without_gil([&] { return pipeline::explain_study(name_or_path, settings); });
  });
  py::class_<pipeline::ExplainSettings>(m, "ExplainSettings")
      .def(py::init<>())
      .def_readwrite("actor", &pipeline::ExplainSettings::actor)
      .def_readwrite("issue", &pipeline::ExplainSettings::issue)
      .def_readwrite("model", &pipeline::ExplainSettings::model)
      .def_readwrite("seed", &pipeline::ExplainSettings::seed)
      .def_readwrite("threads", &pipeline::ExplainSettings::threads)
      .def_readwrite("sets", &pipeline::ExplainSettings::sets);

  m.def("validate", [](const std::string& name_or_path) {
    const pipeline::Validation v = without_gil([&] { return pipeline::validate_study(name_or_path); });
    return py::make_tuple(v.errors, v.warnings, pipeline::validation_text(v));
  });

  m.def("init", [](const std::string& dir) {
    const pipeline::Documents documents = pipeline::init_study(pipeline::init_directory_name(dir));
    return py::make_tuple(documents.text, documents_dict(documents));
  });

  m.def("ge", [](const std::string& model_file) {
    const pipeline::Documents documents = without_gil([&] { return pipeline::ge_study(model_file); });
    return py::make_tuple(documents.text, documents_dict(documents));
  });

  py::class_<ServeConfig>(m, "ServeConfig")
      .def(py::init<>())
      .def_readwrite("scenario", &ServeConfig::scenario)
      .def_readwrite("port", &ServeConfig::port)
      .def_readwrite("max_body_bytes", &ServeConfig::max_body_bytes)
      .def_readwrite("seed", &ServeConfig::seed)
      .def_readwrite("threads", &ServeConfig::threads);
  py::class_<UiServer>(m, "UiServer")
      .def(py::init<const ServeConfig&>(), py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("port", &UiServer::port)
      .def_property_readonly("token", &UiServer::token)
      .def_property_readonly("url", &UiServer::url)
      .def("listen", &UiServer::listen, py::call_guard<py::gil_scoped_release>())
      .def("stop", &UiServer::stop, py::call_guard<py::gil_scoped_release>());

  m.def("write_files", [](const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files) {
    StagedDirectory staged(dir);
    for (const auto& [name, content] : files) write_file_atomic(staged.path() / name, content);
    staged.commit();
  });
}
