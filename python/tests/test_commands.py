"""Every CLI command has its function, with the CLI's defaults and its results to the bit."""

import json
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pivot


def written(directory):
    return {p.name: p.read_bytes() for p in Path(directory).iterdir() if p.is_file()}


def test_mc_equals_the_cli(cli, tmp_path):
    result = pivot.mc("korea-2025", trials=200, seed=1, spreads={"position": 10})
    done = cli("mc", "korea-2025", "--trials", 200, "--seed", 1, "--spread", "position=10", "--csv", tmp_path)
    assert result.files == written(tmp_path)
    assert result.text == done.stdout
    trials = pd.read_csv(tmp_path / "trials.csv", float_precision="round_trip")
    pd.testing.assert_frame_equal(result.trials, trials, check_exact=True, check_dtype=False)
    pd.testing.assert_frame_equal(result.summary, pd.read_csv(tmp_path / "summary.csv", float_precision="round_trip"))


def test_mc_of_a_deal_and_the_same_bytes_on_one_thread(cli, tmp_path):
    result = pivot.mc(pivot.load("korea-2025"), model="deal", trials=100, seed=3, threads=1)
    cli("mc", "korea-2025", "--model", "deal", "--trials", 100, "--seed", 3, "--csv", tmp_path)
    assert result.files == written(tmp_path)
    assert pivot.mc("korea-2025", model="deal", trials=100, seed=3, threads=2).files == result.files


def test_mc_shards_merge(cli, tmp_path):
    for i in range(2):
        cli("mc", "korea-2025", "--trials", 60, "--seed", 2, "--model", "mean", "--shard", f"{i}/2", "--csv",
            tmp_path / f"s{i}")
    merged = pivot.merge([tmp_path / "s0", tmp_path / "s1"])
    assert merged.files == pivot.mc("korea-2025", trials=60, seed=2, model="mean").files


def test_mc_without_uncertain_inputs_is_a_usage_error(cli, source_dir):
    scenario = source_dir / "tests/data/ktab/synth-a05-d1.csv"  # a KTAB CSV has no uncertain inputs
    done = cli("mc", scenario, "--trials", 10, check=False)
    with pytest.raises(pivot.UsageError) as raised:
        pivot.mc(scenario, trials=10)
    assert done.stderr == f"error: {raised.value}\n"


def test_sensitivity_equals_the_cli(cli, tmp_path):
    result = pivot.sensitivity("korea-2025", model="mean", samples=16, seed=4, by="issue")
    done = cli("sensitivity", "korea-2025", "--model", "mean", "--samples", 16, "--seed", 4, "--by", "issue", "--csv",
               tmp_path)
    assert result.files == written(tmp_path)
    assert result.text == done.stdout
    assert list(result.tornado.columns) == list(pd.read_csv(tmp_path / "tornado.csv").columns)
    assert result.sobol is not None


def test_trade_equals_the_cli(cli, tmp_path, source_dir):
    model = source_dir / "scenarios/korea-2025/trade/us-tariff-25-vs-15.toml"
    result = pivot.trade(model)
    done = cli("trade", model, "--csv", tmp_path, "--json", tmp_path / "trade.json")
    assert result.files == written(tmp_path)
    assert result.text == done.stdout
    assert "region" in result.frame("regions.csv").columns


def test_deal_equals_the_cli(cli, tmp_path):
    result = pivot.deal("korea-2025", sets={"cash-share": 40}, sweep="payment-years=1:10:3")
    done = cli("deal", "korea-2025", "--set", "cash-share=40", "--sweep", "payment-years=1:10:3", "--csv", tmp_path,
               "--json", tmp_path / "deal.json")
    assert result.files == written(tmp_path)
    assert result.text == done.stdout
    assert len(result.frame("sweep.csv")) == 4  # 1, 4, 7, 10


@pytest.mark.parametrize("game", ["tests/data/games/pennies.nfg", "tests/data/games/bos-outcome.nfg",
                                  "tests/data/games/kuhn-poker.efg", "korea-2025:us-korea-deal"])
def test_solve_equals_the_cli(cli, tmp_path, source_dir, game):
    path = str(source_dir / game) if game.startswith("tests/") else game
    result = pivot.solve(path)
    done = cli("solve", path, "--json", tmp_path / "eq.json", check=False)
    assert result.text + result.error == done.stdout + done.stderr
    assert result.exit_code == done.returncode
    if (tmp_path / "eq.json").exists():
        assert result.json == json.loads((tmp_path / "eq.json").read_text())


def test_solve_text_and_numpy_arrays(source_dir):
    text = (source_dir / "tests/data/games/pennies.nfg").read_text()
    assert pivot.solve(text=text).text == pivot.solve(source_dir / "tests/data/games/pennies.nfg").text
    # Matching pennies: the one equilibrium mixes half and half (von Neumann's minimax).
    a = np.array([[1, -1], [-1, 1]])
    result = pivot.solve((a, -a))
    assert result.equilibria == ["NE,1/2,1/2,1/2,1/2"]
    assert pivot.solve(row_payoffs=a, col_payoffs=-a, method="lp").text.endswith("value,0\n")
    # Prisoner's dilemma: defect, defect (the second strategy of each) is the only equilibrium.
    pd_row = np.array([[3.0, 0.0], [5.0, 1.0]])
    assert pivot.solve((pd_row, pd_row.T), method="enumpure").equilibria == ["NE,0,1,0,1"]


