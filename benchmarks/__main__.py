"""Run the benchmarks: `python -m benchmarks [NAME ...]` (default: all of them).

Each `benchmarks/bench_NAME.py` has a `main() -> None` that prints its own table. Numbers go
into benchmarks/README.md by hand, with the date, machine and command, never by a test.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import benchmarks


def main(names: list[str]) -> None:
    found = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules(benchmarks.__path__)
        if m.name.startswith("bench_")
    )
    unknown = [n for n in names if n not in found]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; choose from {found}", file=sys.stderr)
        sys.exit(2)
    for name in names or found:
        print(f"\n=== benchmark {name}")
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.bench_{name}").main()
        print(f"=== {name} took {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
