"""The chart as a PNG, drawn with matplotlib's Agg backend (no display, no pyplot state).

matplotlib is imported inside `chart_figure`, never at module import: the bot starts and
answers queries without it, and only a chart request pays its import (~0.7 s, ~57 MB;
see bench/chart_libraries.py). The Figure is built directly rather than through pyplot,
whose global figure registry is not safe on the Slack worker pool's threads.

Laid out to be published as it is: the title, the plot, the key below it (never over the
plot or past the picture's edge), then the source line with the "as of" date.

- x: one slot per day with a statement, evenly spaced and dated (bot/charts/axis.py), so
  one late statement cannot squeeze the rest; a dotted rule and a // on the axis mark a
  long gap in time.
- y: the four clear stances, Opposes at the bottom. Unclear remarks sit in a grey band
  beneath the scale, hollow, in the actor's marker and colour: they are no stance, and
  the actor's line runs on at the last clear stance through them.

Colour is never the only cue: each actor has its own marker shape and line style, named
in the legend; condition changes (a star) and withdrawn statements (a cross, off the
line) are explained there too. Actors at the same stance are nudged apart vertically so
one line never hides another.
"""

import io
from datetime import datetime
from textwrap import fill
from typing import Any
from zoneinfo import ZoneInfo

from bot.charts.axis import GAP_DAYS, StatementAxis, statement_axis
from bot.charts.describe import credit_line
from bot.charts.timeline import LEVELS, Series, Timeline
from bot.positions import ChangeKind
from bot.stances import LABELS
from bot.text import counted

# Okabe–Ito: told apart with the common kinds of colour blindness.
_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
_MARKERS = ("o", "s", "^", "D", "v", "P", "h", "<")
_STYLES = ("-", "--", ":", "-.")
_NUDGE = 0.08  # vertical gap between actors at the same stance, in stance units
_REMARK_Y = -1.25  # the middle of the unclear-remark band, below Opposes (0)
_BAND = (-1.85, -0.65)  # the band's bottom and top
_TOP = len(LEVELS) - 0.55
_NAME_CHARS = 32
_GREY = "#444444"
_GAP = 0.015  # between the source line, the key and the plot, as a share of the height
_TITLE_CHARS = 70  # a longer title wraps rather than running off the picture
REMARK_LABEL = "Unclear remark"


def render_png(timeline: Timeline, *, zone: ZoneInfo, as_of: datetime, credit: str = "") -> bytes:
    """The chart of `timeline` as PNG bytes (1000 x 620 pixels)."""
    figure = chart_figure(timeline, zone=zone, as_of=as_of, credit=credit)
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def chart_figure(timeline: Timeline, *, zone: ZoneInfo, as_of: datetime, credit: str = "") -> Any:
    """The matplotlib Figure of a timeline that has statements."""
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine
    from matplotlib.lines import Line2D

    # Constrained layout places the title and plot; the key and source line go beneath it
    # in a strip the layout leaves free (see `_footer`).
    figure = Figure(figsize=(10, 6.2), dpi=100, layout=ConstrainedLayoutEngine())
    axes = figure.add_subplot()
    axis = statement_axis(timeline.moments, zone=zone)
    band = any(s.remarks or any(w.level is None for w in s.withdrawn) for s in timeline.series)
    handles: list[Any] = []
    count = len(timeline.series)
    for index, series in enumerate(timeline.series):
        style = {
            "color": _COLOURS[index % len(_COLOURS)],
            "marker": _MARKERS[index % len(_MARKERS)],
            "linestyle": _STYLES[index % len(_STYLES)],
        }
        offset = index - (count - 1) / 2
        nudges = (offset * _NUDGE, offset * min(0.15, 0.9 / count))  # on the scale, in the band
        named = count > 1  # in a topic chart a withdrawal mark is off every line: name it
        handles.append(_draw(axes, series, axis=axis, nudges=nudges, style=style, named=named))
    handles += _mark_keys(timeline, Line2D)
    _stance_scale(axes, band=band)
    _time_axis(axes, axis, left_out=timeline.left_out)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_title(fill(_plain(timeline.title), width=_TITLE_CHARS), fontsize=14, loc="left")
    _footer(figure, handles, credit=_plain(credit_line(as_of=as_of, zone=zone, credit=credit)))
    return figure