def test_solve_errors(cli):
    with pytest.raises(pivot.UsageError, match="no game"):
        pivot.solve()
    with pytest.raises(pivot.InputError) as raised:
        pivot.solve(text="NFG 1 R \"broken\"", name="mine.nfg")
    assert raised.value.file == "mine.nfg"
    with pytest.raises(pivot.UsageError):
        pivot.solve((np.eye(2),) * 2, method="nope")


def test_report_equals_the_cli(cli, tmp_path):
    cli("report", "korea-2025", "-o", tmp_path / "r.html")
    assert pivot.report("korea-2025") == (tmp_path / "r.html").read_text()


def test_run_equals_the_cli(cli, tmp_path):
    done = cli("run", "korea-2025", "-o", tmp_path / "cli")
    result = pivot.run("korea-2025", out=tmp_path / "py")
    assert written(tmp_path / "py") == written(tmp_path / "cli") == result.files
    assert result.text == done.stdout.split("\nwrote ")[0]
    assert pivot.report("korea-2025", from_dir=tmp_path / "py") == pivot.report("korea-2025", from_dir=tmp_path / "cli")


def test_run_flags_equal_the_cli(cli, tmp_path):
    cli("run", "korea-2025", "--trials", "50", "--seed", "7", "--set", "ktab.max_turns=50", "-o", tmp_path / "cli")
    result = pivot.run("korea-2025", trials=50, seed=7, sets=["ktab.max_turns=50"], out=tmp_path / "py")
    assert written(tmp_path / "py") == written(tmp_path / "cli") == result.files
    cli("run", "korea-2025", "--no-mc", "-o", tmp_path / "cli-no-mc")
    assert pivot.run("korea-2025", mc=False).files == written(tmp_path / "cli-no-mc")


def test_run_needs_files():
    korea = pivot.load("korea-2025")
    edited = korea.with_actors(korea.actors.assign(capability=korea.actors.capability + 1))
    with pytest.raises(pivot.UsageError, match="reads the scenario's files"):
        pivot.run(edited)
    assert pivot.report(edited).startswith("<!doctype html>")


def test_ge_equals_the_cli(cli, source_dir, tmp_path):
    model = source_dir / "tests/data/ge/example.toml"
    done = cli("ge", model, "--csv", tmp_path, "--json", tmp_path / "ge.json")
    result = pivot.ge(model)
    assert result.files == written(tmp_path)
    assert result.text == done.stdout
    assert list(result.frame("countries.csv").columns)[0] == "country"


def test_explain_equals_the_cli(cli):
    done = cli("explain", "korea-2025", "--actor", "us-trump", "--issue", "us-tariff-korea")
    assert pivot.explain("korea-2025", actor="us-trump", issue="us-tariff-korea") == done.stdout
    done = cli("explain", "korea-2025", "--actor", "us-commerce", "--model", "bdm")
    assert pivot.explain("korea-2025", actor="us-commerce", model="bdm") == done.stdout
    with pytest.raises(pivot.UsageError, match="nobody"):
        pivot.explain("korea-2025", actor="nobody")


def test_init_and_validate_equal_the_cli(cli, tmp_path):
    ours, theirs = tmp_path / "py" / "talks", tmp_path / "cli" / "talks"  # same name, as init names it
    init_text = cli("init", theirs).stdout
    documents = pivot.init(ours)
    assert written(ours) == written(theirs) == documents.files
    assert init_text.endswith(documents.text)
    with pytest.raises(pivot.UsageError, match="exists and is not empty"):
        pivot.init(ours)
    assert pivot.validate(ours).ok
    assert pivot.validate(ours).text == cli("validate", theirs).stdout == "0 errors, 0 warnings\n"
    for directory in (ours, theirs):
        with open(directory / "sources.csv", "a") as f:
            f.write("nobody,,capability,x,y\n")
    bad = pivot.validate(ours)
    assert not bad.ok
    assert bad.errors == [f"{ours}/sources.csv:19:1: actor: unknown actor 'nobody'"]
    assert cli("validate", theirs, check=False).returncode == 2


def test_server_serves_the_ui_until_stopped():
    with pivot.Server("korea-2025") as server:
        assert server.url == f"http://127.0.0.1:{server.port}/?token={server.token}"
        request = urllib.request.Request(f"http://127.0.0.1:{server.port}/api/scenario",
                                         headers={"X-Pivot-Token": server.token})
        with urllib.request.urlopen(request, timeout=30) as response:
            scenario = json.load(response)
        assert scenario["name"] == "korea-2025"
        assert [i["id"] for i in scenario["issues"]] == list(pivot.load("korea-2025").issues.id)
        with pytest.raises(urllib.error.HTTPError):  # no token, no answer
            urllib.request.urlopen(f"http://127.0.0.1:{server.port}/api/scenario", timeout=30)
    with pytest.raises(pivot.InputError):
        pivot.Server("tests/data/nope-missing-dir/actors.csv")
