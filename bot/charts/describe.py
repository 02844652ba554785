"""The chart in words: alt text written from the same data the picture is drawn from.

`Vladimir Putin on US ceasefire proposal: Conditional support from 13 Mar 2025;
Supports from 2 Apr 2025; conditions changed 1 time; 1 withdrawn statement.`
Only stance changes start a new "from"; restatements add nothing, condition changes,
unclear remarks (which change no stance) and withdrawn statements are counted. Capped at
Slack's alt-text limit (files.getUploadURLExternal `alt_txt`, 1,000 characters).

`credit_line` is the source line printed under the picture, so it can be published as is.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.charts.timeline import Series, Timeline
from bot.positions import ChangeKind
from bot.stances import LABELS
from bot.text import counted

MAX_ALT_TEXT = 1000


def alt_text(timeline: Timeline, *, zone: ZoneInfo) -> str:
    """One sentence per actor, newest stance last; cut to MAX_ALT_TEXT characters."""
    if timeline.actor and len(timeline.series) == 1:
        text = f"{timeline.title}: {_moves(timeline.series[0], zone)}."
    else:
        parts = [f"Stances on {timeline.topic} over time."]
        parts += [f"{s.actor}: {_moves(s, zone)}." for s in timeline.series]
        if timeline.left_out:
            parts.append(f"{counted(timeline.left_out, 'less active actor')} not shown.")
        text = " ".join(parts)
    if len(text) > MAX_ALT_TEXT:
        text = text[: MAX_ALT_TEXT - 1].rstrip() + "…"
    return text


def _moves(series: Series, zone: ZoneInfo) -> str:
    parts: list[str] = []
    conditions = 0
    for step in series.steps:
        if step.change in (ChangeKind.FIRST, ChangeKind.SHIFT):
            parts.append(f"{LABELS[step.stance]} from {_day(step.stated_at, zone)}")
        elif step.change is ChangeKind.CONDITIONS:
            conditions += 1
    if not parts:
        parts.append("no clear stance stated" if series.remarks else "no statement standing")
    if conditions:
        parts.append(f"conditions changed {counted(conditions, 'time')}")
    if series.remarks:
        parts.append(f"{counted(len(series.remarks), 'unclear remark')} (no change of stance)")
    if series.withdrawn:
        parts.append(counted(len(series.withdrawn), "withdrawn statement"))
    return "; ".join(parts)


def _day(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%-d %b %Y}"


def credit_line(*, as_of: datetime, zone: ZoneInfo, credit: str = "") -> str:
    """'Source: Standpoint position records · as of 7 Dec 2026 · Europe desk'."""
    parts = ["Source: Standpoint position records", f"as of {_day(as_of, zone)}"]
    return " · ".join([*parts, credit.strip()] if credit.strip() else parts)
