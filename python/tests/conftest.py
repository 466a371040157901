"""Shared fixtures: the `pivot` binary under test (PIVOT_BINARY, set by ctest), the
checkout (PIVOT_SOURCE_DIR) and the shared reference data (PIVOT_SHARED_DATA: absent,
its tests skip, or fail when CI=true, as tests/support/paths.hpp does for C++)."""

import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("PIVOT_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("PIVOT_BINARY", str(SOURCE_DIR / "build/release/pivot"))
SHARED_DATA = Path(os.environ.get("PIVOT_SHARED_DATA", SOURCE_DIR.parent / "shared/data"))


class Cli:
    """Runs the `pivot` command line: the reference the module must equal."""

    def __call__(self, *args, cwd=None, check=True):
        done = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, cwd=cwd)
        if check and done.returncode != 0:
            raise AssertionError(f"pivot {' '.join(map(str, args))} exited {done.returncode}: {done.stderr}")
        return done

    def files(self, *args, directory):
        """Runs a command that writes into `directory`; returns {name: bytes}."""
        self(*args)
        return {p.name: p.read_bytes() for p in Path(directory).iterdir() if p.is_file()}


@pytest.fixture(scope="session")
def cli():
    return Cli()


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE_DIR


def shared_file(relative):
    """A file of ../shared/data; skips without it, fails without it when CI=true."""
    path = SHARED_DATA / relative
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing (CI=true: shared reference data is required)")
        pytest.skip(f"{path} is missing")
    return path
