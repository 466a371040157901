"""pivot for Python: forecast, solve and price strategic bargaining between states.

Every function calls pivot's C++ pipeline (the one the `pivot` command runs), so a
result equals the CLI's to the last bit for the same inputs and seed. Tables come back
as pandas DataFrames with the columns of the CLI's CSV files.

    >>> import pivot
    >>> korea = pivot.load("korea-2025")
    >>> pivot.forecast(korea).outcome          # as `pivot forecast korea-2025 --csv DIR`

See docs/python.md for the whole API.
"""

from __future__ import annotations

import io
import json as _json
import os
import threading
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _pivot
from ._pivot import InputError, OutputError, UsageError

__version__ = _pivot.__version__
__all__ = [
    "InputError", "UsageError", "OutputError", "Issue", "Scenario", "ForecastResult", "Trace",
    "MonteCarloResult", "SensitivityResult", "Documents", "SolveResult",
    "load", "forecast", "mc", "merge", "sensitivity", "trade", "deal", "solve", "run", "report",
    "explain", "validate", "Validation", "init", "ge", "Server", "serve",
]

Issue = _pivot.Issue
ScenarioLike = Union["Scenario", str, os.PathLike]


def _options(settings: Mapping[str, Any]) -> list[str]:
    """KEY=VALUE texts as `--set` takes them; booleans as true/false."""
    def text(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return repr(value) if isinstance(value, float) else str(value)
    return [f"{key}={text(value)}" for key, value in settings.items()]


def _categorical(codes: np.ndarray, names: Sequence[str]) -> pd.Categorical:
    """Ids from their indices, without a Python loop; -1 (no target, no partner, all
    issues) becomes a missing value."""
    return pd.Categorical.from_codes(codes, categories=list(names))


def _read_csv(text: bytes) -> pd.DataFrame:
    """A CSV document pivot wrote; numbers read back to the very doubles written."""
    return pd.read_csv(io.BytesIO(text), float_precision="round_trip", keep_default_na=False, na_values=[""])


# ---------------------------------------------------------------------------
# Scenarios


class Scenario:
    """A scenario: issues, actors and their sourced judgements.

    Make one with `pivot.load(name_or_path)` or `Scenario.from_frames(actors, issues)`;
    edit it with `with_actors(df)`. It is immutable: editing returns a new scenario.
    """

    def __init__(self, loaded: "_pivot.Study", source: Optional[str] = None):
        self._study = loaded
        self._source = source  # the name or path it was loaded from; None once edited

    @classmethod
    def from_frames(cls, actors: pd.DataFrame, issues: Union[pd.DataFrame, Iterable[Mapping[str, Any]]],
                    name: str = "scenario") -> "Scenario":
        """A scenario built in memory.

        `actors` has actors.csv's columns: id, name, capability, risk (optional; NaN for
        none), and for each issue `ISSUE.position` and `ISSUE.salience`. `issues` is a
        DataFrame or a list of dicts with id and optionally name, unit, min (0), max (100),
        low, high, status_quo. Both are checked as the loader checks scenario.toml and
        actors.csv; a problem raises InputError naming the row (the header is line 1).
        """
        rows = issues.to_dict("records") if isinstance(issues, pd.DataFrame) else list(issues)
        made = []
        for row in rows:
            given = {key: value for key, value in row.items() if not _missing(value)}
            made.append(Issue(**given))
        return cls(_pivot.study_from_tables(name, made, "issues", _actors_csv(actors), "actors"))

    # --- what it holds

    @property
    def name(self) -> str:
        return self._study.name

    @property
    def title(self) -> str:
        return self._study.title

    @property
    def as_of(self) -> str:
        return self._study.as_of

    @property
    def description(self) -> str:
        return self._study.description

    @property
    def format(self) -> str:
        """"pivot" (a directory), "ktab-csv", "predictioneer-csv" or "memory" (from_frames)."""
        return self._study.format

    @property
    def input_hash(self) -> str:
        """FNV-1a 64 of the inputs, as the manifests carry it; an edit changes it."""
        return self._study.input_hash

    @property
    def directory(self) -> Optional[str]:
        return self._study.directory or None

    @property
    def issues(self) -> pd.DataFrame:
        """One row per issue: id, name, unit, min, max, low, high, status_quo (NaN: none)."""
        return pd.DataFrame(
            [{"id": i.id, "name": i.name, "unit": i.unit, "min": i.min, "max": i.max, "low": i.low,
              "high": i.high, "status_quo": np.nan if i.status_quo is None else i.status_quo}
             for i in self._study.issues])

    @property
    def actors(self) -> pd.DataFrame:
        """actors.csv as a DataFrame (saliences priced by [linkage] already in place).

        Edit a copy and pass it to `with_actors`."""
        columns = self._study.actor_columns()
        data: dict[str, Any] = {"id": columns["id"], "name": columns["name"],
                                "capability": columns["capability"], "risk": columns["risk"]}
        for k, issue in enumerate(columns["issues"]):
            data[f"{issue}.position"] = columns["position"][:, k]
            data[f"{issue}.salience"] = columns["salience"][:, k]
        return pd.DataFrame(data)

    @property
    def sources(self) -> pd.DataFrame:
        """sources.csv: actor, issue, field, source, reasoning."""
        return pd.DataFrame(self._study.sources_columns())

    @property
    def uncertainty(self) -> pd.DataFrame:
        """The uncertain inputs Monte Carlo samples: input, distribution, low, mode, high, point, origin."""
        return pd.DataFrame(self._study.uncertainty_columns())

    def with_actors(self, actors: pd.DataFrame, source: str = "actors") -> "Scenario":
        """A copy with these actors (actors.csv's columns), checked as actors.csv is.

        Errors raise InputError naming `source`, the row's line (header = line 1) and the
        column. Uncertain inputs and source notes follow their actor by id; the input hash
        changes unless the actors are the same."""
        edited = _pivot.with_actors(self._study, _actors_csv(actors), source)
        same = edited.input_hash == self._study.input_hash
        return Scenario(edited, self._source if same else None)

    def actors_csv(self) -> str:
        """The actors as actors.csv text (shortest round-trip numbers)."""
        return self._study.actors_csv()

    def __repr__(self) -> str:
        return f"<pivot.Scenario {self.name!r}: {len(self._study.issues)} issues, {len(self.actors)} actors>"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def _actors_csv(actors: pd.DataFrame) -> str:
    """The DataFrame as actors.csv text, for the loader's own checks (numbers in shortest
    round-trip form, so the doubles arrive unchanged)."""
    if not isinstance(actors, pd.DataFrame):
        raise TypeError(f"actors: expected a pandas DataFrame, got {type(actors).__name__}")
    return actors.to_csv(index=False, lineterminator="\n")


def load(name_or_path: Union[str, os.PathLike]) -> Scenario:
    """A scenario directory, its scenario.toml, a KTAB SMP CSV, a Predictioneer-style CSV
    or a built-in name ("korea-2025"), as `pivot forecast` reads it. Raises InputError."""
    text = os.fspath(name_or_path)
    return Scenario(_pivot.load(text), text)


def _scenario(scenario: ScenarioLike) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load(scenario)


def _source(scenario: ScenarioLike, command: str) -> str:
    """The name or path of a scenario for the commands that read its files (run, deal)."""
    if not isinstance(scenario, Scenario):
        return os.fspath(scenario)
    if scenario._source is None:
        raise UsageError(f"pivot.{command} reads the scenario's files: pass a name or path, "
                         "not a scenario built or edited in memory")
    return scenario._source


# ---------------------------------------------------------------------------
# Forecasts


@dataclass(frozen=True)
class Trace:
    """Why the actors moved, round by round (the JSON trace of `pivot forecast --json`).

    challenges: round, challenger, target, issue, kind, expected_gain, win_probability
    votes: round, actor, option, initiator, receiver, probability, chosen (one row per option)
    moves: round, actor, partner, issue, why
    Missing target, partner or issue (NaN) mean none, none, all issues."""
    challenges: pd.DataFrame
    votes: pd.DataFrame
    moves: pd.DataFrame


class ForecastResult:
    """One model beside the baselines, as `pivot forecast` computes it."""

    def __init__(self, computed: "_pivot.Forecast"):
        self._forecast = computed

    @property
    def models(self) -> list[str]:
        """The model, then the baselines (mean, median, nbs)."""
        return self._forecast.models

    @property
    def outcome(self) -> pd.DataFrame:
        """outcome.csv: issue, model, predicted (one row per issue and model)."""
        c = self._forecast.outcome_columns()
        return pd.DataFrame({"issue": _categorical(c["issue"], c["issues"]),
                             "model": _categorical(c["model"], c["models"]), "predicted": c["predicted"]})

    @property
    def positions(self) -> pd.DataFrame:
        """positions.csv: round, actor, issue, position (round 0 = the input)."""
        return self.positions_of(0)

    def positions_of(self, model: Union[int, str]) -> pd.DataFrame:
        """The positions of one of `models` (baselines have round 0 and the outcome only)."""
        c = self._forecast.positions_columns(self._model_index(model))
        return pd.DataFrame({"round": c["round"], "actor": _categorical(c["actor"], c["actors"]),
                             "issue": _categorical(c["issue"], c["issues"]), "position": c["position"]})

    @property
    def trace(self) -> Trace:
        """Challenges, votes and moves of the model, round by round."""
        c = self._forecast.trace_columns(0)
        actors, issues = c["actors"], c["issues"]
        ch, vo, mo = c["challenges"], c["votes"], c["moves"]
        challenges = pd.DataFrame({
            "round": ch["round"], "challenger": _categorical(ch["challenger"], actors),
            "target": _categorical(ch["target"], actors), "issue": _categorical(ch["issue"], issues),
            "kind": ch["kind"], "expected_gain": ch["expected_gain"], "win_probability": ch["win_probability"]})
        votes = pd.DataFrame({
            "round": vo["round"], "actor": _categorical(vo["actor"], actors), "option": vo["option"],
            "initiator": _categorical(vo["initiator"], actors),
            "receiver": _categorical(vo["receiver"], actors), "probability": vo["probability"],
            "chosen": vo["chosen"]})
        moves = pd.DataFrame({
            "round": mo["round"], "actor": _categorical(mo["actor"], actors),
            "partner": _categorical(mo["partner"], actors), "issue": _categorical(mo["issue"], issues),
            "why": mo["why"]})
        return Trace(challenges, votes, moves)

    @property
    def rounds_used(self) -> list[int]:
        """Rounds the model ran, per issue."""
        return self._forecast.rounds_used

    @property
    def converged(self) -> list[bool]:
        return self._forecast.converged

    @property
    def options(self) -> dict[str, str]:
        """The model options as applied (the manifest's)."""
        return dict(self._forecast.options)

    @property
    def scenario(self) -> Scenario:
        return Scenario(self._forecast.study)

    @property
    def table(self) -> str:
        """The table `pivot forecast` prints."""
        return self._forecast.table()

    @property
    def files(self) -> dict[str, bytes]:
        """The files `pivot forecast --json F --csv DIR` writes, byte for byte: forecast.json,
        positions.csv, outcome.csv, manifest.json."""
        f = self._forecast
        return {"forecast.json": f.forecast_json(), "positions.csv": f.positions_csv(),
                "outcome.csv": f.outcome_csv(), "manifest.json": f.manifest_json()}

    @property
    def json(self) -> dict:
        """forecast.json, parsed."""
        return _json.loads(self._forecast.forecast_json())

    def _model_index(self, model: Union[int, str]) -> int:
        return model if isinstance(model, int) else self.models.index(model)

    def __repr__(self) -> str:
        return self.table


def forecast(scenario: ScenarioLike, model: str = "ktab", seed: int = 0, threads: int = 0,
             sets: Sequence[str] = (), **settings: Any) -> ForecastResult:
    """`pivot forecast`: one model (ktab, bdm, exchange, mean, median, nbs) beside the baselines.

    Model options come from the scenario's [models.NAME] table, then `settings`
    (`max_rounds=50` is `--set max_rounds=50`) and `sets` ("KEY=VALUE" texts, for keys
    that are not Python names). threads=0 uses every core; the result does not depend
    on it. The GIL is released while the model runs."""
    s = _scenario(scenario)
    return ForecastResult(_pivot.forecast(s._study, model, seed, threads, list(sets) + _options(settings)))


# ---------------------------------------------------------------------------
# Documents: what the other commands return


@dataclass(frozen=True)
class Documents:
    """What a command prints (`text`) and the files it writes (`files`: name -> bytes)."""
    text: str
    files: dict[str, bytes] = field(default_factory=dict)

    def frame(self, name: str) -> pd.DataFrame:
        """One of the CSV files as a DataFrame (numbers exactly as written)."""
        return _read_csv(self.files[name])

    def json(self, name: str) -> Any:
        """One of the JSON files, parsed."""
        return _json.loads(self.files[name])

    def write(self, directory: Union[str, os.PathLike]) -> None:
        """Writes every file into `directory`, all or none (as `pivot run -o` does)."""
        _pivot.write_files(os.fspath(directory), list(self.files.items()))

    def __repr__(self) -> str:
        return self.text


class MonteCarloResult(Documents):
    """`pivot mc`: text, files (trials.csv, summary.csv, manifest.json) and the tables."""

    def __init__(self, computed: "_pivot.MonteCarlo"):
        super().__init__(computed.text, computed.files)
        object.__setattr__(self, "_mc", computed)

    @property
    def trials(self) -> pd.DataFrame:
        """trials.csv: trial, each uncertain input's draw, each output."""
        c = self._mc.trial_columns()
        frame = pd.DataFrame(np.hstack([c["sampled"], c["results"]]), columns=c["inputs"] + c["outputs"])
        frame.insert(0, "trial", c["trial"])
        return frame

    @property
    def summary(self) -> pd.DataFrame:
        """summary.csv: issue, model, mean, p5, p25, p50, p75, p95."""
        return self.frame("summary.csv")


class SensitivityResult(Documents):
    """`pivot sensitivity`: text, files (tornado.csv, sobol.csv) and the tables."""

    @property
    def tornado(self) -> pd.DataFrame:
        return self.frame("tornado.csv")

    @property
    def sobol(self) -> Optional[pd.DataFrame]:
        return self.frame("sobol.csv") if "sobol.csv" in self.files else None


def mc(scenario: ScenarioLike, trials: int = 1000, seed: int = 0, model: str = "ktab", threads: int = 0,
       spreads: Union[Mapping[str, Any], Sequence[str]] = (), shard: str = "", sets: Sequence[str] = (),
       **settings: Any) -> MonteCarloResult:
    """`pivot mc`: Monte Carlo of `model` (ktab, bdm, mean, median, nbs, deal, trade:NAME,
    game:NAME) over the scenario's uncertain inputs.

    `spreads` are --spread defaults ({"position": 10} or ["position=10"]); model options as
    in `forecast`. The same seed gives the same numbers whatever `threads`. The GIL is
    released; Ctrl-C (KeyboardInterrupt) stops the run between trials."""
    s = _scenario(scenario)
    config = _pivot.McSettings()
    config.model, config.trials, config.seed, config.threads, config.shard = model, trials, seed, threads, shard
    config.sets = list(sets) + _options(settings)
    config.spreads = _options(spreads) if isinstance(spreads, Mapping) else list(spreads)
    return MonteCarloResult(_pivot.mc(s._study, config))


def merge(directories: Sequence[Union[str, os.PathLike]]) -> MonteCarloResult:
    """`pivot merge`: the shards written by `pivot mc --shard i/n --csv DIR`, joined."""
    return MonteCarloResult(_pivot.merge([os.fspath(d) for d in directories]))


def sensitivity(scenario: ScenarioLike, model: str = "ktab", by: str = "actor", samples: int = 512, seed: int = 0,
                threads: int = 0, top: int = 10, spreads: Union[Mapping[str, Any], Sequence[str]] = (),
                sets: Sequence[str] = (), **settings: Any) -> SensitivityResult:
    """`pivot sensitivity`: one-at-a-time (tornado) and Sobol indices (samples > 0, grouped
    `by` input, actor or issue). Ctrl-C stops it between runs."""
    s = _scenario(scenario)
    config = _pivot.SensitivitySettings()
    config.model, config.by, config.samples, config.seed = model, by, samples, seed
    config.threads, config.top = threads, top
    config.sets = list(sets) + _options(settings)
    config.spreads = _options(spreads) if isinstance(spreads, Mapping) else list(spreads)
    text, files = _pivot.sensitivity(s._study, config)
    return SensitivityResult(text, files)


def trade(model_file: Union[str, os.PathLike], threads: int = 0) -> Documents:
    """`pivot trade`: a trade model TOML solved both ways; files trade.json, regions.csv,
    flows.csv, regions-by-product.csv."""
    text, files = _pivot.trade(os.fspath(model_file), threads)
    return Documents(text, files)


def ge(model_file: Union[str, os.PathLike]) -> Documents:
    """`pivot ge`: a structural-gravity model TOML (docs/models/ge.md) estimated by PPML and
    solved in general equilibrium; files ge.json, countries.csv, pairs.csv, coefficients.csv."""
    text, files = _pivot.ge(os.fspath(model_file))
    return Documents(text, files)


def explain(scenario: ScenarioLike, actor: str, issue: str = "", model: str = "ktab", seed: int = 0,
            threads: int = 0, sets: Sequence[str] = (), **settings: Any) -> str:
    """`pivot explain`: one actor's story under `model` (ktab or bdm), round by round in
    sentences, then each issue's turning points; `issue` narrows it to one issue."""
    config = _pivot.ExplainSettings()
    config.actor, config.issue, config.model, config.seed, config.threads = actor, issue, model, seed, threads
    config.sets = list(sets) + _options(settings)
    return _pivot.explain(_source(scenario, "explain"), config)


@dataclass(frozen=True)
class Validation:
    """`pivot validate`: every problem a run would meet (errors, as the loaders word them)
    and, when the scenario loads, the warnings; `text` is what the CLI prints."""
    errors: list
    warnings: list
    text: str

    @property
    def ok(self) -> bool:
        return not self.errors

    def __repr__(self) -> str:
        return self.text


def validate(scenario: Union[str, os.PathLike]) -> Validation:
    """`pivot validate`: checks a scenario (name or path) as a run would; raises nothing
    for a bad scenario: the problems are in the result (the CLI exits 2 when not `ok`)."""
    errors, warnings, text = _pivot.validate(os.fspath(scenario))
    return Validation(list(errors), list(warnings), text)


def init(directory: Union[str, os.PathLike]) -> Documents:
    """`pivot init`: writes a small, valid, commented scenario into `directory` (new or
    empty; UsageError otherwise), named after it, and returns it as documents."""
    text, files = _pivot.init(os.fspath(directory))
    documents = Documents(text, files)
    documents.write(directory)
    return documents


class Server:
    """`pivot serve` in the background: the local web UI on 127.0.0.1 for a scenario (name
    or path), with a fresh access token. `url` is the address to open (in a notebook:
    `IPython.display.IFrame(server.url, 1200, 800)`); `stop()` or leaving a `with` block
    shuts it down. port=0 picks a free port."""

    def __init__(self, scenario: Union[str, os.PathLike], port: int = 0, seed: int = 0, threads: int = 0,
                 max_body_bytes: int = 1 << 20):
        config = _pivot.ServeConfig()
        config.scenario, config.port, config.seed, config.threads = os.fspath(scenario), port, seed, threads
        config.max_body_bytes = max_body_bytes
        self._server = _pivot.UiServer(config)
        self._thread = threading.Thread(target=self._server.listen, name="pivot-serve", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return self._server.url

    @property
    def port(self) -> int:
        return self._server.port

    @property
    def token(self) -> str:
        return self._server.token

    def stop(self) -> None:
        self._server.stop()
        self._thread.join()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"Server({self.url})"


def serve(scenario: Union[str, os.PathLike], port: int = 0, seed: int = 0, threads: int = 0) -> None:
    """`pivot serve`: prints the address and serves until Ctrl-C (KeyboardInterrupt), as the
    CLI does; `Server` is the same without blocking."""
    with Server(scenario, port=port, seed=seed, threads=threads) as server:
        print(server.url, flush=True)
        try:
            while server._thread.is_alive():
                server._thread.join(0.1)
        except KeyboardInterrupt:
            pass


def deal(deal_or_scenario: ScenarioLike, sweep: str = "", sets: Union[Mapping[str, Any], Sequence[str]] = ()
         ) -> Documents:
    """`pivot deal`: deal.toml (or a scenario's) priced; `sets` override terms
    ({"cash-share": 40} or ["cash-share=40"]), `sweep` is "TERM=FROM:TO:STEP". Files
    deal.json, schedule.csv and (with a sweep) sweep.csv."""
    terms = _options(sets) if isinstance(sets, Mapping) else list(sets)
    text, files = _pivot.deal(_source(deal_or_scenario, "deal"), terms, sweep)
    return Documents(text, files)


def run(scenario: ScenarioLike, seed: int = 0, threads: int = 0,
        out: Optional[Union[str, os.PathLike]] = None, trials: int = 1000, mc: bool = True,
        sets: Sequence[str] = (), **settings: Any) -> Documents:
    """`pivot run`: every analysis the scenario supports, as documents; with `out`, written
    there all or none (the files' messages name `out`, default out/<scenario>).

    `trials` is --trials (Monte Carlo trials per model), mc=False is --no-mc, model options
    as in `forecast` ("MODEL.KEY=VALUE" for one model). The GIL is released; Ctrl-C
    (KeyboardInterrupt) stops the run and nothing is written."""
    source = _source(scenario, "run")
    out_dir = os.fspath(out) if out is not None else os.path.join("out", _scenario(scenario).name)
    config = _pivot.RunSettings()
    config.seed, config.threads, config.trials, config.monte_carlo = seed, threads, trials, mc
    config.sets = list(sets) + _options(settings)
    text, files = _pivot.run(source, config, out_dir)
    documents = Documents(text, files)
    if out is not None:
        documents.write(out)
    return documents


def report(scenario: ScenarioLike, from_dir: Optional[Union[str, os.PathLike]] = None, seed: int = 0,
           threads: int = 0) -> str:
    """`pivot report`: the self-contained HTML page, drawn from a `pivot run` directory
    (`from_dir`) or from every model run here."""
    if from_dir is not None:
        return _pivot.report(_source(scenario, "report"), os.fspath(from_dir), seed, threads)
    return _pivot.report_study(_scenario(scenario)._study, seed, threads)


# ---------------------------------------------------------------------------
# Games


@dataclass(frozen=True)
class SolveResult:
    """`pivot solve`: `text` (NE,... lines, value,..., or regrets), `json` (the document, or
    None), `trace` (logit), `error` ("no equilibrium found" text) and `exit_code` (0, or 3
    when no equilibrium was found or the checked profile is not one)."""
    text: str
    json: Optional[dict]
    trace: str
    error: str
    exit_code: int

    @property
    def equilibria(self) -> list[str]:
        """The NE,... lines."""
        return [line for line in self.text.splitlines() if line.startswith("NE,")]

    def __repr__(self) -> str:
        return self.text + self.error


def _table_csv(payoffs: np.ndarray) -> str:
    """A payoff matrix as the CSV table --row-payoffs reads (labels s1, s2, ...; exact numbers)."""
    payoffs = np.asarray(payoffs)
    if payoffs.ndim != 2:
        raise ValueError(f"payoffs: expected a 2-d array, got {payoffs.ndim} dimensions")
    text = "," + ",".join(f"s{j + 1}" for j in range(payoffs.shape[1])) + "\n"
    for i, row in enumerate(payoffs.tolist()):
        text += f"s{i + 1}," + ",".join(repr(v) for v in row) + "\n"
    return text


def solve(game: Union[str, os.PathLike, tuple, None] = None, method: str = "", digits: Optional[int] = None,
          check: str = "", label: int = 0, max_equilibria: int = 0, tolerance: float = 1e-9, trace: bool = False,
          text: Optional[str] = None, row_payoffs: Any = None, col_payoffs: Any = None,
          name: str = "game") -> SolveResult:
    """`pivot solve`: Nash equilibria of a game.

    The game is a `.nfg`/`.efg` path or "SCENARIO:NAME" (`game`), Gambit text (`text=`),
    or a bimatrix: `row_payoffs` and `col_payoffs` as numpy arrays (or a tuple (A, B) as
    `game`). `method` as the CLI's --method (empty: enummixed for strategic games, the
    extensive default for .efg); `digits` prints decimals instead of exact rationals."""
    config = _pivot.SolveSettings()
    if isinstance(game, tuple):
        row_payoffs, col_payoffs = game
        game = None
    if text is not None:
        config.game, config.from_text, config.name = text, True, name
    elif row_payoffs is not None or col_payoffs is not None:
        if row_payoffs is None or col_payoffs is None:
            raise UsageError("give both row_payoffs and col_payoffs")
        config.row_payoffs, config.col_payoffs = _table_csv(row_payoffs), _table_csv(col_payoffs)
        config.from_text, config.name = True, name
    elif game is not None:
        config.game = os.fspath(game)
    config.method, config.check = method, check
    config.digits = -1 if digits is None else digits
    config.label, config.max_equilibria, config.tolerance, config.trace = label, max_equilibria, tolerance, trace
    config.json = True
    out = _pivot.solve(config)
    document = _json.loads(out["json"]) if out["json"] is not None else None
    return SolveResult(out["text"], document, out["trace"], out["error"], out["exit_code"])
