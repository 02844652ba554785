"""`python -m bench.attribution`: every set in both modes, and the gates CI runs.

Gates (fractions, 0 to 1; default 0; exit 1 when any is missed): `--min-precision` and
`--min-recall` on the project's own stories, `--sealed-min-precision` and
`--sealed-min-recall` on the sealed set, each in both modes. `--misses` prints the dev
sets' per-story tables and wrong credits; the sealed set's are never printed.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.attribution import DATA, DEV, SEALED
from bench.attribution.report import by_kind, by_story, totals
from bench.attribution.scoring import Report, evaluate

MODES = (("paragraphs", False), ("one line", True))


def _report(folder: Path, flatten: bool) -> Report | None:
    return evaluate(folder, flatten=flatten) if (folder / "gold.json").is_file() else None


def main(argv: Sequence[str] | None = None) -> int:
    """Print every set's figures; return 1 when a gate is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the own set's folder")
    parser.add_argument("--min-precision", type=float, default=0.0, metavar="P")
    parser.add_argument("--min-recall", type=float, default=0.0, metavar="R")
    parser.add_argument("--sealed-min-precision", type=float, default=0.0, metavar="P")
    parser.add_argument("--sealed-min-recall", type=float, default=0.0, metavar="R")
    parser.add_argument("--misses", action="store_true", help="dev tables and wrong credits")
    args = parser.parse_args(argv)
    failed: list[str] = []
    for mode, flatten in MODES:
        own = _report(args.data, flatten)
        dev = _report(DEV, flatten)
        sealed = _report(SEALED, flatten)
        print(f"== {mode} ==")
        for label, report in (("own", own), ("dev", dev), ("sealed", sealed)):
            if report is None:
                print(f"{label}: no data")
                continue
            print(totals(label, report))
            if args.misses and label != "sealed":
                print(by_story(report))
        for label, report in (("dev (own + dev)", _joined(own, dev)), ("sealed", sealed)):
            if report is not None:
                print(f"per kind, {label}:\n{by_kind(report)}")
        if not flatten:  # the own set's floor is its paragraph figures
            failed += _gates(f"own, {mode}", own, args.min_precision, args.min_recall)
        failed += _gates(
            f"sealed, {mode}", sealed, args.sealed_min_precision, args.sealed_min_recall
        )
    for reason in failed:
        print(f"FAIL: {reason}", file=sys.stderr)
    return 1 if failed else 0


def _joined(*reports: Report | None) -> Report | None:
    present = [r for r in reports if r is not None]
    return Report(tuple(s for r in present for s in r.stories)) if present else None


def _gates(label: str, report: Report | None, precision: float, recall: float) -> list[str]:
    if report is None:
        return [f"{label}: no data"] if precision or recall else []
    failed = []
    if report.precision < precision:
        failed.append(f"{label}: precision {report.precision:.1%} < {precision:.1%}")
    if report.recall < recall:
        failed.append(f"{label}: recall {report.recall:.1%} < {recall:.1%}")
    return failed
