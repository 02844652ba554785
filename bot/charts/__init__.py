"""Stance timelines: the data (timeline), the picture (render) and its alt text (describe).

Only `render` needs the plotting library, and it imports it inside the function, so
nothing the bot loads at start pulls matplotlib in.
"""

from bot.charts.describe import MAX_ALT_TEXT, alt_text, credit_line
from bot.charts.timeline import (
    LEVELS,
    MAX_SERIES,
    Remark,
    Series,
    Step,
    Timeline,
    Withdrawn,
    build_timeline,
)

__all__ = [
    "LEVELS",
    "MAX_ALT_TEXT",
    "MAX_SERIES",
    "Remark",
    "Series",
    "Step",
    "Timeline",
    "Withdrawn",
    "alt_text",
    "build_timeline",
    "credit_line",
]
