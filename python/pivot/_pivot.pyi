# Type stubs for pivot._pivot, the C++ extension (python/src/module.cpp). Use the `pivot`
# package: it wraps these with pandas and documents them (docs/python.md).
from typing import Any, Optional

import numpy as np

__version__: str

class InputError(ValueError):
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    field: Optional[str]
    message: str

class UsageError(ValueError): ...
class OutputError(OSError): ...

class Issue:
    id: str
    name: str
    unit: str
    min: float
    max: float
    low: str
    high: str
    status_quo: Optional[float]
    def __init__(self, *, id: str, name: str = "", unit: str = "", min: float = 0.0, max: float = 100.0,
                 low: str = "", high: str = "", status_quo: Optional[float] = None) -> None: ...

class Study:
    name: str
    title: str
    as_of: str
    description: str
    format: str
    input_hash: str
    issues: list[Issue]
    directory: str
    def actor_columns(self) -> dict[str, Any]: ...
    def sources_columns(self) -> dict[str, list[str]]: ...
    def uncertainty_columns(self) -> dict[str, Any]: ...
    def actors_csv(self) -> str: ...

class Forecast:
    models: list[str]
    study: Study
    rounds_used: list[int]
    converged: list[bool]
    options: list[tuple[str, str]]
    def outcome_columns(self) -> dict[str, Any]: ...
    def positions_columns(self, model: int) -> dict[str, Any]: ...
    def trace_columns(self, model: int) -> dict[str, Any]: ...
    def outcome_csv(self) -> bytes: ...
    def positions_csv(self) -> bytes: ...
    def manifest_json(self) -> bytes: ...
    def forecast_json(self) -> bytes: ...
    def table(self) -> str: ...

class MonteCarlo:
    text: str
    files: dict[str, bytes]
    def trial_columns(self) -> dict[str, Any]: ...

class McSettings:
    model: str
    sets: list[str]
    spreads: list[str]
    trials: int
    seed: int
    threads: int
    shard: str

class SensitivitySettings:
    model: str
    sets: list[str]
    spreads: list[str]
    by: str
    samples: int
    seed: int
    threads: int
    top: int

class SolveSettings:
    game: str
    row_payoffs: str
    col_payoffs: str
    method: str
    check: str
    digits: int
    json: bool
    from_text: bool
    name: str
    label: int
    max_equilibria: int
    tolerance: float
    trace: bool

def load(name_or_path: str) -> Study: ...
def with_actors(base: Study, actors_text: str, file: str) -> Study: ...
def study_from_tables(name: str, issues: list[Issue], issues_where: str, actors_text: str,
                      actors_file: str) -> Study: ...
def builtin_scenario_root() -> str: ...
def forecast(study: Study, model: str, seed: int, threads: int, sets: list[str]) -> Forecast: ...
def mc(study: Study, settings: McSettings) -> MonteCarlo: ...
def merge(dirs: list[str]) -> MonteCarlo: ...
def sensitivity(study: Study, settings: SensitivitySettings) -> tuple[str, dict[str, bytes]]: ...
class RunSettings:
    seed: int
    threads: int
    trials: int
    monte_carlo: bool
    sets: list[str]
    def __init__(self) -> None: ...

def run(name_or_path: str, settings: RunSettings, out_dir: str) -> tuple[str, dict[str, bytes]]: ...
def report(name_or_path: str, from_dir: str, seed: int, threads: int) -> str: ...
def report_study(study: Study, seed: int, threads: int) -> str: ...
def deal(deal_or_scenario: str, sets: list[str], sweep: str) -> tuple[str, dict[str, bytes]]: ...
def trade(model_file: str, threads: int) -> tuple[str, dict[str, bytes]]: ...
def solve(settings: SolveSettings) -> dict[str, Any]: ...
def write_files(dir: str, files: list[tuple[str, bytes]]) -> None: ...

class ExplainSettings:
    actor: str
    issue: str
    model: str
    seed: int
    threads: int
    sets: list[str]
    def __init__(self) -> None: ...

def explain(name_or_path: str, settings: ExplainSettings) -> str: ...
def validate(name_or_path: str) -> tuple[list[str], list[str], str]: ...
def init(directory: str) -> tuple[str, dict[str, bytes]]: ...
def ge(model_file: str) -> tuple[str, dict[str, bytes]]: ...

class ServeConfig:
    scenario: str
    port: int
    max_body_bytes: int
    seed: int
    threads: int
    def __init__(self) -> None: ...

class UiServer:
    def __init__(self, config: ServeConfig) -> None: ...
    @property
    def port(self) -> int: ...
    @property
    def token(self) -> str: ...
    @property
    def url(self) -> str: ...
    def listen(self) -> None: ...
    def stop(self) -> None: ...
