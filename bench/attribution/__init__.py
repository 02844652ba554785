"""Attribution accuracy of the offline extractor on real news stories with gold speakers.

Three sets under tests/data/attribution/ (see its README.md): the project's own stories
(`gold.json` there), `dev/` (tune on it freely) and `sealed/` (scored only; its misses are
never printed). Each is scored with paragraphs kept and with the text on one line.
Run `python -m bench.attribution`; see `bench.attribution.cli` for the gates.
"""

from bench.attribution.scoring import (
    DATA,
    GoldQuote,
    Report,
    Speaker,
    Story,
    evaluate,
    load,
    normalise,
    one_line,
)

DEV = DATA / "dev"
SEALED = DATA / "sealed"

__all__ = [
    "DATA",
    "DEV",
    "SEALED",
    "GoldQuote",
    "Report",
    "Speaker",
    "Story",
    "evaluate",
    "load",
    "normalise",
    "one_line",
]
