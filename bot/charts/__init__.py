"""Stance timelines: the data (timeline), the picture (render) and its alt text (describe).

Only `render` needs the plotting library, and it imports it inside the function, so
nothing the bot loads at start pulls matplotlib in.
"""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.charts.describe import MAX_ALT_TEXT, alt_text, credit_line
    from bot.charts.render import render_png
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
else:
    __getattr__ = public_names(__name__, __file__)

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
    "render_png",
]
