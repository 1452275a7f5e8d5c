"""The command line starts without loading the solver, the store or the web service.

Each check runs in a fresh interpreter, so what other tests imported cannot hide a regression.
How long start-up takes is measured by `make bench` (benchmarks/bench_cli.py), never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("ortools", "sqlalchemy", "fastapi", "uvicorn", "numpy", "distributed", "matplotlib")
TINY = Path(__file__).parents[1] / "fixtures" / "problem-tiny.json"

RUN_CLI = """
import json, sys
sys.argv = ["rjplan", *json.loads(sys.argv[1])]
import service.cli
try:
    service.cli.main()
except SystemExit:
    pass
sys.stdout.flush()
print("\\nLOADED", json.dumps(sorted(sys.modules)))
"""


def loaded_by(*args: str) -> set[str]:
    """The top-level packages (`ortools`, ...) loaded in a fresh interpreter by `rjplan ARGS`."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_CLI, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = json.loads(done.stdout.rsplit("\nLOADED ", 1)[1])
    return {name.split(".")[0] for name in modules}


def test_importing_the_cli_loads_no_solver_store_or_web_service() -> None:
    found = loaded_by("--version-of-nothing")  # an unknown option: usage error, nothing runs
    assert found.isdisjoint(HEAVY)
    assert "models" not in found


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("allocate", "--help"),
        ("scenario", "run", "--help"),
        ("user", "add", "--help"),
        ("serve", "--help"),
        ("demo", "--help"),
    ],
    ids=" ".join,
)
def test_help_loads_neither_the_models_nor_anything_heavy(args: tuple[str, ...]) -> None:
    found = loaded_by(*args)
    assert found.isdisjoint(HEAVY), found & set(HEAVY)
    assert "models" not in found  # not even the domain types: help needs only the signatures


def test_validating_a_small_file_loads_the_models_only() -> None:
    found = loaded_by("validate", str(TINY))
    assert "models" in found  # the document really was read
    assert found.isdisjoint(HEAVY), found & set(HEAVY)
    assert found.isdisjoint({"allocator", "geo", "rules"})
