"""Long calls release the GIL, and Ctrl-C stops a Monte Carlo between trials."""

import _thread
import threading
import time

import pytest

import pivot


def test_a_thread_runs_during_a_report():
    scenario = pivot.load("korea-2025")
    ticks = []
    running = threading.Event()
    stop = threading.Event()

    def count():
        running.set()
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    running.wait()
    start = time.perf_counter()
    # One call long enough to see (a report runs every model and a short Monte Carlo: about
    # 0.1-0.2 s); a forecast alone now takes 2 ms, too short to tell held from released.
    pivot.report(scenario, threads=1)
    end = time.perf_counter()
    stop.set()
    counter.join()
    during = [t for t in ticks if start < t < end]
    # With the GIL held the counter would stall for the whole call (0 ticks); released, it
    # ticks about once a millisecond throughout.
    assert len(during) >= 10, f"{len(during)} ticks in {end - start:.3f} s"


def test_ctrl_c_stops_a_monte_carlo():
    timer = threading.Timer(0.5, _thread.interrupt_main)
    timer.start()
    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        pivot.mc("korea-2025", trials=10_000_000, threads=1)
    timer.cancel()
    assert time.perf_counter() - start < 60  # 10 million trials would take hours
    # The module still works after the interrupt.
    assert len(pivot.mc("korea-2025", model="mean", trials=10).trials) == 10


def test_ctrl_c_stops_a_run_and_writes_nothing(tmp_path):
    timer = threading.Timer(0.5, _thread.interrupt_main)
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        pivot.run("korea-2025", trials=10_000_000, threads=1, out=tmp_path / "run")
    timer.cancel()
    assert not (tmp_path / "run").exists()


def test_ctrl_c_stops_serve(capsys):
    timer = threading.Timer(0.5, _thread.interrupt_main)
    timer.start()
    pivot.serve("korea-2025")  # returns on Ctrl-C, as `pivot serve` exits
    timer.cancel()
    assert capsys.readouterr().out.startswith("http://127.0.0.1:")
