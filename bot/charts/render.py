"""The chart as a PNG, drawn with matplotlib's Agg backend (no display, no pyplot state).

matplotlib is imported inside `render_png`, never at module import: the bot starts and
answers queries without it, and only a chart request pays its import (~0.7 s, ~57 MB;
see bench/chart_libraries.py). The Figure is built directly rather than through pyplot,
whose global figure registry is not safe on the Slack worker pool's threads.

Colour is never the only cue: each actor has its own marker shape and line style, named
in the legend; condition changes (a star) and withdrawn statements (a cross, off the
line) are explained there too. Actors at the same stance are nudged apart vertically so
one line never hides another.
"""

import io
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.charts.timeline import LEVELS, Series, Timeline
from bot.stances import LABELS
from bot.text import counted
from bot.views import ChangeKind

# Okabe–Ito: told apart with the common kinds of colour blindness.
_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
_MARKERS = ("o", "s", "^", "D", "v", "P", "h", "<")
_STYLES = ("-", "--", ":", "-.")
_NUDGE = 0.08  # vertical gap between actors at the same stance, in stance units
_NAME_CHARS = 32


def render_png(timeline: Timeline, *, zone: ZoneInfo) -> bytes:
    """The chart of `timeline` as PNG bytes (about 1000 x 520 pixels)."""
    from matplotlib.dates import AutoDateLocator, DateFormatter
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    figure = Figure(figsize=(10, 5.2), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    start, end = _span(timeline)
    pad = max((end - start) * 0.05, timedelta(days=2))
    handles: list[Any] = []
    count = len(timeline.series)
    for index, series in enumerate(timeline.series):
        nudge = (index - (count - 1) / 2) * _NUDGE
        style = {
            "color": _COLOURS[index % len(_COLOURS)],
            "marker": _MARKERS[index % len(_MARKERS)],
            "linestyle": _STYLES[index % len(_STYLES)],
        }
        named = count > 1  # in a topic chart a withdrawal mark is off every line: name it
        handles.append(
            _draw(axes, series, nudge=nudge, end=end + pad, zone=zone, style=style, named=named)
        )
    handles += _mark_keys(timeline, Line2D)
    axes.set_yticks(range(len(LEVELS)), [LABELS[stance] for stance in LEVELS])
    axes.set_ylim(-0.6, len(LEVELS) - 0.4)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.grid(axis="x", color="#eeeeee", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_xlim(start - pad, end + pad)  # type: ignore[arg-type]
    # Whole dates on every tick: a reader should not have to work out the month or year.
    axes.xaxis.set_major_locator(AutoDateLocator(tz=zone, minticks=3, maxticks=8))
    axes.xaxis.set_major_formatter(DateFormatter("%-d %b\n%Y", tz=zone))
    axes.set_title(_plain(timeline.title), fontsize=14, loc="left")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    if timeline.left_out:
        note = f"{counted(timeline.left_out, 'less active actor')} not shown"
        figure.text(0.99, 0.005, note, ha="right", va="bottom", fontsize=9, color="#444444")
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _draw(
    axes: Any,
    series: Series,
    *,
    nudge: float,
    end: datetime,
    zone: ZoneInfo,
    style: dict[str, str],
    named: bool,
) -> Any:
    """The actor's steps, held to the chart's end; marks for conditions and withdrawals."""
    name = _plain(series.actor if len(series.actor) <= _NAME_CHARS else series.actor[:31] + "…")
    days = [step.stated_at.astimezone(zone) for step in series.steps]
    heights = [step.level + nudge for step in series.steps]
    line = axes.plot(
        [*days, end.astimezone(zone)] if days else [],
        [*heights, heights[-1]] if heights else [],
        drawstyle="steps-post",
        linewidth=2,
        markersize=7,
        markevery=list(range(len(days))),
        label=name,
        **style,
    )[0]
    if not days:
        # Only withdrawn statements: the legend still needs the actor's marker and colour.
        line = axes.plot([], [], linewidth=2, markersize=7, label=name, **style)[0]
    changed = [s for s in series.steps if s.change is ChangeKind.CONDITIONS]
    for points, marker, size in ((changed, "*", 15), (series.withdrawn, "X", 10)):
        if points:
            # Hollow marks in the actor's colour: a condition change or a withdrawn statement.
            axes.plot(
                [p.stated_at.astimezone(zone) for p in points],
                [p.level + nudge for p in points],
                linestyle="none",
                marker=marker,
                markersize=size,
                markerfacecolor="white",
                markeredgecolor=style["color"],
                markeredgewidth=1.5,
                zorder=4,
            )
    if series.withdrawn:
        for mark in series.withdrawn if named else ():
            axes.annotate(
                name,
                (mark.stated_at.astimezone(zone), mark.level + nudge),
                xytext=(7, 5),
                textcoords="offset points",
                fontsize=8,
                color="#333333",
            )
    return line


def _mark_keys(timeline: Timeline, line_type: Any) -> list[Any]:
    """Legend entries for the marks this chart uses (none for marks it doesn't)."""
    keys = []
    common = {"linestyle": "none", "markerfacecolor": "white", "markeredgecolor": "#333333"}
    if any(s.change is ChangeKind.CONDITIONS for series in timeline.series for s in series.steps):
        keys.append(
            line_type([], [], marker="*", markersize=13, label="Conditions changed", **common)
        )
    if any(series.withdrawn for series in timeline.series):
        label = "Withdrawn or corrected\nstatement (not counted)"
        keys.append(line_type([], [], marker="X", markersize=9, label=label, **common))
    return keys


def _plain(text: str) -> str:
    """Names as typed: a `$` would otherwise start matplotlib's math mode (and can fail it)."""
    return text.replace("$", r"\$")


def _span(timeline: Timeline) -> tuple[datetime, datetime]:
    moments = [s.stated_at for series in timeline.series for s in series.steps]
    moments += [w.stated_at for series in timeline.series for w in series.withdrawn]
    return min(moments), max(moments)
