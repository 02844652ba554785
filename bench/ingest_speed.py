"""Offline ingest speed: a ~10,000-word article through `ingest_text` with no LLM.

The article is the reference article (seeds/seed-article.txt) repeated with every quote
varied per copy, so the extractor finds new statements in each copy instead of the same
ones again. Each run ingests into a fresh copy of a migrated, seeded SQLite database and
times the whole call (source row, quote finding, verification, candidate rows, commit).

Run: `python -m bench.ingest_speed [--words 10000] [--runs 3]`.
"""

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.dataset import migrated_sqlite
from bot.ingest.candidates.propose import ingest_text
from store import make_engine, unit_of_work

ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "seed-article.txt"
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
QUOTE = re.compile(r"“([^”]+)”")
VARIANTS = ("again", "on Monday", "to reporters", "in an interview", "late on Friday")


@dataclass(frozen=True)
class IngestResult:
    """Medians over the runs."""

    words: int
    candidates: int
    runs: int
    seconds: float

    @property
    def words_per_second(self) -> float:
        """Article words per second of ingest."""
        return self.words / self.seconds


def long_article(words: int) -> str:
    """Copies of the reference article, each with its quotes varied, until `words` words."""
    base = ARTICLE.read_text(encoding="utf-8")
    copies: list[str] = []
    total = 0
    while total < words:
        n = len(copies)

        def vary(match: re.Match[str], n: int = n) -> str:
            quote = match.group(1).rstrip(" .…")
            return f"“{quote}, {VARIANTS[n % len(VARIANTS)]} ({n}).”" if n else match.group(0)

        copy = QUOTE.sub(vary, base)
        copies.append(copy)
        total += len(copy.split())
    return "\n\n".join(copies)


def run(*, words: int = 10_000, runs: int = 3) -> IngestResult:
    """Ingest the article `runs` times, each into a fresh seeded database."""
    text = long_article(words)
    seconds: list[float] = []
    found: list[int] = []
    with tempfile.TemporaryDirectory(prefix="standpoint-ingest-") as scratch:
        template = Path(scratch) / "template.db"
        migrated_sqlite(template)
        for number in range(runs):
            path = Path(scratch) / f"run-{number}.db"
            shutil.copyfile(template, path)
            engine = make_engine(f"sqlite:///{path}")
            started = time.perf_counter()
            with unit_of_work(engine) as session:
                report = ingest_text(
                    session,
                    text=text,
                    url=None,
                    title="Bench article",
                    outlet=None,
                    llm=None,
                    recorded_by="bench",
                    now=NOW,
                )
            seconds.append(time.perf_counter() - started)
            found.append(len(report.candidates))
            engine.dispose()
    if not found or min(found) == 0:
        raise AssertionError(f"the offline extractor found nothing: {found}")
    return IngestResult(
        words=len(text.split()),
        candidates=int(statistics.median(found)),
        runs=runs,
        seconds=statistics.median(seconds),
    )


def main(argv: list[str] | None = None) -> int:
    """Time it and print one line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.ingest_speed", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    result = run(words=args.words, runs=args.runs)
    print(
        f"{result.words:,} words, {result.candidates} candidates: {result.seconds:.2f} s "
        f"(median of {result.runs}), {result.words_per_second:,.0f} words/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
