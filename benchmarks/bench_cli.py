"""CLI start-up: `rjplan --help` and `rjplan validate` on a small file (goal: < 0.3 s each).

Hyperfine-style: each command runs as a fresh process, a few times unmeasured to warm the file
cache, then RUNS times measured. The table gives the wall-clock seconds (min, median, mean with
its standard deviation, max) and the median CPU seconds (user + system) of the process: on
shared, busy cores the wall clock includes waiting for a core, the CPU time does not. `python
-c pass` is the floor: the interpreter's own start-up, which no change to rjplan can remove.
The unit test that keeps heavy imports out of start-up is tests/service/test_cli_startup.py;
this only measures.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

WARMUP, RUNS = 3, 20
GOAL_S = 0.3
SMALL_FILE = Path(__file__).parents[1] / "tests" / "fixtures" / "problem-tiny.json"


def _cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed_runs(command: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of RUNS fresh runs of `command`, after WARMUP unmeasured."""
    wall, cpu = [], []
    for i in range(WARMUP + RUNS):
        cpu_before, started = _cpu_of_children(), time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        if i >= WARMUP:
            wall.append(time.perf_counter() - started)
            cpu.append(_cpu_of_children() - cpu_before)
    return wall, cpu


def main() -> None:
    """Print the table for benchmarks/README.md."""
    rjplan = str(Path(sys.executable).parent / "rjplan")
    commands = [
        ("python -c pass (floor)", [sys.executable, "-c", "pass"], False),
        ("rjplan --help", [rjplan, "--help"], True),
        ("rjplan validate problem-tiny.json", [rjplan, "validate", str(SMALL_FILE)], True),
        ("rjplan allocate --help", [rjplan, "allocate", "--help"], False),
    ]
    print(f"{WARMUP} warm-up runs, then {RUNS} measured, each a fresh process; seconds")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| command | wall min | wall median | wall mean ± sd | wall max | CPU median | goal |")
    print("|---|---|---|---|---|---|---|")
    for label, command, has_goal in commands:
        wall, cpu = timed_runs(command)
        median = statistics.median(wall)
        goal = ("met" if median < GOAL_S else "NOT met") if has_goal else "-"
        print(
            f"| {label} | {min(wall):.3f} | {median:.3f} | {statistics.mean(wall):.3f} ± "
            f"{statistics.stdev(wall):.3f} | {max(wall):.3f} | {statistics.median(cpu):.3f} | "
            f"{goal} |"
        )
