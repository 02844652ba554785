"""Start-up: wall time of `standpoint --help` beside a bare `python -c pass` in the same run.

Both are run as subprocesses, alternately, `--runs` times each; the median of each is
printed with their difference (what the command line itself costs) and their ratio.

Run: `python -m bench.startup [--runs N]`.
"""

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

STANDPOINT = str(Path(sys.executable).parent / "standpoint")


@dataclass(frozen=True)
class StartupResult:
    help_seconds: float
    bare_seconds: float
    runs: int


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, timeout=120)  # noqa: S603  (our own commands)
    return time.perf_counter() - started


def measure(*, runs: int = 7) -> StartupResult:
    """Median wall time of `standpoint --help` and of a bare interpreter, interleaved."""
    helps, bares = [], []
    for _ in range(runs):
        bares.append(_wall([sys.executable, "-c", "pass"]))
        helps.append(_wall([STANDPOINT, "--help"]))
    return StartupResult(statistics.median(helps), statistics.median(bares), runs)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the medians, their difference and ratio."""
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    result = measure(runs=parser.parse_args(argv).runs)
    print(
        f"standpoint --help: {result.help_seconds:.2f} s; python -c pass: "
        f"{result.bare_seconds:.2f} s; difference {result.help_seconds - result.bare_seconds:.2f}"
        f" s; ratio {result.help_seconds / result.bare_seconds:.1f}x (median of {result.runs})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
