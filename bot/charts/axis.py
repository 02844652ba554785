"""Where statements sit across a chart: evenly spaced by day, labelled with their dates.

A time-proportional axis lets one late statement squeeze everything before it into a
sliver (a year-long gap left 13 months of statements in a tenth of the width). Here each
distinct day with a statement gets one slot, so statements are never crushed together;
the tick labels give their dates, and a gap of more than GAP_DAYS between two neighbouring
slots is marked as a break, because the spacing is no longer a scale of time.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from math import ceil
from zoneinfo import ZoneInfo

GAP_DAYS = 90  # neighbouring statements further apart than this get a break mark
MAX_LABELS = 12  # dated tick labels that fit under a 10-inch chart without touching
END_ROOM = 0.6  # slots of room after the last statement, where every line runs on to


@dataclass(frozen=True)
class StatementAxis:
    """The x axis: slot `i` is `days[i]`, the i-th distinct day with a statement."""

    days: tuple[date, ...]
    zone: ZoneInfo

    def x(self, moment: datetime) -> float:
        """The slot of the day `moment` falls on, in the chart's zone."""
        return float(self.days.index(moment.astimezone(self.zone).date()))

    @property
    def span(self) -> tuple[float, float]:
        """The axis limits: room before the first slot and after the last."""
        return -END_ROOM, len(self.days) - 1 + END_ROOM

    @property
    def ticks(self) -> list[tuple[float, str]]:
        """(slot, "13 Mar\\n2025") for every slot, or evenly chosen ones, first and last kept."""
        count = len(self.days)
        step = max(1, ceil(count / MAX_LABELS))
        chosen = list(range(0, count, step))
        if chosen[-1] != count - 1:
            # The last statement is always dated; drop a neighbour that would touch it.
            if count - 1 - chosen[-1] < step and len(chosen) > 1:
                chosen.pop()
            chosen.append(count - 1)
        return [(float(i), f"{self.days[i]:%-d %b}\n{self.days[i]:%Y}") for i in chosen]

    @property
    def breaks(self) -> list[float]:
        """Midpoints between neighbouring slots more than GAP_DAYS apart."""
        long = timedelta(days=GAP_DAYS)
        return [i + 0.5 for i, (a, b) in enumerate(pairwise(self.days)) if b - a > long]


def statement_axis(moments: list[datetime], *, zone: ZoneInfo) -> StatementAxis:
    """The axis for statements made at `moments` (at least one)."""
    return StatementAxis(
        days=tuple(sorted({m.astimezone(zone).date() for m in moments})), zone=zone
    )
