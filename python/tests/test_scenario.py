"""Scenarios in memory: the actors DataFrame, its round trip, edits checked with the
loader's own errors, and scenarios built from frames."""

import shutil

import numpy as np
import pandas as pd
import pytest

import pivot


@pytest.fixture
def korea_copy(tmp_path, source_dir):
    """A copy of korea-2025 to break or edit, for the CLI to read."""
    target = tmp_path / "korea"
    shutil.copytree(source_dir / "scenarios/korea-2025", target)
    return target


def test_actors_frame_is_actors_csv(source_dir):
    korea = pivot.load("korea-2025")
    expected = pd.read_csv(source_dir / "scenarios/korea-2025/actors.csv", float_precision="round_trip")
    pd.testing.assert_frame_equal(korea.actors, expected.astype({c: float for c in expected.columns[2:]}),
                                  check_exact=True)


def test_round_trip_changes_nothing():
    korea = pivot.load("korea-2025")
    again = korea.with_actors(korea.actors)
    assert again.input_hash == korea.input_hash
    pd.testing.assert_frame_equal(again.actors, korea.actors, check_exact=True)
    pd.testing.assert_frame_equal(again.uncertainty, korea.uncertainty, check_exact=True)
    assert pivot.forecast(again).files == pivot.forecast(korea).files


def test_edit_equals_the_cli_on_the_edited_file(cli, korea_copy, tmp_path):
    korea = pivot.load("korea-2025")
    actors = korea.actors
    actors.loc[actors.id == "kr-gov", "usfk-flexibility.position"] = 70.0
    edited = korea.with_actors(actors)
    assert edited.input_hash != korea.input_hash
    (korea_copy / "actors.csv").write_text(edited.actors_csv())
    cli("forecast", korea_copy, "--csv", tmp_path / "out")
    files = pivot.forecast(edited).files
    for name in ("outcome.csv", "positions.csv"):
        assert files[name] == (tmp_path / "out" / name).read_bytes()
    assert files["outcome.csv"] != pivot.forecast(korea).files["outcome.csv"]


def test_bad_actors_csv_raises_the_cli_message(cli, korea_copy):
    csv = (korea_copy / "actors.csv").read_text().splitlines()
    csv[3] = csv[3].replace(",35,", ",-35,", 1)
    (korea_copy / "actors.csv").write_text("\n".join(csv) + "\n")
    done = cli("forecast", korea_copy, check=False)
    assert done.returncode == 2
    with pytest.raises(pivot.InputError) as raised:
        pivot.load(korea_copy)
    assert done.stderr == f"error: {raised.value}\n"
    assert (raised.value.file, raised.value.line, raised.value.field) == (str(korea_copy / "actors.csv"), 4,
                                                                          "capability")
    assert isinstance(raised.value, ValueError)


def test_bad_frame_raises_what_the_loader_says_of_the_same_file(cli, korea_copy):
    korea = pivot.load("korea-2025")
    actors = korea.actors
    actors.loc[2, "cash-share.salience"] = 120.0
    with pytest.raises(pivot.InputError) as raised:
        korea.with_actors(actors, source="actors.csv")
    e = raised.value
    assert (e.file, e.line, e.field) == ("actors.csv", 4, "cash-share.salience")
    (korea_copy / "actors.csv").write_text(actors.to_csv(index=False))
    done = cli("forecast", korea_copy, check=False)
    assert done.stderr == f"error: {korea_copy}/{e}\n"


def test_missing_column_and_unknown_actor_field():
    korea = pivot.load("korea-2025")
    with pytest.raises(pivot.InputError, match="missing column 'capability'"):
        korea.with_actors(korea.actors.drop(columns="capability"))
    with pytest.raises(pivot.InputError, match="unknown column 'mood'"):
        korea.with_actors(korea.actors.assign(mood=1))
    with pytest.raises(TypeError):
        korea.with_actors([1, 2])


def test_removing_an_actor_drops_its_uncertainty_and_notes():
    korea = pivot.load("korea-2025")
    fewer = korea.with_actors(korea.actors[korea.actors.id != "japan"].reset_index(drop=True))
    assert "japan" not in set(fewer.actors.id)
    assert not fewer.uncertainty.input.str.startswith("japan.").any()
    assert korea.uncertainty.input.str.startswith("japan.").any()
    assert "japan" not in set(fewer.sources.actor)
    pivot.forecast(fewer)


def test_from_frames_equals_the_loaded_scenario():
    korea = pivot.load("korea-2025")
    built = pivot.Scenario.from_frames(korea.actors, korea.issues, name="korea-2025")
    assert built.format == "memory"
    a, b = pivot.forecast(built), pivot.forecast(korea)
    pd.testing.assert_frame_equal(a.outcome, b.outcome, check_exact=True)
    pd.testing.assert_frame_equal(a.positions, b.positions, check_exact=True)


def test_from_frames_small_by_hand():
    actors = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"], "capability": [1.0, 1.0, 2.0],
                           "x.position": [0.0, 50.0, 100.0], "x.salience": [100.0, 100.0, 100.0]})
    scenario = pivot.Scenario.from_frames(actors, [{"id": "x", "unit": "%"}])
    outcome = pivot.forecast(scenario, model="median").outcome
    # docs/models/baselines.md: weights 1, 1, 2 at 0, 50, 100; the cumulative weight hits half
    # (2 of 4) exactly at 50, and the lower position is taken.
    assert outcome.predicted.iloc[0] == 50.0
    mean = pivot.forecast(scenario, model="mean").outcome.predicted.iloc[0]
    assert mean == pytest.approx((0 + 50 + 200) / 4)


def test_from_frames_checks_issues_as_scenario_toml():
    actors = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "capability": [1, 1],
                           "x.position": [0, 5], "x.salience": [50, 50]})
    with pytest.raises(pivot.InputError) as raised:
        pivot.Scenario.from_frames(actors, [{"id": "x", "min": 10, "max": 0}])
    assert (raised.value.file, raised.value.field, raised.value.message) == ("issues", "issues[0].max",
                                                                               "expected max > min")
    with pytest.raises(pivot.InputError, match="x.position: .*"):
        pivot.Scenario.from_frames(actors.assign(**{"x.position": [0, 500]}), [{"id": "x"}])
    with pytest.raises(pivot.InputError, match="duplicate issue id 'x'"):
        pivot.Scenario.from_frames(actors, [{"id": "x"}, {"id": "x"}])
    with pytest.raises(TypeError):
        pivot.Scenario.from_frames(actors, [{"id": "x", "colour": "red"}])


def test_usage_errors_read_as_the_cli(cli):
    done = cli("forecast", "korea-2025", "--model", "nope", check=False)
    with pytest.raises(pivot.UsageError) as raised:
        pivot.forecast("korea-2025", model="nope")
    assert done.stderr == f"error: {raised.value}\n"
    done = cli("forecast", "no-such-scenario", check=False)
    with pytest.raises(pivot.InputError) as raised:
        pivot.load("no-such-scenario")
    assert done.stderr == f"error: {raised.value}\n"
    assert raised.value.line is None