def _footer(figure: Any, handles: list[Any], *, credit: str) -> None:
    """The source line at the bottom, the key above it in as many columns (at most 4) as fit
    the picture's width, and the plot kept above both: measured, so nothing overlaps."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    height = figure.bbox.height
    line = figure.text(0.01, _GAP, credit, ha="left", va="bottom", fontsize=9, color=_GREY)
    top = line.get_window_extent(renderer).y1 / height + _GAP
    for columns in range(min(4, len(handles)), 0, -1):
        legend = figure.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, top),
            ncols=columns,
            frameon=False,
            borderaxespad=0,
        )
        extent = legend.get_window_extent(renderer)
        if columns == 1 or extent.width <= figure.bbox.width * 0.96:
            break
        legend.remove()
    bottom = extent.y1 / height + _GAP
    figure.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom - _GAP))  # left, bottom, w, h


def _stance_scale(axes: Any, *, band: bool) -> None:
    """The four clear stances, and beneath them (when used) the unclear-remark band."""
    ticks = [(float(i), LABELS[stance]) for i, stance in enumerate(LEVELS)]
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    if band:
        axes.axhspan(*_BAND, color="#f2f2f2", linewidth=0, zorder=0)
        ticks.insert(0, (_REMARK_Y, REMARK_LABEL))
    axes.set_yticks([y for y, _ in ticks], [label for _, label in ticks])
    if band:
        axes.get_yticklabels()[0].set(fontstyle="italic", color=_GREY)
    axes.set_ylim(_BAND[0] if band else -0.6, _TOP)
    axes.set_axisbelow(True)


def _time_axis(axes: Any, axis: StatementAxis, *, left_out: int) -> None:
    """Dated slots, break marks at long gaps, and a label saying the spacing is not to scale."""
    axes.set_xlim(*axis.span)
    axes.set_xticks([x for x, _ in axis.ticks], [label for _, label in axis.ticks])
    notes = ["Statements evenly spaced by day, not to scale of time"]
    for x in axis.breaks:
        axes.axvline(x, color="#bbbbbb", linewidth=0.8, linestyle=(0, (1, 3)), zorder=1)
        axes.annotate(
            "//",
            (x, 0),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="center",
            fontsize=11,
            color=_GREY,
            annotation_clip=False,
        )
    if axis.breaks:
        notes.append(f"// a gap of over {GAP_DAYS} days")
    if left_out:
        notes.append(f"{counted(left_out, 'less active actor')} not shown")
    axes.set_xlabel(" · ".join(notes), fontsize=9, color=_GREY, loc="left")


def _draw(
    axes: Any,
    series: Series,
    *,
    axis: StatementAxis,
    nudges: tuple[float, float],
    style: dict[str, str],
    named: bool,
) -> Any:
    """The actor's steps, held to the chart's end; remarks in the band; marks for conditions
    and withdrawals."""
    name = _plain(series.actor if len(series.actor) <= _NAME_CHARS else series.actor[:31] + "…")
    nudge, band_nudge = nudges
    slots = [axis.x(step.stated_at) for step in series.steps]
    heights = [step.level + nudge for step in series.steps]
    line = axes.plot(
        [*slots, axis.span[1]] if slots else [],
        [*heights, heights[-1]] if heights else [],
        drawstyle="steps-post",
        linewidth=2,
        markersize=7,
        markevery=list(range(len(slots))),
        label=name,
        **style,
    )[0]
    if not slots:
        # No clear statement: the legend still needs the actor's marker and colour.
        line = axes.plot([], [], linewidth=2, markersize=7, label=name, **style)[0]
    hollow = {"linestyle": "none", "markerfacecolor": "white", "zorder": 4}

    def height(level: int | None) -> float:
        return _REMARK_Y + band_nudge if level is None else level + nudge

    if series.remarks:
        axes.plot(
            [axis.x(r.stated_at) for r in series.remarks],
            [height(None)] * len(series.remarks),
            marker=style["marker"],
            markersize=8,
            markeredgecolor=style["color"],
            markeredgewidth=1.6,
            **hollow,
        )
    changed = [s for s in series.steps if s.change is ChangeKind.CONDITIONS]
    for points, marker, size in ((changed, "*", 15), (series.withdrawn, "X", 10)):
        if points:
            # Hollow marks in the actor's colour: a condition change or a withdrawn statement.
            axes.plot(
                [axis.x(p.stated_at) for p in points],
                [height(p.level) for p in points],
                marker=marker,
                markersize=size,
                markeredgecolor=style["color"],
                markeredgewidth=1.5,
                **hollow,
            )
    for mark in series.withdrawn if named else ():
        axes.annotate(
            name,
            (axis.x(mark.stated_at), height(mark.level)),
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
    if any(series.remarks for series in timeline.series):
        label = f"{REMARK_LABEL} (hollow;\nstance unchanged)"
        keys.append(line_type([], [], marker="o", markersize=8, label=label, **common))
    if any(series.withdrawn for series in timeline.series):
        label = "Withdrawn or corrected\nstatement (not counted)"
        keys.append(line_type([], [], marker="X", markersize=9, label=label, **common))
    return keys


def _plain(text: str) -> str:
    """Names as typed: a `$` would otherwise start matplotlib's math mode (and can fail it)."""
    return text.replace("$", r"\$")
