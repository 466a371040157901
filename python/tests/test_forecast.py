"""pivot.forecast equals `pivot forecast` byte for byte, and its DataFrames hold the
very numbers of the CLI's CSV files."""

import json

import numpy as np
import pandas as pd
import pytest

import pivot
from conftest import shared_file


def read_csv(path):
    return pd.read_csv(path, float_precision="round_trip")


def cli_forecast(cli, tmp_path, scenario, *args):
    csv_dir = tmp_path / "csv"
    cli("forecast", scenario, "--csv", csv_dir, "--json", tmp_path / "forecast.json", *args)
    files = {p.name: p.read_bytes() for p in csv_dir.iterdir()}
    files["forecast.json"] = (tmp_path / "forecast.json").read_bytes()
    return files


@pytest.mark.parametrize("model", ["ktab", "bdm", "mean", "median", "nbs"])
def test_files_equal_the_cli_byte_for_byte(cli, tmp_path, model):
    result = pivot.forecast(pivot.load("korea-2025"), model=model)
    assert result.files == cli_forecast(cli, tmp_path, "korea-2025", "--model", model)


def test_seed_threads_and_settings_as_on_the_command_line(cli, tmp_path):
    result = pivot.forecast("korea-2025", seed=7, threads=1, sets=["transition=stochastic", "max_turns=12"])
    assert result.files == cli_forecast(cli, tmp_path, "korea-2025", "--seed", 7, "--set", "transition=stochastic",
                                        "--set", "max_turns=12")
    assert result.options["max_turns"] == "12"
    keyword = pivot.forecast("korea-2025", seed=7, transition="stochastic", max_turns=12)
    assert keyword.files == result.files
    assert pivot.forecast("korea-2025", seed=8, transition="stochastic", max_turns=12).files != result.files


def test_table_is_what_the_cli_prints(cli):
    assert pivot.forecast("korea-2025").table == cli("forecast", "korea-2025").stdout


def test_outcome_and_positions_frames_hold_the_csv_numbers(cli, tmp_path):
    result = pivot.forecast("korea-2025")
    cli_forecast(cli, tmp_path, "korea-2025")
    outcome = result.outcome
    assert list(outcome.columns) == ["issue", "model", "predicted"]
    expected = read_csv(tmp_path / "csv/outcome.csv")
    pd.testing.assert_frame_equal(outcome.astype({"issue": str, "model": str}), expected, check_exact=True)
    positions = result.positions
    assert list(positions.columns) == ["round", "actor", "issue", "position"]
    expected = read_csv(tmp_path / "csv/positions.csv")
    pd.testing.assert_frame_equal(positions.astype({"actor": str, "issue": str, "round": "int64"}), expected,
                                  check_exact=True)


def test_weighted_mean_baseline_by_hand():
    # docs/models/baselines.md: capability x salience weighted mean of the positions.
    korea = pivot.load("korea-2025")
    actors = korea.actors
    outcome = pivot.forecast(korea).outcome
    for issue in korea.issues.id:
        weight = actors.capability * actors[f"{issue}.salience"]
        by_hand = (weight * actors[f"{issue}.position"]).sum() / weight.sum()
        predicted = outcome[(outcome.issue == issue) & (outcome.model == "mean")].predicted.item()
        assert predicted == pytest.approx(by_hand, rel=1e-12)


def test_trace_frames_match_the_json_trace():
    result = pivot.forecast("korea-2025")
    rounds = result.json["models"][0]["rounds"]
    trace = result.trace
    moves = [m for r in rounds for m in r["moves"]]
    challenges = [c for r in rounds for c in r["challenges"]]
    options = [o for r in rounds for v in r["votes"] for o in v["options"]]
    assert len(trace.moves) == len(moves) > 0
    assert len(trace.challenges) == len(challenges)
    assert len(trace.votes) == len(options)
    assert list(trace.moves.why) == [m["why"] for m in moves]
    assert [None if pd.isna(p) else p for p in trace.moves.partner] == [m["partner"] for m in moves]
    assert list(trace.challenges.expected_gain) == [c["expected_gain"] for c in challenges]
    assert list(trace.votes.probability) == [o["probability"] for o in options]
    chosen = trace.votes[trace.votes.chosen]
    assert len(chosen) == sum(len(r["votes"]) for r in rounds)
    # "Why did us-trump move?"
    assert trace.moves[trace.moves.actor == "us-trump"].why.str.startswith("challenged").any()


def test_ktab_csv_from_the_shared_data_equals_the_cli(cli, tmp_path):
    path = shared_file("ktab/dummyData-a080.csv")
    result = pivot.forecast(pivot.load(path))
    assert result.files == cli_forecast(cli, tmp_path, path)
    assert len(result.scenario.actors) == 80


def test_every_model_converges_or_says_so():
    result = pivot.forecast("korea-2025", model="bdm")
    assert result.models == ["bdm", "mean", "median", "nbs"]
    assert len(result.rounds_used) == len(result.converged) == 9
    assert set(result.positions_of("mean")["round"]) == {0}
